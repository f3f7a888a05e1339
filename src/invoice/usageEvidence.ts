import type { Contract } from "../contracts/index.js";
import {
  type AggregateUsageResult,
  aggregateUsage,
  aggregateUsageAsync,
  type CarriedMeterState,
  type EventSource,
  sameList,
} from "../meters/index.js";
import { type Decimal, toPlainString } from "../money/index.js";
import { meterRequests } from "../rating/index.js";
import {
  EXCLUSION_REASONS,
  type ExclusionReason,
  type MeterTerms,
  type PropertyValue,
  type UsageEvent,
} from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";
import { requireContract, requireEventSource, requireEvents, requirePeriod } from "./entryArguments.js";
import { additive, bucketsOf, EvidenceCollector, type EvidenceEvent, sampleOf } from "./evidenceCollector.js";
import { readEvidenceOptions, type UsageEvidenceOptions } from "./evidenceOptions.js";
import type { InvoiceLine } from "./invoiceSchema.js";
import { isUnpricedGroup } from "./isUnpricedGroup.js";
import { aggregationOptions, parseEvents, periodInForce } from "./rateInvoice.js";
import { label } from "./resolveServicePeriod.js";
import { allCharges, pieceSuffix } from "./termsAt.js";
import { linesPerStretch, type StretchEvidence, stretchesOf } from "./usageStretches.js";
import { metersMissingCarriedState } from "./usageWarnings.js";

/** The events of one group of a meter (one line of a grouped charge, or the whole meter). */
export interface GroupEvidence {
  /** The dimension values of the line (`{}` for a meter that is one line). */
  readonly group: Readonly<Record<string, PropertyValue>>;
  /** The quantity the meters' pass computed for this group over the period: what the line is rated from. */
  readonly ratedQuantity: string;
  /**
   * True when the contract has no price for this group: the invoice bills no line for it and warns
   * `unpriced_usage` (a matrix cell the contract leaves out). Absent otherwise.
   */
  readonly unpriced?: true;
  /** The events listed (all the counted ones, unless from/to/where narrow them). */
  readonly events: number;
  /** The sum of the listed events' values (sum meters) or their number (count meters); absent for others. */
  readonly quantity?: string;
  /** Per local day or hour with events: how many, and their quantity (sum and count meters). */
  readonly byPeriod: ReadonlyArray<{
    readonly start: string;
    readonly events: number;
    readonly quantity?: string;
  }>;
  /** The first events by time (then id), at most `limit`. */
  readonly firstEvents: ReadonlyArray<EvidenceEvent>;
  /**
   * In a period cut by a change of terms (`cutOn`), the lines that rate this group per stretch, each
   * with the quantity and events of its stretch, as the invoice rates them (usageStretches.ts). Absent
   * when no line of the group is rated per stretch (its charge's terms hold all period).
   */
  readonly stretches?: ReadonlyArray<StretchEvidence>;
}

/** The events behind one meter's lines, split as its charges split them. */
export interface MeterEvidence {
  readonly meter: string;
  readonly name?: string;
  readonly aggregation: string;
  /**
   * A two-level meter's first level, each window's own aggregation (`aggregation` then runs over the
   * windows): its size and inner aggregation, and `perSecond` when each window's value is per second.
   * Absent for a meter without windows.
   */
  readonly window?: {
    readonly size: string;
    readonly aggregation: string;
    readonly perSecond?: true;
    /** The windows' own zone (`window.timeZone`), when the meter names one: `byPeriod` is by its days or hours. */
    readonly timeZone?: string;
  };
  /** A percentile meter's rank (`"95"`): the samples are its windows. */
  readonly rank?: string;
  readonly unit?: string;
  readonly dimensions: ReadonlyArray<string>;
  readonly groups: ReadonlyArray<GroupEvidence>;
  /**
   * A meter that carries state between periods (persistent, weighted_sum): the state it opened the
   * period with, as the `carried` option gave it (the previous invoice's `usage.carryOut`). Absent when
   * none was given for it.
   */
  readonly carriedIn?: CarriedMeterState;
  /**
   * True when the meter carries state, none was given for it, and the contract started before the
   * period: its quantity starts from zero, as the invoice rated without it does, which warns
   * `carried_state_missing`. Absent otherwise.
   */
  readonly carriedMissing?: true;
}

