import type { Contract } from "../contracts/index.js";
import { aggregatesMessages, InputError } from "../errors/index.js";
import {
  aggregateUsageStates,
  idHash,
  mergeUsageStates,
  type UsageStates,
  usageFromStates,
} from "../meters/index.js";
import { isCount, type UsageEvent } from "../schema/index.js";
import type { Period } from "../time/index.js";
import { type Envelope, header, readEnvelope } from "./aggregatesEnvelope.js";
import type { AggregatesMadeFor } from "./aggregatesMadeFor.js";
import { buildInvoice } from "./buildInvoice.js";
import type { PeriodUsage } from "./draft.js";
import { markPrepared, requireEvents, requireOptions, requirePrepared } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import {
  aggregationOptions,
  commitmentSpendOf,
  creditsOf,
  parseEvents,
  periodInForce,
  type RateInvoiceOptions,
  requireArguments,
  sealOf,
} from "./rateInvoice.js";
import { type RatingShare, requireShare, sharedContract } from "./ratingShare.js";
import type { ServicePeriod } from "./resolveServicePeriod.js";

/**
 * A contract and a period made ready to rate many times: the service period, the pieces amendments cut
 * it into and the meters' requests, worked out once (time-zone work included) rather than per invoice.
 */
export interface PreparedRating {
  readonly contract: Contract;
  /** The service period and the pieces amendments and overrides cut it into (step 0). */
  readonly period: ServicePeriod & {
    readonly pieces: ReadonlyArray<Period>;
    /** Stretches of several pieces a charge is rated over at once (chargeRuns.ts). */
    readonly spans: ReadonlyArray<Period>;
  };
  /** Each sum and count meter's quantity per local day is kept too (the usage report's `daily`). */
  readonly daily: boolean;
  /** What the meters' pass aggregates over the whole period (carried state comes at rating). */
  readonly options: ReturnType<typeof aggregationOptions>;
}

/** One shard of a split: events go to shard `idHash(id) mod count`, so an event's copies meet in one. */
export interface UsageShard {
  readonly index: number;
  readonly count: number;
}

/**
 * A period's usage aggregated for one contract, as JSON: the meters' mergeable states (per meter,
 * group and window) and the account of every event, for the whole period and each piece amendments
 * cut it into. Made by {@link aggregateForRating} (or by another engine in the same shape), merged
 * across shards by {@link mergeUsageAggregates}, rated by {@link rateFromAggregates}. docs/scale.md.
 */
export interface UsageAggregates {
  readonly aggregatesVersion: 1;
  readonly customer: string;
  /** The service period, as instants (half-open). */
  readonly period: { readonly start: string; readonly end: string };
  /** Which shards of which split these aggregates hold: all of them before rating. */
  readonly shards: { readonly count: number; readonly indices: ReadonlyArray<number> };
  readonly daily?: true;
  /**
   * What they were aggregated for besides customer and period: digests of the meters' definitions and
   * requests and of the period's cut and zone (not of prices). Rating and merging refuse aggregates
   * whose digests differ from the prepared rating's; aggregates without it are read as before.
   */
  readonly madeFor?: AggregatesMadeFor;
  readonly whole: UsageStates;
  /** One per piece, in time order, when amendments or overrides split the period. */
  readonly pieces?: ReadonlyArray<UsageStates>;
  /**
   * One per span of the split period (`PeriodInForce.spans`: a stretch of several pieces over which a
   * charge keeps its terms and is rated once), in time order, when it has any.
   */
  readonly spans?: ReadonlyArray<UsageStates>;
}

/**
 * Prepares a contract and a period for rating: step 0 (the service period and its pieces) and the
 * meters' requests, once. Rate with {@link rateFromAggregates} as many customers' aggregates as needed.
 * @param options - `daily`: keep each sum and count meter's quantity per local day (for charts);
 *   `share`: a {@link RatingShare} (`createRatingShare()`) that the preparations of a batch pass alike,
 *   so that contracts with equal pricing parts rate against one copy of them (the same invoices; less
 *   memory, faster on a large customer base: docs/scale.md, "Customers on the same plan")
 * @throws InputError `invalid_period`, `unparsed_contract`, `invalid_argument` as {@link rateInvoice};
 *   `invalid_argument` at `options.share` for a share createRatingShare did not make
 * @example const prepared = prepareRating(parseContract(json), "2026-02");
 */
export function prepareRating(
  contract: Contract,
  period: Period | string,
  options: { readonly daily?: boolean; readonly share?: RatingShare } = {},
): PreparedRating {
  requireArguments(contract, period, options, ["daily", "share"]);
  const share = requireShare(options.share);
  const terms = share === undefined ? contract : sharedContract(contract, share);
  const inForce = periodInForce(terms, period);
  const daily = options.daily === true;
  // Branded, so that each invoice rated with it skips the shape check (entryArguments.ts).
  return markPrepared({
    contract: terms,
    period: inForce,
    daily,
    options: aggregationOptions(terms, inForce, { daily }),
  });
}

