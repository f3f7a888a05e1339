import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  billProgressively,
  correctLateUsage,
  issueCreditNote,
  parseContract,
  parsePriceBook,
  rateInvoice,
  resolveContract,
  safeParsePriceBook,
} from "../../src/index.js";

// rounding.lineDecimals (lines finer than the currency, Azure's $0.1264) with the features that work on
// more than one invoice of a period: progressive billing, late-usage corrections and price books (issue
// 13). 0.0001264 a request, lines to 4 decimals, the total to cents, half-even: 1,000 requests are
// 0.1264 exactly.
const meter = { id: "req", eventType: "req", aggregation: "sum", valueProperty: "n" };
const api = { id: "api", name: "API", meter: "req", price: { model: "unit", unitPrice: "0.0001264" } };
const terms = {
  schemaVersion: 1,
  id: "ctr_azure",
  customer: { id: "cus" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  rounding: { mode: "half_even", lineDecimals: 4 },
};
const contract = parseContract({ ...terms, meters: [meter], charges: [api] });
const event = (id: string, day: number, n: number) => ({
  id,
  type: "req",
  customer: "cus",
  timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
  properties: { n },
});
// 1,000 requests on 2, 5, 9 and 20 March: 0.1264 each, 0.5056 in all
const march = [event("a", 2, 1000), event("b", 5, 1000), event("c", 9, 1000), event("d", 20, 1000)];

describe("rounding.lineDecimals across the invoices of a period", () => {
  it("the whole month: 4,000 × 0.0001264 = 0.5056, total rounded once to 0.51", () => {
    const invoice = rateInvoice(contract, march, "2026-03");
    expect([invoice.subtotal, invoice.total]).toEqual(["0.5056", "0.51"]);
  });

  it("progressive billing: thresholds on exact spend, each total the cumulative total rounded once less what was billed", () => {
    const sequence = billProgressively(contract, march, "2026-03", { threshold: "0.10", close: true });
    // spend after each event 0.1264, 0.2528, 0.3792, 0.5056 (exact, 4 decimals), each reaching the next
    // multiple of 0.10 above the spend before: 0.10 → 0.1264, 0.20 → 0.2528, 0.30 → 0.3792, 0.40 →
    // 0.5056; four progressive invoices, as of the second after each event, then the closing one.
    expect(sequence.map((invoice) => invoice.progressive?.trigger?.spend)).toEqual([
      "0.1264",
      "0.2528",
      "0.3792",
      "0.5056",
      undefined,
    ]);
    // Cumulative totals rounded once each: 0.1264 → 0.13, 0.2528 → 0.25, 0.3792 → 0.38, 0.5056 → 0.51;
    // each invoice bills the cumulative total less the earlier ones: 0.13, 0.12, 0.13, 0.13, closing 0.
    // (Written in cents, as every total is: the figures are differences of cent amounts.)
    expect(sequence.map((invoice) => invoice.progressive?.cumulative.total)).toEqual([
      "0.13",
      "0.25",
      "0.38",
      "0.51",
      "0.51",
    ]);
    expect(sequence.map((invoice) => invoice.total)).toEqual(["0.13", "0.12", "0.13", "0.13", "0.00"]);
    // They add up to the month rated at once, 0.51, not to 4 × round(0.1264) = 0.52
    const sum = sequence.reduce((total, invoice) => total.plus(invoice.total), new Decimal(0));
    expect(sum.toFixed(2)).toBe(rateInvoice(contract, march, "2026-03").total);
  });

  it("a credit note of a progressive invoice credits what it billed, rounding on from the earlier ones", () => {
    const sequence = billProgressively(contract, march, "2026-03", { threshold: "0.10", close: true });
    // each progressive invoice's line is 0.1264; they billed 0.13, 0.25 − 0.13 = 0.12, 0.38 − 0.25 = 0.13
    // and 0.51 − 0.38 = 0.13. A note of all of the second credits round(0.1264 + 0.1264) −
    // round(0.1264) = 0.25 − 0.13 = 0.12, what it billed (rounded on its own, 0.1264 → 0.13: a cent more)
    const notes = sequence
      .slice(0, 4)
      .map((invoice) => issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "void" }]));
    expect(notes.map((note) => note.total)).toEqual(["0.13", "0.12", "0.13", "0.13"]);
    // in two notes, 0.0600 then the rest of the second's 0.1264: round(0.1264 + 0.06) − 0.13 = 0.19 −
    // 0.13 = 0.06, then round(0.2528) − 0.19 = 0.25 − 0.19 = 0.06: 0.12 in all
    const part = issueCreditNote(contract, sequence[1]!, [
      { kind: "amount", line: "api", amount: "0.06", reason: "x" },
    ]);
    const rest = issueCreditNote(contract, sequence[1]!, [{ kind: "invoice", reason: "rest" }], {
      previous: [part],
    });
    expect([part.total, rest.total]).toEqual(["0.06", "0.06"]);
  });

  it("late usage: delta lines at 4 decimals sum to the difference of the subtotals; the total is the difference of the totals", () => {
    const usage = march.slice(0, 3);
    const issued = rateInvoice(contract, usage, "2026-03");
    // issued: 3,000 × 0.0001264 = 0.3792 → 0.38
    expect([issued.subtotal, issued.total]).toEqual(["0.3792", "0.38"]);
    const result = correctLateUsage(contract, issued, usage, [march[3]!], { billOn: "2026-04" });
    if (result.mode !== "next_invoice") throw new Error("expected delta lines");
    // reverse 3,000 (−0.3792), book 4,000 (0.5056): Σ = 0.1264 = 0.5056 − 0.3792; total 0.51 − 0.38 =
    // 0.13, not round(0.1264) computed on its own (also 0.13 here, but see the property below)
    expect(result.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ["reversal", "-3000", "-0.3792"],
      ["rebook", "4000", "0.5056"],
    ]);
    expect(result.subtotal).toBe("0.1264");
    expect(result.total).toBe("0.13");
  });

  it("price books: a contract with lineDecimals that follows a book rates as the same contract written out", () => {
    const book = parsePriceBook({
      schemaVersion: 1,
      id: "book",
      currency: "USD",
      meters: [meter],
      versions: [{ version: "v1", effective: "2026-01-01", charges: [api] }],
    });
    const followed = resolveContract({ ...terms, meters: [], charges: [], priceBook: { id: "book" } }, [
      book,
    ]);
    const invoice = rateInvoice(followed, march, "2026-03");
    // the contract's lineDecimals hold for the book's prices: 0.5056 → 0.51
    expect([invoice.lines[0]!.amount, invoice.subtotal, invoice.total]).toEqual(["0.5056", "0.5056", "0.51"]);
    expect(invoice.rounding).toMatchObject({
      lineDecimals: 4,
      total: { minorUnits: 2, adjustment: "0.0044" },
    });
  });

  it("a price book cannot set lineDecimals itself: line precision is the contract's (refused as unknown)", () => {
    const result = safeParsePriceBook({
      schemaVersion: 1,
      id: "book",
      currency: "USD",
      rounding: { mode: "half_even", lineDecimals: 4 },
      meters: [meter],
      versions: [{ version: "v1", effective: "2026-01-01", charges: [api] }],
    });
    expect(result.success).toBe(false);
    // the book's rounding takes a mode only: the unknown field is refused at its object
    if (!result.success) expect(result.error).toMatchObject({ path: "rounding" });
  });

  it("law: progressive invoices add up to the month rated at once, whatever the usage and threshold", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 31 }), n: fc.integer({ min: 1, max: 5000 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 5, max: 50 }),
        (entries, cents) => {
          const events = entries.map((entry, at) => event(`e${at}`, entry.day, entry.n));
          const threshold = (cents / 100).toFixed(2);
          const sequence = billProgressively(contract, events, "2026-03", { threshold, close: true });
          const sum = sequence.reduce((total, invoice) => total.plus(invoice.total), new Decimal(0));
          // Σ requests × 0.0001264, the line rounded half-even to 4 decimals, its total once to cents (as
          // the month rated at once: fast-check found 4,074 requests at one instant, threshold 0.05:
          // 0.5149536 → line 0.5150 → total 0.52, where rounding the exact amount to cents gives 0.51)
          const requests = entries.reduce((total, entry) => total + entry.n, 0);
          const line = new Decimal(requests).times("0.0001264").toDecimalPlaces(4, Decimal.ROUND_HALF_EVEN);
          const once = line.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
          expect(sum.toFixed(2)).toBe(once.toFixed(2));
          expect(sum.toFixed(2)).toBe(rateInvoice(contract, events, "2026-03").total);
        },
      ),
      { numRuns: 25 },
    );
  });
});
