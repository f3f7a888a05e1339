import { Decimal } from "./decimal.js";
import { lastingDecimal } from "./lastingDecimal.js";

// The texts read most recently and their values. An invoice reads each line's amount back several
// times (the net before tax, the subtotal, discounts and credits), and a batch's invoices share most of
// their amounts (a platform fee, small usage charges): parsing was 3–4 % of rating from aggregates
// (issue 14). Decimals are immutable, so a shared one cannot change an invoice; the map is cleared when
// full, so it stays small whatever the texts.
const PARSED = new Map<string, Decimal>();
const PARSED_LIMIT = 4096;

/**
 * `new Decimal(text)`, for the decimal texts ratecard writes and reads back (amounts, nets), from a
 * bounded cache of recent texts. A text decimal.js refuses throws as `new Decimal` does, and is not kept.
 * @example decimalOfText("500.00").equals(new Decimal("500.00")) // true
 */
export function decimalOfText(text: string): Decimal {
  const known = PARSED.get(text);
  if (known !== undefined) return known;
  // Kept for later invoices: a copy the parser's allocation site does not see live long (lastingDecimal.ts).
  const value = lastingDecimal(new Decimal(text));
  if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
  PARSED.set(text, value);
  return value;
}

/**
 * How many decimals a decimal text is written with, trailing zeros included: "200.00" → 2, "858" → 0.
 * For writing a figure derived from it at the same scale.
 */
export function decimalsOfText(text: string): number {
  return text.split(".")[1]?.length ?? 0;
}
