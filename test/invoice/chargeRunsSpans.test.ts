import { describe, expect, it } from "vitest";
import { chargeRuns } from "../../src/invoice/chargeRuns.js";
import { prepareRating, rateInvoice } from "../../src/invoice/index.js";
import { piecesOf } from "../../src/invoice/termsAt.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// The stretches of several pieces a charge is rated over at once (PeriodInForce.spans, chargeRuns.ts):
// which runs get one, in which order, and which usage and opening state each stretch is rated with.
// Every contract here is UTC, March 2026 (31 days); `gb` is the sum of property `gb` of events `gb`.
const gb = sumMeter("gb", { eventType: "gb", valueProperty: "gb" });
const at = (id: string, day: number, amount: number) => ({
  id,
  type: "gb",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { gb: amount },
});
// One event per stretch between the cuts used below, each a power of ten, so a quantity names the
// days it was read over: 1 (5th), 10 (12th or 15th), 100 (20th or 22nd), 1,000 (27th or 28th).
const days = (span: { readonly start: number; readonly end: number }) =>
  `${new Date(span.start).toISOString().slice(0, 10)}/${new Date(span.end).toISOString().slice(0, 10)}`;
const dearer = (id: string, effective: string, unitPrice: string) => ({
  id: `${id}_${effective}`,
  effective,
  charges: [unitCharge(id, id.toUpperCase(), "gb", unitPrice)],
});

