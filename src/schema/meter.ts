import * as z from "zod/mini";
import {
  contractMessages,
  type ErrorMessage,
  expressionNeedsNumericOp,
  filterSideMissing,
  operationPropertyNotAllowed,
  percentileSettingsMissing,
  percentileWindowMissing,
  persistentNotAllowed,
  persistentWindowOrEntity,
  proratedNotAllowed,
  settingsOfOtherAggregation,
  valueExpressionNotAllowed,
  valueGivenTwice,
  valuePropertyRequired,
  weightedSumWindowOrEntity,
  windowAllowanceWithPercentile,
  windowNotAllowed,
  windowTimeZoneMisspelt,
  windowTimeZoneNotIana,
  wordList,
} from "../errors/index.js";
import { toPlainString } from "../money/index.js";
import { timeZoneSpellingProblem } from "../time/index.js";
import { choiceHint, fieldOf, withHint } from "./choiceHint.js";
import { divisorRoundingRule } from "./divisorRoundingRule.js";
import { OTHER_AGGREGATIONS, OTHER_FILTER_OPS } from "./otherMeterNames.js";
import {
  idSchema,
  issueOf,
  positivePercentSchema,
  quantitySchema,
  signedQuantitySchema,
  sizeSchema,
} from "./primitives.js";
import { meterValueSchema } from "./valueExpression.js";

const propertyValueSchema = z.union([z.string(), z.number(), z.boolean()], {
  error: "expected a text, number or true/false value",
});

const property = z.string().check(z.minLength(1));

/**
 * A numeric comparison of one property, or of a value computed from the event's properties
 * (`expression`, a meter value expression): long-context pricing bills a request whose input tokens
 * (prompt + cached prompt, two properties) exceed 200,000 at a higher rate, so the meter of that rate
 * keeps the requests where `{ "add": [input_tokens, cached_input_tokens] }` is `gt` 200000. An event
 * whose expression cannot be computed matches no numeric filter, as a property that is no number does.
 */
const numericFilterSchema = z
  .strictObject({
    property: z.optional(property),
    expression: z.optional(meterValueSchema),
    op: z.enum(["gt", "gte", "lt", "lte"]),
    value: signedQuantitySchema,
  })
  .check(
    z.superRefine((filter, ctx) => {
      if (filter.property === undefined && filter.expression === undefined)
        ctx.addIssue(issueOf(filterSideMissing("neither"), ["property"]));
      if (filter.property !== undefined && filter.expression !== undefined)
        ctx.addIssue(issueOf(filterSideMissing("both"), ["expression"]));
    }),
  );

// `expression` is known on every filter but compared only by the numeric ops: on the others it is refused
// in words at its own path ("can only be compared with gt, gte, lt or lte"), not as an unknown field, and
// the JSON Schema still forbids it there.
function noExpression(op: string) {
  return { expression: z.optional(z.never({ error: expressionNeedsNumericOp(op) })) };
}

/** A condition on one event property; an event is counted only if it meets every filter of the meter. */
export const filterSchema = z.discriminatedUnion(
  "op",
  [
    z.strictObject({
      property,
      op: z.literal("equals"),
      value: propertyValueSchema,
      ...noExpression("equals"),
    }),
    z.strictObject({
      property,
      op: z.literal("not_equals"),
      value: propertyValueSchema,
      ...noExpression("not_equals"),
    }),
    z.strictObject({
      property,
      op: z.literal("in"),
      values: z.array(propertyValueSchema).check(z.minLength(1)),
      ...noExpression("in"),
    }),
    z.strictObject({
      property,
      op: z.literal("not_in"),
      values: z.array(propertyValueSchema).check(z.minLength(1)),
      ...noExpression("not_in"),
    }),
    z.strictObject({ property, op: z.literal("exists"), ...noExpression("exists") }),
    numericFilterSchema,
  ],
  {
    error: (issue) =>
      withHint(
        `expected a filter with op ${wordList(FILTER_OPS, "or")}`,
        choiceHint(fieldOf(issue.input, "op"), FILTER_OPS, OTHER_FILTER_OPS),
      ),
  },
);
const FILTER_OPS = ["equals", "not_equals", "in", "not_in", "exists", "gt", "gte", "lt", "lte"];

export type FilterTerms = z.output<typeof filterSchema>;

/** Every aggregation a meter can use. */
export const AGGREGATIONS = [
  "sum",
  "count",
  "unique_count",
  "min",
  "max",
  "latest",
  "avg",
  "weighted_sum",
  "percentile",
] as const;

/** How a meter turns the events it counts into one quantity. */
export const aggregationSchema = z.enum(AGGREGATIONS, {
  error: (issue) =>
    withHint(
      `expected an aggregation: ${wordList(AGGREGATIONS, "or")}`,
      choiceHint(issue.input, AGGREGATIONS, OTHER_AGGREGATIONS),
    ),
});
export type AggregationName = z.output<typeof aggregationSchema>;

