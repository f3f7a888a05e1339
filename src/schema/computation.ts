import * as z from "zod/mini";
import { amountTextSchema, nullableAmountTextSchema } from "./amountText.js";

/** How a meter computed its quantity when it did more than add up (windows, percentiles, …). */
export const computationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("windows"),
    size: z.string(),
    inner: z.string(),
    outer: z.string(),
    windows: z.number().check(z.int(), z.nonnegative()),
    emptyWindows: z.number().check(z.int(), z.nonnegative()),
    /** What the empty windows were: samples of 0, or left out of the outer aggregation (absent before
     * 6 December 2026, when an invoice did not say). */
    emptyWindowsAs: z.optional(z.enum(["zero", "skip"])),
    perSecond: z.boolean(),
    /** The free allowance per window: what it covered in all, and every window above it. */
    allowance: z.optional(
      z.strictObject({
        perWindow: amountTextSchema,
        free: amountTextSchema,
        above: z.array(
          z.strictObject({ start: z.string(), value: amountTextSchema, billable: amountTextSchema }),
        ),
      }),
    ),
    /** The zone the windows were counted in, the meter's `window.timeZone`; absent in the contract's. */
    timeZone: z.optional(z.string()),
    /**
     * Fixed lengths (`"6h"`, `"5m"`) in their own zone: the instant they are laid from by elapsed time,
     * that zone's midnight that begins the period's first day there; absent otherwise.
     */
    from: z.optional(z.string()),
  }),
  z.strictObject({
    kind: z.literal("percentile"),
    size: z.string(),
    inner: z.string(),
    rank: amountTextSchema,
    samples: z.number().check(z.int(), z.nonnegative()),
    discarded: z.number().check(z.int(), z.nonnegative()),
    discardRounding: z.string(),
    perSecond: z.boolean(),
    direction: z.optional(z.strictObject({ combine: z.string(), billed: z.string() })),
    /** The zone the samples' windows were counted in, the meter's `window.timeZone`; absent in the contract's. */
    timeZone: z.optional(z.string()),
    /** As for `windows`: where fixed-length sample windows in their own zone are laid from. */
    from: z.optional(z.string()),
  }),
  z.strictObject({
    kind: z.literal("entities"),
    entities: z.number().check(z.int(), z.nonnegative()),
    divideBy: nullableAmountTextSchema,
    round: z.string(),
    cap: nullableAmountTextSchema,
    capped: z.number().check(z.int(), z.nonnegative()),
    /** Each entity's minimum, for a meter with one (`entity.minimum`); absent otherwise. */
    minimum: z.optional(amountTextSchema),
    /** How many entities were raised to the minimum; with `minimum`. */
    raised: z.optional(z.number().check(z.int(), z.nonnegative())),
    /**
     * The counted events that lack the entity property (missing or null): counted together as one
     * entity, and reported (a `events_without_entity` warning). Absent when every event has it.
     */
    withoutProperty: z.optional(
      z.strictObject({ property: z.string(), events: z.number().check(z.int(), z.positive()) }),
    ),
  }),
  z.strictObject({
    kind: z.literal("weighted"),
    openingLevel: amountTextSchema,
    closingLevel: amountTextSchema,
    per: z.string(),
    points: z.number().check(z.int(), z.nonnegative()),
    /**
     * The level an event set at the period's first instant (a level, not a change), when one did: the
     * opening level then counted for no time. Absent otherwise (additive; schemaVersion 1).
     */
    setAtStart: z.optional(amountTextSchema),
  }),
  z.strictObject({
    kind: z.literal("persistent"),
    carriedIn: amountTextSchema,
    inPeriod: amountTextSchema,
    carriedOut: amountTextSchema,
    /**
     * A prorated persistent meter (`prorated: true`): the quantity is `unitDays` ÷ `periodDays`, rounded
     * up to 5 decimals; `full` is what the meter reads without proration.
     */
    prorated: z.optional(
      z.strictObject({
        full: amountTextSchema,
        unitDays: amountTextSchema,
        periodDays: z.number().check(z.int(), z.positive()),
      }),
    ),
  }),
]);
export type ComputationData = z.output<typeof computationSchema>;
