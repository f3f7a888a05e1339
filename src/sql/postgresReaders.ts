/**
 * PostgreSQL's readers of a text as a number and as an instant, written for PostgreSQL 14 and later.
 * A cast of text that is no number (or no date) raises an error and stops the whole query; PostgreSQL
 * 16 added `pg_input_is_valid` to ask first, which PostgreSQL 15 (Debian 12's, supported until November
 * 2027) does not have: the query failed there with `function pg_input_is_valid(text, unknown) does not
 * exist`. So each text is checked first, admitting only what the in-memory engine reads and what the
 * cast cannot then refuse: a number by a regular expression (src/money/parseDecimal.ts DECIMAL_TEXT),
 * an instant, which already matched SQL_INSTANT_PATTERN, by the calendar. PostgreSQL's own grammar is
 * wider (" 1", "NaN", "Infinity", and from 16 "1_000" and "0x1A"), which `pg_input_is_valid` let
 * through (docs/sql-engines.md, "PostgreSQL versions: 14 and later").
 */

// Decimal text (DECIMAL_TEXT) whose cast to numeric cannot fail: at most SHORT characters and an exponent
// of at most 3 digits, so under 2,000 digits either side of the point, where numeric holds 131,072
// before it and 16,383 after. The readers' texts are nearly all short: a quantity (below 10^15, at most
// 9 decimals), a double's shortest text, a literal, and the short form "S e k" of text with an exponent
// (quantitySql.ts; |k| ≥ 1,000 is no quantity's, so NULL is right for it).
const SHORT = 1000;
const SHORT_DECIMAL = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$";
// A longer text can still be a quantity or a value the 18-decimal comparisons read: zeros around at
// most 255 digits either side of the point ("1." and 2,000 zeros is 1, as in memory). Those zeros are
// dropped before the cast (numeric counts a fraction's trailing zeros among its 16,383 decimals).
const PADDED_DECIMAL = "^[+-]?0*([0-9]{1,255})?([.][0-9]{0,255}0*)?$";
// Sign, leading zeros (dropped, a 0 written in their place), integer digits, the fraction up to its
// last non-zero digit, then the point and zeros dropped.
const PADDED_PARTS = "^([+-]?)0*([0-9]*)([.][0-9]*[1-9])?[.]?0*$";

/** The text, when it is decimal text the numeric cast reads without fail (else NULL), zeros around it dropped if long. */
function castableText(text: string): string {
  return `CASE WHEN length(${text}) <= ${SHORT} THEN CASE WHEN ${text} ~ '${SHORT_DECIMAL}' THEN ${text} END WHEN ${text} ~ '${PADDED_DECIMAL}' THEN regexp_replace(${text}, '${PADDED_PARTS}', '\\10\\2\\3') END`;
}

/** Exact decimal of a text, rounded to `scale` decimals (NULL when it is not decimal text). */
export function postgresDecimal(text: string, scale: number): string {
  return `round((${castableText(text)})::numeric, ${scale})`;
}

// The doubles' range as decimals: the largest double, and the least (a subnormal, 2^-1074) to 17 digits,
// a hair below it (what lies between rounds up to it). Between them, and at zero, the float8 cast cannot
// fail; beyond, it fails ("out of range"): NULL instead. Every double's shortest text, the only kind the
// readers compare (a JSON number's, a filter's number), is inside.
const LARGEST_DOUBLE = "1.7976931348623157e308";
const LEAST_DOUBLE = "4.9406564584124654e-324";

// Decimal text the float8 cast reads without fail, checked without numeric: at most 200 characters and
// an exponent of at most 2 digits lie within 10^±299, inside the doubles' range. Nearly every text read
// as a double is one (a JSON number's shortest text: "0.5", "1e+21", "1.5e-07"); the others are checked
// against the range as numeric.
const DOUBLE_SHORT = 200;
const DOUBLE_DECIMAL = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,2})?$";

/** A double of a text (NULL when it is not decimal text, or out of the doubles' range). */
export function postgresDouble(text: string): string {
  const value = `(${castableText(text)})::numeric`;
  return `CASE WHEN length(${text}) <= ${DOUBLE_SHORT} AND ${text} ~ '${DOUBLE_DECIMAL}' THEN (${text})::float8 WHEN ${value} = 0 THEN 0::float8 WHEN abs(${value}) BETWEEN ${LEAST_DOUBLE} AND ${LARGEST_DOUBLE} THEN (${value})::float8 END`;
}

/**
 * Epoch milliseconds of an ISO 8601 text that matched SQL_INSTANT_PATTERN (instantSql.ts), so its
 * characters are where the pattern puts them: NULL unless its date is in the calendar. The wall time
 * (the text before its zone, cut after the third fraction digit: PostgreSQL rounds to the microsecond,
 * so "23:59:59.9999995Z" would become the next second, the next period, where ratecard floors) is read
 * as a `timestamp` in UTC and the offset taken off by hand: PostgreSQL's own zone reading refuses
 * offsets beyond ±15:59, which ratecard reads up to ±23:59 (as DuckDB and ClickHouse do). No regular
 * expression: the pattern already placed every character.
 */
export function postgresEpochMs(text: string): string {
  const at = (start: string | number, length: number) => `substr(${text}, ${start}, ${length})`;
  // Two digits compared as text, in code-point order (the same for digits in any collation, cheaper).
  const [month, day] = [`${at(6, 2)} COLLATE "C"`, `${at(9, 2)} COLLATE "C"`];
  const year = `${at(1, 4)}::int`;
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const last = `CASE ${at(6, 2)} WHEN '02' THEN CASE WHEN ${leap} THEN '29' ELSE '28' END WHEN '04' THEN '30' WHEN '06' THEN '30' WHEN '09' THEN '30' WHEN '11' THEN '30' ELSE '31' END`;
  const calendar = `${month} BETWEEN '01' AND '12' AND ${day} BETWEEN '01' AND ${last}`;
  // The wall time's length: before "Z", "±hh:mm" or "±hhmm".
  const zulu = `right(${text}, 1) = 'Z'`;
  const wall = `(CASE WHEN ${zulu} THEN length(${text}) - 1 WHEN ${at(`length(${text}) - 2`, 1)} = ':' THEN length(${text}) - 6 ELSE length(${text}) - 5 END)`;
  const sign = `(CASE WHEN ${at(`${wall} + 1`, 1)} = '-' THEN -1 ELSE 1 END)`;
  const offsetMinutes = `(CASE WHEN ${zulu} THEN 0 ELSE ${sign} * (${at(`${wall} + 2`, 2)}::int * 60 + right(${text}, 2)::int) END)`;
  const ms = `floor(extract(epoch from left(${text}, least(${wall}, 23))::timestamp) * 1000)::bigint - ${offsetMinutes} * 60000`;
  return `CASE WHEN ${calendar} THEN ${ms} END`;
}
