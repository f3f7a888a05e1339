import { definePriceModel } from "../../priceModel.js";
import { explainFlatStep } from "./explain.js";
import { rateFlat } from "./rate.js";
import { flatStepSchemas } from "./steps.js";
import { flatTermsSchema } from "./terms.js";

export type { FlatTerms } from "./terms.js";
export { flatTermsSchema } from "./terms.js";

/**
 * Flat: a fixed amount per billing period, whatever the usage (a platform fee, a support plan),
 * prorated on a partial period unless `prorate` is false.
 * @example flat.rate({ model: "flat", amount: new Decimal("500") }, ZERO).amount // 500
 */
export const flat = definePriceModel({
  model: "flat",
  termsSchema: flatTermsSchema,
  usesQuantity: false,
  isFee: true,
  needsEventValues: false,
  // A transformed quantity would be shown on the line but never used.
  acceptsTransform: false,
  isSinglePrice: true,
  priceKind: "flat",
  // docs/pricing.md, "Anchor models ratecard does not have": Metronome's SUBSCRIPTION rate type.
  otherNames: [{ name: "subscription", whose: "Metronome's rate type", choice: "flat" }],
  prorates: (terms) => terms.prorate !== false,
  stepSchemas: flatStepSchemas,
  explainStep: explainFlatStep,
  rate: rateFlat,
});
