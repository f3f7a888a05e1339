import { epochAfter9999, epochBefore1970, epochNotACount } from "../errors/index.js";
import { Decimal } from "../money/index.js";
import type { InstantParseResult } from "./instant.js";
import { LATEST_INSTANT } from "./yearRange.js";

/**
 * How a usage event's timestamp is written: ISO 8601 text with its offset (`text`, the default), or a
 * count since 1970-01-01T00:00:00Z of seconds (`epoch_s`: Stripe meter events, Lago events) or of
 * milliseconds (`epoch_ms`). The names are the SQL table mapping's (docs/sql-engines.md). Never guessed
 * from a value's size: 1770000000 is 2026 in seconds and January 1970 in milliseconds.
 */
export type UsageTimestamps = "text" | "epoch_s" | "epoch_ms";

/** The ways a usage event's timestamp may be written, as the option and --timestamps name them. */
export const USAGE_TIMESTAMPS: ReadonlyArray<UsageTimestamps> = ["text", "epoch_s", "epoch_ms"];

// A plain decimal, as JSON writes a number or a CSV cell holds one: no exponent, no "+", no spaces.
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Reads a count since 1970 (a number, or a decimal written as text: every CSV cell is text) as epoch
 * milliseconds, exactly: the decimal is multiplied by 1000 (seconds) in decimal arithmetic, never in
 * binary floating point, so 1770000000.123 s is 1770000000123 ms. Digits finer than the millisecond
 * floor to their millisecond, as the ISO reader does with "…:00.1239Z": an event belongs to the
 * millisecond it happened in, so it never crosses a period boundary (which is a whole millisecond).
 */
export function safeParseEpochInstant(value: unknown, unit: "epoch_s" | "epoch_ms"): InstantParseResult {
  const text = typeof value === "number" ? numberText(value) : typeof value === "string" ? value : undefined;
  if (text === undefined || !DECIMAL_TEXT.test(text))
    return { success: false, reason: epochNotACount(value, unit) };
  const count = new Decimal(text);
  if (count.isNegative() && !count.isZero()) return { success: false, reason: epochBefore1970(text, unit) };
  const milliseconds = (unit === "epoch_s" ? count.times(1000) : count).floor();
  if (milliseconds.greaterThan(LATEST_INSTANT)) return { success: false, reason: epochAfter9999(text, unit) };
  // "-0" is 1970's first millisecond, 0, not JavaScript's -0 (which Object.is tells apart from 0).
  return { success: true, data: milliseconds.isZero() ? 0 : milliseconds.toNumber() };
}

// A finite number's own digits (JSON's, for any number JSON.parse gave back); NaN and Infinity have none.
function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // String() writes 1e21 and above, and below 1e-6, with an exponent: such a count is refused anyway
  // (too late) or is a fraction of a millisecond after 1970; both read exactly through Decimal.
  return /e/i.test(String(value)) ? new Decimal(value).toFixed() : String(value);
}
