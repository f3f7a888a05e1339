import { InputError, invalidDecimal, type JsonPath } from "../errors/index.js";
import { Decimal, type DecimalInput } from "./decimal.js";
import { boundProblem, type NumericBound } from "./numericBounds.js";

// A plain decimal literal: optional sign, digits with an optional fraction, optional exponent.
// No whitespace, no "NaN", no "Infinity", no hex, no digit separators: a typo must not become a number.
/** Decimal text: digits with an optional sign, point and exponent ("12", "-0.5", ".5", "1e-9"). */
export const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Outcome of {@link safeParseDecimal}. */
export type DecimalParseResult =
  | { readonly success: true; readonly data: Decimal }
  | {
      readonly success: false;
      readonly reason: string;
      readonly code: "invalid_decimal" | "decimal_out_of_range";
    };

/**
 * Parses a decimal string or a finite JS number without throwing.
 * Numbers go through their shortest round-trip string (`String(0.1)` is "0.1"), so 0.1 means 0.1,
 * not 0.1000000000000000055511151231257827.
 */
export function safeParseDecimal(input: unknown): DecimalParseResult {
  let text: string;
  if (typeof input === "number") {
    if (!Number.isFinite(input)) return invalid(`${String(input)} is not a finite number`);
    text = String(input);
  } else if (typeof input === "string") {
    if (input === "") return invalid("an empty string is not a number");
    if (!DECIMAL_TEXT.test(input)) return invalid(`"${truncate(input)}" is not a decimal number`);
    text = input;
  } else {
    return invalid(`expected a decimal string such as "12.50", got ${describe(input)}`);
  }
  const value = new Decimal(text);
  if (!value.isFinite()) {
    return {
      success: false,
      code: "decimal_out_of_range",
      reason: `"${truncate(text)}" is too large to represent`,
    };
  }
  // decimal.js turns an exponent below its range into zero; a non-zero literal must not become 0.
  if (value.isZero() && /[1-9]/.test(text.replace(/[eE].*$/, ""))) {
    return {
      success: false,
      code: "decimal_out_of_range",
      reason: `"${truncate(text)}" is too small to represent`,
    };
  }
  return { success: true, data: value };
}

/**
 * {@link safeParseDecimal}, then the bounds of a kind of value (docs/decisions/numeric-bounds.md): a
 * JSON number and its decimal text meet the same bound, since a number is read through its shortest
 * text (`5e50` and `"5e50"` are both refused as a quantity; `1e-60` and `"1e-60"` both too).
 */
export function safeParseBoundedDecimal(input: unknown, bound: NumericBound): DecimalParseResult {
  const parsed = safeParseDecimal(input);
  if (!parsed.success) return parsed;
  const problem = boundProblem(parsed.data, bound);
  if (problem === undefined) return parsed;
  return { success: false, code: "decimal_out_of_range", reason: `the value ${problem}` };
}

/**
 * Parses a decimal string or finite number into an exact Decimal.
 * @param input - e.g. "0.0000025", "61400", 12.5
 * @param path - where the value sits in the caller's input, for the error
 * @returns the exact value
 * @throws InputError `invalid_decimal` (empty, NaN, Infinity, not a number) or `decimal_out_of_range`
 * @example toDecimal("0.1").plus(toDecimal(0.2)).toString() // "0.3"
 */
export function toDecimal(input: DecimalInput, path: JsonPath = ""): Decimal {
  const result = safeParseDecimal(input);
  if (result.success) return result.data;
  throw InputError.from(invalidDecimal(result.code, path, result.reason), path);
}

function invalid(reason: string): DecimalParseResult {
  return { success: false, code: "invalid_decimal", reason };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
