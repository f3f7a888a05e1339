import { toPlainString } from "../money/index.js";
import { type UnitTerms, unitTermsSchema } from "../schema/index.js";
import { definePriceModel } from "./priceModel.js";

/**
 * quantity × unitPrice, exactly (1,234,567 requests × $0.0000025 = $3.0864175 before line rounding).
 */
export const unit = definePriceModel<"unit">({
  model: "unit",
  termsSchema: unitTermsSchema,
  usesQuantity: true,
  rate: (terms: UnitTerms, quantity) => {
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
      priceKind: "unit",
      unitPrice: toPlainString(terms.unitPrice),
    };
  },
});
