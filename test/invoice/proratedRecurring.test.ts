import { describe, expect, it } from "vitest";
import { safeParseContract } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  buildContract,
  buildContractJson,
  type MeterInput,
  SEATS_METER,
  unitCharge,
} from "../_support/contract.js";

// Lago's "Prorated vs Full" page (getlago/lago-doc, guide/plans/charges/prorated-vs-full.mdx): seats at
// $10, a seat used for 22 days is billed $7.33 prorated, $10 in full. $7.33 is 22 days of a 30-day month
// (22 ÷ 30 × 10 = 7.333…); the page says July 10th, whose 22 days of July's 31 give $7.10.
const seatsMeter = (prorated?: boolean): MeterInput => ({
  ...SEATS_METER,
  ...(prorated === undefined ? {} : { prorated }),
});
const contractWith = (prorated?: boolean) =>
  buildContract(
    buildContractJson({
      meters: [seatsMeter(prorated)],
      charges: [unitCharge("seats", "Seats", "seats", "10")],
    }),
  );
const seatAdded = (date: string) => ({
  id: `add_${date}`,
  type: "seat",
  customer: "cus",
  timestamp: `${date}T09:00:00Z`,
  properties: { user: "alice", op: "add" },
});

describe("a prorated recurring seat (Lago's prorated charge on a recurring unique count)", () => {
  it("bills a seat added on June 9 for 22 of June's 30 days: $7.33", () => {
    // June 9–30 = 22 days; 22 ÷ 30 = 0.733333… → up to 5 decimals 0.73334; × $10 = 7.3334 → $7.33
    const invoice = rateInvoice(contractWith(true), [seatAdded("2026-06-09")], "2026-06");
    expect(invoice.lines[0]).toMatchObject({ quantity: "0.73334", amount: "7.33" });
  });

  it("bills a seat added on July 10 for 22 of July's 31 days: $7.10", () => {
    // July 10–31 = 22 days; 22 ÷ 31 = 0.709677… → 0.70968; × $10 = 7.0968 → $7.10
    const invoice = rateInvoice(contractWith(true), [seatAdded("2026-07-10")], "2026-07");
    expect(invoice.lines[0]).toMatchObject({ quantity: "0.70968", amount: "7.10" });
  });

  it("bills the seat in full without `prorated` (Lago's fully-billed charge): $10", () => {
    // 1 seat × $10 = $10.00, whatever day it was added
    const invoice = rateInvoice(contractWith(), [seatAdded("2026-07-10")], "2026-07");
    expect(invoice.lines[0]).toMatchObject({ quantity: "1", amount: "10.00" });
  });

  it("says on the line how the quantity was prorated", () => {
    const text = explainText(rateInvoice(contractWith(true), [seatAdded("2026-07-10")], "2026-07"));
    expect(text).toContain(
      "Prorated by days active: 1 without proration, each counted for the days it was active (22 unit-days) ÷ 31 days in the billing period, rounded up to 5 decimals.",
    );
  });
});

describe("where `prorated` may be written", () => {
  const refusal = (meter: MeterInput) => {
    const result = safeParseContract(
      buildContractJson({ meters: [meter], charges: [unitCharge("seats", "Seats", "seats", "10")] }),
    );
    return result.success ? undefined : { code: result.error.code, path: result.error.path };
  };

  it("refuses it on a meter that is not persistent", () => {
    const { persistent: _, operationProperty: __, ...plain } = seatsMeter(true);
    expect(refusal(plain as MeterInput)).toEqual({ code: "invalid_field", path: "meters[0].prorated" });
  });

  it("refuses it on a persistent count", () => {
    const count: MeterInput = {
      id: "seats",
      eventType: "seat",
      aggregation: "count",
      persistent: true,
      prorated: true,
    };
    expect(refusal(count)).toEqual({ code: "invalid_field", path: "meters[0].prorated" });
  });

  it("accepts it on a persistent sum and unique count", () => {
    const sum: MeterInput = {
      id: "seats",
      eventType: "seat",
      aggregation: "sum",
      valueProperty: "n",
      persistent: true,
      prorated: true,
    };
    expect(refusal(sum)).toBeUndefined();
    expect(refusal(seatsMeter(true))).toBeUndefined();
  });
});
