import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/index.js";
import { Decimal, lastingDecimal } from "../../src/money/index.js";
import { longDecimalArb, shortDecimalArb } from "../_arbitraries/meters.js";

describe("lastingDecimal (laws)", () => {
  it("is the same decimal in a new object with digits of its own", () => {
    fc.assert(
      fc.property(fc.oneof(shortDecimalArb, longDecimalArb), fc.boolean(), (text, negative) => {
        const read = new Decimal(text);
        const parsed = negative ? read.negated() : read;
        const copy = lastingDecimal(parsed);
        expect(copy).toBeInstanceOf(Decimal);
        expect(copy.equals(parsed)).toBe(true);
        // The text and sign too (decimal.js's equals says -0 = 0; the copy keeps -0's sign).
        expect(copy.toFixed()).toBe(parsed.toFixed());
        expect(copy.isNegative()).toBe(parsed.isNegative());
        // A copy, not the parser's object: its digits are not the parser's array (lastingDecimal.ts says
        // why that matters to V8), and equal element by element.
        expect(copy).not.toBe(parsed);
        const digits = (value: Decimal) => (value as unknown as { d: number[] | null }).d;
        expect(digits(copy)).not.toBe(digits(parsed));
        expect(digits(copy)).toEqual(digits(parsed));
      }),
    );
  });

  it("leaves a parsed contract's decimals as written: cdn-basic's bandwidth tiers", () => {
    // fixtures/cdn-basic/contract.json writes North America's tiers as upTo "10000" at "0.08", upTo
    // "50000" at "0.06", then "0.04" above.
    const contract = parseContract(JSON.parse(readFileSync("fixtures/cdn-basic/contract.json", "utf8")));
    const charge = contract.charges.find((entry) => entry.id === "bandwidth_na");
    expect(charge).toBeDefined();
    const { tiers } = charge!.price as unknown as {
      tiers: ReadonlyArray<{ upTo?: Decimal; unitPrice: Decimal }>;
    };
    expect(tiers.map((tier) => [tier.upTo?.toFixed(), tier.unitPrice.toFixed()])).toEqual([
      ["10000", "0.08"],
      ["50000", "0.06"],
      [undefined, "0.04"],
    ]);
  });
});