/**
 * Aggregates usage events for a prepared rating, stopping before anything is finalized: the meters'
 * states, which merge with other shards' and rate later. Events are validated as in `rateInvoice`.
 * With `shard`, only the events of that shard are read (`idHash(id) mod count = index`).
 * @throws UsageError for a malformed event; InputError `invalid_argument` for a wrong shard
 * @example aggregateForRating(prepared, events).whole.eventsRead // 4
 */
export function aggregateForRating(
  prepared: PreparedRating,
  events: Iterable<unknown>,
  options: { readonly shard?: UsageShard } = {},
): UsageAggregates {
  requireEvents(events);
  requireOptions(options, ["shard"]);
  const shard = requireShard(options.shard);
  const parsed = [...parseEvents(events)];
  const mine =
    shard.count === 1 ? parsed : parsed.filter((event) => idHash(event.id) % shard.count === shard.index);
  return aggregateParsedForRating(prepared, mine, { count: shard.count, indices: [shard.index] });
}

/** {@link aggregateForRating} for events already validated, all of one shard set. */
export function aggregateParsedForRating(
  prepared: PreparedRating,
  events: ReadonlyArray<UsageEvent>,
  shards: UsageAggregates["shards"] = { count: 1, indices: [0] },
): UsageAggregates {
  requirePrepared(prepared);
  return { ...header(prepared, shards), ...statesOf(prepared, events) };
}

/** The states of the aggregates, without their envelope: what rating reads of them. */
type AggregatedStates = Pick<UsageAggregates, "whole" | "pieces" | "spans">;

function statesOf(prepared: PreparedRating, events: ReadonlyArray<UsageEvent>): AggregatedStates {
  const { pieces, spans } = prepared.period;
  const whole = aggregateUsageStates(events, prepared.options);
  const over = (period: Period) => aggregateUsageStates(events, { ...prepared.options, period });
  return {
    whole,
    ...(pieces.length > 1 ? { pieces: pieces.map(over) } : {}),
    ...(spans.length > 0 ? { spans: spans.map(over) } : {}),
  };
}

/**
 * Rates one customer's events, already validated, against a prepared rating: the invoice
 * `rateFromAggregates(prepared, aggregateParsedForRating(prepared, events), options)` gives, byte for
 * byte, for a caller that aggregates and rates in one process (`rateMany`, `ratecard batch`). The
 * aggregates' envelope is neither written nor read back: nothing crosses a process, so there is nothing
 * for its customer, period and `madeFor` digests to vouch for (they cost a batch 2–3 %, docs/scale.md).
 * @throws as {@link rateFromAggregates}, for carried state and options
 */
export function rateParsedForRating(
  prepared: PreparedRating,
  events: ReadonlyArray<UsageEvent>,
  options: Omit<RateInvoiceOptions, "daily"> = {},
): Invoice {
  requirePrepared(prepared);
  requireOptions(options);
  return rateStates(prepared, statesOf(prepared, events), options);
}

/**
 * The periods a prepared rating aggregates usage over, in the order the aggregates list them: the whole
 * service period, then each piece when the period is split, then each span (what an engine queries).
 */
export function aggregatedPeriods(prepared: PreparedRating): Period[] {
  const { pieces, spans } = prepared.period;
  return [prepared.options.period, ...(pieces.length > 1 ? pieces : []), ...spans];
}

/**
 * Rates an invoice from usage aggregates: the same invoice, byte for byte, that `rateInvoice` gives for
 * the events they were made from.
 * @param options - carried state, credit balances and the host's `sha256`, as for `rateInvoice` (`daily`
 *   is the prepared one)
 * @throws InputError `aggregates_mismatch` (another customer, period, meter list or grouping; at
 *   `madeFor.meters[i].digest`, `madeFor.meters` or `madeFor.period`, aggregates made under a version
 *   of the contract whose meters count otherwise or whose period is cut elsewhere: a change of prices
 *   alone rates), `aggregates_shards` (a shard missing), or the path of the first malformed field
 * @example rateFromAggregates(prepared, aggregateForRating(prepared, events)).total
 */
export function rateFromAggregates(
  prepared: PreparedRating,
  aggregates: unknown,
  options: Omit<RateInvoiceOptions, "daily"> = {},
): Invoice {
  requirePrepared(prepared);
  requireOptions(options);
  const envelope = readEnvelope(prepared, aggregates, []);
  const missing = missingShards(envelope.shards);
  if (missing.length > 0)
    throw InputError.from(aggregatesMessages.aggregatesIncomplete(missing, envelope.shards.count), "shards");
  return rateStates(prepared, envelope, options);
}

// What rating reads of aggregates: their states, read from JSON (usageFromStates checks each) or made here.
interface StatesToRate {
  readonly whole: unknown;
  readonly pieces?: ReadonlyArray<unknown> | undefined;
  readonly spans?: ReadonlyArray<unknown> | undefined;
}

