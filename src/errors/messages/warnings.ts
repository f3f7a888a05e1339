/**
 * Every warning an invoice can carry, as data and words: `code` says which situation, `path` where in
 * the contract it arose, `chargeId` the charge it concerns, `details` the facts, and `message` the
 * sentence `warnings[]` and explainText print. The sentences live here, one function per situation,
 * so their wording is written once (docs/invoice-format.md, "Warnings").
 */

/** Which situation a warning reports (docs/invoice-format.md lists them). */
export type WarningCode =
  | "unpriced_usage"
  | "negative_amount_floored"
  | "running_total_repriced"
  | "whole_fee_repriced"
  | "running_total_unbilled"
  | "event_ids_shared"
  | "above_last_tier_extended"
  | "events_without_entity"
  | "carried_state_missing"
  | "cumulative_minimum_unsettled";

/** The facts of a warning: text, counts, or lists of text. */
export type WarningDetails = Readonly<Record<string, string | number | ReadonlyArray<string>>>;

/** A warning on an invoice: something not billed as measured, or about the usage, as data. */
export interface Warning {
  readonly code: WarningCode;
  /** A JSON path into the contract: the charge (`charges[2]`, `amendments[0].charges[1]`) or term concerned. */
  readonly path: string;
  readonly chargeId?: string;
  readonly details: WarningDetails;
  readonly message: string;
}

/** Every warning code, in the order docs/invoice-format.md lists them. */
export const WARNING_CODES: ReadonlyArray<WarningCode> = [
  "unpriced_usage",
  "negative_amount_floored",
  "running_total_repriced",
  "whole_fee_repriced",
  "running_total_unbilled",
  "event_ids_shared",
  "above_last_tier_extended",
  "events_without_entity",
  "carried_state_missing",
  "cumulative_minimum_unsettled",
];

/**
 * A matrix charge with `"onUnpriced": "warn"` had usage in a combination no cell prices: not billed.
 * `group` is written as in the line id (`region="apac",service="http"`).
 */
export function unpricedUsage(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly group: string;
  readonly quantity: string;
  readonly unit?: string | undefined;
  readonly events: number;
}): Warning {
  const { path, chargeId, group, quantity, unit, events } = facts;
  const measured = `${quantity}${unit === undefined ? "" : ` ${unit}`} from ${events} event${events === 1 ? "" : "s"}`;
  return {
    code: "unpriced_usage",
    path,
    chargeId,
    details: { group, quantity, ...(unit !== undefined ? { unit } : {}), events },
    message: `Charge ${chargeId}: usage in ${group} (${measured}) has no price and was not billed.`,
  };
}

/** A charge that is not a credit came to less than zero and bills 0 (a `zero_floor` step). */
export function negativeAmountFloored(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly amount: string;
  readonly currency: string;
}): Warning {
  const { path, chargeId, amount, currency } = facts;
  return {
    code: "negative_amount_floored",
    path,
    chargeId,
    details: { amount, currency },
    message: `Charge ${chargeId} came to ${amount} ${currency}; it bills 0 because it is not declared a credit ("credit": true).`,
  };
}

/** A charge on a running total changed inside the period: the terms in force at its end price it all. */
export function runningTotalRepriced(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly from: string;
  readonly meter: string;
  readonly period: string;
}): Warning {
  const { path, chargeId, from, meter, period } = facts;
  return {
    code: "running_total_repriced",
    path,
    chargeId,
    details: { from, meter, period },
    message: `Charge ${chargeId} has new terms from ${from}; its meter "${meter}" is a running total read at the end of the period, so those terms price the whole period's reading (${period}).`,
  };
}

/**
 * A fee billed whole ("prorate": false) has new terms inside the period: the last terms in force bill it
 * once, for the whole period, and the earlier ones bill nothing.
 */
export function wholeFeeRepriced(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly from: string;
  readonly period: string;
}): Warning {
  const { path, chargeId, from, period } = facts;
  return {
    code: "whole_fee_repriced",
    path,
    chargeId,
    details: { from, period },
    message: `Charge ${chargeId} has new terms from ${from}; it is a fee billed whole ("prorate": false), one per billing period, so the last terms in force bill it once for ${period} and the earlier terms bill nothing.`,
  };
}

/**
 * A charge read a running total but ends inside the period (`change` "ends") or no longer reads it
 * (`change` "no_longer_reads"): no terms price the reading.
 */
export function runningTotalUnbilled(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly meter: string;
  readonly change: "ends" | "no_longer_reads";
  readonly date: string;
  readonly period: string;
}): Warning {
  const { path, chargeId, meter, change, date, period } = facts;
  const how = change === "ends" ? `ends on ${date}` : `no longer reads it from ${date}`;
  return {
    code: "running_total_unbilled",
    path,
    chargeId,
    details: { meter, change, date, period },
    message: `Charge ${chargeId} read the running total of meter "${meter}", which is read at the end of the period, but ${how}: it bills nothing for that reading in ${period}.`,
  };
}

/**
 * Events of other customers reuse ids of this customer's events (nothing changes in the amounts). The
 * path is the contract's `customer.id`, the customer whose ids are shared.
 */
