import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, decimalOfText } from "../../src/money/index.js";
import { longDecimalArb, shortDecimalArb } from "../_arbitraries/meters.js";

describe("decimalOfText (laws)", () => {
  it("is new Decimal(text), read the first time or again from its cache", () => {
    fc.assert(
      fc.property(fc.oneof(shortDecimalArb, longDecimalArb), (text) => {
        const fresh = new Decimal(text);
        for (const read of [decimalOfText(text), decimalOfText(text)]) {
          expect(read).toBeInstanceOf(Decimal);
          expect(read.toFixed()).toBe(fresh.toFixed());
          expect(read.isNegative()).toBe(fresh.isNegative());
        }
      }),
    );
  });

  it("gives the same value after more texts than it keeps (the cache is cleared, not wrong)", () => {
    const first = decimalOfText("500.00");
    // 5,000 other texts: more than the 4,096 kept, so the cache is cleared at least once.
    for (let cents = 0; cents < 5000; cents += 1) decimalOfText(`0.${String(cents).padStart(4, "0")}`);
    expect(decimalOfText("500.00").toFixed(2)).toBe("500.00");
    expect(first.toFixed(2)).toBe("500.00");
  });

  it("throws for a text decimal.js refuses, as new Decimal does, and keeps nothing", () => {
    expect(() => new Decimal("12,5")).toThrow();
    expect(() => decimalOfText("12,5")).toThrow();
    expect(() => decimalOfText("12,5")).toThrow();
  });
});
