import { toPlainString } from "../money/index.js";
import type { ValueExpression } from "./valueExpression.js";

/**
 * A meter's value expression as a formula a specialist reads: property names, exact constants,
 * `×` and `+` (a sum inside a product in parentheses), and a weight per property value. A negative
 * term after the first is subtracted ("years − 1", never "years + -1"; a product with one negative constant too:
 * "input_tokens − cached_tokens", never "input_tokens + cached_tokens × -1") and a negative factor
 * after the first is in parentheses ("years × (-0.5)"), as a person writes them.
 * @example valueFormula({ multiply: [{ property: "memory_gb" }, { property: "duration_s" }] }) // "memory_gb × duration_s"
 * @example valueFormula({ weightBy: { property: "type", weights: { ws_message: 0.05 }, default: 1 } })
 *   // "the weight of type (ws_message 0.05, any other 1)"
 */
export function valueFormula(expression: ValueExpression): string {
  if ("property" in expression) return expression.property;
  if ("constant" in expression) return toPlainString(expression.constant);
  if ("multiply" in expression)
    return expression.multiply.map(factorFormula).reduce((product, factor) => `${product} × ${factor}`);
  if ("add" in expression)
    return expression.add
      .slice(1)
      .map(subtracted)
      .reduce(
        (sum, term) => (term.negative ? `${sum} − ${term.text}` : `${sum} + ${term.text}`),
        valueFormula(expression.add[0] as ValueExpression),
      );
  const { property, weights } = expression.weightBy;
  const listed = Object.entries(weights).map(([value, weight]) => `${value} ${toPlainString(weight)}`);
  const other =
    expression.weightBy.default === undefined
      ? "any other value not counted"
      : `any other ${toPlainString(expression.weightBy.default)}`;
  return `the weight of ${property} (${[...listed, other].join(", ")})`;
}

// A factor of a product: a sum in parentheses always, a negative factor after the first too.
function factorFormula(operand: ValueExpression, index: number): string {
  const formula = valueFormula(operand);
  return "add" in operand || (index > 0 && formula.startsWith("-")) ? `(${formula})` : formula;
}

// A term after the first of a sum, as what is added or taken away: -1 is "− 1", a product with one
// negative constant is that product taken away ("− cached_tokens" for cached_tokens × -1).
function subtracted(term: ValueExpression): { negative: boolean; text: string } {
  if ("constant" in term && term.constant.isNegative())
    return { negative: true, text: toPlainString(term.constant.negated()) };
  if ("multiply" in term) {
    const negatives = term.multiply.filter((factor) => "constant" in factor && factor.constant.isNegative());
    if (negatives.length === 1) {
      const factors = term.multiply.flatMap((factor) => {
        if (factor !== negatives[0] || !("constant" in factor)) return [factor];
        const positive = factor.constant.negated();
        return positive.eq(1) && term.multiply.length > 1 ? [] : [{ constant: positive }];
      });
      const text = valueFormula({ multiply: factors });
      return { negative: true, text: text.startsWith("-") ? `(${text})` : text };
    }
  }
  const text = valueFormula(term);
  return text.startsWith("-") ? { negative: true, text: text.slice(1) } : { negative: false, text };
}
