import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// Cut days: 1–3 distinct days of March 2026 (2–31), each an amendment that reprices the charge.
const cutsArb = fc
  .uniqueArray(fc.integer({ min: 2, max: 31 }), { minLength: 1, maxLength: 3 })
  .map((days) => [...days].sort((a, b) => a - b));
// By day in any zone; by second in UTC only, where a day is 86,400 s and the share is days ÷ 31 too
// (a New York March has 743 hours: its seconds are not this oracle's).
const calendarArb = fc.oneof(
  fc.constant({ proration: "second" as const, timeZone: "UTC" }),
  fc.record({
    proration: fc.constant("day" as const),
    timeZone: fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Australia/Sydney"),
  }),
);
const dateOf = (day: number) => `2026-03-${String(day).padStart(2, "0")}`;
const priceText = (cents: number) => (cents / 100).toFixed(2);

describe("a constant level priced over the pieces of an amended period (law)", () => {
  it("bills Σ price_i(L) × share_i, each line rounded once, and the shares add up to one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }), // L in hundredths
        cutsArb,
        fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 4, maxLength: 4 }), // cents
        fc.constantFrom("max", "min", "latest", "avg"),
        calendarArb,
        (levelHundredths, cuts, cents, aggregation, calendar) => {
          const level = (levelHundredths / 100).toFixed(2);
          const contract = buildContract(
            buildContractJson({
              id: "ctr_level_law",
              timeZone: calendar.timeZone,
              billing: { cadence: "monthly", proration: calendar.proration },
              meters: [sumMeter("g", { aggregation })],
              charges: [unitCharge("gauge", "Gauge", "g", priceText(cents[0]!))],
            }),
            {
              amendments: cuts.map((day, at) => ({
                id: `a${at}`,
                effective: dateOf(day),
                charges: [unitCharge("gauge", "Gauge", "g", priceText(cents[at + 1]!))],
              })),
            },
          );
          // The same reading at 12:00 UTC every day: a local day of each zone, so every piece's
          // max, min, latest and average is L.
          const events = Array.from({ length: 31 }, (_, day) =>
            usageEvent(`e${day}`, "g", `${dateOf(day + 1)}T12:00:00Z`, { v: level }),
          );
          const invoice = rateInvoice(contract, events, "2026-03");
          // Oracle: piece i runs from its first day to the next cut (or 1 April), d_i days of 31;
          // L × p_i × d_i ÷ 31 in cents = l × c_i × d_i ÷ (100 × 31), rounded half even.
          const bounds = [1, ...cuts, 32];
          const lines = bounds.slice(0, -1).map((start, at) => {
            const days = BigInt(bounds[at + 1]! - start);
            const amount = roundFractionByHand(
              BigInt(levelHundredths) * BigInt(cents[at]!) * days,
              100n * 31n,
              "half_even",
            );
            return [`gauge@${dateOf(start)}`, level.replace(/\.?0+$/, ""), centsText(amount)];
          });
          expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual(lines);
          // The shares: each line's proration step, of the same whole, adding up to it.
          const shares = invoice.lines.map((line) => {
            const step = line.steps.find((candidate) => candidate.kind === "proration");
            if (step?.kind !== "proration") throw new Error(`no share step on ${line.id}`);
            return { elapsed: BigInt(step.elapsed), total: BigInt(step.total) };
          });
          const total = shares[0]!.total;
          expect(shares.every((share) => share.total === total)).toBe(true);
          expect(shares.reduce((sum, share) => sum + share.elapsed, 0n)).toBe(total);
        },
      ),
    );
  });
});

// Cents as text with two decimals: 1234n → "12.34".
function centsText(cents: bigint): string {
  const text = cents.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}
