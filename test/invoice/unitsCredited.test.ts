import { describe, expect, it } from "vitest";
import { issueCreditNote, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { lessUnitsCredited, notesOfEarlier } from "../../src/invoice/unitsCredited.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// Two charges and two tax rates, rounded per line: bandwidth at 0.10 a GB and API calls at 0.01 each,
// VAT 20 % on both, a 2 % levy on bandwidth only. The first progressive invoice of March (as of the
// 10th) counted 800 GB, 300 of them twice, and 1,000 calls.
const contract = buildContract({
  meters: [sumMeter("gb"), sumMeter("req")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), unitCharge("api", "API calls", "req", "0.01")],
  tax: {
    mode: "exclusive",
    rounding: "per_line",
    rates: [
      { id: "vat", name: "VAT", percent: "20" },
      { id: "levy", name: "Levy", percent: "2", charges: ["bw"] },
    ],
  },
});
const events = [
  usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "500" }),
  usageEvent("twice", "gb", "2026-03-05T10:00:00Z", { v: "300" }),
  usageEvent("r", "req", "2026-03-06T10:00:00Z", { v: "1000" }),
];
const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
const unitsOff = (quantity: string) =>
  issueCreditNote(contract, first, [{ kind: "quantity", line: "bw", quantity, reason: "counted twice" }]);

describe("lessUnitsCredited: an earlier invoice as a note of units leaves it", () => {
  it("takes the note's units, amount and tax off its line, its rates and its totals, and nothing else", () => {
    // Billed: bw 800 × 0.10 = 80.00, api 1,000 × 0.01 = 10.00, subtotal 90.00; VAT per line 16.00 + 2.00
    // = 18.00, levy 2 % of 80.00 = 1.60; tax 19.60; total 109.60.
    expect([first.subtotal, first.tax?.total, first.total]).toEqual(["90.00", "19.60", "109.60"]);
    // 300 GB off: 30.00, VAT 6.00, levy 0.60, 36.60 credited.
    const note = unitsOff("300");
    expect(note.total).toBe("36.60");
    const left = lessUnitsCredited(first, [note]);
    const bw = left.lines.find((line) => line.id === "bw");
    expect([bw?.quantity, bw?.amount]).toEqual(["500", "50.00"]);
    // the line no note took units off is the invoice's own
    expect(left.lines.find((line) => line.id === "api")).toBe(first.lines.find((line) => line.id === "api"));
    // 90.00 − 30.00 = 60.00; 19.60 − 6.60 = 13.00; 109.60 − 36.60 = 73.00
    expect([left.subtotal, left.tax?.total, left.total]).toEqual(["60.00", "13.00", "73.00"]);
    const rate = (id: string) => left.tax?.rates.find((entry) => entry.rate === id);
    // VAT: base 90.00 − 30.00 = 60.00, 18.00 − 6.00 = 12.00; its bw line 80.00 − 30.00 = 50.00, exact
    // 16 − 6 = 10, rounded 10.00; its api line as billed (10.00, 2.00)
    expect([rate("vat")?.base, rate("vat")?.amount]).toEqual(["60.00", "12.00"]);
    const vatLine = (line: string) => rate("vat")?.lines.find((entry) => entry.line === line);
    expect(vatLine("bw")).toMatchObject({ base: "50.00", exact: "10", rounded: "10.00" });
    expect(vatLine("api")).toMatchObject({ base: "10.00", exact: "2", rounded: "2.00" });
    // the levy: base 80.00 − 30.00 = 50.00, 1.60 − 0.60 = 1.00; its bw line exact 1.6 − 0.6 = 1
    expect([rate("levy")?.base, rate("levy")?.amount]).toEqual(["50.00", "1.00"]);
    expect(rate("levy")?.lines).toEqual([
      expect.objectContaining({ line: "bw", base: "50.00", exact: "1", rounded: "1.00" }),
    ]);
    // the tax's net (the subtotal the tax was worked on, or the total less tax) moves with the units too
    expect(Number(left.tax?.net)).toBe(Number(first.tax?.net) - 30);
  });

  it("adds up two notes of units, and leaves an invoice no such note names as it is", () => {
    // 100 GB then 200 GB off: 10.00 + 20.00 of bandwidth, 2.00 + 4.00 VAT, 0.20 + 0.40 levy
    const once = unitsOff("100");
    const twice = issueCreditNote(
      contract,
      first,
      [{ kind: "quantity", line: "bw", quantity: "200", reason: "counted twice" }],
      { previous: [once] },
    );
    const left = lessUnitsCredited(first, [once, twice]);
    expect([left.lines[0]?.quantity, left.lines[0]?.amount, left.total]).toEqual(["500", "50.00", "73.00"]);
    // a note of an amount is a credit given on purpose: the invoice stays as billed
    const goodwill = issueCreditNote(contract, first, [
      { kind: "amount", line: "bw", amount: "5.00", reason: "goodwill" },
    ]);
    expect(lessUnitsCredited(first, [goodwill])).toBe(first);
  });
});

describe("notesOfEarlier", () => {
  it("names the earlier invoices a note must be of", () => {
    const april = [usageEvent("x", "gb", "2026-04-05T10:00:00Z", { v: "10" })];
    const other = rateProgressiveInvoice(contract, april, "2026-04", "2026-04-10");
    const note = issueCreditNote(contract, other, [
      { kind: "quantity", line: "bw", quantity: "1", reason: "x" },
    ]);
    expect(() => notesOfEarlier([note], [first])).toThrow(first.id);
    expect(() => notesOfEarlier([note], [first])).toThrow(
      expect.objectContaining({ path: "options.creditNotes[0].invoiceId" }),
    );
  });
});
