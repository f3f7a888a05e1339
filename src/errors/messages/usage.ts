import { describeValue } from "../describeValue.js";
import { wordList } from "../wordList.js";
import type { ErrorMessage } from "./message.js";

// The sentences about usage and the meters' carried state (src/meters).

/** A usage source that gave other events on its second read. */
export function usageChangedWhileRead(firstEvents: number, secondEvents: number): ErrorMessage {
  const what =
    firstEvents === secondEvents
      ? `the same number of events (${firstEvents}) but other event ids`
      : `${firstEvents} events on the first read and ${secondEvents} on the second`;
  return {
    code: "usage_changed_while_read",
    message: `The usage changed while ratecard was reading it: it gave ${what}. Usage is read twice to find duplicate ids, so it must give the same events both times; give a source that does not change (or the events themselves, to be held in memory).`,
  };
}

/** Carried state for a meter the contract lacks, or one that carries nothing between periods. */
export function carriedStateForUnknownMeter(meter: string, meterExists: boolean): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The carried state names meter "${meter}", which ${meterExists ? "carries nothing between periods (only persistent and weighted_sum meters do)" : "the contract does not have"}.`,
  };
}

/** Carried state of the wrong kind for its meter. */
export function carriedStateOfOtherKind(meter: string, found: string, expected: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `The carried state of meter "${meter}" has ${found}, but this meter carries ${expected}.`,
  };
}

/**
 * An event handed to a function that takes parsed events (epoch-millisecond timestamps) as it was sent:
 * its text timestamp would compare as neither before nor after the period, and count whatever its date.
 */
export function eventNotParsed(eventId: string, timestamp: unknown): ErrorMessage {
  const shown = typeof timestamp === "string" ? `the text "${timestamp}"` : String(timestamp);
  return {
    code: "invalid_event",
    message: `Event "${eventId}" has timestamp ${shown}, but this function takes parsed events (timestamp in epoch milliseconds, as parseUsageEvent returns them). Use rateInvoice for events as they were sent, or parse each with parseUsageEvent first.`,
  };
}

/**
 * A value among parsed events that is no event (null, a number, an object without a text id): the
 * functions that take parsed events read each id first, to find copies.
 */
export function notAParsedEvent(value: unknown): ErrorMessage {
  return {
    code: "invalid_event",
    message: `A usage event must be an object with a text id, type, customer, an epoch-millisecond timestamp and properties (as parseUsageEvent returns it), not ${describeValue(value)}.`,
  };
}

/** A function usage source that returned something other than events to read. */
export function sourceReturnedNoEvents(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The usage source function must return an iterable or async iterable of events each time it is called, not ${describeValue(value)}; return [] for a period without usage.`,
  };
}

/**
 * An event in another billing system's format (`system`: Lago, Metronome, Orb, Stripe, OpenMeter): which
 * of its fields are ratecard's which (`renames`: its field, ratecard's), and how its timestamp must be
 * written when the system writes Unix seconds.
 */
export function foreignEvent(
  system: string,
  renames: ReadonlyArray<readonly [string, string]>,
  timestampIn?: string,
): ErrorMessage {
  const writes = renames.map(([from, to]) => `${from} as ${to}`);
  const timestamp =
    timestampIn === undefined
      ? ""
      : `, and the timestamp (${timestampIn}) as ISO 8601 text with an offset, such as "2026-02-10T00:00:00Z"`;
  return {
    code: "invalid_event",
    message: `has ${system}'s event fields, not ratecard's (id, type, customer, timestamp, properties): write ${wordList(writes, "and")}${timestamp} (docs/cli.md, "Events from another billing system")`,
  };
}

/**
 * Said after the value in the refusal of a number (or a CSV cell of digits) where a usage event's ISO
 * 8601 timestamp text was expected: what such a number most often is, and the option that reads it
 * (never guessed from its size).
 */
export function epochTimestampHint(): string {
  return 'if these are seconds since 1970 (Stripe meter events, Lago events), read them with --timestamps epoch_s (the timestamps option "epoch_s"; in a ratecard check fixture, "timestamps": "epoch_s" in its fixture.json), or epoch_ms for milliseconds';
}