/** An id seen more than once, and what became of it. */
export interface DuplicateEvidence {
  readonly id: string;
  /** How many copies of the event arrived. */
  readonly copies: number;
  /** Whether one copy was counted (never more than one is). */
  readonly counted: boolean;
  /** Why no copy was counted: the copies differ (`conflicting_duplicate`), or the kept copy was excluded. */
  readonly reason?: ExclusionReason;
}

/** Which events made a contract's lines for a period, which were left out and why, and which repeated. */
export interface UsageEvidence {
  readonly contractId: string;
  readonly customer: string;
  /** The service period, as local dates (`2026-02-01/2026-03-01`) and as instants. */
  readonly period: { readonly label: string; readonly start: string; readonly end: string };
  readonly timeZone: string;
  readonly by: "day" | "hour";
  readonly limit: number;
  readonly eventsRead: number;
  readonly eventsCounted: number;
  readonly meters: ReadonlyArray<MeterEvidence>;
  /**
   * The local dates the period is cut on by a change of terms (an amendment, an override, a price
   * book's version), when it is: a line whose charge's terms change there is rated per stretch, so its
   * quantity is a part of a group's `ratedQuantity`, which is the whole period's (the group's
   * `stretches` give each line's). Absent when uncut.
   */
  readonly cutOn?: ReadonlyArray<string>;
  /** Every exclusion by reason, as the invoice reports it, with up to `limit` sample ids. */
  readonly excluded: ReadonlyArray<{
    readonly reason: ExclusionReason;
    readonly events: number;
    readonly sampleIds: ReadonlyArray<string>;
  }>;
  readonly duplicates: {
    readonly ids: number;
    readonly countedOnce: number;
    readonly notCounted: number;
    readonly sample: ReadonlyArray<DuplicateEvidence>;
  };
}

/**
 * The evidence behind a contract's usage lines for a period: per meter and group (as the charges split
 * them), the events counted, per local day or hour, the first of them with their values, the excluded
 * events by reason and the ids seen more than once. It runs the meters' very pass that rating runs
 * (same customer, deduplication and filters), watching each event, so `ratedQuantity` is the quantity
 * the invoice line was rated from and, for sum and count meters with no narrowing option, `quantity`
 * (the sum of the listed events) equals it. docs/disputes.md uses it for "which events made this line?".
 * @example usageEvidence(contract, events, "2026-02", { meter: "bandwidth_eu", by: "day" })
 * @throws InputError for a bad period or options (`unknown_meter`, `invalid_argument`, `invalid_instant`);
 *   UsageError for a malformed event
 */
export function usageEvidence(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  options: UsageEvidenceOptions = {},
): UsageEvidence {
  requireContract(contract);
  requirePeriod(period);
  requireEvents(events);
  const plan = planOf(contract, period, options);
  if (plan.cutOn.length === 0) return evidenceOf(plan, aggregateUsage(parseEvents(events), plan.aggregation));
  return cutEvidenceOf(plan, [...parseEvents(events)]);
}

/**
 * {@link usageEvidence} for streamed events (an async iterable, or a function yielding them afresh). A
 * period cut by a change of terms is read once into memory, as `rateInvoiceAsync` reads it.
 */
export async function usageEvidenceAsync(
  contract: Contract,
  events: EventSource,
  period: Period | string,
  options: UsageEvidenceOptions = {},
): Promise<UsageEvidence> {
  requireContract(contract);
  requirePeriod(period);
  requireEventSource(events);
  const plan = planOf(contract, period, options);
  if (plan.cutOn.length === 0) return evidenceOf(plan, await aggregateUsageAsync(events, plan.aggregation));
  // The lines of a cut period are rated per stretch from the same events again: read them once into
  // memory, as rateInvoiceAsync does for such a period (a function is called once).
  const all: UsageEvent[] = [];
  for await (const event of typeof events === "function" ? events() : events) all.push(event);
  return cutEvidenceOf(plan, all);
}

// The evidence of a cut period: the meters' pass over the events, and the lines rated per stretch.
function cutEvidenceOf(plan: ReturnType<typeof planOf>, events: ReadonlyArray<UsageEvent>): UsageEvidence {
  const lines = linesPerStretch(plan.contract, plan.inForce, events, plan.carried);
  return evidenceOf(plan, aggregateUsage(events, plan.aggregation), lines);
}

