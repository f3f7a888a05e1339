import fc from "fast-check";
import { type AggregateUsageResult, aggregateUsage, type MeterOutcome } from "../../src/meters/index.js";
import { Decimal, isWithinBound, QUANTITY } from "../../src/money/index.js";
import type { MeterTerms, PropertyValue, UsageEvent } from "../../src/schema/index.js";
import { decimalText } from "./money.js";
import { deepFreeze } from "./prices.js";

/**
 * Generators and helpers for meter tests: decimal texts of every shape ExactSum distinguishes, one
 * meter per aggregation kind (all reading the same event type), and events every one of them can read.
 * Everything generated is deep-frozen: aggregation must never mutate its input.
 */

/** February 2026 in UTC: [2026-02-01T00:00Z, 2026-03-01T00:00Z), 28 days. */
export const FEBRUARY_UTC = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) } as const;

/** The customer every generated event belongs to (unless made foreign on purpose). */
export const CUSTOMER = "cus_a";
/** The event type every meter below counts. */
export const EVENT_TYPE = "usage";

/** An event of `CUSTOMER` and `EVENT_TYPE` (override anything). */
export function usageEvent(
  id: string,
  timestamp: number,
  properties: Record<string, PropertyValue>,
  overrides: Partial<UsageEvent> = {},
): UsageEvent {
  return { id, type: EVENT_TYPE, customer: CUSTOMER, timestamp, properties, ...overrides };
}

// ── decimal texts ────────────────────────────────────────────────────────────────────────────────

/** Up to 4 decimals and a whole part below 10^15 (mostly ExactSum's fast integer path, below 10^11). */
export const shortDecimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n - 1n), max: 10n ** 15n - 1n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => decimalText(units, scale));

/** 10 to 18 decimals: beyond the fast path's nine fraction digits. */
export const longDecimalArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.integer({ min: 10, max: 18 }))
  .map(([units, scale]) => decimalText(units, scale));

/** A mantissa with an exponent, as "1e-7", "-2.5E+3", "3e0". */
export const exponentDecimalArb = fc
  .tuple(
    fc.integer({ min: -99_999, max: 99_999 }),
    fc.integer({ min: 0, max: 3 }),
    fc.constantFrom("e", "E"),
    fc.integer({ min: -12, max: 12 }),
  )
  .map(([units, scale, e, exponent]) => `${decimalText(BigInt(units), scale)}${e}${exponent}`);

/** A whole part of 12 to 20 digits (above 10^11), sometimes with decimals. */
export const hugeDecimalArb = fc
  .tuple(fc.bigInt({ min: 10n ** 11n, max: 10n ** 20n }), fc.boolean(), fc.integer({ min: 0, max: 6 }))
  .map(
    ([whole, negative, scale]) =>
      decimalText(negative ? -whole : whole, 0) + (scale > 0 ? `.${"7".repeat(scale)}` : ""),
  );

/**
 * A finite JS number (ExactSum reads it by its shortest text). Doubles below 10^-6 are left out so
 * that every generated list sums within Decimal's 50 significant digits (5e-324 next to 10^20 would not).
 */
const numberValueArb = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc
    .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
    .filter((value) => value === 0 || Math.abs(value) >= 1e-6),
);

/** Every shape ExactSum adds exactly, mostly short ones, including values beyond a quantity's bounds. */
export const anyDecimalValueArb: fc.Arbitrary<string | number> = fc.oneof(
  { arbitrary: shortDecimalArb, weight: 6 },
  { arbitrary: longDecimalArb, weight: 2 },
  { arbitrary: exponentDecimalArb, weight: 2 },
  { arbitrary: hugeDecimalArb, weight: 1 },
  { arbitrary: numberValueArb, weight: 2 },
);

/** True when a meter reads `value` as a number: a quantity below 10^15 with at most 9 decimals. */
function isQuantityValue(value: string | number): boolean {
  return isWithinBound(decimalOf(value), QUANTITY);
}

/** At most 9 decimals written with 10 to 18 fraction digits ("2.5000000000"): beyond the fast path, yet a quantity. */
const paddedDecimalArb = fc
  .tuple(
    fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }),
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 0, max: 8 }),
  )
  .map(([units, scale, extra]) => `${decimalText(units, scale)}${"0".repeat(10 - scale + extra)}`);

/** A whole part of 12 to 15 digits (above the fast path's 10^11, below 10^15), sometimes with decimals. */
const largeQuantityArb = fc
  .tuple(fc.bigInt({ min: 10n ** 11n, max: 10n ** 15n - 1n }), fc.boolean(), fc.integer({ min: 0, max: 6 }))
  .map(
    ([whole, negative, scale]) =>
      decimalText(negative ? -whole : whole, 0) + (scale > 0 ? `.${"7".repeat(scale)}` : ""),
  );

