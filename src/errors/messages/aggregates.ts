import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

// The sentences about usage aggregates: the meters' states aggregated elsewhere (another process, a
// shard, a warehouse) and handed to ratecard to rate (docs/scale.md).

/** Aggregates made for another customer, period, meter list or daily setting than the rating asks for. */
export function aggregatesForOtherRating(what: string, found: string, expected: string): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates were made for ${what} ${found}, but this rating is for ${expected}; aggregate the usage again for this contract and period.`,
  };
}

/** The contracts usage aggregates were made with and are rated with, as `"ctr_1" (digest sha256:…)`. */
interface ContractVersions {
  readonly found: string;
  readonly expected: string;
}

/** Aggregates made for another list of meters than the contract being rated has (their `madeFor`). */
export function aggregatesForOtherMeters(
  found: ReadonlyArray<string>,
  expected: ReadonlyArray<string>,
  versions: ContractVersions,
): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates were made for the meters ${meterList(found)} of contract ${versions.found}, but the contract being rated, ${versions.expected}, has the meters ${meterList(expected)}; rating them would bill usage counted for other meters. Aggregate the usage again with the contract being rated.`,
  };
}

/** Aggregates made for another definition of a meter (filters, value, aggregation, window, groupings). */
export function aggregatesForOtherMeterDefinition(meter: string, versions: ContractVersions): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates were made for another definition of meter "${meter}": they were made with contract ${versions.found}, and in the contract being rated, ${versions.expected}, the meter counts other events or counts them otherwise (its event type, filters, value, aggregation, window or settings, or the groupings or per-event values its charges ask for, differ). Rating them would bill usage the meter no longer counts; aggregate the usage again with the contract being rated (a change of prices alone needs no new aggregates).`,
  };
}

/** Aggregates made for another cut of the period (amendment dates) or another time zone. */
export function aggregatesForOtherPeriodCut(
  cuts: ReadonlyArray<string>,
  timeZone: string,
  versions: ContractVersions,
): ErrorMessage {
  const cut = cuts.length === 0 ? "does not cut the period" : `cuts the period at ${cuts.join(", ")}`;
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates were made for the period cut at other instants or in another time zone: they were made with contract ${versions.found}, and the contract being rated, ${versions.expected}, ${cut} (amendments and overrides), in time zone ${timeZone}. Aggregate the usage again with the contract being rated.`,
  };
}

function meterList(meters: ReadonlyArray<string>): string {
  return meters.length === 0 ? "(none)" : meters.map((meter) => `"${meter}"`).join(", ");
}

/** A meter's states that hold a grouping the contract's charges do not ask for. */
export function aggregatesUnknownGrouping(meter: string, dimensions: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates of meter "${meter}" are grouped by ${JSON.stringify(dimensions)}, which no charge of this contract groups it by (or a group lists another number of values than the grouping has properties).`,
  };
}

/** Two aggregates that hold the same shard: merging them would bill its events twice. */
export function aggregatesShardsOverlap(shards: ReadonlyArray<number>): ErrorMessage {
  return {
    code: "aggregates_shards",
    message: `Both usage aggregates hold shard ${shards.join(", ")}: merging them would count those events twice. Merge aggregates of different shards only (each event goes to the shard its id's hash names, so copies of an event always meet in one shard).`,
  };
}

/** Two aggregates split into different numbers of shards. */
export function aggregatesShardCountsDiffer(a: number, b: number): ErrorMessage {
  return {
    code: "aggregates_shards",
    message: `The usage aggregates were split into ${a} and ${b} shards: only shards of one split can be merged (copies of an event land in the same shard only within one split).`,
  };
}

/** Aggregates that do not yet hold every shard: rating them would leave events out. */
export function aggregatesIncomplete(missing: ReadonlyArray<number>, count: number): ErrorMessage {
  return {
    code: "aggregates_shards",
    message: `The usage aggregates lack shard ${missing.join(", ")} of ${count}: an invoice rated from them would leave those events out. Merge every shard's aggregates first.`,
  };
}

/** A shard option that does not name one shard of a split. */
export function invalidShard(shard: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `shard must name one shard of a split, { index, count } with count a whole number from 1 and index from 0 to count − 1, not ${JSON.stringify(shard) ?? String(shard)}.`,
  };
}

/** A `share` option that is not one `createRatingShare` made. */
export function invalidRatingShare(share: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `share must be a share made by createRatingShare(), not ${describeValue(share)}.`,
  };
}

