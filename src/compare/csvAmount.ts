import { type CsvNumber, type DecimalSeparator, readCsvNumber } from "./csvNumber.js";
import { CURRENCY_MARK, currenciesOfMark } from "./currencyMarks.js";

/** A CSV amount cell read as a plain decimal, with the currency mark written beside it, if any. */
export type CsvAmount = CsvNumber | { readonly plain: string; readonly mark: string };

// A space, a no-break space (U+00A0) or a narrow no-break space (U+202F): French and Swiss
// spreadsheets group thousands with them, and put one between an amount and its currency.
const SPACE = "[ \\u00A0\\u202F]";
// What groups thousands by threes besides a comma or a point: a space, or the apostrophe Swiss
// exports write ("1'234.50", also as U+2019), never between an amount and its currency.
const GROUP = "[ \\u00A0\\u202F'\\u2019]";
const SIGN = /^[-+\u2212]/;
// A mark is never part of a longer word: "RUB 125.00" is roubles, not the rand's "R" before "UB".
const PREFIX = new RegExp(`^(${CURRENCY_MARK})(?![A-Za-z])${SPACE}?`);
const SUFFIX = new RegExp(`${SPACE}?(?<![A-Za-z])(${CURRENCY_MARK})$`);
const SPACE_GROUPS = new RegExp(`^\\d{1,3}(?:${GROUP}\\d{3})+(?:[.,]\\d+)?$`);
const GROUPS = new RegExp(GROUP, "g");
const NOT_A_NUMBER: CsvNumber = { problem: "not_a_number" };

/**
 * Reads an amount as billing systems and spreadsheets export it: a currency sign or ISO code before or
 * after the number ("$125.00", "125.00 USD"), a negative in parentheses ("(5.00)", the accountants'
 * way), with a trailing minus ("5.00-") or with the minus sign U+2212, thousands grouped by threes with
 * spaces ("1 234,56") or apostrophes ("1'234.50"). At most one sign and one mark. What is left is read by {@link readCsvNumber},
 * so a comma means what it meant before: "1 234,56" still needs a decimal comma declared; `wholeUnits`
 * is readCsvNumber's (an amount of a currency without minor units).
 * Which currency the mark may be is the caller's to check (`currenciesOfMark`): a mark that is no
 * currency ("125.00 ABC") is `not_a_number`.
 * @example readCsvAmount("($1,234.50)") // { plain: "-1234.50", mark: "$" }
 */
export function readCsvAmount(
  text: string,
  decimalSeparator?: DecimalSeparator,
  wholeUnits = false,
): CsvAmount {
  let rest = text;
  let signs = 0;
  let negative = false;
  const sign = () => {
    const found = SIGN.exec(rest)?.[0];
    if (found === undefined) return;
    signs += 1;
    negative = found !== "+";
    rest = rest.slice(1);
  };
  const parenthesised = /^\((.*)\)$/s.exec(rest);
  if (parenthesised !== null) {
    [signs, negative, rest] = [1, true, (parenthesised[1] as string).trim()];
  }
  sign();
  const prefix = PREFIX.exec(rest);
  if (prefix !== null) rest = rest.slice(prefix[0].length);
  sign();
  const suffix = prefix === null ? SUFFIX.exec(rest) : null;
  if (suffix !== null) rest = rest.slice(0, rest.length - suffix[0].length);
  if (rest.endsWith("-")) [signs, negative, rest] = [signs + 1, true, rest.slice(0, -1)];
  const mark = prefix?.[1] ?? suffix?.[1];
  if (signs > 1 || SIGN.test(rest) || (mark !== undefined && currenciesOfMark(mark).length === 0))
    return NOT_A_NUMBER;
  const digits = rest.replaceAll(GROUPS, "");
  if (digits !== rest && !SPACE_GROUPS.test(rest)) return NOT_A_NUMBER;
  const read = readCsvNumber(`${negative ? "-" : ""}${digits}`, decimalSeparator, wholeUnits);
  return "plain" in read && mark !== undefined ? { ...read, mark } : read;
}
