import type { MeterQuantity } from "../meters/index.js";
import type { Currency, Decimal, RoundingMode } from "../money/index.js";
import { ONE, roundTo, toFixedString, toPlainString } from "../money/index.js";
import { priceModelOf, ratePrice } from "../pricing/index.js";
import type { ChargeTerms, InvoiceLine, Step } from "../schema/index.js";
import { applyRatio, formatInstant, type Period, type ProrationRatio } from "../time/index.js";

/** Everything a charge needs to become one invoice line. */
export interface RateChargeInput {
  readonly charge: ChargeTerms;
  /** The meter's quantity; absent for a charge that does not use a meter (a flat fee). */
  readonly usage: MeterQuantity | undefined;
  /** The part of the billing period the line covers. */
  readonly period: Period;
  /** Share of the billing period covered, for fees charged per period; absent when it is all of it. */
  readonly proration: ProrationRatio | undefined;
  readonly currency: Currency;
  readonly rounding: RoundingMode;
}

/**
 * Rates one charge into an invoice line: usage → price model → proration (recurring fees on a
 * partial period) → rounding to minor units, once. Every stage adds its step to the breakdown.
 */
export function rateCharge(input: RateChargeInput): InvoiceLine {
  const { charge, usage, currency } = input;
  const model = priceModelOf(charge.price.model);
  const quantity: Decimal = model.usesQuantity && usage ? usage.quantity : ONE;
  const priced = ratePrice(charge.price, quantity);
  const steps: Step[] = [];
  if (model.usesQuantity && usage) {
    steps.push({
      kind: "usage",
      meter: usage.meter.id,
      aggregation: usage.meter.aggregation,
      events: usage.events,
      quantity: toPlainString(usage.quantity),
    });
  }
  steps.push(...priced.steps);

  let exact = priced.amount;
  // Usage is measured inside the line's period already; only per-period fees are prorated.
  if (!model.usesQuantity && input.proration !== undefined) {
    const prorated = applyRatio(exact, input.proration);
    steps.push({
      kind: "proration",
      basis: input.proration.basis,
      elapsed: toPlainString(input.proration.elapsed),
      total: toPlainString(input.proration.total),
      before: toPlainString(exact),
      amount: toPlainString(prorated),
    });
    exact = prorated;
  }

  const amount = roundTo(exact, currency.minorUnits, input.rounding);
  steps.push({
    kind: "rounding",
    mode: input.rounding,
    minorUnits: currency.minorUnits,
    before: toPlainString(exact),
    amount: toFixedString(amount, currency.minorUnits),
  });

  return {
    id: charge.id,
    chargeId: charge.id,
    name: charge.name,
    model: charge.price.model,
    period: { start: formatInstant(input.period.start), end: formatInstant(input.period.end) },
    quantity: toPlainString(quantity),
    ...(model.usesQuantity && usage?.meter.unit !== undefined ? { unit: usage.meter.unit } : {}),
    unitPrice: priced.unitPrice,
    amount: toFixedString(amount, currency.minorUnits),
    steps,
  };
}
