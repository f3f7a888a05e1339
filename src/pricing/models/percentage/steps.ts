import * as z from "zod/mini";
import { amountTextSchema } from "../../../schema/index.js";
import type { StepOf } from "../../priceModel.js";

/** The rate on the transactions' value above the free allowance. */
export const percentageStepSchema = z.strictObject({
  kind: z.literal("percentage"),
  events: z.number().check(z.int(), z.nonnegative()),
  /** Transactions with a negative value (refunds): charged nothing, left out of `total`. */
  refunds: z.number().check(z.int(), z.nonnegative()),
  freeEvents: z.number().check(z.int(), z.nonnegative()),
  total: amountTextSchema,
  free: amountTextSchema,
  rate: amountTextSchema,
  amount: amountTextSchema,
});
export type PercentageStep = z.output<typeof percentageStepSchema>;

/** The fixed fee of each transaction that is not free. */
export const fixedFeesStepSchema = z.strictObject({
  kind: z.literal("fixed_fees"),
  events: z.number().check(z.int(), z.nonnegative()),
  fixedFee: amountTextSchema,
  amount: amountTextSchema,
});
export type FixedFeesStep = z.output<typeof fixedFeesStepSchema>;

/** How far the per-transaction minimum raised, or maximum lowered, the transactions' charges. */
export const perEventLimitStepSchema = z.strictObject({
  kind: z.literal("per_event_limit"),
  limit: z.enum(["minimum", "maximum"]),
  events: z.number().check(z.int(), z.positive()),
  perEvent: amountTextSchema,
  amount: amountTextSchema,
});
export type PerEventLimitStep = z.output<typeof perEventLimitStepSchema>;

/** Every kind of step a percentage price writes. */
export const percentageStepSchemas = [
  percentageStepSchema,
  fixedFeesStepSchema,
  perEventLimitStepSchema,
] as const;

/** A step a percentage price writes. */
export type PercentagePriceStep = StepOf<typeof percentageStepSchemas>;
