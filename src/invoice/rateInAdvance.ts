import { type Contract, meterReferences } from "../contracts/index.js";
import { InputError, invoiceMessages } from "../errors/index.js";
import { aggregateUsage, type Computation } from "../meters/index.js";
import {
  type Decimal,
  type ExactQuotient,
  toDecimal,
  toFixedString,
  toPlainString,
  ZERO,
} from "../money/index.js";
import { groupDimensions, needsEventValues, rateCharge } from "../rating/index.js";
import type { UsageEvent } from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";
import { requireEvents } from "./entryArguments.js";
import {
  aggregationOptions,
  parseEvents,
  periodInForce,
  type RateInvoiceOptions,
  requireArguments,
} from "./rateInvoice.js";
import { chargeAt, chargePath, chargesAt } from "./termsAt.js";

/** One event's fee billed on arrival: what it adds above the period's high-water mark. */
export interface InAdvanceFee {
  readonly event: string;
  readonly timestamp: string;
  /** The meter's quantity over the period after this event. */
  readonly quantity: string;
  /** The highest quantity of the period so far: what has been billed for. */
  readonly highWaterMark: string;
  /** The charge's amount at the high-water mark, rounded as a line is: everything billed so far. */
  readonly billedSoFar: string;
  /** This event's fee: billedSoFar − the billedSoFar before it (0 when it adds nothing above the mark). */
  readonly fee: string;
}

/** The fees of a period's events billed in advance, and the period-end invoice's netting of them. */
export interface InAdvanceResult {
  readonly charge: string;
  readonly period: { readonly start: string; readonly end: string };
  /** One entry per event, in event order (timestamp, then id). */
  readonly fees: ReadonlyArray<InAdvanceFee>;
  /** Σ fees: what was billed in advance during the period. */
  readonly billedInAdvance: string;
  /** What the period-end invoice's line for the charge comes to on the period's quantity. */
  readonly arrears: string;
  /** arrears − billedInAdvance when positive: what the period-end invoice still bills for the charge. */
  readonly due: string;
  /** billedInAdvance − arrears when positive: billed above the final quantity and not refunded (Lago). */
  readonly notRefunded: string;
}

/**
 * Usage billed in advance, per event (Lago's pay-in-advance charges): each event of the period, in
 * order, is billed on arrival for what it adds to the charge's amount above the period's high-water
 * mark, fee = A(mark after) − A(mark before), where A is the charge's line amount (its price,
 * allowance, line limits, rounded once) at a quantity and the mark is the highest quantity the period
 * has reached. The fees telescope: Σ fees = A(final mark), exactly, to the minor unit; with no
 * negative values that is the period-end amount, so the period-end invoice nets to 0 (docs/usage-in-advance.md).
 * Lago rounds each event's marginal amount on its own (app/services/charges/apply_pay_in_advance_charge_model_service.rb),
 * which can drift a cent from the period's amount; ratecard rounds the running amount instead.
 *
 * Works the period out from the first event: each event's fee aggregates the events before it again,
 * so the cost grows with the square of the events (a service billing on arrival calls
 * {@link inAdvanceFee} once per event instead).
 * @param contract - a contract from `parseContract`
 * @param chargeId - a usage charge with one line (no group-by, no matrix), in force at the period's start
 * @param events - the period's usage events as sent
 * @param period - as for rateInvoice: `"2026-03"`, a range of local dates, or a Period
 * @param options - `carried`: the state the previous period carried out (its invoice's
 *   `usage.carryOut`), as `rateInvoice` takes it: a persistent meter's running total or active values
 *   and a weighted_sum meter's level open the period from it, so the fees and `arrears` are those of the
 *   invoice rated with the same state. Absent: such a meter starts from zero (docs/usage-in-advance.md)
 * @throws InputError `invalid_argument` for an unknown charge, a fee, a grouped charge, or a charge priced
 *   window by window, `invalid_field` for a carried state that does not fit the meters; UsageError
 *   for a malformed event
 * @example rateInAdvance(contract, "api", events, "2026-03").fees.map((f) => f.fee) // ["10.00", "0.00", …]
 */
