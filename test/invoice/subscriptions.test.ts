import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { type Invoice, rateInvoice, rateOpeningInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  type ContractOverrides,
  flatCharge,
  seatsCharge,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// A SaaS-style contract: seats and a platform fee billed in advance, a support fee and compute usage in
// arrears. The term starts on 10 March, so March is a first partial period (22 of 31 days).
const seats = seatsCharge;
const platform = (amount: string) => flatCharge("platform", "Platform", amount, { billed: "in_advance" });
const base = buildContractJson({
  id: "ctr_saas",
  term: { start: "2026-03-10" },
  meters: [sumMeter("cpu")],
  charges: [
    seats("10"),
    platform("300"),
    flatCharge("support", "Support", "50"),
    unitCharge("compute", "Compute", "cpu"),
  ],
});
const contractWith = (changes: ContractOverrides) => buildContract(base, changes);
const cpu = (id: string, date: string, v: string) => ({
  id,
  type: "cpu",
  customer: "cus",
  timestamp: `${date}T12:00:00Z`,
  properties: { v },
});
const table = (invoice: Invoice) => invoice.lines.map((line) => [line.id, line.amount]);

describe("the opening invoice", () => {
  it("leaves commitments to the invoices that close a period: a cap of 100.00 does not touch it", () => {
    // the 298.06 of fees in advance (as above) is above the cap, but the opening invoice measures no spend
    const invoice = rateOpeningInvoice(
      contractWith({ commitments: [{ id: "cap", name: "Spend cap", maximum: "100" }] }),
    );
    expect(table(invoice)).toEqual([
      ["seats", "85.16"],
      ["platform", "212.90"],
    ]);
    expect(invoice.total).toBe("298.06");
    expect(invoice.commitments).toBeUndefined();
  });

  it("bills the first partial period's fees in advance, prorated, and nothing in arrears", () => {
    const invoice = rateOpeningInvoice(contractWith({}));
    // 10 March → 1 April is 22 of March's 31 days (by seconds: 22 × 86,400 ÷ 31 × 86,400).
    // seats: 10 × 12.00 = 120.00 × 22 ÷ 31 = 85.1612… → 85.16
    // platform: 300.00 × 22 ÷ 31 = 212.9032… → 212.90; total 85.16 + 212.90 = 298.06
    expect(table(invoice)).toEqual([
      ["seats", "85.16"],
      ["platform", "212.90"],
    ]);
    expect(invoice.total).toBe("298.06");
    expect(invoice.kind).toBe("opening");
    expect(invoice.id).toBe("ctr_saas:2026-03-10:opening");
    expect(invoice.lines.every((line) => line.billed === "in_advance")).toBe(true);
    expect(invoice.lines[0]!.period).toEqual({
      start: "2026-03-10T00:00:00.000Z",
      end: "2026-04-01T00:00:00.000Z",
    });
    expect(invoice.lines[0]!.steps.slice(0, 2)).toEqual([
      { kind: "contract_quantity", quantity: "10" },
      { kind: "unit", quantity: "10", unitPrice: "12", amount: "120" },
    ]);
  });

  it("is empty for a contract without fees in advance", () => {
    const invoice = rateOpeningInvoice(
      contractWith({ charges: [{ id: "support", name: "Support", price: { model: "flat", amount: "50" } }] }),
    );
    expect(invoice.lines).toEqual([]);
    expect(invoice.total).toBe("0.00");
  });
});

describe("the invoice that closes a period", () => {
  it("bills usage and arrears fees for the period and the next period's fees in advance", () => {
    const invoice = rateInvoice(contractWith({}), [cpu("a", "2026-03-20", "7")], "2026-03");
    // support in arrears for 22 of 31 days: 50 × 22 ÷ 31 = 35.4838… → 35.48; compute 7 × 1.00 = 7.00
    // April in advance, a whole period: seats 10 × 12.00 = 120.00, platform 300.00
    expect(table(invoice)).toEqual([
      ["support", "35.48"],
      ["compute", "7.00"],
      ["seats", "120.00"],
      ["platform", "300.00"],
    ]);
    expect(invoice.total).toBe("462.48"); // 35.48 + 7.00 + 120.00 + 300.00
    expect(invoice.lines[2]!.period).toEqual({
      start: "2026-04-01T00:00:00.000Z",
      end: "2026-05-01T00:00:00.000Z",
    });
    expect(invoice.lines[2]!.billed).toBe("in_advance");
    expect(invoice.lines[0]!.billed).toBeUndefined();
  });

  it("credits the unused seats and bills the new count for the rest of the period (a seat change)", () => {
    const contract = contractWith({
      amendments: [{ id: "more-seats", effective: "2026-04-21", charges: [seats("15")] }],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // 21 April → 1 May is 10 of April's 30 days.
    // unused: 10 seats × 12.00 = 120.00 × 10 ÷ 30 = 40.00 credited → -40.00
    // new: 15 seats × 12.00 = 180.00 × 10 ÷ 30 = 60.00
    // May in advance with 15 seats: 180.00; platform 300.00; support (arrears) 50.00
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["compute", "0.00"],
      ["seats:unused@2026-04-21", "-40.00"],
      ["seats@2026-04-21", "60.00"],
      ["seats", "180.00"],
      ["platform", "300.00"],
    ]);
    expect(invoice.total).toBe("550.00"); // 50 − 40 + 60 + 180 + 300
    const unused = invoice.lines[2]!;
    expect(unused.period).toEqual({ start: "2026-04-21T00:00:00.000Z", end: "2026-05-01T00:00:00.000Z" });
    expect(unused.steps.find((step) => step.kind === "unused_time")).toEqual({
      kind: "unused_time",
      from: "2026-04-21T00:00:00.000Z",
      to: "2026-05-01T00:00:00.000Z",
      before: "40",
      amount: "-40",
    });
    expect(unused.steps.at(-1)?.kind).toBe("rounding");
  });

  it("credits more than it bills on a downgrade, each its own line", () => {
    const contract = contractWith({
      amendments: [{ id: "down", effective: "2026-04-16", charges: [platform("150")] }],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // 16 April → 1 May is 15 of 30 days: unused 300 × 15 ÷ 30 = 150.00; new 150 × 15 ÷ 30 = 75.00
    expect(table(invoice).filter(([id]) => id!.startsWith("platform"))).toEqual([
      ["platform:unused@2026-04-16", "-150.00"],
      ["platform@2026-04-16", "75.00"],
      ["platform", "150.00"],
    ]);
  });

  it("credits the unused time of a cancelled fee and bills no next period for it", () => {
    const contract = contractWith({
      amendments: [{ id: "cancel", effective: "2026-05-11", remove: ["seats"] }],
    });
    const invoice = rateInvoice(contract, [], "2026-05");
    // 11 May → 1 June is 21 of 31 days: 10 × 12.00 = 120.00 × 21 ÷ 31 = 81.2903… → 81.29 credited
    expect(table(invoice)).toEqual([
      ["support", "50.00"],
      ["compute", "0.00"],
      ["seats:unused@2026-05-11", "-81.29"],
      ["platform", "300.00"],
    ]);
  });

  it("bills a fee added mid-period for the rest of the period, then in advance", () => {
    const contract = buildContract(base, {
      charges: [base.charges![3]!],
      amendments: [{ id: "add", effective: "2026-04-11", charges: [platform("300")] }],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // 11 April → 1 May is 20 of 30 days: 300 × 20 ÷ 30 = 200.00; then May in advance: 300.00
    expect(table(invoice)).toEqual([
      ["compute", "0.00"],
      ["platform@2026-04-11", "200.00"],
      ["platform", "300.00"],
    ]);
  });

  it("prorates the next period's fee when the term ends inside it, and bills none after the term", () => {
    const contract = contractWith({ term: { start: "2026-03-10", end: "2026-05-16" } });
    const april = rateInvoice(contract, [], "2026-04");
    // May 1 → May 16 is 15 of 31 days: seats 120.00 × 15 ÷ 31 = 58.0645… → 58.06;
    // platform 300.00 × 15 ÷ 31 = 145.1612… → 145.16
    expect(table(april).filter(([id]) => id !== "support" && id !== "compute")).toEqual([
      ["seats", "58.06"],
      ["platform", "145.16"],
    ]);
    const may = rateInvoice(contract, [], "2026-05");
    // support in arrears for the same 15 days: 50 × 15 ÷ 31 = 24.1935… → 24.19; nothing in advance
    expect(table(may)).toEqual([
      ["support", "24.19"],
      ["compute", "0.00"],
    ]);
  });

  it("bills the next period's fee only on the invoice that closes the billing period", () => {
    const invoice = rateInvoice(contractWith({}), [], "2026-04-01/2026-04-16");
    // the first half of April: support 50 × 15 ÷ 30 = 25.00, no fees in advance yet
    expect(table(invoice)).toEqual([
      ["support", "25.00"],
      ["compute", "0.00"],
    ]);
  });

  it("prices seats with tiers too: 25 seats on volume tiers", () => {
    const contract = contractWith({
      charges: [
        {
          id: "seats",
          name: "Seats",
          quantity: "25",
          price: {
            model: "volume",
            tiers: [
              { upTo: "10", unitPrice: "15" },
              { upTo: null, unitPrice: "12" },
            ],
          },
        },
      ],
    });
    const invoice = rateInvoice(contract, [], "2026-04");
    // 25 seats reach the second tier, so all 25 at 12.00 = 300.00 (in arrears, a whole period)
    expect(table(invoice)).toEqual([["seats", "300.00"]]);
  });

  it("gives included seats through the transform", () => {
    const contract = contractWith({
      charges: [{ ...seats("10"), billed: "in_arrears", transform: { included: "3" } }],
    });
    // 10 seats − 3 included = 7 × 12.00 = 84.00
    expect(table(rateInvoice(contract, [], "2026-04"))).toEqual([["seats", "84.00"]]);
  });
});

describe("in arrears, the same change bills the pieces", () => {
  it("prorates each piece of an in-arrears seat count; the net equals the in-advance path", () => {
    const arrears = contractWith({
      charges: [{ ...seats("10"), billed: "in_arrears" }],
      amendments: [
        { id: "more-seats", effective: "2026-04-21", charges: [{ ...seats("15"), billed: "in_arrears" }] },
      ],
    });
    const invoice = rateInvoice(arrears, [], "2026-04");
    // 1–21 April, 20 of 30 days: 120.00 × 20 ÷ 30 = 80.00; 21 April–1 May: 180.00 × 10 ÷ 30 = 60.00
    expect(table(invoice)).toEqual([
      ["seats@2026-04-01", "80.00"],
      ["seats@2026-04-21", "60.00"],
    ]);
    // In advance the customer paid 120.00 for April up front, then −40.00 + 60.00: also 140.00.
    const advance = contractWith({
      amendments: [{ id: "more-seats", effective: "2026-04-21", charges: [seats("15")] }],
    });
    const upFront = rateInvoice(advance, [], "2026-03").lines.find((line) => line.id === "seats")!;
    const changes = rateInvoice(advance, [], "2026-04").lines.filter(
      (line) => line.id.startsWith("seats@") || line.id.startsWith("seats:"),
    );
    expect([upFront.amount, ...changes.map((line) => line.amount)]).toEqual(["120.00", "-40.00", "60.00"]);
  });
});

describe("trials", () => {
  const trialContract = (end: string) =>
    buildContract(base, {
      term: { start: "2026-03-01" },
      trial: { end },
      charges: [
        platform("310"),
        { id: "support", name: "Support", price: { model: "flat", amount: "62", prorate: false } },
        { id: "compute", name: "Compute", meter: "cpu", price: { model: "unit", unitPrice: "1" } },
      ],
    });

  it("bills fees only after the trial ends; usage during the trial is billed (as Lago)", () => {
    const contract = trialContract("2026-03-15");
    const opening = rateOpeningInvoice(contract);
    // 15 March → 1 April is 17 of 31 days: 310 × 17 ÷ 31 = 170.00
    expect(table(opening)).toEqual([["platform", "170.00"]]);
    expect(opening.lines[0]!.steps.map((step) => step.kind)).toEqual([
      "flat",
      "trial",
      "proration",
      "rounding",
    ]);
    const march = rateInvoice(contract, [cpu("a", "2026-03-05", "4")], "2026-03");
    // support is free until the trial ends even with prorate false: 62 × 17 ÷ 31 = 34.00;
    // compute on 5 March, inside the trial, is billed: 4 × 1.00 = 4.00; April in advance: 310.00
    expect(table(march)).toEqual([
      ["support", "34.00"],
      ["compute", "4.00"],
      ["platform", "310.00"],
    ]);
  });

  it("bills nothing for a period wholly inside the trial, then the part after it", () => {
    const contract = trialContract("2026-04-05");
    const opening = rateOpeningInvoice(contract);
    expect(table(opening)).toEqual([["platform", "0.00"]]);
    const march = rateInvoice(contract, [], "2026-03");
    // support free all March: 0.00; April in advance from 5 April: 310 × 26 ÷ 30 = 268.666… → 268.67
    expect(table(march)).toEqual([
      ["support", "0.00"],
      ["compute", "0.00"],
      ["platform", "268.67"],
    ]);
  });

  it("credits and bills a change only for the time after the trial", () => {
    const contract = buildContract(base, {
      term: { start: "2026-03-01" },
      trial: { end: "2026-03-21" },
      charges: [platform("310")],
      amendments: [{ id: "up", effective: "2026-03-11", charges: [platform("620")] }],
    });
    const march = rateInvoice(contract, [], "2026-03");
    // the opening invoice billed 310 × 11 ÷ 31 = 110.00 for 21–31 March (11 days after the trial);
    // the change on 11 March credits those 11 days, 110.00, and bills 620 × 11 ÷ 31 = 220.00
    expect(table(march)).toEqual([
      ["platform:unused@2026-03-11", "-110.00"],
      ["platform@2026-03-11", "220.00"],
      ["platform", "620.00"],
    ]);
    expect(table(rateOpeningInvoice(contract))).toEqual([["platform", "110.00"]]);
  });

  it("makes no credit or charge for a change wholly inside the trial", () => {
    const contract = buildContract(base, {
      term: { start: "2026-03-01" },
      trial: { end: "2026-04-10" },
      charges: [platform("310")],
      amendments: [{ id: "up", effective: "2026-03-11", charges: [platform("620")] }],
    });
    // April in advance at 620 from 10 April: 620 × 21 ÷ 30 = 434.00
    expect(table(rateInvoice(contract, [], "2026-03"))).toEqual([["platform", "434.00"]]);
  });

  it("explains the trial, the seats and the unused time in words", () => {
    const contract = contractWith({
      amendments: [{ id: "more-seats", effective: "2026-04-21", charges: [seats("15")] }],
    });
    const text = explainText(rateInvoice(contract, [], "2026-04"));
    expect(text).toContain("Quantity 10, set by the contract (seats or licences), not measured.");
    expect(text).toContain(
      // local dates of the contract's zone (UTC here), as the invoice's period reads
      "Credit for the unused time from 2026-04-21 to 2026-05-01 of the fee billed in advance: -$40.00.",
    );
    const trial = explainText(rateOpeningInvoice(trialContract("2026-03-15")));
    expect(trial).toContain("Free trial until 2026-03-15: only the time after it is billed.");
    expect(trial).toContain(
      "Opening invoice: the first period's fees, billed in advance when the term starts.",
    );
    // The periods a line covers read as local dates, as the invoice's own period does (UTC here).
    expect(text).toContain("Seats: Billed in advance for 2026-05-01 to 2026-06-01. Quantity 15,");
    expect(text).toContain(
      "Seats: New terms from 2026-04-21 to 2026-05-01, the rest of a period whose fee is billed in advance. Quantity 15,",
    );
  });
});

describe("contract errors for fees", () => {
  const problem = (changes: ContractOverrides) => {
    const error = thrown(() => buildContract(base, changes)) as {
      details: { problems: { path: string; message: string }[] };
    };
    return error.details.problems.map((p) => p.path);
  };

  it("refuses a quantity together with a meter, and a quantity on a flat price", () => {
    expect(
      problem({
        charges: [
          { id: "c", name: "C", meter: "cpu", quantity: "2", price: { model: "unit", unitPrice: "1" } },
        ],
      }),
    ).toEqual(["charges[0].quantity"]);
    expect(
      problem({ charges: [{ id: "c", name: "C", quantity: "2", price: { model: "flat", amount: "1" } }] }),
    ).toEqual(["charges[0].quantity"]);
  });

  it("refuses usage billed in advance", () => {
    expect(
      problem({
        charges: [
          {
            id: "c",
            name: "C",
            meter: "cpu",
            billed: "in_advance",
            price: { model: "unit", unitPrice: "1" },
          },
        ],
      }),
    ).toEqual(["charges[0].billed"]);
  });

  it("refuses a trial that ends before the term starts", () => {
    expect(problem({ trial: { end: "2026-03-01" } })).toEqual(["trial.end"]);
  });

  it("refuses a charge whose amendment switches it between in advance and in arrears", () => {
    expect(
      problem({
        amendments: [
          { id: "switch", effective: "2026-04-21", charges: [{ ...seats("15"), billed: "in_arrears" }] },
        ],
      }),
    ).toEqual(["amendments[0].charges[0].billed"]);
  });
});
