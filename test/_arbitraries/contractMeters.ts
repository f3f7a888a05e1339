import fc from "fast-check";
import { AGGREGATIONS } from "../../src/schema/index.js";

/**
 * Meters for whole generated contracts (test/_arbitraries/wholeContracts.ts), as contract JSON.
 *
 * Every meter reads the same small vocabulary of event types and properties, so that the event
 * streams of test/_arbitraries/eventStreams.ts can hit any of them: a value property `v` or `w`, the
 * grouping dimensions `region`, `service` and `project`, an entity `instance`, a `user` to count,
 * an operation `op` and a direction `dir`. Every aggregation and every shape the schema accepts is
 * generated: filters, windows (with per-second rates and skipped empty windows), percentiles (with
 * directions), time-weighted gauges, per-entity rounding and caps, and persistent totals and sets.
 */

/** The event types meters read (few, so that most events meet some meter). */
export const EVENT_TYPES = ["api", "bytes", "level"] as const;

/** Property names events carry and meters read. */
const VALUE_PROPERTIES = ["v", "w"] as const;

/** The meter ids of a contract with `count` meters: m0, m1, … */
function meterIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `m${index}`);
}

/** A meter as contract JSON. */
export type MeterJson = Record<string, unknown> & {
  readonly id: string;
  readonly aggregation: string;
  readonly persistent?: boolean;
  readonly unit?: string;
};

const filterArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    property: fc.constantFrom("region", "service"),
    op: fc.constantFrom("equals", "not_equals"),
    value: fc.constantFrom<string | number | boolean>("na", "eu", "http", 1, true),
  }),
  fc.record({
    property: fc.constant("region"),
    op: fc.constantFrom("in", "not_in"),
    values: fc.uniqueArray(fc.constantFrom<string | number>("na", "eu", "apac", 1), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
  fc.record({ property: fc.constantFrom("service", "project", "w"), op: fc.constant("exists") }),
  fc.record({
    property: fc.constantFrom("w", "v"),
    op: fc.constantFrom("gt", "gte", "lt", "lte"),
    value: fc.constantFrom("0", "10", "-1.5", "1e3", 2.5),
  }),
);

/** Window sizes: a local day or hour, and fixed lengths (some that do not divide a day). */
const windowArb = fc.record(
  {
    size: fc.constantFrom("day", "hour", "6h", "7h", "90m", "30m"),
    aggregation: fc.constantFrom("sum", "count", "max", "min", "avg", "latest"),
    perSecond: fc.boolean(),
    emptyWindows: fc.constantFrom("zero", "skip"),
  },
  { requiredKeys: ["size", "aggregation"] },
);

const percentileArb = fc.record(
  {
    rank: fc.constantFrom("95", "50", "100", "0.5", "99.9", "1"),
    discard: fc.constantFrom("floor", "ceil", "round"),
    direction: fc.record({
      property: fc.constant("dir"),
      combine: fc.constantFrom("max_per_sample", "higher_percentile"),
    }),
  },
  { requiredKeys: ["rank"] },
);

const weightedArb = fc.record(
  {
    values: fc.constantFrom("level", "change"),
    per: fc.constantFrom("period", "hour", "day", "second"),
  },
  { requiredKeys: [] },
);

// A divisor whose quotients need not end (60, 3,600) comes with a rounding, as the meter schema asks.
const entityArb = fc
  .record(
    {
      property: fc.constant("instance"),
      divideBy: fc.constantFrom("3600", "1", "0.5", "60"),
      round: fc.constantFrom("up", "down", "none"),
      minimum: fc.constantFrom("0.5", "1", "60"),
      cap: fc.constantFrom("0", "1", "720", "2.5"),
    },
    { requiredKeys: ["property"] },
  )
  .map((entity) =>
    (entity.divideBy === "3600" || entity.divideBy === "60") &&
    (entity.round === undefined || entity.round === "none")
      ? { ...entity, round: "down" as const }
      : entity,
  )
  // A minimum above the cap is refused (meters.md): such an entity keeps the cap alone.
  .map(({ minimum, ...entity }) =>
    minimum === undefined || (entity.cap !== undefined && Number(minimum) > Number(entity.cap))
      ? entity
      : { ...entity, minimum },
  );

/** Which of the mutually exclusive shapes a meter takes. */
type Shape = "plain" | "window" | "entity" | "window_entity" | "persistent";

const WINDOWED = new Set(["sum", "avg", "max", "min", "percentile"]);
const PERSISTENT = new Set(["sum", "count", "unique_count"]);

/** One meter of any aggregation and shape the schema accepts, as contract JSON. */
function meterArb(id: string): fc.Arbitrary<MeterJson> {
  return fc
    .record({
      eventType: fc.constantFrom(...EVENT_TYPES),
      // every aggregation the schema knows (a new one is fuzzed without a change here), sum twice as often
      aggregation: fc.constantFrom<string>(...AGGREGATIONS, "sum"),
      valueProperty: fc.constantFrom(...VALUE_PROPERTIES),
      unit: fc.option(fc.constantFrom("GB", "requests", "seats"), { nil: undefined }),
      filters: fc.option(fc.array(filterArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      shape: fc.constantFrom<Shape>("plain", "plain", "window", "entity", "window_entity", "persistent"),
      window: windowArb,
      percentile: percentileArb,
      weighted: fc.option(weightedArb, { nil: undefined }),
      entity: entityArb,
      operations: fc.boolean(),
    })
    .map((drawn): MeterJson => {
      const { aggregation } = drawn;
      // A percentile ranks window samples, so it always has a window; a weighted_sum weighs time itself.
      const shape: Shape =
        aggregation === "weighted_sum"
          ? "plain"
          : aggregation === "percentile"
            ? drawn.shape === "entity" || drawn.shape === "window_entity"
              ? "window_entity"
              : "window"
            : (drawn.shape === "window" || drawn.shape === "window_entity") && !WINDOWED.has(aggregation)
              ? "plain"
              : drawn.shape === "persistent" && !PERSISTENT.has(aggregation)
                ? "plain"
                : drawn.shape;
      const windowed = shape === "window" || shape === "window_entity";
      const countsEvents = aggregation === "count" || (windowed && drawn.window.aggregation === "count");
      const valueProperty =
        aggregation === "unique_count" ? "user" : countsEvents ? undefined : drawn.valueProperty;
      const persistent = shape === "persistent";
      return {
        id,
        eventType: drawn.eventType,
        aggregation,
        ...(valueProperty !== undefined ? { valueProperty } : {}),
        ...(drawn.unit !== undefined ? { unit: drawn.unit } : {}),
        ...(drawn.filters !== undefined ? { filters: drawn.filters } : {}),
        ...(windowed ? { window: drawn.window } : {}),
        ...(aggregation === "percentile" ? { percentile: drawn.percentile } : {}),
        ...(aggregation === "weighted_sum" && drawn.weighted !== undefined
          ? { weighted: drawn.weighted }
          : {}),
        ...(shape === "entity" || shape === "window_entity" ? { entity: drawn.entity } : {}),
        ...(persistent ? { persistent: true } : {}),
        ...(persistent && aggregation === "unique_count" && drawn.operations
          ? { operationProperty: "op" }
          : {}),
      };
    });
}

/** 1–4 meters, ids m0…, as contract JSON. */
export const metersArb: fc.Arbitrary<MeterJson[]> = fc
  .integer({ min: 1, max: 4 })
  .chain((count) => fc.tuple(...meterIds(count).map((id) => meterArb(id))));

/** True for a meter whose state carries across periods (a grouped or matrix price cannot use it). */
export function carriesState(meter: MeterJson): boolean {
  return meter.persistent === true || meter.aggregation === "weighted_sum";
}
