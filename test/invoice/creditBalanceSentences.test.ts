import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides, sumMeter, unitCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// One usage charge at 1.00 a unit; the term starts on 1 January 2026, UTC, billed monthly.
function contractWith(credits: ContractInput["credits"], extra: ContractOverrides = {}) {
  return buildContract(
    {
      id: "ctr_sentences",
      meters: [sumMeter("a")],
      charges: [unitCharge("compute", "Compute", "a")],
      customUnits: [{ code: "CREDIT", minorUnits: 0 }],
      credits,
    },
    extra,
  );
}
const grant = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Grant ${id}`,
  kind: "promotional" as const,
  amount: "100",
  ...extra,
});
const tokens = grant("tokens", {
  kind: "prepaid",
  taxed: "at_use",
  amount: "10000",
  unit: "CREDIT",
  unitValue: "0.01",
});
const usage = (month: string, v: string) => [
  { id: `${month}-1`, type: "a", customer: "cus", timestamp: `${month}-02T00:00:00Z`, properties: { v } },
];
const rate = (contract: ReturnType<typeof contractWith>, month: string, balances?: Record<string, string>) =>
  rateInvoice(
    contract,
    usage(month, "10"),
    month,
    balances === undefined ? {} : { creditBalances: balances },
  );

describe("the sentences of refused carried balances", () => {
  it("lists the contract's grants when a balance names another", () => {
    const error = thrown(() =>
      rate(contractWith([grant("welcome"), grant("promo")]), "2026-03", { welcom: "40" }),
    );
    expect(error).toMatchObject({
      code: "unknown_credit_grant",
      path: "options.creditBalances.welcom",
      message:
        'The carried balances name credit grant "welcom", which contract ctr_sentences does not have (its grants: "welcome", "promo"); check that the balances come from this contract\'s previous invoice.',
    });
  });

  it("says so when the contract has no grants at all", () => {
    const error = thrown(() => rate(contractWith(undefined), "2026-03", { welcome: "40" }));
    expect(error).toMatchObject({
      code: "unknown_credit_grant",
      message:
        'The carried balances name credit grant "welcome", which contract ctr_sentences does not have (it has no credit grants); check that the balances come from this contract\'s previous invoice.',
    });
  });

  it("names the grant's amount, with its unit, when a balance is out of range", () => {
    expect(thrown(() => rate(contractWith([grant("welcome")]), "2026-03", { welcome: "-1" }))).toMatchObject({
      code: "invalid_field",
      path: "options.creditBalances.welcome",
      message:
        'The carried balance of credit "welcome" must be a decimal between 0 and its amount 100, not "-1".',
    });
    expect(thrown(() => rate(contractWith([tokens]), "2026-03", { tokens: "20000" }))).toMatchObject({
      code: "invalid_field",
      path: "options.creditBalances.tokens",
      message:
        'The carried balance of credit "tokens" must be a decimal between 0 and its amount 10000 CREDIT, not "20000".',
    });
  });

  it("names the unit and its decimals when a balance is finer than them", () => {
    expect(
      thrown(() => rate(contractWith([grant("welcome")]), "2026-03", { welcome: "10.123" })),
    ).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "options.creditBalances.welcome",
      message: 'The carried balance of credit "welcome" is "10.123" USD, but USD has 2 decimals.',
    });
    expect(thrown(() => rate(contractWith([tokens]), "2026-03", { tokens: "5.5" }))).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "options.creditBalances.tokens",
      message: 'The carried balance of credit "tokens" is "5.5" CREDIT, but CREDIT has 0 decimals.',
    });
  });
});

describe("which grants an earlier invoice may have burned (a balance is then required)", () => {
  const missing = (grantStart: string) =>
    `Credit grant "g" started on ${grantStart}, before this invoice's period (from 2026-03-01), and no balance is carried for it: pass the previous invoice's balances (its credits[].balanceAfter), or say that every grant without a carried balance starts from its full amount (creditsStartFull, --credits-start-full).`;

  it("dates a grant effective before the term from the term's start (2026-01-01, not 2025-12-01)", () => {
    const error = thrown(() => rate(contractWith([grant("g", { effective: "2025-12-01" })]), "2026-03"));
    expect(error).toMatchObject({
      code: "missing_credit_balance",
      path: "credits[0]",
      message: missing("2026-01-01"),
    });
  });

  it("requires a balance for a grant effective on the start of the invoice before (1 February)", () => {
    // February's invoice started on 2026-02-01, inside the grant's window: it may have burned the grant
    const error = thrown(() => rate(contractWith([grant("g", { effective: "2026-02-01" })]), "2026-03"));
    expect(error).toMatchObject({ code: "missing_credit_balance", message: missing("2026-02-01") });
  });

  it("starts full a grant effective after the start of the invoice before (15 February): none offered it", () => {
    // February's invoice started on 2026-02-01, before the grant: 10.00 of its 100.00 pays March's 10.00
    const invoice = rate(contractWith([grant("g", { effective: "2026-02-15" })]), "2026-03");
    expect(invoice.credits?.map((credit) => [credit.balanceBefore, credit.applied])).toEqual([
      ["100.00", "-10.00"],
    ]);
    expect(invoice.total).toBe("0.00");
  });

  it("starts full a grant effective on the invoice's own start, and applies it (1 March)", () => {
    const invoice = rate(contractWith([grant("g", { effective: "2026-03-01" })]), "2026-03");
    expect(invoice.credits?.map((credit) => [credit.balanceBefore, credit.applied])).toEqual([
      ["100.00", "-10.00"],
    ]);
  });

  it("does not apply a grant that expires on the invoice's start (expires is exclusive)", () => {
    const contract = contractWith([grant("g", { expires: "2026-03-01" })]);
    expect(rate(contract, "2026-03", { g: "50" }).credits).toBeUndefined();
    // in February it still applies: 10.00 of the carried 50.00
    expect(rate(contract, "2026-02", { g: "50" }).credits?.map((credit) => credit.applied)).toEqual([
      "-10.00",
    ]);
  });
});
