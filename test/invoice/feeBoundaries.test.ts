import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge, seatsCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The edges of src/invoice/stages/fees.ts (docs/testing-mutation.md, chunk g): a trial that ends exactly
// where a piece of the period starts or ends, a fee an amendment removes and adds back, and the next
// period's fee past the last year ratecard rates. Exact seconds are the proration basis; March has 31
// days, April 30. Every test builds its contract inside `it` (Stryker's per-test coverage counts
// nothing computed in a `describe` body).
const platform = (amount: string) => flatCharge("platform", "Platform", amount, { billed: "in_advance" });
const support = (amount: string) => flatCharge("support", "Support", amount);
const table = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.amount]);
const kinds = (invoice: Invoice, id: string) =>
  invoice.lines.find((line) => line.id === id)!.steps.map((step) => step.kind);

// Platform 310.00 a month in advance and support 62.00 a month in arrears (10.00 and 2.00 a day in
// March), raised on 11 March to 620.00 and 93.00.
function trialContract(trialEnd: string) {
  return buildContract(
    buildContractJson({
      id: "ctr_trial_edges",
      term: { start: "2026-03-01" },
      charges: [platform("310"), support("62")],
    }),
    {
      trial: { end: trialEnd },
      amendments: [{ id: "up", effective: "2026-03-11", charges: [platform("620"), support("93")] }],
    },
  );
}

describe("a trial that ends exactly at an amendment's cut (11 March)", () => {
  it("bills nothing before the cut and everything after it, with no trial step after it", () => {
    const invoice = rateInvoice(trialContract("2026-03-11"), [], "2026-03");
    // support in arrears, two pieces: 1–11 March lies wholly in the trial → 0.00 (a share of 0, not a
    // share of an empty stretch); 11 March → 1 April is 21 of 31 days after the trial: 93 × 21 ÷ 31 =
    // 63.00. Platform: the opening invoice billed 310 × 21 ÷ 31 = 210.00 for 11–31 March; the change
    // credits those 21 days, −210.00, and bills 620 × 21 ÷ 31 = 420.00; April in advance: 620.00.
    expect(table(invoice)).toEqual([
      ["support@2026-03-01", "0.00"],
      ["support@2026-03-11", "63.00"],
      ["platform:unused@2026-03-11", "-210.00"],
      ["platform@2026-03-11", "420.00"],
      ["platform", "620.00"],
    ]);
    expect(invoice.total).toBe("893.00"); // 0 + 63 − 210 + 420 + 620
    // The trial ends where the later pieces start: they are not in it, so none says "trial".
    expect(kinds(invoice, "support@2026-03-01")).toContain("trial");
    for (const id of ["support@2026-03-11", "platform:unused@2026-03-11", "platform@2026-03-11", "platform"])
      expect(kinds(invoice, id)).not.toContain("trial");
    expect(table(rateOpeningInvoice(trialContract("2026-03-11")))).toEqual([["platform", "210.00"]]);
  });
});

describe("a trial that ends exactly at the end of the billing period (1 April)", () => {
  it("makes no credit or charge for a change inside it, and bills the next period whole", () => {
    const contract = trialContract("2026-04-01");
    // The opening invoice: March lies wholly in the trial → 0.00.
    expect(table(rateOpeningInvoice(contract))).toEqual([["platform", "0.00"]]);
    const march = rateInvoice(contract, [], "2026-03");
    // support: both pieces lie in the trial → 0.00 each; the change on 11 March bills no time after
    // the trial, so it has no unused-time credit and no new-terms line (not two lines of 0.00);
    // April in advance starts when the trial ends: 620.00 whole, with no trial step.
    expect(table(march)).toEqual([
      ["support@2026-03-01", "0.00"],
      ["support@2026-03-11", "0.00"],
      ["platform", "620.00"],
    ]);
    expect(kinds(march, "platform")).not.toContain("trial");
    expect(march.lines.at(-1)!.period).toEqual({
      start: "2026-04-01T00:00:00.000Z",
      end: "2026-05-01T00:00:00.000Z",
    });
  });

  it("bills the first period after the trial whole, with no trial step and no proration", () => {
    const april = rateInvoice(trialContract("2026-04-01"), [], "2026-04");
    // support 93.00 for all of April; May in advance: platform 620.00
    expect(table(april)).toEqual([
      ["support", "93.00"],
      ["platform", "620.00"],
    ]);
    expect(kinds(april, "support")).toEqual(["flat", "rounding"]);
  });
});