export function rateInAdvance(
  contract: Contract,
  chargeId: string,
  events: Iterable<unknown>,
  period: Period | string,
  options: Pick<RateInvoiceOptions, "carried"> = {},
): InAdvanceResult {
  requireArguments(contract, period, options, ["carried"]);
  requireEvents(events);
  const pricing = inAdvancePricing(contract, chargeId, period, options);
  const ordered = [...parseEvents(events)].sort(byTime);
  const fees: InAdvanceFee[] = [];
  let mark: Reading = NOTHING;
  let billed = ZERO;
  ordered.forEach((event, at) => {
    const step = feeStep(pricing, ordered.slice(0, at + 1), event, mark, billed);
    fees.push(step.fee);
    mark = step.mark;
    billed = step.billed;
  });
  const arrears = pricing.amountAt(pricing.readingOf(ordered));
  const minor = contract.currency.minorUnits;
  const positive = (value: Decimal) => toFixedString(value.greaterThan(0) ? value : ZERO, minor);
  return {
    charge: chargeId,
    period: pricing.periodText,
    fees,
    billedInAdvance: toFixedString(billed, minor),
    arrears: toFixedString(arrears, minor),
    due: positive(arrears.minus(billed)),
    notRefunded: positive(billed.minus(arrears)),
  };
}

/**
 * The fee of one event arriving after `prior` events of the same period (see {@link rateInAdvance}):
 * what it adds above the high-water mark. `highWaterMark` is the mark the previous event left (its
 * `highWaterMark`); absent, the quantity of `prior` is taken, which is the mark whenever no event of the
 * period lowered the quantity (negative values). A mark given as the text of a quotient that does not end
 * (more than 18 decimals) is priced as the fraction of the prior events' reading it is the text of.
 * `carried`: the previous period's state, as for {@link rateInAdvance}.
 * @example inAdvanceFee(contract, "api", [e1, e2], e3, "2026-03").fee // "5.00"
 */
export function inAdvanceFee(
  contract: Contract,
  chargeId: string,
  prior: Iterable<unknown>,
  event: unknown,
  period: Period | string,
  options: { readonly highWaterMark?: string } & Pick<RateInvoiceOptions, "carried"> = {},
): InAdvanceFee {
  requireArguments(contract, period, options, ["highWaterMark", "carried"]);
  requireEvents(prior);
  const pricing = inAdvancePricing(contract, chargeId, period, options);
  const before = [...parseEvents(prior)];
  const [arriving] = [...parseEvents([event])];
  const reading = pricing.readingOf(before);
  const given =
    options.highWaterMark === undefined
      ? undefined
      : toDecimal(options.highWaterMark, "options.highWaterMark");
  const mark = maxZero(given === undefined ? reading : givenMark(pricing, before, reading, given));
  const billed = pricing.amountAt(mark);
  return feeStep(pricing, [...before, arriving!], arriving!, mark, billed).fee;
}

/**
 * A meter's quantity, and the fraction it is when it does not end (an average of 32, 0 and 0 is 32/3):
 * priced as that fraction, as the invoice prices it (docs/meters.md, "Quotients").
 */
interface Reading {
  readonly quantity: Decimal;
  readonly fraction: ExactQuotient | undefined;
  /**
   * How the meter read it: a prorated meter's quantity before proration picks the tiers of a charge
   * with `"tiersBy": "full_quantity"`, as on the invoice (8 units half the month: 4 priced at the tier of 8).
   */
  readonly computation?: Computation | undefined;
}
const NOTHING: Reading = { quantity: ZERO, fraction: undefined };

interface InAdvancePricing {
  readonly periodText: { readonly start: string; readonly end: string };
  /** The meter's quantity over the period for these events. */
  readingOf(events: ReadonlyArray<UsageEvent>): Reading;
  /** The charge's line amount at a quantity: billable quantity, price, line limits, rounded once. */
  amountAt(reading: Reading): Decimal;
  format(amount: Decimal): string;
  /** The charge picks its tiers by the meter's quantity before proration (`"tiersBy": "full_quantity"`). */
  readonly readsFull: boolean;
}

