import fc from "fast-check";
import type { Period } from "../../src/index.js";
import { EVENT_TYPES } from "./contractMeters.js";
import { sometimes } from "./sometimes.js";
import { CUSTOMER } from "./wholeContracts.js";

/**
 * Usage event streams for whole generated contracts, as a customer's systems send them (timestamps as
 * ISO text with assorted offsets and fraction digits). A stream mixes every outcome an event can have:
 * valid events of every type the meters read, exact duplicates, conflicting duplicates (same id, other
 * payload), events of another customer, of a type no meter reads, outside the period (just before its
 * start, at its end, far away), exactly at its start and last millisecond, and with values a meter
 * cannot read (text, empty, booleans, null, missing). Properties take values of every JSON type and
 * awkward texts (quotes, commas, `=`, non-Latin letters), so groups, filters and CSV quoting are exercised.
 */

/** A property value as an event may carry it. */
type PropertyValue = string | number | boolean | null;

/** An event as sent. */
export interface EventInput {
  readonly id: string;
  readonly type: string;
  readonly customer: string;
  readonly timestamp: string;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

/** Where an event falls relative to the period. */
type Position =
  | { readonly at: "inside"; readonly share: number }
  | { readonly at: "start" | "last" | "end" | "before" | "after" | "far" };

/** Offsets (minutes) timestamps are written with: the same instant, however it is written. */
const OFFSETS = [0, 0, 330, -300, 765, -570, 60, 840];

const numericArb: fc.Arbitrary<PropertyValue> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -2_000, max: 2_000_000 }).map((n) => (n / 1000).toString()) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<PropertyValue>(
      "0",
      "1e3",
      "2.5E-4",
      "0.000000001",
      "123456789012.123456",
      "-0",
      ".5",
      "7.",
      1.1,
      0.1,
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<PropertyValue>("n/a", "", " 1", "1,5", true, null, "NaN") },
);

const propertiesArb: fc.Arbitrary<Record<string, PropertyValue>> = fc.record(
  {
    v: numericArb,
    w: numericArb,
    region: fc.constantFrom<PropertyValue>("na", "na", "eu", "apac", 1, true, null, 'x,"y"'),
    service: fc.constantFrom<PropertyValue>("http", "video", "http"),
    project: fc.constantFrom<PropertyValue>("A", "B", "a,b=c", "Ünï 東京", 2),
    instance: fc.constantFrom<PropertyValue>("i-1", "i-2", "i-3", 4),
    user: fc.constantFrom<PropertyValue>("alice", "bob", "Alice", 5, "5", "carol"),
    op: fc.constantFrom<PropertyValue>("add", "add", "remove", "other"),
    dir: fc.constantFrom<PropertyValue>("in", "out", 3),
  },
  { requiredKeys: [] },
);

const positionArb: fc.Arbitrary<Position> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
      .map((share) => ({ at: "inside" as const, share })),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom<Position>(
      { at: "start" },
      { at: "last" },
      { at: "end" },
      { at: "before" },
      { at: "after" },
      { at: "far" },
    ),
  },
);

/** One generated event before it is placed in a period. */
interface EventDraft {
  /** Now and then the id of another event of the stream (a conflict, or a duplicate if all else matches). */
  readonly collides: number | undefined;
  readonly type: string;
  readonly customer: string;
  readonly position: Position;
  readonly offset: number;
  readonly fraction: 0 | 3 | 6;
  readonly properties: Record<string, PropertyValue>;
}

const draftArb: fc.Arbitrary<EventDraft> = fc.record({
  collides: sometimes(fc.nat(), 60),
  type: fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...EVENT_TYPES) },
    { weight: 1, arbitrary: fc.constant("noise") },
  ),
  customer: fc.oneof(
    { weight: 12, arbitrary: fc.constant(CUSTOMER) },
    { weight: 1, arbitrary: fc.constant("cus_other") },
  ),
  position: positionArb,
  offset: fc.constantFrom(...OFFSETS),
  fraction: fc.constantFrom<0 | 3 | 6>(3, 3, 0, 6),
  properties: propertiesArb,
});

/** How a stream repeats events: an exact copy, or the same id with another payload (a conflict). */
interface Repeat {
  readonly of: number;
  readonly conflict: boolean;
}

