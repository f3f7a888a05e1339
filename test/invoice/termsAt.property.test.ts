import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Contract, type ContractInput, parseContract } from "../../src/contracts/index.js";
import { chargeAt, chargesAt } from "../../src/invoice/termsAt.js";
import type { ChargeInForce } from "../../src/rating/index.js";
import { buildContractJson } from "../_support/contract.js";

// chargesAt builds the terms once per stretch between change dates and shares them; these laws check
// it against the definition, applied afresh at every instant: the contract's charges, each amendment
// effective by then (removals, then replacements and additions), then each override in force, in
// contract order.

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
const date = (day: number) => new Date(START + day * DAY).toISOString().slice(0, 10);

function naiveChargesAt(contract: Contract, instant: number): string[] {
  let charges: ChargeInForce[] = [...contract.charges];
  for (const amendment of contract.amendments) {
    if (amendment.effective > instant) break;
    charges = charges.filter((charge) => !amendment.remove.includes(charge.id));
    for (const replacement of amendment.charges) {
      const at = charges.findIndex((charge) => charge.id === replacement.id);
      if (at === -1) charges.push(replacement);
      else charges[at] = replacement;
    }
  }
  // What an override does to one charge is chargesAt's own (withOverride); the order and the choice of
  // overrides is what the shared timeline could get wrong, so compare ids, names and override ids.
  return charges.map((charge) => {
    const applied = contract.overrides
      .filter((override) => override.charge === charge.id && override.from <= instant)
      .map((override) => override.id);
    return `${charge.id}:${charge.name}:${applied.join("+")}`;
  });
}

const ids = ["a", "b", "c", "d"];

const contractArb = fc
  .record({
    amendments: fc.uniqueArray(
      fc.record({
        day: fc.integer({ min: 1, max: 80 }),
        change: fc.subarray(ids, { minLength: 1 }),
        remove: fc.subarray(ids),
      }),
      { selector: (amendment) => amendment.day, maxLength: 4 },
    ),
    overrides: fc.array(
      fc.record({ day: fc.integer({ min: 0, max: 80 }), charge: fc.constantFrom(...ids) }),
      { maxLength: 6 },
    ),
  })
  .map(({ amendments, overrides }): ContractInput => {
    const sorted = [...amendments].sort((x, y) => x.day - y.day);
    return buildContractJson({
      id: "ctr_terms",
      meters: [],
      charges: ids.slice(0, 3).map((id) => ({ id, name: `${id}0`, price: { model: "flat", amount: "10" } })),
      amendments: sorted.map((amendment, n) => ({
        id: `am${n}`,
        effective: date(amendment.day),
        charges: amendment.change.map((id) => ({
          id,
          name: `${id}${n + 1}`,
          price: { model: "flat" as const, amount: "20" },
        })),
        remove: amendment.remove.filter((id) => !amendment.change.includes(id)),
      })),
      overrides: overrides.map((override, n) => ({
        id: `ov${n}`,
        charge: override.charge,
        from: date(override.day),
        multiplier: "0.5",
      })),
    });
  })
  .map((input) => {
    const result = (() => {
      try {
        return parseContract(input);
      } catch {
        return undefined; // an override or removal of a charge no version defines: not a contract
      }
    })();
    return result;
  })
  .filter((contract): contract is Contract => contract !== undefined);

describe("chargesAt (laws)", () => {
  it("gives at every instant the terms the definition gives, whatever order instants are asked in", () => {
    fc.assert(
      fc.property(
        contractArb,
        fc.array(fc.integer({ min: -2, max: 90 }), { maxLength: 30 }),
        (contract, days) => {
          for (const day of days) {
            for (const instant of [START + day * DAY - 1, START + day * DAY, START + day * DAY + 1]) {
              const charges = chargesAt(contract, instant);
              const described = charges.map(
                (charge) =>
                  `${charge.id}:${charge.name}:${(charge.overrides ?? []).map((o) => o.id).join("+")}`,
              );
              expect(described).toEqual(naiveChargesAt(contract, instant));
              for (const charge of charges) expect(chargeAt(contract, instant, charge.id)).toBe(charge);
              expect(chargeAt(contract, instant, "nope")).toBeUndefined();
            }
          }
        },
      ),
    );
  });

  it("shares one list of terms between two instants when no change date lies between them", () => {
    fc.assert(
      fc.property(
        contractArb,
        fc.integer({ min: 0, max: 85 }),
        fc.integer({ min: 0, max: 85 }),
        (contract, x, y) => {
          const [early, late] = [START + Math.min(x, y) * DAY, START + Math.max(x, y) * DAY];
          const between = [
            ...contract.amendments.map((amendment) => amendment.effective),
            ...contract.overrides.map((override) => override.from),
          ].some((change) => change > early && change <= late);
          if (!between) expect(chargesAt(contract, early)).toBe(chargesAt(contract, late));
        },
      ),
    );
  });
});
