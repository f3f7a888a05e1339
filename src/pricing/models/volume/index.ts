import { definePriceModel } from "../../priceModel.js";
import { explainVolumeStep } from "./explain.js";
import { rateVolume, rateVolumeFraction } from "./rate.js";
import { volumeStepSchemas } from "./steps.js";
import { volumeTermsSchema } from "./terms.js";

export type { VolumeTerms } from "./terms.js";
export { volumeTermsSchema } from "./terms.js";

/** Volume tiers: every unit at the price of the one tier the total quantity reaches. */
export const volume = definePriceModel({
  model: "volume",
  termsSchema: volumeTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "tiered",
  // docs/pricing.md, "Anchor models ratecard does not have": Orb's bulk; Stripe's and OpenMeter's tiers in
  // volume mode.
  otherNames: [
    {
      name: "tiered",
      whose: "the name Orb, Metronome, Stripe and OpenMeter give tiered prices",
      choice: "volume",
      meaning: "the tier reached prices every unit",
    },
    { name: "bulk", whose: "Orb's name", choice: "volume" },
  ],
  stepSchemas: volumeStepSchemas,
  explainStep: explainVolumeStep,
  rate: rateVolume,
  rateFraction: rateVolumeFraction,
});
