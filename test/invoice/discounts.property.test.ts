import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

const centsArb = (max: number) => fc.integer({ min: 0, max }).map((cents) => (cents / 100).toFixed(2));
const discountArb = fc.oneof(
  fc.record({
    percent: fc.integer({ min: 1, max: 100 }).map(String),
    charges: fc.option(fc.subarray(["c0", "c1", "c2"], { minLength: 1 }), { nil: undefined }),
  }),
  fc.record({
    amount: centsArb(50_000).filter((a) => a !== "0.00"),
    charges: fc.option(fc.subarray(["c0", "c1", "c2"], { minLength: 1 }), { nil: undefined }),
  }),
);

describe("discount laws", () => {
  it("never takes a line below zero, spreads exactly, and totals subtotal + discounts", () => {
    fc.assert(
      fc.property(
        fc.array(discountArb, { maxLength: 4 }),
        fc.array(centsArb(200_000), { minLength: 3, maxLength: 3 }),
        (discounts, values) => {
          const contract = buildContract({
            meters: values.map((_, i) => ({
              id: `m${i}`,
              eventType: `u${i}`,
              aggregation: "sum" as const,
              valueProperty: "v",
            })),
            charges: values.map((_, i) => ({
              id: `c${i}`,
              name: `C${i}`,
              meter: `m${i}`,
              price: { model: "unit" as const, unitPrice: "1" },
            })),
            discounts: discounts.map((discount, i) => ({
              id: `d${i}`,
              name: `D${i}`,
              ...("percent" in discount ? { percent: discount.percent } : { amount: discount.amount }),
              ...(discount.charges !== undefined ? { charges: discount.charges } : {}),
            })),
          });
          const events = values.map((v, i) => ({
            id: `e${i}`,
            type: `u${i}`,
            customer: "cus",
            timestamp: "2026-03-02T00:00:00Z",
            properties: { v },
          }));
          const invoice = rateInvoice(contract, events, "2026-03");
          for (const line of invoice.lines)
            expect(new Decimal(line.net ?? line.amount).isNegative()).toBe(false);
          let discountTotal = new Decimal(0);
          for (const discount of invoice.discounts ?? []) {
            const spread = discount.allocation.reduce((sum, entry) => sum.plus(entry.amount), new Decimal(0));
            expect(spread.equals(discount.amount)).toBe(true);
            discountTotal = discountTotal.plus(discount.amount);
          }
          expect(new Decimal(invoice.subtotal).plus(discountTotal).equals(invoice.total)).toBe(true);
        },
      ),
    );
  });

  // A 1,000,000.00 flat line in March 2026 (UTC), large enough that no discount here meets its base.
  const marchWith = (discounts: ReadonlyArray<Record<string, string>>, proration: "second" | "day") =>
    rateInvoice(
      buildContract({
        timeZone: "America/New_York",
        billing: { cadence: "monthly", proration },
        meters: [],
        charges: [{ id: "fee", name: "Fee", price: { model: "flat", amount: "1000000" } }],
        discounts: discounts.map((discount, i) => ({ id: `d${i}`, name: `D${i}`, ...discount })),
      }),
      [],
      "2026-03",
    );
  const dayArb = fc.integer({ min: 2, max: 31 }).map((day) => `2026-03-${String(day).padStart(2, "0")}`);
  const basisArb = fc.constantFrom("second" as const, "day" as const);

  it("a fixed amount cut at any date into its part before and its part after adds up to the amount within a cent", () => {
    fc.assert(
      fc.property(
        centsArb(100_000).filter((a) => a !== "0.00"),
        dayArb,
        basisArb,
        (amount, day, basis) => {
          const invoice = marchWith(
            [
              { amount, until: day },
              { amount, from: day },
            ],
            basis,
          );
          const [before, after] = invoice.discounts!;
          // the two shares of the billing period add up to it exactly; each part rounds once (≤ half a cent)
          expect(new Decimal(before!.inForce!.elapsed).plus(after!.inForce!.elapsed).toString()).toBe(
            before!.inForce!.total,
          );
          const sum = new Decimal(before!.amount).plus(after!.amount).negated();
          expect(sum.minus(amount).abs().lessThanOrEqualTo("0.01")).toBe(true);
        },
      ),
    );
  });

  it("a percentage in force from a later date takes no more, and never more than the whole period's", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }).map(String),
        dayArb,
        dayArb,
        basisArb,
        (percent, a, b, basis) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const taken = (from: string | undefined) =>
            new Decimal(
              marchWith([{ percent, ...(from ? { from } : {}) }], basis).discounts![0]!.amount,
            ).negated();
          const whole = taken(undefined);
          expect(taken(early).lessThanOrEqualTo(whole)).toBe(true);
          expect(taken(late).lessThanOrEqualTo(taken(early))).toBe(true);
          expect(taken(late).isNegative()).toBe(false);
        },
      ),
      { numRuns: 50 },
    );
  });
});
