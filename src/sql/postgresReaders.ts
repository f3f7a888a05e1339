/**
 * PostgreSQL's readers of a text as a number and as an instant, written for PostgreSQL 14 and later.
 * A cast of text that is no number (or no date) raises an error and stops the whole query; PostgreSQL
 * 16 added `pg_input_is_valid` to ask first, which PostgreSQL 15 (Debian 12's, supported until November
 * 2027) does not have: the query failed there with `function pg_input_is_valid(text, unknown) does not
 * exist`. So each text is checked with a regular expression first, one that admits only what the
 * in-memory engine reads (src/money/parseDecimal.ts DECIMAL_TEXT, src/time/instant.ts) and what the
 * cast cannot then refuse; PostgreSQL's own grammar is wider (" 1", "NaN", "Infinity", and from 16
 * "1_000" and "0x1A"), which `pg_input_is_valid` let through (docs/sql-engines.md, "PostgreSQL versions").
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

/** A double of a text (NULL when it is not decimal text, or out of the doubles' range). */
export function postgresDouble(text: string): string {
  const value = `(${castableText(text)})::numeric`;
  return `CASE WHEN ${value} = 0 THEN 0::float8 WHEN abs(${value}) BETWEEN ${LEAST_DOUBLE} AND ${LARGEST_DOUBLE} THEN (${value})::float8 END`;
}

/**
 * Epoch milliseconds of an ISO 8601 text that matched SQL_INSTANT_PATTERN (instantSql.ts): NULL unless
 * its date is in the calendar. The wall time (digits past the millisecond dropped: PostgreSQL rounds to
 * the microsecond, so "23:59:59.9999995Z" would become the next second, the next period) is read as a
 * `timestamp` in UTC and the offset taken off by hand: PostgreSQL's own zone reading refuses offsets
 * beyond ±15:59, which ratecard reads up to ±23:59 (as DuckDB and ClickHouse do).
 */
export function postgresEpochMs(text: string): string {
  const number = (start: number, length: number) => `substr(${text}, ${start}, ${length})::int`;
  const [year, month, day] = [number(1, 4), number(6, 2), number(9, 2)];
  const leap = `(${year} % 4 = 0 AND (${year} % 100 <> 0 OR ${year} % 400 = 0))`;
  const days = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  const wall = `regexp_replace(${text}, '^(.{16}(:[0-9]{2}([.][0-9]{1,3})?)?)[0-9]*(Z|[+-].*)$', '\\1')`;
  // The offset as ±hhmm (only read when the text does not end in Z).
  const zone = `regexp_replace(${text}, '^.*([+-])([0-9]{2}):?([0-9]{2})$', '\\1\\2\\3')`;
  const offsetMinutes = `(CASE WHEN right(${text}, 1) = 'Z' THEN 0 ELSE (substr(${zone}, 2, 2)::int * 60 + substr(${zone}, 4, 2)::int) * (CASE WHEN left(${zone}, 1) = '-' THEN -1 ELSE 1 END) END)`;
  const ms = `floor(extract(epoch from (${wall})::timestamp) * 1000)::bigint - ${offsetMinutes} * 60000`;
  return `CASE WHEN ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${days} THEN ${ms} END`;
}
