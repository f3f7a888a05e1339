import {
  addExactly,
  DERIVED_QUANTITY,
  type Decimal,
  exactProduct,
  isWithinBound,
  QUANTITY,
  safeParseDecimal,
  toPlainString,
} from "../money/index.js";
import { type PropertyValue, propertyOf, type ValueExpression } from "../schema/index.js";

/**
 * The value a meter reads from an event through a derived expression, as decimal text, or undefined
 * when the event cannot give one (a property missing or not a number, a weight for a value the table
 * lacks with no default, a result beyond {@link DERIVED_QUANTITY}): the event is then excluded as
 * `invalid_value`, like an event without its value property. Exact: products and sums that
 * never round (exactProduct, addExactly), never JS numbers. 512 MB × 1,000 ms × 0.0000009765625 = 0.5 GB-s.
 */
export function deriveValue(
  expression: ValueExpression,
  properties: Readonly<Record<string, PropertyValue>>,
): string | undefined {
  const value = evaluate(expression, properties);
  return value !== undefined && isWithinBound(value, DERIVED_QUANTITY) ? toPlainString(value) : undefined;
}

function evaluate(
  expression: ValueExpression,
  properties: Readonly<Record<string, PropertyValue>>,
): Decimal | undefined {
  if ("constant" in expression) return expression.constant;
  if ("property" in expression) return numberOf(propertyOf(properties, expression.property));
  if ("weightBy" in expression) {
    const { property, weights, default: otherwise } = expression.weightBy;
    const key = propertyOf(properties, property);
    // Own keys only: a property value "constructor" must not find Object.prototype's.
    const weight =
      key === undefined || key === null || !Object.hasOwn(weights, String(key))
        ? undefined
        : weights[String(key)];
    return weight ?? otherwise;
  }
  const operands = "multiply" in expression ? expression.multiply : expression.add;
  let result: Decimal | undefined;
  for (const operand of operands) {
    const value = evaluate(operand, properties);
    if (value === undefined) return undefined;
    result =
      result === undefined
        ? value
        : "multiply" in expression
          ? exactProduct(result, value)
          : addExactly(result, value);
  }
  return result;
}

// A property read as a number is a quantity, as a value property's is (docs/decisions/numeric-bounds.md).
function numberOf(raw: PropertyValue | undefined): Decimal | undefined {
  if (typeof raw !== "number" && typeof raw !== "string") return undefined;
  const parsed = safeParseDecimal(raw);
  return parsed.success && isWithinBound(parsed.data, QUANTITY) ? parsed.data : undefined;
}