function planOf(contract: Contract, period: Period | string, options: UsageEvidenceOptions) {
  const inForce = periodInForce(contract, period);
  // Where a change of terms cuts the period (the suffix of a piece's lines, without its "@").
  const cutOn = inForce.pieces.slice(1).map((piece) => pieceSuffix(contract, piece.start).slice(1));
  const requests = meterRequests(allCharges(contract));
  const read = readEvidenceOptions(contract, (meter) => requests.get(meter)?.groupings ?? [], options);
  const collector = new EvidenceCollector({ ...read, timeZone: contract.timeZone });
  return {
    contract,
    inForce,
    cutOn,
    read,
    collector,
    carried: options.carried,
    aggregation: {
      ...aggregationOptions(contract, inForce, options.carried ? { carried: options.carried } : {}),
      observer: collector,
    },
  };
}

// A group of a meter that opened with a carried state and had no events in the period.
function withoutEvents(group: GroupEvidence["group"], quantity: Decimal, meter: MeterTerms): GroupEvidence {
  return {
    group,
    ratedQuantity: toPlainString(quantity),
    events: 0,
    ...(additive(meter) ? { quantity: "0" } : {}),
    byPeriod: [],
    firstEvents: [],
  };
}

function evidenceOf(
  plan: ReturnType<typeof planOf>,
  result: AggregateUsageResult,
  perStretch: ReadonlyArray<InvoiceLine> = [],
): UsageEvidence {
  const { contract, inForce, cutOn, read, collector, carried } = plan;
  const service = inForce.service;
  const missing = new Set(metersMissingCarriedState(result, contract, service).map((meter) => meter.id));
  const meters = read.meters.map(({ meter, dimensions }, index): MeterEvidence => {
    const rated =
      dimensions.length === 0
        ? result.meters
            .filter((entry) => entry.meter.id === meter.id)
            .map((entry) => ({ group: {}, ...entry }))
        : (result.groups.find((entry) => entry.meter === meter.id && sameList(entry.dimensions, dimensions))
            ?.groups ?? []);
    const groups = rated.flatMap((entry): GroupEvidence[] => {
      const state = collector.groupOf(
        index,
        dimensions.map((name) => (entry.group as Record<string, PropertyValue>)[name] ?? null),
      );
      if (state === undefined) {
        // No event of the period, but a state carried in: the line still rates the level held or the
        // seats still active, so the group is listed with its rated quantity and no events.
        const opened = carried?.[meter.id] !== undefined && !entry.quantity.isZero();
        return opened ? [withoutEvents(entry.group, entry.quantity, meter)] : [];
      }
      const stretches = stretchesOf(perStretch, meter.id, entry.group, contract.timeZone);
      return [
        {
          group: entry.group,
          ratedQuantity: toPlainString(entry.quantity),
          ...(dimensions.length > 0 && isUnpricedGroup(contract, meter.id, dimensions, entry.group)
            ? { unpriced: true as const }
            : {}),
          events: state.events,
          ...(additive(meter) ? { quantity: toPlainString(state.quantity.value()) } : {}),
          byPeriod: bucketsOf(state, meter),
          firstEvents: sampleOf(state),
          ...(stretches.length === 0 ? {} : { stretches }),
        },
      ];
    });
    return {
      meter: meter.id,
      ...(meter.name !== undefined ? { name: meter.name } : {}),
      aggregation: meter.aggregation,
      ...(meter.window !== undefined
        ? {
            window: {
              size: meter.window.size,
              aggregation: meter.window.aggregation,
              ...(meter.window.perSecond === true ? { perSecond: true as const } : {}),
              ...(meter.window.timeZone !== undefined ? { timeZone: meter.window.timeZone } : {}),
            },
          }
        : {}),
      ...(meter.percentile !== undefined ? { rank: toPlainString(meter.percentile.rank) } : {}),
      ...(meter.unit !== undefined ? { unit: meter.unit } : {}),
      dimensions,
      groups,
      ...(carried?.[meter.id] !== undefined ? { carriedIn: carried[meter.id] } : {}),
      ...(missing.has(meter.id) ? { carriedMissing: true as const } : {}),
    };
  });
  return {
    contractId: contract.id,
    customer: contract.customer.id,
    period: {
      label: label(service, contract.timeZone),
      start: formatInstant(service.start),
      end: formatInstant(service.end),
    },
    timeZone: contract.timeZone,
    by: read.by,
    limit: read.limit,
    eventsRead: result.eventsRead,
    eventsCounted: result.eventsCounted,
    meters,
    ...(cutOn.length === 0 ? {} : { cutOn }),
    excluded: collector.exclusionsOf(EXCLUSION_REASONS),
    duplicates: collector.duplicates(),
  };
}
