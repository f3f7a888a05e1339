import { Decimal } from "./decimal.js";

/**
 * The same decimal, as a copy meant to live long: what a parsed contract keeps (its prices, tier bounds,
 * amounts) for as long as it is rated with. Equal in value and text to `value`; the copy is a new object.
 *
 * Why a copy: V8 watches each allocation site (an array or object literal in the code) and, when most
 * of what one site makes survives a young-generation collection, allocates everything that site makes
 * from then on straight into the old generation, for good. decimal.js makes every decimal's digit array
 * at one literal in its parser, the one that reads a contract's "0.085" and an invoice's "12.25" alike.
 * A billing service that parses thousands of contracts and keeps them, then rates, taught V8 that the
 * parser's digits live long: every decimal parsed while rating went to the old generation, each young
 * collection promoted some 220 KB, took 1.1–1.8 ms instead of 0.4–0.7, and the old generation filled
 * with garbage for the full collector (rating cdn-basic from aggregates, 5,000 customers; issue 14,
 * docs/scale-measurements.md). `new Decimal(decimal)` copies the digits with `slice`, which V8 does not
 * watch: the parser's digits die young, as they do while rating, and the site stays young.
 * @example lastingDecimal(new Decimal("0.085")).equals("0.085") // true
 */
export function lastingDecimal(value: Decimal): Decimal {
  return new Decimal(value);
}