/** Any value a meter reads as a number (every shape, each within a quantity's bounds), mostly short ones. */
export const decimalValueArb: fc.Arbitrary<string | number> = fc.oneof(
  { arbitrary: shortDecimalArb, weight: 6 },
  { arbitrary: paddedDecimalArb, weight: 2 },
  { arbitrary: exponentDecimalArb.filter(isQuantityValue), weight: 2 },
  { arbitrary: largeQuantityArb, weight: 1 },
  { arbitrary: numberValueArb.filter(isQuantityValue), weight: 2 },
);

/** The exact Decimal of a value as ratecard reads it (numbers by their shortest text). */
export function decimalOf(value: string | number): Decimal {
  return new Decimal(typeof value === "number" ? String(value) : value);
}

// ── meters of every kind ─────────────────────────────────────────────────────────────────────────

/**
 * One meter per aggregation kind, all on `EVENT_TYPE`, reading properties that `meterEventArb`
 * always gives: `v` (a decimal), `user` (text or number), `instance`, `region`, `op`.
 */
export const METERS_BY_KIND = deepFreeze({
  sum: { id: "m_sum", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "v" },
  count: { id: "m_count", eventType: EVENT_TYPE, aggregation: "count" },
  unique_count: { id: "m_unique", eventType: EVENT_TYPE, aggregation: "unique_count", valueProperty: "user" },
  min: { id: "m_min", eventType: EVENT_TYPE, aggregation: "min", valueProperty: "v" },
  max: { id: "m_max", eventType: EVENT_TYPE, aggregation: "max", valueProperty: "v" },
  latest: { id: "m_latest", eventType: EVENT_TYPE, aggregation: "latest", valueProperty: "v" },
  avg: { id: "m_avg", eventType: EVENT_TYPE, aggregation: "avg", valueProperty: "v" },
  weighted_sum: {
    id: "m_weighted",
    eventType: EVENT_TYPE,
    aggregation: "weighted_sum",
    valueProperty: "v",
    weighted: { per: "hour" },
  },
  percentile: {
    id: "m_p95",
    eventType: EVENT_TYPE,
    aggregation: "percentile",
    valueProperty: "v",
    window: { size: "6h", aggregation: "sum" },
    percentile: { rank: new Decimal(95), discard: "ceil" },
  },
  windowed: {
    id: "m_daily_peaks",
    eventType: EVENT_TYPE,
    aggregation: "avg",
    valueProperty: "v",
    window: { size: "day", aggregation: "max", emptyWindows: "skip" },
  },
  // The distinct users of each 6-hour window, then the busiest window (hosts seen per hour: Datadog).
  windowed_unique: {
    id: "m_peak_window_users",
    eventType: EVENT_TYPE,
    aggregation: "max",
    valueProperty: "user",
    window: { size: "6h", aggregation: "unique_count" },
  },
  // Windows in their own zone, not the contract's (UTC in the laws): Kathmandu's days (+05:45, so each
  // runs 18:15Z–18:15Z and the period's first and last are cut), and its hours, laid from its midnight
  // (:15 past each UTC hour), less a free allowance in each.
  windowed_zone_day: {
    id: "m_kathmandu_days",
    eventType: EVENT_TYPE,
    aggregation: "avg",
    valueProperty: "v",
    window: { size: "day", aggregation: "max", timeZone: "Asia/Kathmandu" },
  },
  windowed_zone_hour: {
    id: "m_kathmandu_hours",
    eventType: EVENT_TYPE,
    aggregation: "sum",
    valueProperty: "v",
    window: { size: "hour", aggregation: "sum", allowance: new Decimal(1), timeZone: "Asia/Kathmandu" },
  },
  entity: {
    id: "m_instance_hours",
    eventType: EVENT_TYPE,
    aggregation: "sum",
    valueProperty: "v",
    entity: { property: "instance", divideBy: new Decimal(3600), round: "up", cap: new Decimal(720) },
  },
  persistent_sum: {
    id: "m_running",
    eventType: EVENT_TYPE,
    aggregation: "sum",
    valueProperty: "v",
    persistent: true,
  },
  persistent_unique: {
    id: "m_seats",
    eventType: EVENT_TYPE,
    aggregation: "unique_count",
    valueProperty: "user",
    persistent: true,
    operationProperty: "op",
  },
  prorated_sum: {
    id: "m_prorated_running",
    eventType: EVENT_TYPE,
    aggregation: "sum",
    valueProperty: "v",
    persistent: true,
    prorated: true,
  },
  prorated_unique: {
    id: "m_prorated_seats",
    eventType: EVENT_TYPE,
    aggregation: "unique_count",
    valueProperty: "user",
    persistent: true,
    operationProperty: "op",
    prorated: true,
  },
} satisfies Record<string, MeterTerms>) as Readonly<Record<MeterKind, MeterTerms>>;

export type MeterKind =
  | "sum"
  | "count"
  | "unique_count"
  | "min"
  | "max"
  | "latest"
  | "avg"
  | "weighted_sum"
  | "percentile"
  | "windowed"
  | "windowed_unique"
  | "windowed_zone_day"
  | "windowed_zone_hour"
  | "entity"
  | "persistent_sum"
  | "persistent_unique"
  | "prorated_sum"
  | "prorated_unique";

