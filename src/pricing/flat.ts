import { toPlainString } from "../money/index.js";
import { type FlatTerms, flatTermsSchema } from "../schema/index.js";
import type { PriceModel } from "./priceModel.js";

/**
 * A fixed amount per period, whatever the usage.
 * @example flat.rate({ model: "flat", amount: new Decimal("500") }, ZERO).amount // 500
 */
export const flat: PriceModel<"flat"> = {
  model: "flat",
  termsSchema: flatTermsSchema,
  usesQuantity: false,
  rate: (terms: FlatTerms) => ({
    amount: terms.amount,
    steps: [{ kind: "flat", amount: toPlainString(terms.amount) }],
    unitPrice: "flat",
  }),
};