export function eventIdsShared(facts: {
  readonly customer: string;
  readonly ids: number;
  readonly sampleIds: ReadonlyArray<string>;
}): Warning {
  const { customer, ids, sampleIds } = facts;
  const samples = `${sampleIds.join(", ")}${ids > sampleIds.length ? ", …" : ""}`;
  const used =
    ids === 1
      ? `1 event id of ${customer} is also used by another customer's events (${samples})`
      : `${ids} event ids of ${customer} are also used by other customers' events (${samples})`;
  return {
    code: "event_ids_shared",
    path: "customer.id",
    details: { customer, ids, sampleIds: [...sampleIds] },
    message: `${used}. Each customer's events are deduplicated on their own, so ${customer}'s usage counts in full and the others are excluded as another customer's; check that the system sending the events makes ids unique across customers.`,
  };
}

/**
 * A quantity above a bounded last tier whose price says `"aboveLastTier": "extend"`: priced, the part
 * above the bound at the last tier's price, as the contract says; said so that no one reads the bound
 * as a cap. `group` is written as in the line id, for a grouped or matrix line.
 */
export function aboveLastTierExtended(facts: {
  readonly path: string;
  readonly chargeId: string;
  readonly group?: string | undefined;
  readonly quantity: string;
  readonly upTo: string;
  readonly above: string;
  /** The window priced alone whose quantity this is (window pricing, `each_window`), its start. */
  readonly window?: string | undefined;
  /** That start as the line's sentences date it, in the invoice's zone ("2026-03-01 01:00"). */
  readonly windowLocal?: string | undefined;
}): Warning {
  const { path, chargeId, group, quantity, upTo, above, window } = facts;
  const where = group === undefined ? "" : ` (${group})`;
  const when = window === undefined ? "" : ` in the window from ${facts.windowLocal ?? window}`;
  return {
    code: "above_last_tier_extended",
    path,
    chargeId,
    details: {
      ...(group === undefined ? {} : { group }),
      quantity,
      upTo,
      above,
      ...(window === undefined ? {} : { window }),
    },
    message: `Charge ${chargeId}${where}: the quantity ${quantity}${when} is ${above} above the last tier's upTo of ${upTo}; the price says aboveLastTier "extend", so those ${above} are billed at the last tier's price.`,
  };
}

/**
 * Counted events of a meter with `entity` lack its property (missing or null): they are counted
 * together, as one entity of their own (rounded and capped once for all of them), which is rarely
 * what they are. Nothing is left out; the path is the meter's `entity.property`.
 */
export function eventsWithoutEntity(facts: {
  readonly path: string;
  readonly meter: string;
  readonly property: string;
  readonly events: number;
}): Warning {
  const { path, meter, property, events } = facts;
  const counted =
    events === 1
      ? `1 event of meter "${meter}" has no ${property}`
      : `${events} events of meter "${meter}" have no ${property}`;
  return {
    code: "events_without_entity",
    path,
    details: { meter, property, events },
    message: `${counted} (missing or null); ${events === 1 ? "it is" : "they are"} counted as one ${property} of ${events === 1 ? "its" : "their"} own, rounded and capped once. Send the ${property} with every event of this meter.`,
  };
}

/**
 * A meter that carries state from period to period (a persistent running total or unique count, a
 * `weighted_sum` level) was given no carried state although the contract started before the period:
 * it opened from zero, which changes what it measures whenever earlier periods left something. The
 * path is the meter (`meters[2]`); `carries` is the field its state holds (`total`, `active`, `level`).
 */
export function carriedStateMissing(facts: {
  readonly path: string;
  readonly meter: string;
  readonly carries: "total" | "active" | "level";
  readonly contractStart: string;
  readonly periodStart: string;
}): Warning {
  const { path, meter, carries, contractStart, periodStart } = facts;
  const { noun, opened } = {
    total: { noun: "running total", opened: "a running total of 0" },
    active: { noun: "active values", opened: "no active values" },
    level: { noun: "level", opened: "a level of 0" },
  }[carries];
  return {
    code: "carried_state_missing",
    path,
    details: { meter, carries, contractStart, periodStart },
    message: `Meter "${meter}" carries its ${noun} from one period to the next, but no carried state was given for it: it opened this period (from ${periodStart}) with ${opened}, although the contract started on ${contractStart}, so what earlier periods left is not counted. Pass the previous period's usage.carryOut as the carried state (the carried option; --carry FILE in the CLI; in ratecard batch, --carry with the previous batch's output).`,
  };
}

/**
 * A commitment owed over several invoices (`cumulative`) whose term ends before its `until`: this is its
 * last invoice, none reaches `until`, and what is left of the minimum is not trued up
 * (docs/commitment-periods.md, "Where ratecard differs"). The path is the commitment's.
 */
export function cumulativeMinimumUnsettled(facts: {
  readonly path: string;
  readonly commitment: string;
  readonly minimum: string;
  readonly until: string;
  readonly termEnd: string;
  readonly unsettled: string;
  readonly currency: string;
}): Warning {
  const { path, commitment, minimum, until, termEnd, unsettled, currency } = facts;
  return {
    code: "cumulative_minimum_unsettled",
    path,
    details: { commitment, minimum, until, termEnd, unsettled, currency },
    message: `Commitment ${commitment} owes ${minimum} ${currency} over its invoices until ${until}, but the term ends on ${termEnd}, before it: this is its last invoice, and the ${unsettled} ${currency} of the minimum not spent is not trued up. Bill it by hand if the contract says a shortfall is owed when the term ends.`,
  };
}
