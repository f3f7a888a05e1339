import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, COMPUTE_AND_STORAGE, type ContractOverrides } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// These tests rate grants that started before the invoice's period as if no earlier invoice had
// burned them: they say so (creditsStartFull), as a caller must.
const FRESH = { creditsStartFull: true } as const;

const contractWith = (extra: ContractOverrides) =>
  buildContract(
    {
      id: "ctr_units",
      customUnits: [
        { code: "CREDIT", minorUnits: 0 },
        { code: "TOKEN", minorUnits: 2 },
      ],
    },
    COMPUTE_AND_STORAGE,
    extra,
  );
const spend = (month: string, a: string, b = "0") => [
  { id: `${month}a`, type: "a", customer: "cus", timestamp: `${month}-02T00:00:00Z`, properties: { v: a } },
  { id: `${month}b`, type: "b", customer: "cus", timestamp: `${month}-02T00:00:00Z`, properties: { v: b } },
];
const wallet = (
  amount: string,
  unitValue: string,
  unit = "CREDIT",
): NonNullable<ContractInput["credits"]> => [
  { id: "wallet", name: "Prepaid credits", kind: "prepaid", taxed: "at_use", amount, unit, unitValue },
];

describe("credit grants in a custom unit (docs/contracts.md, step 8)", () => {
  it("burns 6,137 of 10,000 CREDIT at 0.01 USD for a 61.37 invoice, then 3,863 for 38.63 of a 50.00 one", () => {
    const contract = contractWith({ credits: wallet("10000", "0.01") });
    const march = rateInvoice(contract, spend("2026-03", "61.37"), "2026-03", FRESH);
    // worth 10,000 × 0.01 = 100.00 ≥ 61.37 due: pays 61.37; units 61.37 ÷ 0.01 = 6,137 exactly;
    // 10,000 − 6,137 = 3,863 left
    expect(march.credits).toEqual([
      {
        id: "wallet",
        name: "Prepaid credits",
        stage: "after_tax",
        unit: "CREDIT",
        unitValue: "0.01",
        balanceBefore: "10000",
        applied: "-61.37",
        unitsUsed: "6137",
        balanceAfter: "3863",
      },
    ]);
    expect([march.total, march.amountDue]).toEqual(["61.37", "0.00"]);

    const april = rateInvoice(contract, spend("2026-04", "50"), "2026-04", {
      creditBalances: { wallet: march.credits![0]!.balanceAfter },
    });
    // worth 3,863 × 0.01 = 38.63 < 50.00: pays 38.63 with all 3,863 CREDIT; 50.00 − 38.63 = 11.37 due
    expect(april.credits?.[0]).toMatchObject({
      balanceBefore: "3863",
      applied: "-38.63",
      unitsUsed: "3863",
      balanceAfter: "0",
    });
    expect(april.amountDue).toBe("11.37");
    expect(explainText(april)).toContain(
      "Prepaid credits (after tax): 3,863 CREDIT at $0.01 each = -$38.63, of a 3,863 CREDIT balance; nothing left.",
    );
    // A balance drawn to the end says "nothing left", as a shared allowance does: it read "0 CREDIT left".
    expect(explainText(april)).not.toContain("0 CREDIT left");
  });

  it("reduces the taxed amount with a promotional grant in CREDIT, spread over the lines", () => {
    const contract = contractWith({
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
      credits: [
        {
          id: "promo",
          name: "Launch credits",
          kind: "promotional",
          amount: "5000",
          unit: "CREDIT",
          unitValue: "0.01",
        },
      ],
    });
    const invoice = rateInvoice(contract, spend("2026-03", "60", "40"), "2026-03", FRESH);
    // lines 60 + 40 = 100.00; the grant is worth 5,000 × 0.01 = 50.00: all of it, 5,000 CREDIT,
    // spread 60:40 → 30.00 and 20.00; nets 30 + 20 = 50.00; VAT 20 % = 10.00; total 60.00
    expect(invoice.credits?.[0]).toMatchObject({
      stage: "before_tax",
      balanceBefore: "5000",
      applied: "-50.00",
      unitsUsed: "5000",
      balanceAfter: "0",
      allocation: [
        { line: "compute", amount: "-30.00" },
        { line: "storage", amount: "-20.00" },
      ],
    });
    expect([invoice.tax?.total, invoice.total]).toEqual(["10.00", "60.00"]);
  });

  it("rounds the money down and the units up when a unit is not worth a whole number of cents", () => {
    // 1 CREDIT = 0.003 USD; 1,000 CREDIT are worth 3.00
    const contract = contractWith({ credits: wallet("1000", "0.003") });
    const march = rateInvoice(contract, spend("2026-03", "1"), "2026-03", FRESH);
    // pays 1.00 (less than 3.00); 1.00 ÷ 0.003 = 333.33… CREDIT → 334 (rounded up: 333 would cover only
    // 0.999); 1,000 − 334 = 666 left
    expect(march.credits?.[0]).toMatchObject({ applied: "-1.00", unitsUsed: "334", balanceAfter: "666" });
    // The explanation divides, as the burn does (it read "334 CREDIT at $0.003 each = -$1.00", where
    // 334 × 0.003 = 1.002)
    expect(explainText(march)).toContain(
      "Prepaid credits (after tax): -$1.00 at $0.003 each: $1.00 ÷ $0.003 = 333.333333333333… CREDIT, rounded up to 334 CREDIT, of a 1,000 CREDIT balance; 666 CREDIT left.",
    );

    const april = rateInvoice(contract, spend("2026-04", "5"), "2026-04", {
      creditBalances: { wallet: "666" },
    });
    // 666 × 0.003 = 1.998 → worth 1.99 (rounded down: never more than the balance is worth);
    // 1.99 ÷ 0.003 = 663.33… → 664 CREDIT; 666 − 664 = 2 left; 5.00 − 1.99 = 3.01 due
    expect(april.credits?.[0]).toMatchObject({ applied: "-1.99", unitsUsed: "664", balanceAfter: "2" });
    expect(april.amountDue).toBe("3.01");

    const may = rateInvoice(contract, spend("2026-05", "5"), "2026-05", { creditBalances: { wallet: "2" } });
    // 2 × 0.003 = 0.006 → worth 0.00: the 2 CREDIT cannot pay a cent, and stay
    expect(may.credits?.[0]).toMatchObject({ applied: "0.00", unitsUsed: "0", balanceAfter: "2" });
    expect(may.amountDue).toBe("5.00");
  });

  it("keeps balances in the unit's own decimals", () => {
    // 1 TOKEN (2 decimals) = 0.30 USD; 10.00 TOKEN are worth 3.00; pays 1.00:
    // 1.00 ÷ 0.30 = 3.333… → 3.34 TOKEN; 10.00 − 3.34 = 6.66 left
    const contract = contractWith({ credits: wallet("10", "0.30", "TOKEN") });
    const invoice = rateInvoice(contract, spend("2026-03", "1"), "2026-03", FRESH);
    expect(invoice.credits?.[0]).toMatchObject({
      unit: "TOKEN",
      unitValue: "0.3",
      balanceBefore: "10.00",
      unitsUsed: "3.34",
      balanceAfter: "6.66",
    });
  });

  it("refuses a unit that is not declared, or is the invoice currency, and a half-given unit", () => {
    const grant = { id: "g", name: "G", kind: "promotional" as const, amount: "10" };
    expect(
      thrown(() => contractWith({ credits: [{ ...grant, unit: "GEMS", unitValue: "0.1" }] })),
    ).toMatchObject({
      code: "unknown_currency",
      path: "credits[0].unit",
    });
    expect(thrown(() => contractWith({ credits: [{ ...grant, unit: "CREDIT" }] }))).toMatchObject({
      code: "missing_field",
      path: "credits[0].unitValue",
    });
    expect(thrown(() => contractWith({ credits: [{ ...grant, unitValue: "0.1" }] }))).toMatchObject({
      code: "missing_field",
      path: "credits[0].unit",
    });
    expect(
      thrown(() => contractWith({ credits: [{ ...grant, unit: "CREDIT", unitValue: "0" }] })),
    ).toMatchObject({ path: "credits[0].unitValue" });
    expect(
      thrown(() =>
        contractWith({ currency: "CREDIT", credits: [{ ...grant, unit: "CREDIT", unitValue: "1" }] }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "credits[0].unit" });
  });

  it("refuses an amount or a carried balance finer than the unit's minor units", () => {
    expect(thrown(() => contractWith({ credits: wallet("100.5", "0.01") }))).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "credits[0].amount",
    });
    const contract = contractWith({ credits: wallet("100", "0.01") });
    expect(
      thrown(() =>
        rateInvoice(contract, spend("2026-03", "1"), "2026-03", { creditBalances: { wallet: "10.5" } }),
      ),
    ).toMatchObject({ code: "amount_not_in_minor_units", path: "options.creditBalances.wallet" });
    expect(
      thrown(() =>
        rateInvoice(contract, spend("2026-03", "1"), "2026-03", { creditBalances: { wallet: "101" } }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "options.creditBalances.wallet" });
  });

  it("leaves grants of money as they were: no unit fields", () => {
    const contract = contractWith({
      credits: [{ id: "usd", name: "USD credit", kind: "promotional", amount: "10" }],
    });
    const invoice = rateInvoice(contract, spend("2026-03", "4"), "2026-03", FRESH);
    expect(invoice.credits?.[0]).toEqual({
      id: "usd",
      name: "USD credit",
      stage: "before_tax",
      balanceBefore: "10.00",
      applied: "-4.00",
      balanceAfter: "6.00",
      allocation: [{ line: "compute", amount: "-4.00" }],
    });
  });
});
