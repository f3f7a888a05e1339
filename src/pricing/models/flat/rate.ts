import type { Decimal } from "../../../money/index.js";
import { toPlainString } from "../../../money/index.js";
import type { RatedAmount } from "../../priceModel.js";
import type { FlatStep } from "./steps.js";
import type { FlatTerms } from "./terms.js";

/**
 * A fixed amount per period, whatever the usage.
 * @example rateFlat({ model: "flat", amount: new Decimal("500") }, ZERO).amount // 500
 */
export function rateFlat(terms: FlatTerms, _quantity?: Decimal): RatedAmount<FlatStep> {
  return { amount: terms.amount, steps: [{ kind: "flat", amount: toPlainString(terms.amount) }] };
}
