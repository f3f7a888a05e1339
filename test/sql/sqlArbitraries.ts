import fc from "fast-check";
import { contractHead, type TableEvent } from "./engines.js";

// Contracts and events for the SQL equivalence property: one meter of each aggregation the compiler
// compiles, with filters of every kind, grouped charges, percentage prices, and events whose ids
// repeat (identical copies and conflicting ones), of two customers, several types, around the period's
// edges (some at one shared instant), with values of every shape a meter may meet (numbers, decimal
// text, text that is no number, null, too many decimals).

const AGGREGATIONS = ["sum", "count", "avg", "min", "max", "latest", "unique_count"] as const;

const filterArb = fc.constantFrom(
  undefined,
  { property: "r", op: "equals", value: "eu" },
  { property: "r", op: "equals", value: 1 },
  { property: "r", op: "equals", value: true },
  { property: "r", op: "not_equals", value: "us" },
  { property: "r", op: "in", values: ["eu", "ap", 1] },
  { property: "r", op: "not_in", values: ["us", false] },
  { property: "r", op: "exists" },
  { property: "v", op: "gt", value: "1" },
  { property: "v", op: "lte", value: "0.5" },
  // A threshold on a computed value (long-context pricing): v + w above 1, v × w at most 0.5.
  { expression: { add: [{ property: "v" }, { property: "w" }] }, op: "gt", value: "1" },
  { expression: { multiply: [{ property: "v" }, { property: "w" }] }, op: "lte", value: "0.5" },
);

const meterArb = (aggregation: (typeof AGGREGATIONS)[number], index: number) =>
  fc.record({ type: fc.constantFrom("a", "b"), filter: filterArb }).map(({ type, filter }) => ({
    id: `m${index}_${aggregation}`,
    eventType: type,
    aggregation,
    ...(aggregation === "count" ? {} : { valueProperty: aggregation === "unique_count" ? "u" : "v" }),
    ...(filter ? { filters: [filter] } : {}),
  }));

// Values computed from properties (v, w, r): products with exact factors (Lambda's 1/1,024,000), sums,
// weights chosen by r with and without a default; events of type "d" only, so that an event such a
// meter cannot compute does not exclude the others' events as invalid_value too often.
const expressionArb = fc.constantFrom(
  { multiply: [{ property: "v" }, { property: "w" }] },
  { multiply: [{ property: "v" }, { property: "w" }, { constant: "0.0000009765625" }] },
  { multiply: [{ property: "v" }, { constant: "-2" }] },
  { add: [{ property: "v" }, { multiply: [{ property: "w" }, { constant: "0.25" }] }] },
  { weightBy: { property: "r", weights: { eu: "0.05", "1": "2", true: "3" }, default: "1" } },
  { weightBy: { property: "r", weights: { eu: "0.5", us: "1.25" } } },
  { multiply: [{ weightBy: { property: "r", weights: { eu: "2" }, default: "0.001" } }, { property: "w" }] },
);
const derivedMeterArb = fc
  .record({
    aggregation: fc.constantFrom("sum", "avg", "min", "max", "latest", "weighted_sum"),
    value: expressionArb,
  })
  .map(({ aggregation, value }) => ({ id: `m7_derived_${aggregation}`, eventType: "d", aggregation, value }));

