import fc from "fast-check";
import { decimalArb } from "./money.js";

/**
 * An invoice of fees finer than the currency (rounding.lineDecimals 3–8), in any directed or nearest
 * rounding mode, with or without tax: the case the lineDecimals properties are checked on.
 */
export const lineDecimalsCaseArb = fc.record({
  lineDecimals: fc.integer({ min: 3, max: 8 }),
  mode: fc.constantFrom("half_even", "half_up", "up", "down", "ceiling", "floor"),
  prices: fc.array(decimalArb({ maxScale: 8, maxUnits: 10n ** 9n - 1n, signed: false }), {
    minLength: 1,
    maxLength: 6,
  }),
  taxed: fc.boolean(),
});
