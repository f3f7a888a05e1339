import type { ModelPriceKind, PriceStep } from "../pricing/index.js";
import type { AllowanceStep, CommonStep, LineOf, OverrideStep } from "../schema/index.js";

/** A step rating a charge writes: the common steps, an override's or a pool's, and its price model's. */
export type RatedStep = CommonStep | OverrideStep | AllowanceStep | PriceStep;

/** A line as rating writes it; the invoice layer's `InvoiceLine` accepts it as it is. */
export type RatedLine = LineOf<RatedStep, ModelPriceKind>;
