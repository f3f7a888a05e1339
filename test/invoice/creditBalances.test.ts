import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { InputError } from "../../src/errors/index.js";
import { rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, type ContractOverrides, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// One usage charge at 1.00 a unit from 1 January 2026, and the grants each test gives it.
function contractWith(credits: ContractInput["credits"], extra: ContractOverrides = {}) {
  return buildContract(
    { id: "ctr_bal", meters: [sumMeter("a")], charges: [unitCharge("compute", "Compute", "a")], credits },
    extra,
  );
}
const promo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Grant ${id}`,
  kind: "promotional" as const,
  amount: "100",
  ...extra,
});
const usage = (month: string, v: string) => [
  { id: `${month}-1`, type: "a", customer: "cus", timestamp: `${month}-02T00:00:00Z`, properties: { v } },
];
const applied = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.credits?.map((credit) => [credit.id, credit.applied, credit.balanceAfter]);

describe("credit balances carried between invoices", () => {
  it("refuses a balance for a grant the contract does not have, naming it", () => {
    const contract = contractWith([promo("welcome")]);
    const error = thrown(() =>
      rateInvoice(contract, usage("2026-03", "10"), "2026-03", { creditBalances: { welcom: "40.00" } }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "unknown_credit_grant", path: "options.creditBalances.welcom" });
  });

  it("refuses an unknown id even when the flag says grants start full (a typo is never a reset)", () => {
    const contract = contractWith([promo("welcome")]);
    expect(
      thrown(() =>
        rateInvoice(contract, usage("2026-03", "10"), "2026-03", {
          creditBalances: { "other contract's grant": "5" },
          creditsStartFull: true,
        }),
      ),
    ).toMatchObject({
      code: "unknown_credit_grant",
      path: 'options.creditBalances["other contract\'s grant"]',
    });
  });

  it("refuses a grant that started before the period with no balance carried", () => {
    // welcome started with the term on 1 January; March's invoice cannot know what January and
    // February burned, so it must not assume the full 100.00
    const contract = contractWith([promo("welcome")]);
    // the grant is addressed where the contract defines it, credits[0] (not by its id)
    expect(thrown(() => rateInvoice(contract, usage("2026-03", "10"), "2026-03"))).toMatchObject({
      code: "missing_credit_balance",
      path: "credits[0]",
    });
    // the same when another grant's balance is given but not this one's
    const two = contractWith([promo("welcome"), promo("sla")]);
    expect(
      thrown(() =>
        rateInvoice(two, usage("2026-03", "10"), "2026-03", { creditBalances: { welcome: "30.00" } }),
      ),
    ).toMatchObject({ code: "missing_credit_balance", path: "credits[1]" });
  });

  it("addresses a bad carried balance by a valid JSON path into the balances, whatever the grant id", () => {
    // a bare "promo.2026-q1" would read as key 2026-q1 inside key promo
    const contract = contractWith([promo("promo.2026-q1")]);
    expect(
      thrown(() =>
        rateInvoice(contract, usage("2026-03", "10"), "2026-03", {
          creditBalances: { "promo.2026-q1": "-1" },
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: 'options.creditBalances["promo.2026-q1"]' });
  });

  it("starts a grant without a balance full when the caller says so", () => {
    const contract = contractWith([promo("welcome")]);
    const march = rateInvoice(contract, usage("2026-03", "10"), "2026-03", { creditsStartFull: true });
    // 10 units × 1.00 = 10.00, all paid by the full 100.00 grant: 90.00 left
    expect(applied(march)).toEqual([["welcome", "-10.00", "90.00"]]);
  });

  it("uses a carried balance and starts only the unlisted grants full under creditsStartFull", () => {
    const contract = contractWith([promo("welcome", { priority: 0 }), promo("sla", { priority: 1 })]);
    const march = rateInvoice(contract, usage("2026-03", "30"), "2026-03", {
      creditBalances: { welcome: "20.00" },
      creditsStartFull: true,
    });
    // 30.00 of usage: welcome (priority 0) pays its 20.00 balance, sla (full 100.00) the other 10.00
    expect(applied(march)).toEqual([
      ["welcome", "-20.00", "0.00"],
      ["sla", "-10.00", "90.00"],
    ]);
  });

  it("needs no balance for a grant that starts with this invoice's period", () => {
    // effective 1 March: no earlier invoice can have burned it, so March starts it full
    const contract = contractWith([promo("march_promo", { effective: "2026-03-01" })]);
    expect(applied(rateInvoice(contract, usage("2026-03", "10"), "2026-03"))).toEqual([
      ["march_promo", "-10.00", "90.00"],
    ]);
    // and the first invoice of the term starts every grant full
    expect(applied(rateInvoice(contractWith([promo("welcome")]), usage("2026-01", "10"), "2026-01"))).toEqual(
      [["welcome", "-10.00", "90.00"]],
    );
  });

  it("needs no balance for a recurring grant, which starts full every period", () => {
    const contract = contractWith([promo("monthly", { recurring: true })]);
    // 10.00 of usage against a fresh 100.00 in March, as in every month
    expect(applied(rateInvoice(contract, usage("2026-03", "10"), "2026-03"))).toEqual([
      ["monthly", "-10.00", "90.00"],
    ]);
  });

  it("starts a grant effective before the term with the term on the opening invoice", () => {
    // signed in December, effective 2025-12-15, term from 1 January: the opening invoice is the first
    const contract = contractWith([promo("signing", { effective: "2025-12-15" })], {
      charges: [
        { id: "platform", name: "Platform", price: { model: "flat", amount: "40" }, billed: "in_advance" },
      ],
    });
    // the 40.00 platform fee billed in advance, paid by the full 100.00 grant
    expect(applied(rateOpeningInvoice(contract))).toEqual([["signing", "-40.00", "60.00"]]);
  });

  it("refuses the opening invoice's balances for grants the contract does not have", () => {
    const contract = contractWith([promo("welcome")]);
    expect(thrown(() => rateOpeningInvoice(contract, { creditBalances: { nope: "1" } }))).toMatchObject({
      code: "unknown_credit_grant",
      path: "options.creditBalances.nope",
    });
  });

  it("law: every id outside the contract's grants is refused; the contract's own ids are accepted", () => {
    const grantIds = ["welcome", "sla", "prepay"];
    const contract = contractWith(grantIds.map((id) => promo(id)));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...grantIds), fc.string({ minLength: 1, maxLength: 12 })),
          fc.constantFrom("0", "12.50", "100"),
          { maxKeys: 4 },
        ),
        (balances) => {
          const unknown = Object.keys(balances).filter((id) => !grantIds.includes(id));
          const rate = () =>
            rateInvoice(contract, usage("2026-03", "10"), "2026-03", {
              creditBalances: balances,
              creditsStartFull: true,
            });
          if (unknown.length > 0) {
            expect(thrown(rate)).toMatchObject({ code: "unknown_credit_grant" });
            return;
          }
          // a known balance is used as given: what it pays + what is left = the balance (or 100 if absent)
          for (const credit of rate().credits ?? []) {
            const before = balances[credit.id] ?? "100";
            expect(new Decimal(credit.balanceAfter).minus(credit.applied).equals(before)).toBe(true);
          }
        },
      ),
    );
  });
});
