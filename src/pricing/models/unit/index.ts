import { definePriceModel } from "../../priceModel.js";
import { explainUnitStep } from "./explain.js";
import { rateUnit, rateUnitFraction } from "./rate.js";
import { unitStepSchemas } from "./steps.js";
import { unitTermsSchema } from "./terms.js";

export type { UnitTerms } from "./terms.js";
export { unitTermsSchema } from "./terms.js";

/** Unit: every unit at the same price; the line shows that price as its `unitPrice`. */
export const unit = definePriceModel({
  model: "unit",
  termsSchema: unitTermsSchema,
  usesQuantity: true,
  isFee: false,
  needsEventValues: false,
  acceptsTransform: true,
  isSinglePrice: true,
  priceKind: "unit",
  // docs/pricing.md, "Anchor models ratecard does not have": Stripe's billing_scheme, Lago's charge model.
  otherNames: [
    { name: "per_unit", whose: "Stripe's billing_scheme", choice: "unit" },
    { name: "standard", whose: "Lago's charge model", choice: "unit" },
  ],
  stepSchemas: unitStepSchemas,
  explainStep: explainUnitStep,
  rate: rateUnit,
  rateFraction: rateUnitFraction,
});
