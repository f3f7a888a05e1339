import {
  ContractError,
  InvariantError,
  isRatecardError,
  ratingMessages,
  type Warning,
  warningMessages,
} from "../errors/index.js";
import { type GroupQuantity, isLevelMeter, type MeterQuantity } from "../meters/index.js";
import type { Currency, RoundingMode } from "../money/index.js";
import {
  type Decimal,
  type ExactQuotient,
  ONE,
  quotient,
  quotientValue,
  roundTo,
  toFixedString,
  toPlainString,
  ZERO,
} from "../money/index.js";
import type { PriceTerms } from "../pricing/index.js";
import {
  extendedBound,
  modelOfPrice,
  type RatingContext,
  rateFractionWithModel,
  rateWithModel,
} from "../pricing/index.js";
import type { OverrideStep } from "../schema/index.js";
import { formatInstant, type Period, type ProrationRatio } from "../time/index.js";
import { aboveLastTierWarning } from "./aboveLastTierWarning.js";
import { assertRatedQuantity } from "./assertRatedQuantity.js";
import { billableQuantity } from "./billableQuantity.js";
import { type BilledFeeDiscount, creditNetOfDiscount } from "./creditNetOfDiscount.js";
import { fullQuantityOf, priceAtFullQuantityTiers } from "./fullQuantityTiers.js";
import { rateGroupsAsOne } from "./groupsAsOne.js";
import { groupText } from "./groupText.js";
import { applyLineLimits } from "./lineLimits.js";
import { type ChargeInForce, overriddenPrice } from "./overriddenPrice.js";
import type { AllowanceLookup } from "./planAllowanceDraws.js";
import { leftByDraw } from "./poolDraw.js";
import { prorateAmount } from "./prorateAmount.js";
import type { RatedLine, RatedStep } from "./ratedLine.js";
import { fractionOf, type Measured, usageStep } from "./usageStep.js";
import { priceByWindow } from "./windowPricing.js";

/** Everything a charge needs to become invoice lines. */
export interface RateChargeInput {
  /** The charge in force, with the overrides that change its lines' prices. */
  readonly charge: ChargeInForce;
  /**
   * The JSON path of the charge's definition in force, for error paths: `charges[2]`, or
   * `amendments[0].charges[1]` for a charge an amendment defines.
   */
  readonly path: string;
  /** The meter's total; absent for a charge that does not use a meter (a flat fee). */
  readonly usage: MeterQuantity | undefined;
  /** The meter's groups, for a grouped or matrix price. */
  readonly groups: ReadonlyArray<GroupQuantity>;
  /** Every meter's quantity over the line's period (capacity limits). */
  readonly meterQuantities: ReadonlyMap<string, Decimal>;
  /** The part of the billing period the lines cover. */
  readonly period: Period;
  /** Share of the billing period covered; absent when it is all of it. */
  readonly proration: ProrationRatio | undefined;
  /**
   * For one piece (or run of pieces) of a period amendments or overrides cut: its share of the
   * invoice's service period, which a level meter's price is scaled by (docs/contracts.md, step 0).
   */
  readonly levelShare?: ProrationRatio | undefined;
  readonly currency: Currency;
  readonly rounding: RoundingMode;
  /**
   * Set when the line's period overlaps the contract's free trial (a fee only): `proration` then bills
   * the time after the trial, and a `trial` step says so.
   */
  readonly trialEnd?: number | undefined;
  /** A credit for the unused time of a fee billed in advance: the amount for `period`, negated. */
  readonly unused?: boolean | undefined;
  /** With `unused`: the percentage discounts the billed fee had, taken off the credit too (net_of_discount). */
  readonly unusedDiscounts?: ReadonlyArray<BilledFeeDiscount> | undefined;
  /** Marks the lines of a fee billed in advance. */
  readonly billed?: "in_advance" | undefined;
  /** Each line's draw from its allowance pool, by line id; absent when the charge is in no pool. */
  readonly allowance?: AllowanceLookup | undefined;
  /** The contract's zone: the time of day of a window, for window pricing's buckets (UTC when absent). */
  readonly timeZone?: string | undefined;
}

/** The lines of one charge, and the warnings rating it raised. */
export interface RateChargeResult {
  readonly lines: ReadonlyArray<RatedLine>;
  readonly warnings: ReadonlyArray<Warning>;
}

