import { definePriceModel } from "../../priceModel.js";
import { explainGraduatedStep } from "./explain.js";
import { rateGraduated, rateGraduatedFraction } from "./rate.js";
import { graduatedStepSchemas } from "./steps.js";
import { graduatedTermsSchema } from "./terms.js";

export type { GraduatedTerms } from "./terms.js";
export { graduatedTermsSchema } from "./terms.js";

/** Graduated tiers: each tier's unit price applies to the units inside it, plus each reached tier's flat fee. */
export const graduated = definePriceModel({
  model: "graduated",
  termsSchema: graduatedTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  // docs/pricing.md, "Anchor models ratecard does not have": Orb's and Metronome's tiered prices are
  // graduated; Stripe's and OpenMeter's are graduated or volume by their tiers mode.
  otherNames: [
    {
      name: "tiered",
      whose: "the name Orb, Metronome, Stripe and OpenMeter give tiered prices",
      choice: "graduated",
      meaning: "each tier prices its own units",
    },
  ],
  stepSchemas: graduatedStepSchemas,
  explainStep: explainGraduatedStep,
  rate: rateGraduated,
  rateFraction: rateGraduatedFraction,
});
