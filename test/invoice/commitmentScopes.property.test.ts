import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

// A commitment's `charges` is a set: writing a charge twice changes neither whether the contract is
// accepted (scopes nested or separate) nor, when it is, the invoice.
const CHARGES = ["compute", "storage", "egress"] as const;

function contractOf(scopes: ReadonlyArray<ReadonlyArray<string>>) {
  return buildContract(
    { id: "ctr_scopes" },
    {
      meters: [sumMeter("a"), sumMeter("b"), sumMeter("c")],
      charges: [
        unitCharge("compute", "Compute", "a"),
        unitCharge("storage", "Storage", "b"),
        unitCharge("egress", "Egress", "c"),
      ],
      commitments: scopes.map((charges, i) => ({
        id: `c${i}`,
        name: `C${i}`,
        minimum: String(40 * (i + 1)),
        charges: [...charges],
      })),
    },
  );
}

// The invoice, or the paths of the refusal.
function outcome(scopes: ReadonlyArray<ReadonlyArray<string>>): unknown {
  let contract: ReturnType<typeof contractOf>;
  try {
    contract = contractOf(scopes);
  } catch (error) {
    return (error as { details: { problems: { path: string }[] } }).details.problems.map((p) => p.path);
  }
  const usage = [
    usageEvent("1", "a", "2026-03-02T00:00:00Z", { v: "30" }),
    usageEvent("2", "b", "2026-03-02T00:00:00Z", { v: "20" }),
    usageEvent("3", "c", "2026-03-02T00:00:00Z", { v: "10" }),
  ];
  const invoice = withoutDigests(rateInvoice(contract, usage, "2026-03"));
  return { lines: invoice.lines, commitments: invoice.commitments, total: invoice.total };
}

const scope = fc.uniqueArray(fc.constantFrom(...CHARGES), { minLength: 1, maxLength: 3 });

describe("commitment scopes are sets", () => {
  it("law: repeating charges in the lists gives the outcome of the lists without repeats", () => {
    fc.assert(
      fc.property(
        fc.array(scope, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 3, maxLength: 3 }),
        (scopes, repeats) => {
          // each list repeats its first charge repeats[i] more times, at its end
          const repeated = scopes.map((charges, i) => [
            ...charges,
            ...Array<string>(repeats[i]!).fill(charges[0]!),
          ]);
          expect(outcome(repeated)).toEqual(outcome(scopes));
        },
      ),
    );
  });
});