// Two-level meters: windows (local days, hours, fixed lengths), percentiles (with directions), entities.
const twoLevelMeterArb = fc
  .constantFrom(
    { aggregation: "avg", valueProperty: "v", window: { size: "day", aggregation: "max" } },
    {
      aggregation: "percentile",
      valueProperty: "v",
      window: { size: "5h", aggregation: "sum" },
      percentile: { rank: 95 },
    },
    {
      aggregation: "percentile",
      valueProperty: "v",
      window: { size: "day", aggregation: "avg" },
      percentile: { rank: 90, direction: { property: "r", combine: "higher_percentile" } },
    },
    { aggregation: "sum", entity: { property: "u" }, window: { size: "hour", aggregation: "count" } },
    { aggregation: "max", valueProperty: "v", entity: { property: "r" } },
    { aggregation: "sum", valueProperty: "v", window: { size: "day", aggregation: "latest" } },
    // The distinct values of each window (hosts seen in an hour: Datadog), then their peak or a percentile.
    { aggregation: "max", valueProperty: "u", window: { size: "hour", aggregation: "unique_count" } },
    {
      aggregation: "percentile",
      valueProperty: "u",
      window: { size: "day", aggregation: "unique_count" },
      percentile: { rank: 90 },
    },
    {
      aggregation: "avg",
      valueProperty: "u",
      entity: { property: "r" },
      window: { size: "5h", aggregation: "unique_count" },
    },
    // Windows in their own zone: UTC days (Backblaze B2) and Kathmandu's 5-hour stretches from its
    // midnight (+05:45), whatever zone the contract is in.
    {
      aggregation: "sum",
      valueProperty: "v",
      window: { size: "day", aggregation: "sum", allowance: "1", timeZone: "UTC" },
    },
    {
      aggregation: "max",
      valueProperty: "v",
      window: { size: "5h", aggregation: "sum", timeZone: "Asia/Kathmandu" },
    },
    {
      aggregation: "percentile",
      valueProperty: "v",
      window: { size: "hour", aggregation: "max", timeZone: "Asia/Kathmandu" },
      percentile: { rank: 90 },
    },
  )
  .map((meter) => ({ id: "m8_two_level", eventType: "d", ...meter }));

// A time-weighted gauge: levels or changes, over the period or per hour, day or fixed month.
const weightedMeterArb = fc
  .record({
    type: fc.constantFrom("a", "b"),
    filter: filterArb,
    values: fc.constantFrom(undefined, "level", "change"),
    per: fc.constantFrom(undefined, "hour", "day", "month_730_hours"),
  })
  .map(({ type, filter, values, per }) => ({
    id: "m9_weighted_sum",
    eventType: type,
    aggregation: "weighted_sum",
    valueProperty: "v",
    ...(filter ? { filters: [filter] } : {}),
    ...(values === undefined && per === undefined
      ? {}
      : { weighted: { ...(values ? { values } : {}), ...(per ? { per } : {}) } }),
  }));

// A meter that runs across periods: a running sum or count, or a unique count whose events add or
// remove their value (property o), plain or prorated by days. Its charge is never grouped either. Its
// events are of type "c" only, so that the other meters' unreadable values seldom exclude them.
const persistentMeterArb = fc
  .record({
    shape: fc.constantFrom(
      { aggregation: "sum", valueProperty: "v" },
      { aggregation: "count" },
      { aggregation: "unique_count", valueProperty: "u", operationProperty: "o" },
      { aggregation: "sum", valueProperty: "v", prorated: true },
      { aggregation: "unique_count", valueProperty: "u", operationProperty: "o", prorated: true },
    ),
  })
  .map(({ shape }) => ({ id: "m10_persistent", eventType: "c", persistent: true, ...shape }));

// Per-transaction prices: free transactions, fees and minimums; a free amount and a maximum; a bare rate.
const percentageArb = fc.constantFrom(
  { model: "percentage", percent: "2.9", fixedFee: "0.30", minimumPerEvent: "0.50", freeEvents: 2 },
  { model: "percentage", basisPoints: "150", maximumPerEvent: "1", freeAmount: "5" },
  { model: "percentage", percent: "10" },
);

// A percentage price reads each event's amount: a meter with a value property or a computed value that
// it sums, averages, takes the extreme or latest of (contracts refuse it on a meter that counts events,
// also in windows, a unique count or a weighted_sum).
const readsAmounts = (meter: {
  readonly aggregation: string;
  readonly valueProperty?: string;
  readonly value?: unknown;
  readonly window?: { readonly aggregation: string };
}) =>
  (meter.valueProperty !== undefined || meter.value !== undefined) &&
  meter.window?.aggregation !== "count" &&
  meter.window?.aggregation !== "unique_count" &&
  !["count", "unique_count", "weighted_sum"].includes(meter.aggregation);

