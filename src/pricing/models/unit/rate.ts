import { type Decimal, toPlainString } from "../../../money/index.js";
import type { RatedAmount } from "../../priceModel.js";
import type { UnitStep } from "./steps.js";
import type { UnitTerms } from "./terms.js";

/** quantity × unitPrice, exactly (1,234,567 requests × $0.0000025 = $3.0864175 before line rounding). */
export function rateUnit(terms: UnitTerms, quantity: Decimal): RatedAmount<UnitStep> {
  const amount = quantity.times(terms.unitPrice);
  return {
    amount,
    steps: [
      {
        kind: "unit",
        quantity: toPlainString(quantity),
        unitPrice: toPlainString(terms.unitPrice),
        amount: toPlainString(amount),
      },
    ],
    unitPrice: toPlainString(terms.unitPrice),
  };
}
