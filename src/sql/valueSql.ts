import { InputError, sqlMessages } from "../errors/index.js";
import { type Decimal, toPlainString, ZERO } from "../money/index.js";
import type { ValueExpression } from "../schema/index.js";
import type { SqlDialect } from "./dialect.js";
import { type PropertyColumns, quantitySql } from "./quantitySql.js";

/** A meter's `value` expression as SQL (src/meters/deriveValue.ts is the in-memory original). */
export interface DerivedSql {
  /** The exact value at the expression's own scale, NULL when an operand is missing or it is too wide. */
  readonly raw: string;
  /** Every operand is there: each property a quantity, each weight found (or a default). */
  readonly present: string;
  /** Decimals of `raw` (the sum of a product's operands' decimals, the most of a sum's). */
  readonly scale: number;
}

// One node of the expression: its exact SQL, a double that approximates it (to see an overflow coming
// in an engine that would wrap around), its scale, and what must hold for it to have a value.
interface Node {
  readonly exact: string;
  readonly approx: string;
  readonly scale: number;
  readonly present: ReadonlyArray<string>;
  readonly guards: ReadonlyArray<string>;
}

/**
 * Compiles a value expression to exact decimal arithmetic in the engine's widest decimal: no operand
 * is ever rounded, as `exactProduct`/`addExactly` never round. A scale beyond the engine's decimals is
 * refused here; a value too large for them at run time is NULL with its operands present (the caller
 * reports it as too wide, never as an invalid value): DuckDB by TRY, ClickHouse (whose Decimal256
 * wraps around silently) by comparing a double estimate of every partial result with the room left.
 */
export function derivedValueSql(
  expression: ValueExpression,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
  meterId: string,
): DerivedSql {
  const node = compileNode(expression, dialect, property);
  const { digits, overflow } = dialect.exact;
  if (node.scale > digits)
    throw InputError.from(
      sqlMessages.sqlUnsupported(
        `a meter value with ${node.scale} decimals (meter "${meterId}": the exact product of its operands; ${dialect.name} keeps at most ${digits})`,
      ),
      "meters",
    );
  const raw =
    overflow === "try"
      ? `TRY(${node.exact})`
      : overflow === "guard" && node.guards.length > 0
        ? `CASE WHEN ${node.guards.join(" AND ")} THEN ${node.exact} END`
        : node.exact;
  const all = (terms: ReadonlyArray<string>, empty: string, joiner: string) =>
    terms.length === 0 ? empty : `(${terms.join(joiner)})`;
  return {
    raw,
    present: `COALESCE(${all(node.present, "TRUE", " AND ")}, FALSE)`,
    scale: node.scale,
  };
}

function compileNode(
  expression: ValueExpression,
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
): Node {
  if ("constant" in expression) return constantNode(expression.constant, dialect);
  if ("property" in expression) {
    const quantity = quantitySql(property(expression.property), dialect);
    return {
      exact: dialect.exact.cast(quantity.value, 9),
      approx: dialect.double(property(expression.property).text),
      scale: 9,
      present: [quantity.readable],
      guards: [],
    };
  }
  if ("weightBy" in expression) return weightNode(expression.weightBy, dialect, property);
  const multiply = "multiply" in expression;
  const operands = (multiply ? expression.multiply : expression.add).map((operand) =>
    compileNode(operand, dialect, property),
  );
  return operands.reduce((left, right) => {
    const scale = multiply ? left.scale + right.scale : Math.max(left.scale, right.scale);
    // Room left in the engine's decimal for the integer digits of this partial result, with one to spare.
    const room = `1e${dialect.exact.digits - scale - 1}`;
    const bound = multiply
      ? `abs(${left.approx} * ${right.approx})`
      : `(abs(${left.approx}) + abs(${right.approx}))`;
    return {
      exact: `(${left.exact} ${multiply ? "*" : "+"} ${right.exact})`,
      approx: `(${left.approx} ${multiply ? "*" : "+"} ${right.approx})`,
      scale,
      present: [...left.present, ...right.present],
      guards: [...left.guards, ...right.guards, `${bound} < ${room}`],
    };
  });
}

function constantNode(constant: Decimal, dialect: SqlDialect): Node {
  const text = dialect.literal(toPlainString(constant));
  return {
    exact: dialect.exact.cast(text, constant.decimalPlaces()),
    approx: dialect.double(text),
    scale: constant.decimalPlaces(),
    present: [],
    guards: [],
  };
}

// A weight chosen by a property's value, compared as `String(value)` is in deriveValue.ts: text as it
// is, true/false as words, a number by its shortest text (the key "5" matches 5 and 5.0, "5.0" none).
function weightNode(
  terms: { property: string; weights: Readonly<Record<string, Decimal>>; default?: Decimal | undefined },
  dialect: SqlDialect,
  property: (name: string) => PropertyColumns,
): Node {
  const { kind, text } = property(terms.property);
  const weights = Object.entries(terms.weights);
  const scale = Math.max(
    0,
    ...weights.map(([, weight]) => weight.decimalPlaces()),
    terms.default?.decimalPlaces() ?? 0,
  );
  const weightSql = (weight: Decimal) => dialect.exact.cast(dialect.literal(toPlainString(weight)), scale);
  const keyMatches = (key: string) => {
    const terms = [`${kind} = 's' AND ${text} = ${dialect.literal(key)}`];
    if (key === "true" || key === "false") terms.push(`${kind} = 'b' AND ${text} = '${key}'`);
    const number = Number(key);
    if (key !== "" && String(number) === key && Number.isFinite(number))
      terms.push(`${kind} = 'n' AND ${dialect.double(text)} = ${dialect.double(dialect.literal(key))}`);
    return `COALESCE(${terms.map((term) => `(${term})`).join(" OR ")}, FALSE)`;
  };
  // No weight at all: the CASE needs a branch, one that never matches.
  const branches = weights.length === 0 ? ` WHEN FALSE THEN ${weightSql(ZERO)}` : "";
  const exact = `CASE${branches}${weights.map(([key, weight]) => ` WHEN ${keyMatches(key)} THEN ${weightSql(weight)}`).join("")}${terms.default === undefined ? "" : ` ELSE ${weightSql(terms.default)}`} END`;
  return {
    exact,
    approx: dialect.toDouble(exact),
    scale,
    present: terms.default === undefined ? [`(${exact}) IS NOT NULL`] : [],
    guards: [],
  };
}