/** Two contracts of one customer in a batch: its events would be billed twice. */
export function batchCustomerTwice(customer: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `Two contracts bill customer "${customer}": a batch rates one contract per customer, or the customer's events would be billed twice.`,
  };
}

/** A batch's carried state (`rateMany`'s `options.carried`) for a contract the batch does not rate. */
export function batchCarriedForNoContract(contractId: string, known: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `options.carried holds the state of contract "${contractId}", which is not one of the contracts rated (${known.join(", ")}): a state meant for another contract would be left unused without a word.`,
  };
}

/** A set of states whose events read are not the events counted plus the events left out. */
export function aggregatesAccountBroken(read: number, counted: number, excluded: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The usage aggregates say ${read} events were read, but ${counted} were counted and ${excluded} left out (${counted + excluded}): every event read is either counted or left out with a reason, so the two must be equal; aggregate the usage again, or correct eventsRead, eventsCounted or excluded.`,
  };
}

/** An exclusion that lists more sample ids than it has events. */
export function aggregatesTooManySamples(samples: number, events: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The usage aggregates list ${samples} sample ids for ${events} excluded event${events === 1 ? "" : "s"}: the sample ids are some of those events' ids (up to five), never more than the events.`,
  };
}

/**
 * A meter's state that no counting of events gives (a sum of 40 over no event, two distinct users among
 * one event): the rest of a sentence after the state's path.
 */
export function aggregatesStateNotCounted(found: string, why: string): ErrorMessage {
  return {
    code: "invalid_field",
    // No full stop: the sentence is ended after the path and the count of more problems (issuesToError).
    message: `is ${found}, which counting events never gives: ${why}; rated, it would bill usage the state's own count of events denies. Aggregate the usage again, or correct the state`,
  };
}

/** A meter counting more events than the aggregates say were counted in all. */
export function aggregatesMeterOverCounted(meter: string, events: number, counted: number): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Meter ${meter}'s states count ${events} events, but the usage aggregates say ${counted} events were counted in all (eventsCounted): a meter counts only events that were counted, so the invoice would bill usage its own account of events denies. Aggregate the usage again, or correct the meter's states or eventsCounted.`,
  };
}

/** A meter's states without a grouping a charge of the contract asks for. */
export function aggregatesMissingGrouping(meter: string, dimensions: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates of meter "${meter}" hold no grouping by ${JSON.stringify(dimensions)}, which a charge of this contract bills by: rated without it, that charge would bill nothing. Aggregate the usage again for this contract and period (ratecard writes every grouping a charge asks for, with no buckets when no event has the property).`,
  };
}

/** A grouping whose buckets do not add up to the meter's total (events, or the summed quantity). */
export function aggregatesGroupsNotTotal(
  meter: string,
  dimensions: ReadonlyArray<string>,
  what: "events" | "sum",
  groups: string,
  total: string,
): ErrorMessage {
  const counted = what === "events" ? "count" : "sum to";
  return {
    code: "aggregates_mismatch",
    message: `The usage aggregates of meter "${meter}" split its usage by ${JSON.stringify(dimensions)} into groups that ${counted} ${groups}${what === "events" ? " events" : ""}, where the meter's total ${what === "events" ? `counts ${total} events` : `is ${total}`}: every counted event falls in exactly one group of a grouping, so the groups must add up to the total, or the grouped charges and the others would bill different usage. Aggregate the usage again for this contract and period.`,
  };
}

/** One group listed twice in a grouping of one set of states. */
export function aggregatesGroupTwice(
  meter: string,
  dimensions: ReadonlyArray<string>,
  group: string,
  first: number,
  second: number,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The usage aggregates of meter "${meter}" list the group ${group} of the grouping by ${JSON.stringify(dimensions)} twice (buckets ${first} and ${second}): rated, its usage would be billed twice. Each group has one bucket; merge the two states.`,
  };
}

/** A `prepared` argument that prepareRating did not make. */
export function notPreparedRating(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `prepared must be what prepareRating(contract, period) returns, not ${describeValue(value)}.`,
  };
}

/** `contracts` of a batch that is not a list of contracts. */
export function contractsNotList(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `contracts must be a list of contracts from parseContract, one per customer, not ${describeValue(value)}.`,
  };
}

/** Usage aggregates that are not an object at all: nothing of them can be read, not even their version. */
export function aggregatesNotObject(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The usage aggregates must be an object, what aggregateForRating, usageAggregatesFromSql and mergeUsageAggregates return (or their JSON, parsed), not ${describeValue(value)}.`,
  };
}
