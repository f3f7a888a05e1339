import * as z from "zod";
import { amountTextSchema, nullableAmountTextSchema } from "./amountText.js";

/** How a meter computed its quantity when it did more than add up (windows, percentiles, …). */
export const computationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("windows"),
    size: z.string(),
    inner: z.string(),
    outer: z.string(),
    windows: z.number().int().nonnegative(),
    emptyWindows: z.number().int().nonnegative(),
    perSecond: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal("percentile"),
    size: z.string(),
    inner: z.string(),
    rank: amountTextSchema,
    samples: z.number().int().nonnegative(),
    discarded: z.number().int().nonnegative(),
    discardRounding: z.string(),
    perSecond: z.boolean(),
    direction: z.strictObject({ combine: z.string(), billed: z.string() }).optional(),
  }),
  z.strictObject({
    kind: z.literal("entities"),
    entities: z.number().int().nonnegative(),
    divideBy: nullableAmountTextSchema,
    round: z.string(),
    cap: nullableAmountTextSchema,
    capped: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal("weighted"),
    openingLevel: amountTextSchema,
    closingLevel: amountTextSchema,
    per: z.string(),
    points: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal("persistent"),
    carriedIn: amountTextSchema,
    inPeriod: amountTextSchema,
    carriedOut: amountTextSchema,
  }),
]);
export type ComputationData = z.output<typeof computationSchema>;