/** The drafts of a stream and the repeats to add (placed by {@link eventsIn}). */
export interface StreamDraft {
  readonly drafts: ReadonlyArray<EventDraft>;
  readonly repeats: ReadonlyArray<Repeat>;
  /** Ids written with awkward characters (quotes, backslash, non-ASCII) instead of plain ones. */
  readonly awkwardIds: boolean;
}

/** A stream of up to `maxLength` events (plus a few repeats). */
export function streamArb(maxLength = 40): fc.Arbitrary<StreamDraft> {
  return fc.record({
    drafts: fc.array(draftArb, { maxLength, size: "max" }),
    repeats: fc.array(fc.record({ of: fc.nat(), conflict: fc.constantFrom(false, false, false, true) }), {
      maxLength: 4,
    }),
    awkwardIds: fc.boolean(),
  });
}

/** Options of {@link eventsIn}. */
export interface EventsOptions {
  /**
   * Property values as text only, as a CSV file can carry them: numbers by their shortest text,
   * true/false as text, null and "" left out (an empty CSV cell is an absent property).
   */
  readonly textOnly?: boolean;
}

/** The events of a stream placed in `period`, in generation order (repeats last). */
export function eventsIn(stream: StreamDraft, period: Period, options: EventsOptions = {}): EventInput[] {
  const events = stream.drafts.map((draft, index) =>
    placed(
      draft,
      draft.collides === undefined ? index : draft.collides % (index + 1),
      period,
      stream.awkwardIds,
      options,
    ),
  );
  const repeats =
    events.length === 0
      ? []
      : stream.repeats.map((repeat) => {
          const original = events[repeat.of % events.length]!;
          if (!repeat.conflict) return { ...original, properties: { ...original.properties } };
          return { ...original, properties: { ...original.properties, v: "999.999" } };
        });
  return [...events, ...repeats];
}

const AWKWARD_IDS = ['e"q', "e\\b", "é-ü", "e,1", " sp "];

function placed(
  draft: EventDraft,
  number: number,
  period: Period,
  awkward: boolean,
  options: EventsOptions,
): EventInput {
  const instant = instantOf(draft.position, period);
  const id =
    awkward && number % 3 === 0
      ? `${AWKWARD_IDS[(number / 3) % AWKWARD_IDS.length]}${number}`
      : `e${String(number).padStart(4, "0")}`;
  return {
    id,
    type: draft.type,
    customer: draft.customer,
    timestamp: writeInstant(instant, draft.offset, draft.fraction),
    properties: options.textOnly ? asText(draft.properties) : draft.properties,
  };
}

function instantOf(position: Position, period: Period): number {
  const span = period.end - period.start;
  switch (position.at) {
    case "inside":
      return period.start + Math.floor(position.share * span);
    case "start":
      return period.start;
    case "last":
      return period.end - 1;
    case "end":
      return period.end;
    case "before":
      return period.start - 1;
    case "after":
      return period.end + 3_600_000;
    case "far":
      return period.start - 400 * 86_400_000;
  }
}

/** `instant` as ISO 8601 text at `offset` minutes from UTC, with 0, 3 or 6 fraction digits. */
function writeInstant(instant: number, offset: number, fraction: 0 | 3 | 6): string {
  // Without fraction digits the instant is floored to its second: keep the instant whole instead.
  const digits = fraction === 0 && instant % 1000 !== 0 ? 3 : fraction;
  const local = new Date(instant + offset * 60_000).toISOString(); // 2026-02-03T10:15:00.123Z
  const seconds = local.slice(0, 19);
  const millis = local.slice(20, 23);
  const fractionText = digits === 0 ? "" : digits === 3 ? `.${millis}` : `.${millis}999`;
  const sign = offset < 0 ? "-" : "+";
  const zone =
    offset === 0
      ? "Z"
      : `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
  return `${seconds}${fractionText}${zone}`;
}

function asText(properties: Record<string, PropertyValue>): Record<string, PropertyValue> {
  return Object.fromEntries(
    Object.entries(properties).flatMap(([name, value]) =>
      value === null || value === "" ? [] : [[name, typeof value === "string" ? value : String(value)]],
    ),
  );
}