/** A contract with one meter per compiled aggregation, each billed by a unit, percentage or grouped charge. */
export const sqlContractArb = fc
  .tuple(
    fc.tuple(
      ...AGGREGATIONS.map((aggregation, index) => meterArb(aggregation, index)),
      derivedMeterArb,
      twoLevelMeterArb,
      weightedMeterArb,
      persistentMeterArb,
    ),
    fc.array(fc.constantFrom(undefined, ["r"], ["r", "u"]), { minLength: 9, maxLength: 9 }),
    fc.constantFrom("UTC", "America/New_York"),
    // Per charge of a meter that reads amounts: a percentage price, or (undefined) the unit price.
    fc.array(fc.oneof(fc.constant(undefined), percentageArb), { minLength: 11, maxLength: 11 }),
  )
  .map(([meters, groupings, timeZone, percentages]) => ({
    ...contractHead,
    timeZone,
    id: "ctr_sql",
    meters,
    charges: meters.map((meter, index) => {
      const chosen = percentages[index];
      const single =
        chosen !== undefined && readsAmounts(meter) ? chosen : { model: "unit", unitPrice: "0.01" };
      // A weighted_sum or persistent meter's charge is never grouped (what it carries is per meter).
      const carries = meter.aggregation === "weighted_sum" || "persistent" in meter;
      const groupBy = carries ? undefined : groupings[index];
      return {
        id: `c${index}`,
        name: `Charge ${index}`,
        meter: meter.id,
        price: groupBy ? { model: "grouped", groupBy, price: single } : single,
      };
    }),
  }));

const valueArb = fc.oneof(
  fc.integer({ min: -500, max: 100_000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 10_000 }).map((n) => `${n / 1000}`),
  // The edges, as often as the two above together.
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "12.50",
      "0.000000001",
      "-0.5",
      "lots",
      "",
      "0.0000000001",
      1e16,
      Number("123456789.123456789"),
      null,
      true,
    ),
  },
);
const propertyArb = fc.oneof(
  fc.constantFrom("eu", "us", "ap", 1, 1.0, true, false, null),
  fc.constant(undefined),
);
const uniqueArb = fc.constantFrom("alice", "bob", "Alice", 5, 5.0, 7, true, null, undefined);

const eventArb = fc
  .record({
    id: fc.integer({ min: 0, max: 12 }).map((n) => `e${n}`),
    // "e": a type no meter reads (unknown_event_type).
    type: fc.constantFrom("a", "a", "b", "c", "d", "e"),
    customer: fc.constantFrom("cus_a", "cus_a", "cus_a", "cus_b"),
    // Around February 2026: the last hour of January to the first of March; now and then one of two
    // instants that several events share (ties: event order by id, the first transactions free).
    timestamp: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -3_600_000, max: 28 * 86_400_000 + 3_600_000 }) },
      { weight: 1, arbitrary: fc.constantFrom(3 * 86_400_000 + 3_600_000, 14 * 86_400_000) },
    ),
    v: fc.oneof(valueArb, fc.constant(undefined)),
    w: fc.oneof(valueArb, fc.constant(undefined)),
    r: propertyArb,
    u: uniqueArb,
    // A persistent unique count's operation: add (or none), remove, or one it cannot read.
    o: fc.constantFrom(undefined, undefined, "add", "remove", "remove", null, "drop"),
  })
  .map(({ id, type, customer, timestamp, v, w, r, u, o }): TableEvent => {
    const properties = Object.fromEntries(
      Object.entries({ v, w, r, u, o }).filter(([, value]) => value !== undefined),
    );
    return {
      id,
      type,
      customer,
      timestamp: new Date(Date.UTC(2026, 1, 1) + timestamp).toISOString(),
      properties,
    };
  });

/** Events, some of them sent twice as identical copies. */
export const sqlEventsArb = fc
  .tuple(fc.array(eventArb, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 5 }))
  .map(([events, copies]) => [
    ...events,
    ...(events.length === 0 ? [] : copies.map((index) => events[index % events.length]!)),
  ]);