describe("a fee an amendment removes and adds back, with an unrelated change between", () => {
  it("credits the terms last billed when it comes back, though it was absent for two pieces", () => {
    const contract = buildContract(
      buildContractJson({
        id: "ctr_back",
        term: { start: "2026-03-10" },
        charges: [seatsCharge("10"), support("50")],
      }),
      {
        amendments: [
          // April keeps the 10 seats March's invoice billed for it
          { id: "drop", effective: "2026-04-06", remove: ["seats"], proration: "none" },
          // a change of another charge cuts April again; seats are absent on both sides of it
          { id: "addon", effective: "2026-04-11", charges: [flatCharge("addon", "Add-on", "30")] },
          { id: "back", effective: "2026-04-21", charges: [seatsCharge("15")], creditBasis: "last_billed" },
        ],
      },
    );
    const invoice = rateInvoice(contract, [], "2026-04");
    // 21 April → 1 May is 10 of 30 days. The time was last billed at 10 seats (March's invoice):
    // credit −10 × 12.00 × 10 ÷ 30 = −40.00; 15 seats for the same days: 15 × 12.00 × 10 ÷ 30 = 60.00;
    // May in advance: 15 × 12.00 = 180.00.
    expect(table(invoice).filter(([id]) => id!.startsWith("seats"))).toEqual([
      ["seats:unused@2026-04-21", "-40.00"],
      ["seats@2026-04-21", "60.00"],
      ["seats", "180.00"],
    ]);
    // support 50.00; the add-on from 11 April: 30 × 20 ÷ 30 = 20.00
    expect(invoice.total).toBe("270.00"); // 50 + 20 − 40 + 60 + 180
  });
});

describe("a term that ends exactly at the end of a billing period", () => {
  it("bills no fee in advance on the invoice that closes its last period", () => {
    const contract = buildContract(
      buildContractJson({
        id: "ctr_term_end",
        term: { start: "2026-03-01", end: "2026-06-01" },
        charges: [seatsCharge("10"), support("50")],
      }),
      {},
    );
    // April's invoice bills May in advance: 10 × 12.00 = 120.00
    expect(table(rateInvoice(contract, [], "2026-04"))).toEqual([
      ["support", "50.00"],
      ["seats", "120.00"],
    ]);
    // May's closes the billing period, but June lies wholly after the term: support only
    expect(table(rateInvoice(contract, [], "2026-05"))).toEqual([["support", "50.00"]]);
  });
});

describe("the next period's fee at the end of the years ratecard rates", () => {
  it("bills November 9999's next period (December 9999), and refuses the invoice whose next period ends in 10000", () => {
    const contract = buildContract(
      buildContractJson({ id: "ctr_9999", term: { start: "9999-01-01" }, charges: [platform("310")] }),
      {},
    );
    // October's invoice bills November in advance: [9999-11-01, 9999-12-01), 310.00
    const october = rateInvoice(contract, [], "9999-10");
    expect(table(october)).toEqual([["platform", "310.00"]]);
    expect(october.lines[0]!.period).toEqual({
      start: "9999-11-01T00:00:00.000Z",
      end: "9999-12-01T00:00:00.000Z",
    });
    // November's would bill December 9999, which ends on 10000-01-01, after the last instant
    expect(thrown(() => rateInvoice(contract, [], "9999-11"))).toMatchObject({
      code: "invalid_period",
      path: "period",
      message:
        "This invoice would bill the fees in advance for the next billing period, which ends after 9999, outside the years ratecard rates (1970–9999, in UTC).",
    });
  });
});