export const METER_KINDS = Object.keys(METERS_BY_KIND) as MeterKind[];
export const ALL_METERS: ReadonlyArray<MeterTerms> = METER_KINDS.map((kind) => METERS_BY_KIND[kind]);

const USERS: ReadonlyArray<PropertyValue> = ["alice", "bob", "Alice", 5, "5", "5.0", 7, "7e0", "carol"];

/** Decimal values for events: short decimals mostly, all shapes sometimes (kept in a few digits so sums stay readable). */
const eventValueArb: fc.Arbitrary<string | number> = fc.oneof(
  {
    arbitrary: fc.integer({ min: -500_000, max: 5_000_000 }).map((n) => decimalText(BigInt(n), 3)),
    weight: 6,
  },
  { arbitrary: fc.integer({ min: 0, max: 10_000 }), weight: 2 },
  { arbitrary: paddedDecimalArb, weight: 1 },
  { arbitrary: exponentDecimalArb.filter(isQuantityValue), weight: 1 },
);

/**
 * A valid event for every meter in `METERS_BY_KIND`, in `period` (ids are made unique by the list
 * generator). Timestamps cluster on a few instants now and then, so ties in time are exercised.
 */
function meterEventArb(period: { start: number; end: number } = FEBRUARY_UTC) {
  const span = period.end - period.start;
  return fc
    .record({
      id: fc.integer({ min: 1, max: 100_000 }).map((n) => `e${String(n).padStart(6, "0")}`),
      timestamp: fc.oneof(
        fc.integer({ min: period.start, max: period.end - 1 }),
        fc.constantFrom(period.start, period.start + Math.floor(span / 2), period.end - 1),
      ),
      v: eventValueArb,
      user: fc.constantFrom(...USERS),
      instance: fc.constantFrom("i-1", "i-2", "i-3", 4),
      region: fc.constantFrom("na", "eu"),
      op: fc.constantFrom("add", "add", "remove"),
    })
    .map(
      ({ id, timestamp, ...properties }): UsageEvent =>
        deepFreeze(usageEvent(id, timestamp, properties as Record<string, PropertyValue>)),
    );
}

/** A list of valid events with unique ids. */
export function meterEventsArb(period: { start: number; end: number } = FEBRUARY_UTC, maxLength = 60) {
  return fc.uniqueArray(meterEventArb(period), { selector: (event) => event.id, maxLength });
}

/**
 * A value every meter reading `v` refuses (the event is excluded as invalid_value): not a number, or a
 * number beyond a quantity's bounds (10^15 and more, or more than 9 decimals), as text or as JSON number.
 */
export const invalidValueArb: fc.Arbitrary<PropertyValue | undefined> = fc.constantFrom(
  "1e15",
  "-1000000000000000",
  "0.0000000001",
  "5e50",
  5e50,
  1e-10,
  "1e2000000",
  "n/a",
  "",
  " 12",
  "1,5",
  "NaN",
  "Infinity",
  "0x10",
  "--1",
  true,
  false,
  null,
  undefined,
);

// ── comparing results ────────────────────────────────────────────────────────────────────────────

/** A finalized outcome as plain JSON (Decimals as exact text), for deep equality. */
export function outcomeJson(outcome: MeterOutcome): string {
  return JSON.stringify({
    quantity: outcome.quantity.toFixed(),
    events: outcome.events,
    computation: outcome.computation ?? null,
    carryOut: outcome.carryOut ?? null,
  });
}

/** An aggregation result as plain JSON (Decimals as exact text), for deep equality. */
export function resultJson(result: AggregateUsageResult): string {
  return JSON.stringify({
    eventsRead: result.eventsRead,
    eventsCounted: result.eventsCounted,
    meters: result.meters.map((entry) => ({
      meter: entry.meter.id,
      events: entry.events,
      quantity: entry.quantity.toFixed(),
      computation: entry.computation ?? null,
      values: entry.values?.map((value) => value.toFixed()) ?? null,
    })),
    groups: result.groups.map((grouped) => ({
      ...grouped,
      groups: grouped.groups.map((group) => ({ ...group, quantity: group.quantity.toFixed() })),
    })),
    excluded: result.excluded,
    carryOut: result.carryOut,
  });
}

/** `aggregateUsage` over `events` with the given meters for `CUSTOMER` in UTC. */
export function aggregateFor(
  meters: ReadonlyArray<MeterTerms>,
  events: Iterable<UsageEvent>,
  period: { start: number; end: number } = FEBRUARY_UTC,
  extra: Partial<Parameters<typeof aggregateUsage>[1]> = {},
): AggregateUsageResult {
  return aggregateUsage(events, { meters, customer: CUSTOMER, period, timeZone: "UTC", ...extra });
}