describe("the stretches of several pieces a charge is rated over", () => {
  it("lists them in time order, once each, and rates each run from its own stretch's usage", () => {
    // Cuts on the 10th (a), 17th (b) and 24th (c): pieces 1–10, 10–17, 17–24, 24–1 April. Listed
    // c, a, b, the charges' runs come in the order 1–24 (c), 10–1 April (a), 1–17 and 17–1 April (b).
    const contract = buildContract({
      meters: [gb],
      charges: [unitCharge("c", "C", "gb"), unitCharge("a", "A", "gb"), unitCharge("b", "B", "gb")],
      amendments: [
        dearer("a", "2026-03-10", "2"),
        dearer("b", "2026-03-17", "2"),
        dearer("c", "2026-03-24", "2"),
      ],
    } as never);
    // by start, then by end: 1–17 before 1–24 (same start); 10–1 April before 17–1 April (same end)
    expect(prepareRating(contract, "2026-03").period.spans.map(days)).toEqual([
      "2026-03-01/2026-03-17",
      "2026-03-01/2026-03-24",
      "2026-03-10/2026-04-01",
      "2026-03-17/2026-04-01",
    ]);
    const usage = [at("e1", 5, 1), at("e2", 12, 10), at("e3", 20, 100), at("e4", 27, 1000)];
    const invoice = rateInvoice(contract, usage, "2026-03");
    // c: 1–24 reads 1 + 10 + 100 = 111 × 1 = 111.00 (the stretch 1–17 would read 11);
    //    24–1 April 1,000 × 2 = 2,000.00
    // a: 1–10 reads 1 × 1 = 1.00; 10–1 April 10 + 100 + 1,000 = 1,110 × 2 = 2,220.00
    // b: 1–17 reads 1 + 10 = 11 × 1 = 11.00; 17–1 April 100 + 1,000 = 1,100 × 2 = 2,200.00
    //    (the stretch 10–1 April, which also ends on 1 April, would read 1,110)
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["c@2026-03-01", "111", "111.00"],
      ["c@2026-03-24", "1000", "2000.00"],
      ["a@2026-03-01", "1", "1.00"],
      ["a@2026-03-10", "1110", "2220.00"],
      ["b@2026-03-01", "11", "11.00"],
      ["b@2026-03-17", "1100", "2200.00"],
    ]);
    // 111 + 2,000 + 1 + 2,220 + 11 + 2,200 = 6,543.00
    expect(invoice.total).toBe("6543.00");
  });

  it("leaves out a charge whose terms never change and keeps the run of a charge that ends early", () => {
    // Cuts on the 10th (other dearer), 20th (gone removed), 25th (other dearer again): pieces 1–10,
    // 10–20, 20–25, 25–1 April. keep: one run over all four (the whole period, no stretch); gone:
    // 1–20 only; other: 1–10, 10–25, 25–1 April.
    const contract = buildContract({
      meters: [gb],
      charges: [
        unitCharge("keep", "Keep", "gb"),
        unitCharge("gone", "Gone", "gb"),
        unitCharge("other", "Other", "gb"),
      ],
      amendments: [
        dearer("other", "2026-03-10", "2"),
        { id: "stop", effective: "2026-03-20", remove: ["gone"] },
        dearer("other", "2026-03-25", "3"),
      ],
    } as never);
    expect(prepareRating(contract, "2026-03").period.spans.map(days)).toEqual([
      "2026-03-01/2026-03-20",
      "2026-03-10/2026-03-25",
    ]);
    const pieces = piecesOf(contract, prepareRating(contract, "2026-03").period.service);
    // gone is in force in pieces 0 and 1 only: one run, which the two pieces without it do not extend
    expect(
      chargeRuns(contract, pieces, "gone").map((run) => [run.first, run.last, days(run.period)]),
    ).toEqual([[0, 1, "2026-03-01/2026-03-20"]]);
    const usage = [at("e1", 5, 1), at("e2", 15, 10), at("e3", 22, 100), at("e4", 28, 1000)];
    const invoice = rateInvoice(contract, usage, "2026-03");
    // keep: whole period 1 + 10 + 100 + 1,000 = 1,111 × 1 = 1,111.00, no suffix
    // gone: 1–20 reads 1 + 10 = 11 × 1 = 11.00
    // other: 1–10 1 × 1 = 1.00; 10–25 10 + 100 = 110 × 2 = 220.00; 25–1 April 1,000 × 3 = 3,000.00
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["keep", "1111", "1111.00"],
      ["gone@2026-03-01", "11", "11.00"],
      ["other@2026-03-01", "1", "1.00"],
      ["other@2026-03-10", "110", "220.00"],
      ["other@2026-03-25", "1000", "3000.00"],
    ]);
    // 1,111 + 11 + 1 + 220 + 3,000 = 4,343.00
    expect(invoice.total).toBe("4343.00");
  });

  it("has none in a period no amendment cuts, nor in one cut in two", () => {
    const uncut = buildContract({ meters: [gb], charges: [unitCharge("a", "A", "gb")] } as never);
    expect(prepareRating(uncut, "2026-03").period.spans).toEqual([]);
    // cut on the 10th: a's runs are 1–10 and 10–1 April, one piece each
    const cut = buildContract({
      meters: [gb],
      charges: [unitCharge("a", "A", "gb"), unitCharge("keep", "Keep", "gb")],
      amendments: [dearer("a", "2026-03-10", "2")],
    } as never);
    expect(prepareRating(cut, "2026-03").period.spans).toEqual([]);
  });

  it("opens a stretch with the level its first piece opened with (a weighted_sum gauge)", () => {
    // storage (a weighted_sum of GB, in GB-month) goes to 1.00 on the 10th, requests to 2 on the 20th:
    // pieces 1–10, 10–20, 20–1 April; storage's stretch is 10–1 April. No state is carried in.
    const contract = buildContract({
      meters: [
        { id: "storage", eventType: "storage.level", aggregation: "weighted_sum", valueProperty: "gb" },
        gb,
      ],
      charges: [unitCharge("storage", "Storage", "storage", "0.50"), unitCharge("rq", "Requests", "gb")],
      amendments: [
        {
          id: "storage_up",
          effective: "2026-03-10",
          charges: [unitCharge("storage", "Storage", "storage", "1")],
        },
        dearer("rq", "2026-03-20", "2"),
      ],
    } as never);
    const level = {
      id: "l1",
      type: "storage.level",
      customer: "cus",
      timestamp: "2026-03-05T00:00:00Z",
      properties: { gb: "31" },
    };
    const invoice = rateInvoice(contract, [level], "2026-03");
    // 1–10: 0 GB for 4 days, 31 GB for 5 days → 31 × 5 ÷ 31 = 5 GB-month × 0.50 = 2.50
    // 10–1 April: opens at the 31 GB the 1–10 piece closed with (not zero), 22 days →
    //   31 × 22 ÷ 31 = 22 GB-month × 1.00 = 22.00
    expect(
      invoice.lines
        .filter((line) => line.chargeId === "storage")
        .map((line) => [line.id, line.quantity, line.amount]),
    ).toEqual([
      ["storage@2026-03-01", "5", "2.50"],
      ["storage@2026-03-10", "22", "22.00"],
    ]);
  });
});
