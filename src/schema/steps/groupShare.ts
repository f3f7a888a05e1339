import * as z from "zod/mini";
import { amountTextSchema } from "../amountText.js";

/**
 * A grouped charge rated once on its groups' total (`transform.scope: "charge"`): the total the
 * transform and the price read, after the line's own usage step. The steps after it rate the total.
 */
export const groupTotalStepSchema = z.strictObject({
  kind: z.literal("group_total"),
  /** How many group lines the total is of. */
  groups: z.number().check(z.int(), z.positive()),
  /** The groups' measured quantities added up. */
  measured: amountTextSchema,
  /** The events of all the groups. */
  events: z.number().check(z.int(), z.nonnegative()),
  /**
   * The unit of the billable quantity the steps after it rate (the transform's `unit`, else the
   * meter's); absent when neither names one. The line's own `unit` is its usage's, the meter's.
   */
  unit: z.optional(z.string()),
  unitSingular: z.optional(z.string()),
});
export type GroupTotalStep = z.output<typeof groupTotalStepSchema>;

/**
 * A grouped charge rated once on its groups' total (`transform.scope: "charge"`): the charge's amount,
 * rounded to minor units, split over the group lines by their usage (largest remainder, ties in line-id
 * order), and this line's share. The price steps before it priced the total.
 */
export const groupShareStepSchema = z.strictObject({
  kind: z.literal("group_share"),
  /**
   * This line's weight: its measured quantity (0 below zero); when the groups' total is below zero, the
   * size of a quantity below zero (0 above zero). Every line 1 when all are 0.
   */
  weight: amountTextSchema,
  /** The weights' sum. */
  totalWeight: amountTextSchema,
  /** The charge's exact amount, before rounding. */
  before: amountTextSchema,
  /** The charge's amount, rounded once to minor units: what the lines add up to. */
  total: amountTextSchema,
  /** This line's share of `total`. */
  amount: amountTextSchema,
});
export type GroupShareStep = z.output<typeof groupShareStepSchema>;
