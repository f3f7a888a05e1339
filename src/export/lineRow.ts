import type { InvoiceLine } from "../invoice/index.js";
import { Decimal, toFixedString } from "../money/index.js";
import type { AppliedCommitment } from "../schema/index.js";
import { chargeCategoryOf, chargeFrequencyOf } from "./chargeCategory.js";
import type { FocusPeriod } from "./chargePeriod.js";
import type { FocusRow } from "./focusColumns.js";
import { consumedUnitOf, linePricing } from "./linePricing.js";
import { finished, type RowFacts, rowOf } from "./rowFacts.js";
import { withUnusedCommitment } from "./unusedCommitment.js";

/**
 * The row of one invoice line. BilledCost is what the line adds to the invoice before credits and
 * tax: its amount with the discounts and commitment cap taken off it (FOCUS's BilledCost is "inclusive
 * of all reduced rates and discounts"), less its share of an inclusive tax, which has its own row.
 * Pre-tax credits taken off the line are not in it: they are Credit rows.
 *
 * @param chargePeriod - the line's charge period (lineChargePeriod: a progressive invoice's stretch)
 * @param inclusiveTax - the line's part of an inclusive tax (`share`, in money) and its rate in percent
 *   (`percent`); both zero for exclusive tax or none. The pricing columns are net of that rate too.
 */
export function lineRow(
  line: InvoiceLine,
  chargePeriod: FocusPeriod,
  facts: RowFacts,
  commitments: ReadonlyArray<AppliedCommitment>,
  inclusiveTax: { readonly share: Decimal; readonly percent: Decimal },
): FocusRow {
  const row = rowOf(facts);
  const category = chargeCategoryOf(line);
  const reductions = (line.adjustments ?? []).filter((adjustment) => adjustment.kind !== "credit");
  const billed = reductions
    .reduce((sum, adjustment) => sum.plus(adjustment.amount), new Decimal(line.amount))
    .minus(inclusiveTax.share);
  const billedText = toFixedString(billed, facts.currency.minorUnits);
  const pricing = linePricing(line, inclusiveTax.percent);

  row.ChargeCategory = category;
  row.ChargeDescription = line.name;
  row.ChargeFrequency = chargeFrequencyOf(line, category);
  row.ChargePeriodStart = chargePeriod.start;
  row.ChargePeriodEnd = chargePeriod.end;
  row.BilledCost = billedText;
  // No prepaid purchase is spread over later charges, so the amortized cost is the billed cost.
  row.EffectiveCost = billedText;
  // ratecard knows one price per line (the contract's, as overridden): list and contracted are it.
  row.ListUnitPrice = pricing.unitPrice;
  row.ContractedUnitPrice = pricing.unitPrice;
  row.PricingQuantity = pricing.quantity;
  row.PricingUnit = pricing.unit;
  row.ListCost = pricing.cost;
  row.ContractedCost = pricing.cost;
  // Committed: the charge exists because of a commitment; every other line is at the contract's rate.
  row.PricingCategory = line.priceKind === "true_up" ? "Committed" : "Standard";
  row.SkuId = line.chargeId;
  row.SkuPriceId = line.id;
  row.x_LineId = line.id;
  if (line.priceKind === "true_up") withUnusedCommitment(row, line, commitments, facts);
  else if (category === "Usage") {
    row.ConsumedQuantity = line.quantity;
    row.ConsumedUnit = consumedUnitOf(line);
  }
  return finished(row);
}
