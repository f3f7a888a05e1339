import type { InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import { PRICE_MODELS } from "../pricing/index.js";

/** The ChargeCategory values a line can take (tax and credits have their own rows). */
export type LineChargeCategory = "Usage" | "Purchase" | "Adjustment";

/**
 * A line's ChargeCategory (specification/columns/chargecategory.md):
 * - "Purchase": a fee, bought for a period whether used or not — billed in advance, or a price model
 *   that is a fee (its `isFee` fact: a flat price);
 * - "Usage": a charge for a positive quantity used, including a commitment's true-up (its unused part:
 *   CommitmentDiscountStatus "Unused", whose ConsumedQuantity FOCUS asks to be null);
 * - "Adjustment": a usage-priced line with no positive quantity (a minimum charged on zero usage, a
 *   negative correction): FOCUS requires a positive ConsumedQuantity on every Usage row. A spend
 *   commitment's overage too: a surcharge on the money spent beyond the minimum, not a quantity of a
 *   service consumed (the units are on the usage lines' rows), so it has no ConsumedQuantity to give.
 */
export function chargeCategoryOf(line: InvoiceLine): LineChargeCategory {
  if (line.billed === "in_advance" || isFeeModel(line.model)) return "Purchase";
  if (line.priceKind === "true_up") return "Usage";
  if (line.priceKind === "overage") return "Adjustment";
  return new Decimal(line.quantity).gt(0) ? "Usage" : "Adjustment";
}

/**
 * A line's ChargeFrequency (specification/columns/chargefrequency.md): a fee or a commitment's true-up
 * recurs every period whether used or not ("Recurring"); every other line is billed for use.
 */
export function chargeFrequencyOf(
  line: InvoiceLine,
  category: LineChargeCategory,
): "Recurring" | "Usage-Based" {
  return category === "Purchase" || line.priceKind === "true_up" ? "Recurring" : "Usage-Based";
}

// Asked of the model's facts, as shared code does (docs/architecture.md, "A price model").
function isFeeModel(model: string): boolean {
  return Object.hasOwn(PRICE_MODELS, model) && PRICE_MODELS[model as keyof typeof PRICE_MODELS].isFee;
}