// Rates the states of aggregates already read (or made in this process) for the prepared rating.
function rateStates(
  prepared: PreparedRating,
  envelope: StatesToRate,
  options: Omit<RateInvoiceOptions, "daily">,
): Invoice {
  const { contract } = prepared;
  const carriedIn = { credits: creditsOf(options), ...commitmentSpendOf(options), ...sealOf(options) };
  // Without carried state, the prepared options as they are: no copy per invoice (issue 14).
  const base = options.carried ? { ...prepared.options, carried: options.carried } : prepared.options;
  const usage: PeriodUsage = { whole: usageFromStates(envelope.whole, base, ["whole"]) };
  if (prepared.period.pieces.length > 1) {
    let carried = options.carried;
    const carriedAt: Array<RateInvoiceOptions["carried"]> = [];
    const pieces = prepared.period.pieces.map((piece, index) => {
      carriedAt.push(carried);
      const result = usageFromStates(
        envelope.pieces?.[index],
        { ...prepared.options, period: piece, ...(carried ? { carried } : {}) },
        ["pieces", index],
      );
      carried = result.carryOut;
      return result;
    });
    // A span opens with the state its first piece opened with (as aggregatePeriod does).
    const spans = prepared.period.spans.map((span, index) => {
      const opening = carriedAt[prepared.period.pieces.findIndex((piece) => piece.start === span.start)];
      return usageFromStates(
        envelope.spans?.[index],
        { ...prepared.options, period: span, ...(opening ? { carried: opening } : {}) },
        ["spans", index],
      );
    });
    const split = spans.length > 0 ? { ...usage, pieces, spans } : { ...usage, pieces };
    return buildInvoice(contract, prepared.period, split, carriedIn);
  }
  return buildInvoice(contract, prepared.period, usage, carriedIn);
}

// The shards of the split that the aggregates do not hold. Indices were checked distinct and below
// the count (readEnvelope), so as many indices as shards hold them all: the usual case, one shard of
// one, costs no list (issue 14).
function missingShards(shards: Envelope["shards"]): number[] {
  if (shards.indices.length === shards.count) return [];
  return Array.from({ length: shards.count }, (_, index) => index).filter(
    (index) => !shards.indices.includes(index),
  );
}

/**
 * Merges the usage aggregates of two shards of one split into the aggregates of both: equal to
 * aggregating all their events at once. Deduplication by id stays exact because a split sends every
 * copy of an event to one shard; aggregates that hold the same shard are refused (they would bill its
 * events twice), as are shards of different splits and shards made for other meters or another cut of
 * the period (`madeFor`). The merge names what it was made for only when both shards do.
 * @throws InputError `aggregates_shards`, `aggregates_mismatch`, or the path of a malformed field
 */
export function mergeUsageAggregates(prepared: PreparedRating, a: unknown, b: unknown): UsageAggregates {
  requirePrepared(prepared);
  const first = readEnvelope(prepared, a, ["a"]);
  const second = readEnvelope(prepared, b, ["b"]);
  if (first.shards.count !== second.shards.count)
    throw InputError.from(
      aggregatesMessages.aggregatesShardCountsDiffer(first.shards.count, second.shards.count),
      "b.shards.count",
    );
  const overlap = first.shards.indices.filter((index) => second.shards.indices.includes(index));
  if (overlap.length > 0)
    throw InputError.from(aggregatesMessages.aggregatesShardsOverlap(overlap), "b.shards.indices");
  const indices = [...first.shards.indices, ...second.shards.indices].sort((x, y) => x - y);
  const { pieces, spans } = prepared.period;
  // Both were checked against the prepared rating's madeFor; a shard that names none (an older
  // ratecard, a warehouse) leaves the merge naming none, as it cannot vouch for that shard.
  const { madeFor, ...named } = header(prepared, { count: first.shards.count, indices });
  const vouched = first.madeFor !== undefined && second.madeFor !== undefined;
  const merged = (list: "pieces" | "spans") => (period: Period, index: number) =>
    mergeUsageStates(first[list]?.[index], second[list]?.[index], { ...prepared.options, period }, [
      ["a", list, index],
      ["b", list, index],
    ]);
  return {
    ...named,
    ...(vouched ? { madeFor } : {}),
    whole: mergeUsageStates(first.whole, second.whole, prepared.options, [
      ["a", "whole"],
      ["b", "whole"],
    ]),
    ...(pieces.length > 1 ? { pieces: pieces.map(merged("pieces")) } : {}),
    ...(spans.length > 0 ? { spans: spans.map(merged("spans")) } : {}),
  };
}

function requireShard(shard: unknown): UsageShard {
  if (shard === undefined) return { index: 0, count: 1 };
  const { index, count } = (shard ?? {}) as Record<keyof UsageShard, unknown>;
  // Whole numbers from 0, index below count (so count is at least 1), as readEnvelopeFast reads them.
  if (isCount(count) && isCount(index) && index < count) return { index, count };
  throw InputError.from(aggregatesMessages.invalidShard(shard), "options.shard");
}
