import { Decimal } from "../money/index.js";

// Commas every three digits, in a locale named here, never the machine's. Given a string, Intl formats
// the exact decimal it spells (ECMA-402 reads it as a mathematical value, not a float), so a 30-digit
// whole part keeps every digit (test/explain/formatNumber.property.test.ts). Only the whole part goes
// through it: the fraction is kept digit for digit, whatever its length.
const WHOLE_NUMBER = new Intl.NumberFormat("en-US", { useGrouping: true, maximumFractionDigits: 0 });

/**
 * Groups thousands with commas: "61400" → "61,400", "1234567.891" → "1,234,567.891".
 * Fixed English style so explanations never depend on the machine's locale.
 */
export function groupThousands(plain: string): string {
  const negative = plain.startsWith("-");
  const unsigned = negative ? plain.slice(1) : plain;
  const [whole = "0", fraction] = unsigned.split(".");
  const grouped = WHOLE_NUMBER.format(whole as `${number}`);
  return `${negative ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/** A quantity in words: grouped, with exactly its own decimals ("11,400", "23,456.789"). */
export function formatQuantity(plain: string): string {
  return groupThousands(new Decimal(plain).toFixed());
}

/**
 * An amount with at least `minDecimals` decimals and more only when the exact value has them:
 * ("800", 2) → "800.00"; ("98.76536", 2) → "98.76536"; ("0.08", 4) → "0.0800".
 */
export function formatExact(plain: string, minDecimals: number): string {
  const value = new Decimal(plain);
  return groupThousands(value.toFixed(Math.max(minDecimals, value.decimalPlaces())));
}

// How many significant digits a value below the cut keeps: enough to read it, as the cut keeps 8 places.
const SIGNIFICANT_BELOW_CUT = 4;

/**
 * Like {@link formatExact}, but a value with more than `maxDecimals` decimals (a prorated amount
 * such as 500 × 15 ÷ 31) is cut there and marked with "…", so a sentence stays readable; the invoice
 * JSON keeps every digit. ("241.93548387096774193548", 2, 8) → "241.93548387…". A value whose digits all
 * lie past the cut (1 request at $0.000000000001) keeps its first 4 significant digits instead
 * (("0.000000000001", 2, 10) → "0.000000000001"; ("0.0000000000123456", 2, 10) → "0.00000000001234…"):
 * cut at the 10th decimal it read "$0.0000000000…", a nonzero amount shown as zeros.
 */
export function formatReadable(plain: string, minDecimals: number, maxDecimals: number): string {
  const value = new Decimal(plain);
  // The decimal place of the first significant digit of a value below 1 (0.00012 → 4), 0 otherwise.
  const firstSignificant = value.isZero() || value.abs().gte(1) ? 0 : -value.abs().e;
  const cut = Math.max(maxDecimals, firstSignificant + SIGNIFICANT_BELOW_CUT - 1);
  if (value.decimalPlaces() <= cut) return formatExact(plain, minDecimals);
  return `${groupThousands(value.toFixed(cut, Decimal.ROUND_DOWN))}…`;
}

/** A negative amount reads "-$0.20", never "$-0.20". */
export function signed(plain: string, format: (magnitude: string) => string): string {
  return plain.startsWith("-") ? `-${format(plain.slice(1))}` : format(plain);
}

/** "1 event", "2,996 events", "3 entities". */
export function count(n: number, noun: string): string {
  const plural = noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  return `${formatQuantity(String(n))} ${n === 1 ? noun : plural}`;
}