/**
 * Rates one charge: one line, or one line per group for grouped and matrix prices. Each line goes
 * usage → billable quantity → the overrides in force on its price → price model → proration
 * (per-period fees, and a level's piece of a cut period) → line minimum/maximum → rounding to minor
 * units, once; every stage adds its step to the breakdown.
 * @throws ContractError `unpriced_combination` for usage in a matrix combination with no price
 */
export function rateCharge(input: RateChargeInput): RateChargeResult {
  const model = modelOfPrice(input.charge.price);
  const overrides = input.charge.overrides ?? [];
  if (model.grouping === undefined) {
    const measured = ungrouped(input.usage);
    const warnings: Warning[] = [];
    const { steps, fromOverride } = overriddenPrice(
      input.charge.price,
      overrides,
      undefined,
      input.charge.priceFromOverride,
    );
    return {
      lines: [rateLine(input, input.charge.price, steps, fromOverride, measured, warnings)],
      warnings,
    };
  }
  const grouping = model.grouping;
  // The transform taken once on the groups' total, its amount split over their lines (scope "charge").
  if (input.charge.transform?.scope === "charge") {
    const { charge } = input;
    const warnings: Warning[] = [];
    const priceOf = (group: GroupQuantity["group"]) =>
      overriddenPrice(grouping.priceFor(charge.price, group), overrides, group, charge.priceFromOverride);
    const lines = rateGroupsAsOne(
      { ...input, chargeId: charge.id, meter: input.usage!.meter, priceOf },
      (seen, total) => rateLine(input, seen.price, seen.steps, seen.fromOverride, total, warnings),
    );
    return { lines, warnings };
  }
  const lines: RatedLine[] = [];
  const warnings: Warning[] = [];
  for (const group of input.groups) {
    const { price, steps, fromOverride } = overriddenPrice(
      grouping.priceFor(input.charge.price, group.group),
      overrides,
      group.group,
      input.charge.priceFromOverride,
    );
    if (price === undefined) {
      const described = `${groupText(group.group)} (${group.quantity.toFixed()}${unitSuffix(input)} from ${group.events} event${group.events === 1 ? "" : "s"})`;
      if (grouping.onUnpriced(input.charge.price) === "error") {
        throw ContractError.from(
          ratingMessages.unpricedCombination(input.charge.id, described),
          pricePathOf(input, fromOverride),
        );
      }
      warnings.push(
        warningMessages.unpricedUsage({
          path: input.path,
          chargeId: input.charge.id,
          group: groupText(group.group),
          quantity: group.quantity.toFixed(),
          unit: input.usage?.meter.unit,
          events: group.events,
        }),
      );
      continue;
    }
    lines.push(
      rateLine(input, price, steps, fromOverride, { meter: input.usage!.meter, ...group }, warnings),
    );
  }
  return { lines, warnings };
}

