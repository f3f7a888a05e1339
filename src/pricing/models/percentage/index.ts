import { definePriceModel } from "../../priceModel.js";
import { explainPercentageStep } from "./explain.js";
import { ratePercentage } from "./rate.js";
import { percentageStepSchemas } from "./steps.js";
import { percentageTermsSchema } from "./terms.js";

export type { PercentageTerms } from "./terms.js";
export { percentageTermsSchema } from "./terms.js";

/**
 * Percentage: a share of each transaction plus a fixed fee, clamped per transaction. It reads each
 * transaction's value, so it needs the events' values and takes no transform of their total.
 */
export const percentage = definePriceModel({
  model: "percentage",
  termsSchema: percentageTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: true,
  acceptsTransform: false,
  isSinglePrice: true,
  priceKind: "percentage",
  // docs/pricing.md, "Anchor models ratecard does not have": Orb's bps is a percentage in basis points.
  otherNames: [
    {
      name: "bps",
      whose: 'Orb\'s basis-point price (ratecard takes "basisPoints" in it)',
      choice: "percentage",
    },
  ],
  stepSchemas: percentageStepSchemas,
  explainStep: explainPercentageStep,
  rate: ratePercentage,
});
