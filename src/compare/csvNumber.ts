/** Which character separates the whole part from the fraction in a CSV's numbers. */
export type DecimalSeparator = "." | ",";

/** A CSV cell read as a plain decimal ("1234.56"), or why it could not be. */
export type CsvNumber =
  | { readonly plain: string }
  | { readonly problem: "ambiguous_separator" | "not_a_number" };

// Digits grouped by threes with `group` between the groups (1,234,567), then an optional fraction.
function groupedPattern(group: string, decimal: string): RegExp {
  const g = group === "." ? "\\." : group;
  const d = decimal === "." ? "\\." : decimal;
  return new RegExp(`^([+-]?)(\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}(\\d+))?$`);
}

const POINT = groupedPattern(",", ".");
const COMMA = groupedPattern(".", ",");
// Two or more grouping commas, or grouping points, and no fraction: a number has one decimal separator.
const COMMA_GROUPS = /^[+-]?\d{1,3}(?:,\d{3}){2,}$/;
// Points before groups of three and no fraction: thousands, in an amount that cannot have decimals.
const POINT_GROUPS = /^[+-]?\d{1,3}(?:\.\d{3})+$/;

/**
 * Normalises the text of a CSV number cell to a decimal with a point and no separators, for
 * `safeParseDecimal` to read. With no separator declared, a comma is read only where it can mean one
 * thing: thousands separators followed by a decimal point ("3,656.00"). A comma that could be a decimal
 * comma ("1,50", "1,500") is `ambiguous_separator`: 1,500 is fifteen hundred in the US and one and a
 * half in Germany, and a reconciliation must not guess which. With `decimalSeparator` declared, the other
 * character groups thousands, in groups of three only. Text with neither separator is passed on as is.
 * Two or more commas in groups of three with no fraction ("1,234,567") group thousands: a number has one
 * decimal separator, so neither comma can be it. With `wholeUnits` (an amount of a currency without
 * minor units, such as JPY), commas or points in well-formed groups of three with no fraction ("4,074",
 * "4.074", "1.234.567") can only group thousands too: no such amount has a decimal part, least of all
 * one of exactly three digits.
 */
export function readCsvNumber(
  text: string,
  decimalSeparator?: DecimalSeparator,
  wholeUnits = false,
): CsvNumber {
  if (decimalSeparator === ",")
    return text.includes(",") || text.includes(".") ? plainOf(text, COMMA) : { plain: text };
  if (!text.includes(",")) {
    // "¥4.074" is never 4.074 yen: with no fraction possible, the point groups thousands.
    if (decimalSeparator === undefined && wholeUnits && POINT_GROUPS.test(text)) return plainOf(text, COMMA);
    return { plain: text };
  }
  if (decimalSeparator === ".") return plainOf(text, POINT);
  const read = plainOf(text, POINT);
  // Well-formed groups, and a decimal point after them: the comma can only be a thousands separator.
  // So are two commas or more, and so is a comma in an amount without minor units: "¥4,074" is never
  // 4.074 yen.
  if ("plain" in read && (text.includes(".") || wholeUnits || COMMA_GROUPS.test(text))) return read;
  return /^[+-]?[\d.,]+$/.test(text) ? { problem: "ambiguous_separator" } : { problem: "not_a_number" };
}

function plainOf(text: string, pattern: RegExp): CsvNumber {
  const match = pattern.exec(text);
  if (match === null) return { problem: "not_a_number" };
  const [, sign = "", whole = "", fraction] = match;
  const digits = whole.replaceAll(/[.,]/g, "");
  return { plain: `${sign}${digits}${fraction !== undefined ? `.${fraction}` : ""}` };
}