function rateLine(
  input: RateChargeInput,
  price: PriceTerms,
  overrideSteps: ReadonlyArray<OverrideStep>,
  fromOverride: number | undefined,
  measured: Measured | undefined,
  warnings: Warning[],
): RatedLine {
  const { charge, currency } = input;
  const model = modelOfPrice(price);
  const group = measured?.group;
  const id = group === undefined ? charge.id : `${charge.id}[${groupText(group)}]`;
  const steps: RatedStep[] = [];
  let quantity: Decimal = ONE;
  // The billable quantity as a fraction n ÷ d, when the meter's is one that need not end (an average,
  // a time-weighted level) and nothing rounded it: priced exactly by the models that can (rateFraction).
  let fraction: ExactQuotient | undefined;
  if (model.usesQuantity && charge.quantity !== undefined) {
    steps.push({ kind: "contract_quantity", quantity: toPlainString(charge.quantity) });
    const billable = billableQuantity(charge.quantity, charge.transform, charge.included);
    if (billable.step) steps.push(billable.step);
    quantity = billable.quantity;
  } else if (model.usesQuantity && measured) {
    const measuredFraction = fractionOf(measured);
    steps.push(usageStep(measured, measuredFraction));
    const billable = billableQuantity(measured.quantity, charge.transform, charge.included, measuredFraction);
    // Priced window by window, the transform applies to each window (the window pricing step shows it).
    if (billable.step && charge.windows === undefined) steps.push(billable.step);
    quantity = billable.quantity;
    fraction = billable.fraction;
    const draw = input.allowance?.(id);
    if (draw !== undefined) {
      const left = leftByDraw(quantity, fraction, draw, id);
      quantity = left.quantity;
      fraction = left.fraction;
      steps.push({
        kind: "allowance",
        pool: draw.pool,
        available: toPlainString(draw.available),
        drawn: toPlainString(draw.drawn),
        quantity: toPlainString(quantity),
      });
    }
  }
  assertRatedQuantity(quantity, input.charge, input.path, measured?.meter.id);
  // The overrides changed the price the model rates with, so they come right before its steps.
  steps.push(...overrideSteps);
  const context: RatingContext = measured?.group
    ? {
        eventValues: measured.values ?? NO_VALUES,
        meterQuantities: input.meterQuantities,
        group: measured.group,
      }
    : { eventValues: measured?.values ?? NO_VALUES, meterQuantities: input.meterQuantities };
  // Lago's prorated tiered charges: the tiers of the quantity before proration, the prorated quantity priced.
  const full = fullQuantityOf(charge.tiersBy, measured?.computation);
  // The same allowance as the prorated quantity's: `included` (meter units) as `transform.included`.
  const fullBillable =
    full === undefined ? undefined : billableQuantity(full, charge.transform, charge.included).quantity;
  const byWindow =
    charge.windows === undefined || measured?.windows === undefined
      ? undefined
      : rateWithin(input, fromOverride, () =>
          priceByWindow({
            terms: charge.windows!,
            price,
            windows: measured.windows!,
            billable: (window) =>
              billableQuantity(window.quantity, charge.transform, undefined, window.fraction),
            rate: (windowPrice, windowQuantity, windowFraction) =>
              (windowFraction === undefined
                ? undefined
                : rateFractionWithModel(windowPrice, windowQuantity, windowFraction)?.exact) ??
              quotient(rateWithModel(windowPrice, windowQuantity, context).amount, ONE),
            minorUnits: currency.minorUnits,
            rounding: input.rounding,
            timeZone: input.timeZone ?? "UTC",
          }),
        );
  if (byWindow !== undefined) quantity = byWindow.quantity;
  const priced = rateWithin(input, fromOverride, () =>
    rateWithModel(price, byWindow === undefined ? (fullBillable ?? quantity) : ZERO, context),
  );
  const exactly =
    fraction === undefined || byWindow !== undefined || fullBillable !== undefined
      ? undefined
      : rateWithin(input, fromOverride, () => rateFractionWithModel(price, quantity, fraction));
  if (byWindow === undefined) steps.push(...(exactly?.steps ?? priced.steps));
  else steps.push(byWindow.step);
  const rated = fullBillable ?? quantity;
  const bound = byWindow === undefined ? extendedBound(price, rated) : undefined;
  const extended = bound === undefined ? byWindow?.aboveLastTier : { quantity: rated, upTo: bound };
  if (extended !== undefined)
    warnings.push(
      aboveLastTierWarning(
        { path: input.path, chargeId: charge.id, group, timeZone: input.timeZone },
        extended,
      ),
    );

  // The amount as a fraction, when it is one (priced from a fraction, or window by window).
  const exactAmount = byWindow?.amount ?? exactly?.exact;
  let exact = exactAmount === undefined ? priced.amount : quotientValue(exactAmount);
  if (fullBillable !== undefined) {
    const scaled = priceAtFullQuantityTiers(priced, quantity, fullBillable);
    steps.push(scaled.step);
    exact = scaled.amount;
  }
  if (input.trialEnd !== undefined) steps.push({ kind: "trial", ends: formatInstant(input.trialEnd) });
  // A contract quantity is a fee per period (seats), so it prorates like a flat fee; a trial prorates
  // every fee to the time after it. A level (a peak, an average) measured over one piece of an amended
  // period is priced for the piece's share of the period: its tiers chosen by the level, not the share.
  const prorates = model.prorates(price) || charge.quantity !== undefined || input.trialEnd !== undefined;
  const share = prorates
    ? input.proration
    : model.usesQuantity && measured !== undefined && isLevelMeter(measured.meter) && byWindow === undefined
      ? input.levelShare
      : undefined;
  if (share !== undefined) {
    const prorated = prorateAmount(exact, exactAmount, share);
    steps.push(prorated.step);
    exact = prorated.amount;
  }
  const limited = applyLineLimits(exact, charge, input.proration);
  steps.push(...limited.steps);
  if (limited.steps.some((step) => step.kind === "line_limit" && step.limit === "zero_floor")) {
    warnings.push(
      warningMessages.negativeAmountFloored({
        path: input.path,
        chargeId: charge.id,
        amount: toFixedString(exact, Math.max(currency.minorUnits, exact.decimalPlaces())),
        currency: currency.code,
      }),
    );
  }
  exact = limited.amount;
  if (input.unused === true) {
    const credit = exact.negated();
    steps.push({
      kind: "unused_time",
      from: formatInstant(input.period.start),
      to: formatInstant(input.period.end),
      before: toPlainString(exact),
      amount: toPlainString(credit),
    });
    const net = creditNetOfDiscount(credit, input.unusedDiscounts ?? []);
    steps.push(...net.steps);
    exact = net.amount;
  }

  const amount = roundTo(exact, currency.minorUnits, input.rounding);
  // The rounded amount is written once: the rounding step and the line show the same text (issue 14).
  const amountText = toFixedString(amount, currency.minorUnits);
  steps.push({
    kind: "rounding",
    mode: input.rounding,
    minorUnits: currency.minorUnits,
    before: toPlainString(exact),
    amount: amountText,
  });
  // Optional fields are set one by one in the order of the line's fields (the same JSON text as
  // conditional spreads, without an object made and copied for each: issue 14).
  const line: Mutable<RatedLine> = { id, chargeId: charge.id, name: charge.name, model: price.model };
  if (group !== undefined) line.group = { ...group };
  line.period = { start: formatInstant(input.period.start), end: formatInstant(input.period.end) };
  line.quantity = toPlainString(quantity);
  const unit = model.usesQuantity ? (charge.transform?.unit ?? measured?.meter.unit) : undefined;
  if (unit !== undefined) line.unit = unit;
  // The meter's singular form goes with the meter's unit, not with a transform's.
  if (
    unit !== undefined &&
    charge.transform?.unit === undefined &&
    measured?.meter.unitSingular !== undefined
  )
    line.unitSingular = measured.meter.unitSingular;
  line.priceKind = priced.priceKind;
  if (priced.unitPrice !== undefined && fullBillable === undefined && byWindow === undefined)
    line.unitPrice = priced.unitPrice;
  line.amount = amountText;
  if (input.billed !== undefined) line.billed = input.billed;
  line.steps = steps;
  return line as RatedLine;
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

// No event values: one shared empty list rather than one per line.
const NO_VALUES: ReadonlyArray<Decimal> = [];

// A meter's total as a measured quantity without a group. A total from the meters has no `group`; one
// that has is copied without it (what a spread did for every line before issue 14).
function ungrouped(usage: MeterQuantity | undefined): Measured | undefined {
  if (usage === undefined || (usage as Measured).group === undefined) return usage;
  return { ...usage, group: undefined };
}

/** A fee: a price declared a fee (flat) or a quantity fixed by the contract (seats); what trials and billing in advance apply to. */
export function isFee(charge: ChargeInForce): boolean {
  return modelOfPrice(charge.price).isFee || charge.quantity !== undefined;
}

// Where the price a line is rated with is written: the override that put it in, else the charge's own.
function pricePathOf(input: RateChargeInput, fromOverride: number | undefined): string {
  return fromOverride === undefined ? `${input.path}.price` : `overrides[${fromOverride}].price`;
}

// A price model's error knows nothing of the contract; give it the path of the price and the charge's id.
// The path is written only for an error (a text made per line otherwise: 2 % of rating from aggregates,
// issue 14).
function rateWithin<T>(input: RateChargeInput, fromOverride: number | undefined, rate: () => T): T {
  try {
    return rate();
  } catch (error) {
    if (!isRatecardError(error) || error.path !== "" || error instanceof InvariantError) throw error;
    throw ContractError.from(
      ratingMessages.chargePriceProblem(input.charge.id, error),
      pricePathOf(input, fromOverride),
      {
        ...error.details,
      },
    );
  }
}

function unitSuffix(input: RateChargeInput): string {
  const unit = input.usage?.meter.unit;
  return unit === undefined ? "" : ` ${unit}`;
}
