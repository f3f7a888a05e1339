import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InvoiceLine } from "../../src/invoice/index.js";
import { netOf, spreadReduction } from "../../src/invoice/spreadReduction.js";
import { Decimal } from "../../src/money/index.js";

const USD = { code: "USD", minorUnits: 2 };
const d = (value: string | number) => new Decimal(value);

// The fields spreadReduction reads and writes; the rest of a line passes through untouched.
function line(id: string, amount: string, net?: string): InvoiceLine {
  return {
    id,
    chargeId: id,
    name: id,
    model: "unit",
    period: { start: "2026-03-01T00:00:00Z", end: "2026-04-01T00:00:00Z" },
    quantity: "1",
    priceKind: "unit",
    amount,
    ...(net !== undefined ? { net } : {}),
    steps: [],
  } as unknown as InvoiceLine;
}

describe("netOf", () => {
  it("reads the net after earlier adjustments, else the amount", () => {
    expect(netOf(line("a", "10.00")).toFixed()).toBe("10");
    expect(netOf(line("a", "10.00", "7.50")).toFixed()).toBe("7.5");
  });
});

describe("spreadReduction", () => {
  it("takes the amount off in proportion to the nets, by largest remainder", () => {
    // 10.00 over nets 10.00 / 20.00: 1,000 cents × 1/3 = 333.33… → 333, × 2/3 = 666.66… → 666; the
    // cent left goes to the larger remainder (b's 0.66…): a 3.33, b 6.67; nets 6.67 and 13.33.
    const a = line("a", "10.00");
    const b = line("b", "20.00");
    const result = spreadReduction([a, b], [a, b], d(10), USD, "discount", "promo");
    expect(result.allocation).toEqual([
      { line: "a", amount: "-3.33" },
      { line: "b", amount: "-6.67" },
    ]);
    expect(result.lines.map((l) => [l.net, l.adjustments])).toEqual([
      ["6.67", [{ kind: "discount", source: "promo", amount: "-3.33" }]],
      ["13.33", [{ kind: "discount", source: "promo", amount: "-6.67" }]],
    ]);
  });

  it("adds to earlier adjustments and spreads over the current nets, not the amounts", () => {
    // Nets 5.00 (after a 5.00 discount) and 15.00: 4.00 × 5/20 = 1.00 and × 15/20 = 3.00.
    const a = {
      ...line("a", "10.00", "5.00"),
      adjustments: [{ kind: "discount", source: "first", amount: "-5.00" }],
    } as InvoiceLine;
    const b = line("b", "15.00");
    const result = spreadReduction([a, b], [a, b], d(4), USD, "credit", "grant");
    expect(result.lines[0]).toMatchObject({
      net: "4.00",
      adjustments: [
        { kind: "discount", source: "first", amount: "-5.00" },
        { kind: "credit", source: "grant", amount: "-1.00" },
      ],
    });
    expect(result.lines[1]).toMatchObject({ net: "12.00" });
    expect(result.allocation).toEqual([
      { line: "a", amount: "-1.00" },
      { line: "b", amount: "-3.00" },
    ]);
  });

  it("leaves lines outside the eligible ones, and lines whose share is zero, exactly as they were", () => {
    // 0.01 over nets 1.00 / 1.00: the tie goes to the first eligible line (a); b's share is 0.
    const a = line("a", "1.00");
    const b = line("b", "1.00");
    const c = line("c", "50.00");
    const result = spreadReduction([c, a, b], [a, b], d("0.01"), USD, "commitment_cap", "cap");
    expect(result.lines[0]).toBe(c);
    expect(result.lines[1]).toMatchObject({ net: "0.99" });
    expect(result.lines[2]).toBe(b);
    // A zero share is not listed.
    expect(result.allocation).toEqual([{ line: "a", amount: "-0.01" }]);
  });

  it("changes nothing when the amount is zero or nothing is eligible", () => {
    const a = line("a", "3.00");
    const zero = spreadReduction([a], [a], d(0), USD, "discount", "none");
    expect(zero.lines[0]).toBe(a);
    expect(zero.allocation).toEqual([]);
    const none = spreadReduction([a], [], d(5), USD, "discount", "none");
    expect(none.lines[0]).toBe(a);
    expect(none.allocation).toEqual([]);
  });

  it("writes amounts with the currency's minor units (JPY: none)", () => {
    // ¥100 over nets ¥1,000 / ¥3,000: 25 and 75.
    const JPY = { code: "JPY", minorUnits: 0 };
    const a = line("a", "1000");
    const b = line("b", "3000");
    const result = spreadReduction([a, b], [a, b], d(100), JPY, "discount", "yen");
    expect(result.allocation).toEqual([
      { line: "a", amount: "-25" },
      { line: "b", amount: "-75" },
    ]);
    expect(result.lines.map((l) => l.net)).toEqual(["975", "2925"]);
  });
});

describe("spreadReduction: laws", () => {
  it("the shares add up to the amount exactly, and each line's net falls by its share", () => {
    const cents = fc.integer({ min: 1, max: 1_000_000 });
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 6 }), fc.nat(), (nets, pick) => {
        const lines = nets.map((value, index) => line(`l${index}`, d(value).div(100).toFixed(2)));
        const base = nets.reduce((sum, value) => sum + value, 0);
        const amount = d(pick % (base + 1)).div(100);
        const result = spreadReduction(lines, lines, amount, USD, "discount", "x");
        const taken = result.allocation.reduce((sum, entry) => sum.minus(entry.amount), d(0));
        expect(taken.equals(amount)).toBe(true);
        result.lines.forEach((after, index) => {
          const share = after.adjustments?.[0]?.amount ?? "0";
          expect(netOf(after).equals(netOf(lines[index]!).plus(share))).toBe(true);
          expect(netOf(after).isNegative()).toBe(false);
        });
      }),
    );
  });
});
