import { toPlainString } from "../money/index.js";
import type { ValueExpression } from "./valueExpression.js";

/**
 * A meter's value expression as a formula a specialist reads: property names, exact constants,
 * `×` and `+` (a sum inside a product in parentheses), and a weight per property value.
 * @example valueFormula({ multiply: [{ property: "memory_gb" }, { property: "duration_s" }] }) // "memory_gb × duration_s"
 * @example valueFormula({ weightBy: { property: "type", weights: { ws_message: 0.05 }, default: 1 } })
 *   // "the weight of type (ws_message 0.05, any other 1)"
 */
export function valueFormula(expression: ValueExpression): string {
  if ("property" in expression) return expression.property;
  if ("constant" in expression) return toPlainString(expression.constant);
  if ("multiply" in expression)
    return expression.multiply
      .map((operand) => ("add" in operand ? `(${valueFormula(operand)})` : valueFormula(operand)))
      .join(" × ");
  if ("add" in expression) return expression.add.map(valueFormula).join(" + ");
  const { property, weights } = expression.weightBy;
  const listed = Object.entries(weights).map(([value, weight]) => `${value} ${toPlainString(weight)}`);
  const other =
    expression.weightBy.default === undefined
      ? "any other value not counted"
      : `any other ${toPlainString(expression.weightBy.default)}`;
  return `the weight of ${property} (${[...listed, other].join(", ")})`;
}
