import { type Decimal, toPlainString } from "../money/index.js";
import type { FilterTerms, MeterTerms } from "../schema/index.js";
import type { SqlDialect } from "./dialect.js";
import { DECIMAL_TEXT, decimalParts, type PropertyColumns } from "./quantitySql.js";

// Decimal text the engines' 18-decimal types hold exactly (DuckDB's DECIMAL(38,18), ClickHouse's
// Decimal128(18), PostgreSQL's numeric rounded to 18): no exponent, at most 20 integer digits and 18
// decimals, zeros on the outside aside. Almost every value is one: compared by a plain cast.
const FITS_18 = "^[+-]?0*[0-9]{0,20}([.][0-9]{0,18}0*)?$";
// The place given to a value whose exponent has more than 18 digits, either way: beyond decimal.js's
// exponents (MAX_PLACE), so it matches nothing, as in memory (zero aside, whose sign is 0).
const FAR = "4000000000000000000";
// The places of the first digit decimal.js reads (its exponent, the place − 1, within ±9 × 10^15:
// src/money/decimal.ts maxE and minE); beyond them it reads no number.
const MAX_PLACE = "9000000000000001";
const MIN_PLACE = "-8999999999999999";

type NumericOp = "gt" | "gte" | "lt" | "lte";
export const OPERATORS: Readonly<Record<NumericOp, string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** The properties a meter compares with a number (`gt`, `gte`, `lt`, `lte` filters). */
export function comparedProperties(meters: ReadonlyArray<MeterTerms>): ReadonlySet<string> {
  return new Set(
    meters.flatMap((meter) =>
      // A computed value's operands are quantities (below 10^15, 9 decimals): never staged.
      (meter.filters ?? []).flatMap((filter) =>
        isNumericFilter(filter) && filter.property !== undefined ? [filter.property] : [],
      ),
    ),
  );
}

/** A `gt`, `gte`, `lt` or `lte` filter: of one property, or of a value computed from properties. */
export const isNumericFilter = (filter: FilterTerms): filter is Extract<FilterTerms, { op: NumericOp }> =>
  filter.op in OPERATORS;

/**
 * The CTE that stages, once per row, the properties compared with a number (their indices: columns
 * k0, t0…) that the 18-decimal types cannot hold exactly ("1e30", "5.0000000000000000001", a 24-digit
 * integer): each as its sign (−1, 0, 1: `ns0`…), the place of its first significant digit (`ne0`…:
 * 3 for 123.4, −2 for 0.0015) and those digits without the zeros around them (`nd0`…), which order
 * such values exactly however large or long (docs/sql-engines.md). NULL for every other row.
 */
export function comparisonStage(indices: ReadonlyArray<number>, dialect: SqlDialect, from: string): string {
  const columns = indices.flatMap((i) => {
    const { sign, place, digits } = orderParts(`t${i}`, dialect);
    const slow = `(k${i} = 'n' OR (k${i} = 's' AND ${dialect.matches(`t${i}`, DECIMAL_TEXT)})) AND NOT ${dialect.matches(`t${i}`, FITS_18)}`;
    return [
      `CASE WHEN ${slow} THEN ${sign} END AS ns${i}`,
      `CASE WHEN ${slow} THEN ${place} END AS ne${i}`,
      `CASE WHEN ${slow} THEN ${digits} END AS nd${i}`,
    ];
  });
  return `evn AS (SELECT *, ${columns.join(", ")} FROM ${from})`;
}

// Decimal text as its sign, the place of its first significant digit (S × 10^k has its first digit at
// k + the digits of S) and those digits, from quantitySql.ts decimalParts: up to 18 digits of the
// exponent read (a longer one: FAR).
function orderParts(text: string, dialect: SqlDialect) {
  const parts = decimalParts(text, dialect, 18);
  return {
    sign: `CASE WHEN ${parts.zero} THEN 0 WHEN ${parts.sign} = '-' THEN -1 ELSE 1 END`,
    place: `CASE WHEN ${parts.tooLong} THEN ${FAR} ELSE ${parts.power} + ${parts.digits} END`,
    digits: parts.significant,
  };
}

/**
 * A numeric filter as SQL, exact as src/meters/matchesFilters.ts compares decimals: a value the
 * 18-decimal type holds by a cast (`CASE` takes that branch first), any other by its staged sign,
 * place and digits ({@link comparisonStage}).
 */
export function comparisonSql(
  { kind, text, order }: PropertyColumns,
  op: NumericOp,
  bound: Decimal,
  dialect: SqlDialect,
): string {
  const decimal = `CASE WHEN ${kind} = 'n' OR (${kind} = 's' AND ${dialect.matches(text, DECIMAL_TEXT)}) THEN ${dialect.decimal(text, true)} END`;
  // A filter's bound is a quantity (below 10^15, at most 9 decimals): the 18-decimal type holds it.
  const fast = `(${decimal} ${OPERATORS[op]} ${dialect.decimal(dialect.literal(toPlainString(bound)), true)})`;
  if (order === undefined) return fast;
  const { sign, place, digits } = order;
  const boundSign = bound.isZero() ? 0 : bound.isNegative() ? -1 : 1;
  // The bound as 0.D × 10^E: its digits D without zeros around them, E the place of the first.
  const [mantissa = "0", power = "0"] = bound.abs().toExponential().split("e");
  const boundDigits = mantissa.replace(".", "").replace(/0+$/, "");
  const boundPlace = boundSign === 0 ? 0 : Number(power) + 1;
  const opposite = `(0 - ${sign})`;
  const ordered = `CASE WHEN ${sign} <> ${boundSign} THEN (CASE WHEN ${sign} > ${boundSign} THEN 1 ELSE -1 END) WHEN ${sign} = 0 THEN 0 WHEN ${place} <> ${boundPlace} THEN (CASE WHEN ${place} > ${boundPlace} THEN ${sign} ELSE ${opposite} END) WHEN ${digits} = ${dialect.literal(boundDigits)} THEN 0 WHEN ${dialect.binary(digits)} > ${dialect.binary(dialect.literal(boundDigits))} THEN ${sign} ELSE ${opposite} END`;
  // Beyond decimal.js's exponents (±9 × 10^15) the in-memory engine reads no number: no match.
  const unreadable = `${sign} <> 0 AND (${place} > ${MAX_PLACE} OR ${place} < ${MIN_PLACE})`;
  return `CASE WHEN ${sign} IS NULL THEN ${fast} WHEN ${unreadable} THEN FALSE ELSE (${ordered}) ${OPERATORS[op]} 0 END`;
}
