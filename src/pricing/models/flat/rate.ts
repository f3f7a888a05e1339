import { toPlainString } from "../money/index.js";
import { type FlatTerms, flatTermsSchema } from "../schema/index.js";
import { definePriceModel } from "./priceModel.js";

/**
 * A fixed amount per period, whatever the usage.
 * @example flat.rate({ model: "flat", amount: new Decimal("500") }, ZERO).amount // 500
 */
export const flat = definePriceModel<"flat">({
  model: "flat",
  termsSchema: flatTermsSchema,
  usesQuantity: false,
  prorates: (terms) => terms.prorate !== false,
  rate: (terms: FlatTerms) => ({
    amount: terms.amount,
    steps: [{ kind: "flat", amount: toPlainString(terms.amount) }],
    priceKind: "flat",
  }),
});