/** The aggregations that can run inside a window (the first level of a two-level meter). */
export const WINDOW_AGGREGATIONS = ["sum", "count", "max", "min", "avg", "latest", "unique_count"] as const;

/**
 * A window size: `day` (a local day in the contract's zone, 23 or 25 hours across DST), `hour`, or a
 * fixed length such as `5m`, `30s`, `2h`. Fixed windows start at the period's start.
 */
export const windowSizeSchema = z.string().check(
  z.regex(/^(day|hour|[1-9]\d*[smh])$/, {
    message: 'expected "day", "hour" or a length such as "5m", "30s", "2h"',
  }),
);

/**
 * Two-level aggregation: the events of each window are aggregated first (`aggregation`), and the
 * meter's own aggregation then runs over the window values — the average of daily peaks (Cloudflare
 * R2 storage), the month's average of hourly maxima (Azure Cosmos DB), the 95th percentile of
 * five-minute sums (CDN transit).
 */
export const windowSchema = z.strictObject({
  size: windowSizeSchema,
  aggregation: z.enum(WINDOW_AGGREGATIONS),
  /** Turn each window's value into a rate per second (bytes per 5 minutes → bytes per second). */
  perSecond: z.optional(z.boolean()),
  /** Windows without events: counted as 0 (default) or left out. */
  emptyWindows: z.optional(z.enum(["zero", "skip"])),
  /**
   * A free allowance in every window, in the window's unit: each window counts max(0, value −
   * allowance), as GitHub bills cache storage (10 GB free in each hour, against that hour's peak).
   */
  allowance: z.optional(quantitySchema),
  /**
   * The IANA zone the windows are counted in, when not the contract's: Backblaze B2's free amounts
   * restart "each day at 00:00 UTC" whatever zone the contract's periods are in. A `day` is then a day
   * of this zone, and `hour` and fixed lengths are laid end to end from this zone's midnight.
   */
  timeZone: z.optional(z.string()),
});
export type WindowTerms = z.output<typeof windowSchema>;

/** Settings of a percentile meter (the 95th-percentile burstable method and its open questions). */
export const percentileSchema = z.strictObject({
  /** The percentile billed, e.g. 95: the top (100 − 95) % of samples are discarded. */
  rank: positivePercentSchema,
  /** How the number of discarded samples rounds when (100 − rank) % of them is not whole. */
  discard: z.optional(z.enum(["floor", "ceil", "round"])),
  /** Inbound/outbound: take the higher of the two per sample before ranking, or rank each and bill the higher. */
  direction: z.optional(
    z.strictObject({ property, combine: z.enum(["max_per_sample", "higher_percentile"]) }),
  ),
});
export type PercentileTerms = z.output<typeof percentileSchema>;

/** Settings of a weighted_sum (time-weighted gauge) meter. */
export const weightedSchema = z.strictObject({
  /** Each event gives the new level (default) or a change to add to the level. */
  values: z.optional(z.enum(["level", "change"])),
  /**
   * Level × time divided by: the period (default: GB-month over the real calendar), a fixed month of
   * 730 hours (Supabase, Azure) or of 30 days (Cloudflare), or an hour, a day, a second (GB-hours…).
   */
  per: z.optional(z.enum(["period", "month_730_hours", "month_30_days", "hour", "day", "second"])),
});
export type WeightedTerms = z.output<typeof weightedSchema>;

/**
 * Per-entity rounding, minimums and caps: the meter's aggregation runs per entity (an instance, a
 * container, a domain, a warehouse's resume), each entity's quantity is divided, rounded, raised to the
 * minimum and capped, and the entities are summed (any part of an hour bills the whole hour; a
 * warehouse bills at least 60 seconds each time it resumes; an hourly price capped at a monthly maximum).
 */
export const entitySchema = z
  .strictObject({
    property,
    divideBy: z.optional(sizeSchema),
    round: z.optional(z.enum(["up", "down", "none"])),
    minimum: z.optional(quantitySchema),
    cap: z.optional(quantitySchema),
  })
  .check(divisorRoundingRule("entity"))
  .check(
    z.superRefine((terms, ctx) => {
      if (terms.minimum !== undefined && terms.cap !== undefined && terms.minimum.greaterThan(terms.cap))
        ctx.addIssue(
          issueOf(
            contractMessages.entityMinimumAboveCap(toPlainString(terms.minimum), toPlainString(terms.cap)),
            ["minimum"],
          ),
        );
    }),
  );
export type EntityTerms = z.output<typeof entitySchema>;

/**
 * A meter: which events count (event type + filters) and how they add up into one quantity.
 * See docs/meters.md for every aggregation with a worked example.
 */
