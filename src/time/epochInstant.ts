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
  const name = unit === "epoch_s" ? "seconds" : "milliseconds";
  const text = typeof value === "number" ? numberText(value) : typeof value === "string" ? value : undefined;
  if (text === undefined || !DECIMAL_TEXT.test(text))
    return { success: false, reason: notACount(value, name) };
  const count = new Decimal(text);
  if (count.isNegative() && !count.isZero())
    return {
      success: false,
      reason: `${text} ${name} since 1970 is before 1970, which ratecard does not bill`,
    };
  const milliseconds = (unit === "epoch_s" ? count.times(1000) : count).floor();
  if (milliseconds.greaterThan(LATEST_INSTANT)) return { success: false, reason: tooLate(text, unit) };
  return { success: true, data: milliseconds.toNumber() };
}

// A finite number's own digits (JSON's, for any number JSON.parse gave back); NaN and Infinity have none.
function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // String() writes 1e21 and above, and below 1e-6, with an exponent: such a count is refused anyway
  // (too late) or is a fraction of a millisecond after 1970; both read exactly through Decimal.
  return /e/i.test(String(value)) ? new Decimal(value).toFixed() : String(value);
}

function notACount(value: unknown, name: string): string {
  const shown =
    typeof value === "string"
      ? `the text "${value}"`
      : typeof value === "number"
        ? String(value)
        : value === null
          ? "null"
          : `a ${Array.isArray(value) ? "list" : typeof value}`;
  const iso = typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value);
  return `${name} since 1970 are expected, as a number such as ${name === "seconds" ? "1770000000" : "1770000000000"}, not ${shown}${iso ? ' (an ISO 8601 timestamp: read such events without --timestamps, or with timestamps "text")' : ""}`;
}

// A count past the year 9999: most often milliseconds read as seconds.
function tooLate(text: string, unit: "epoch_s" | "epoch_ms"): string {
  const hint = unit === "epoch_s" ? "; if these are milliseconds since 1970, read them as epoch_ms" : "";
  return `${text} ${unit === "epoch_s" ? "seconds" : "milliseconds"} since 1970 is after the year 9999, which ratecard does not read${hint}`;
}