// The charge in force at the period's start, its meter, and how its amount is worked out at a quantity
// (its meter opening from the carried state, as the invoice's does).
function inAdvancePricing(
  contract: Contract,
  chargeId: string,
  period: Period | string,
  opening: Pick<RateInvoiceOptions, "carried">,
): InAdvancePricing {
  const inForce = periodInForce(contract, period);
  const start = inForce.service.start;
  const charge = chargeAt(contract, start, chargeId);
  if (charge === undefined) {
    const usageCharges = chargesAt(contract, start).filter((known) => known.meter !== undefined);
    throw InputError.from(
      invoiceMessages.inAdvanceUnknownCharge(
        chargeId,
        usageCharges.map((known) => known.id),
      ),
      "chargeId",
    );
  }
  const meter = contract.meters.find((known) => known.id === charge.meter);
  if (charge.meter === undefined || meter === undefined || charge.quantity !== undefined)
    throw InputError.from(invoiceMessages.inAdvanceChargeRefused(chargeId, "no_meter"), "chargeId");
  if (groupDimensions(charge) !== undefined || needsEventValues(charge.price))
    throw InputError.from(invoiceMessages.inAdvanceChargeRefused(chargeId, "per_group"), "chargeId");
  // Window pricing prices each window on its own: A(quantity) of the period's total would not be the
  // period-end line (an hourly peak of 9 and one of 15 at tiers restarting per window: 2.15, not 1.58).
  if (charge.windows !== undefined)
    throw InputError.from(invoiceMessages.inAdvanceChargeRefused(chargeId, "per_window"), "chargeId");
  // A pooled line bills what is left after the pool's draw, which the invoice plans at the period's end
  // from every listed charge's quantity: 12 units after a 10-unit pool bill 2.00, not A(12) = 12.00.
  // A capacity tier's limits on other meters: A would read them as 0 (50 GB under 5,000,000 requests is
  // tier 2, 150.00, on the invoice; the requests unread, tier 1, 20.00).
  const others = [...new Set(meterReferences(charge).map((reference) => reference.meter))].filter(
    (id) => id !== charge.meter,
  );
  if (others.length > 0)
    throw InputError.from(invoiceMessages.inAdvanceOtherMeters(chargeId, others), "chargeId");
  const pool = contract.allowances.find((known) => known.charges.includes(chargeId));
  if (pool !== undefined)
    throw InputError.from(invoiceMessages.inAdvancePooledCharge(chargeId, pool.id, pool.charges), "chargeId");
  const options = aggregationOptions(contract, inForce, opening);
  const minor = contract.currency.minorUnits;
  return {
    periodText: { start: formatInstant(inForce.service.start), end: formatInstant(inForce.service.end) },
    readingOf: (events) => {
      const measured = aggregateUsage(events, options).meters.find((entry) => entry.meter.id === meter.id);
      return {
        quantity: measured?.quantity ?? ZERO,
        fraction: measured?.fraction,
        computation: measured?.computation,
      };
    },
    amountAt: ({ quantity, fraction, computation }) =>
      rateCharge({
        charge,
        path: chargePath(contract, chargeId, start),
        usage: {
          meter,
          events: 0,
          quantity,
          ...(fraction === undefined ? {} : { fraction }),
          ...(computation === undefined ? {} : { computation }),
        },
        groups: [],
        meterQuantities: new Map([[meter.id, quantity]]),
        period: inForce.service,
        proration: inForce.proration,
        currency: contract.currency,
        rounding: contract.rounding,
      }).lines.reduce((sum, line) => sum.plus(line.amount), ZERO),
    format: (amount) => toFixedString(amount, minor),
    readsFull: charge.tiersBy === "full_quantity",
  };
}

// A quotient that does not end is shown to more decimals than any value has (a quantity 9, a derived one 18).
const MOST_DECIMALS = 18;

// The mark given as the text a previous fee showed: the reading of the prior events, or of the first of
// them up to one (the mark is the highest reading so far), that it is the text of, so that a quotient
// that does not end is priced as the fraction it is, as the invoice prices it, and a prorated quantity at
// the tiers of the full quantity it was read with; else the value as given. Only such a text, or a mark
// of a charge with full-quantity tiers, has the prefixes read again (one aggregation each).
function givenMark(
  pricing: InAdvancePricing,
  prior: ReadonlyArray<UsageEvent>,
  reading: Reading,
  given: Decimal,
): Reading {
  if (given.eq(reading.quantity)) return reading;
  if (given.decimalPlaces() > MOST_DECIMALS || pricing.readsFull) {
    const ordered = [...prior].sort(byTime);
    for (let at = 1; at < ordered.length; at++) {
      const earlier = pricing.readingOf(ordered.slice(0, at));
      if ((earlier.fraction !== undefined || pricing.readsFull) && given.eq(earlier.quantity)) return earlier;
    }
  }
  return { quantity: given, fraction: undefined };
}

function byTime(a: UsageEvent, b: UsageEvent): number {
  return a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function maxZero(value: Reading): Reading {
  return value.quantity.greaterThan(0) ? value : NOTHING;
}

function feeStep(
  pricing: InAdvancePricing,
  upTo: ReadonlyArray<UsageEvent>,
  event: UsageEvent,
  mark: Reading,
  billed: Decimal,
): { readonly fee: InAdvanceFee; readonly mark: Reading; readonly billed: Decimal } {
  const reading = pricing.readingOf(upTo);
  const next = reading.quantity.greaterThan(mark.quantity) ? reading : mark;
  const now = next === mark ? billed : pricing.amountAt(next);
  return {
    mark: next,
    billed: now,
    fee: {
      event: event.id,
      timestamp: formatInstant(event.timestamp),
      quantity: toPlainString(reading.quantity),
      highWaterMark: toPlainString(next.quantity),
      billedSoFar: pricing.format(now),
      fee: pricing.format(now.minus(billed)),
    },
  };
}