export const meterSchema = z
  .strictObject({
    id: idSchema,
    name: z.optional(z.string()),
    eventType: z.string().check(z.minLength(1, { message: "must name an event type" })),
    aggregation: aggregationSchema,
    valueProperty: z.optional(property),
    value: z
      .optional(meterValueSchema)
      .check(
        z.describe(
          'The event\'s value computed from its properties instead of read from one: { "multiply": [...] }, { "add": [...] }, { "property": "name" }, { "constant": "0.05" }, { "weightBy": { "property", "weights", "default" } }. An event it cannot compute is excluded as invalid_value.',
        ),
      ),
    unit: z
      .optional(z.string())
      .check(z.describe('The quantity\'s unit for invoices, e.g. "GB" or "requests".')),
    unitSingular: z
      .optional(z.string())
      .check(
        z.describe(
          'The unit\'s singular form, written after a quantity of exactly one in explanations ("transfer" for "transfers"); the unit as given when absent.',
        ),
      ),
    filters: z.optional(z.array(filterSchema)),
    window: z.optional(windowSchema),
    percentile: z.optional(percentileSchema),
    weighted: z.optional(weightedSchema),
    entity: z.optional(entitySchema),
    /** A running total since the contract start (carried from period to period), not a per-period one. */
    persistent: z.optional(z.boolean()),
    /** For a persistent unique_count: the property saying "add" or "remove" for the value. */
    operationProperty: z.optional(property),
    /**
     * For a persistent sum or unique_count: each value counts for its days active ÷ the billing
     * period's days, rounded up to 5 decimals (Lago's prorated recurring charges). Default false.
     */
    prorated: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((meter, ctx) => {
      const issue = (problem: ErrorMessage, path: PropertyKey[]) => ctx.addIssue(issueOf(problem, path));
      const countsEvents = meter.aggregation === "count" || meter.window?.aggregation === "count";
      if (!countsEvents && meter.valueProperty === undefined && meter.value === undefined) {
        issue(valuePropertyRequired(meter.aggregation), ["valueProperty"]);
      }
      if (meter.value !== undefined && meter.valueProperty !== undefined) issue(valueGivenTwice(), ["value"]);
      // Counting events or distinct values, in windows or not: there are no numbers to derive.
      const counting = (aggregation: string | undefined) =>
        aggregation === "count" || aggregation === "unique_count";
      if (meter.value !== undefined && (counting(meter.aggregation) || counting(meter.window?.aggregation)))
        issue(
          counting(meter.window?.aggregation)
            ? valueExpressionNotAllowed(meter.window!.aggregation, true)
            : valueExpressionNotAllowed(meter.aggregation),
          ["value"],
        );
      const only = (key: "percentile" | "weighted", aggregation: AggregationName) => {
        if (meter[key] !== undefined && meter.aggregation !== aggregation)
          issue(settingsOfOtherAggregation(aggregation, key), [key]);
      };
      only("percentile", "percentile");
      only("weighted", "weighted_sum");
      if (meter.aggregation === "percentile") {
        if (meter.percentile === undefined) issue(percentileSettingsMissing(), ["percentile"]);
        if (meter.window === undefined) issue(percentileWindowMissing(), ["window"]);
      }
      if (
        meter.window !== undefined &&
        !["sum", "avg", "max", "min", "percentile"].includes(meter.aggregation)
      )
        issue(windowNotAllowed(meter.aggregation), ["window"]);
      const windowZone = meter.window?.timeZone;
      const zoneProblem =
        windowZone === undefined
          ? undefined
          : timeZoneSpellingProblem(windowZone, windowTimeZoneNotIana, windowTimeZoneMisspelt);
      if (zoneProblem !== undefined) issue(zoneProblem, ["window", "timeZone"]);
      if (meter.aggregation === "percentile" && meter.window?.allowance !== undefined)
        issue(windowAllowanceWithPercentile(), ["window", "allowance"]);
      if (meter.aggregation === "weighted_sum" && (meter.window !== undefined || meter.entity !== undefined))
        issue(weightedSumWindowOrEntity(), ["aggregation"]);
      if (meter.persistent === true && !["sum", "count", "unique_count"].includes(meter.aggregation))
        issue(persistentNotAllowed(), ["persistent"]);
      if (meter.persistent === true && (meter.window !== undefined || meter.entity !== undefined))
        issue(persistentWindowOrEntity(), ["persistent"]);
      if (
        meter.operationProperty !== undefined &&
        !(meter.persistent === true && meter.aggregation === "unique_count")
      )
        issue(operationPropertyNotAllowed(), ["operationProperty"]);
      if (
        meter.prorated === true &&
        !(meter.persistent === true && (meter.aggregation === "sum" || meter.aggregation === "unique_count"))
      )
        issue(proratedNotAllowed(), ["prorated"]);
    }),
  );
export type MeterTerms = z.output<typeof meterSchema>;
