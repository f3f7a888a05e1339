import * as z from "zod/mini";
import {
  type Decimal,
  type ExactQuotient,
  ONE,
  quotientValue,
  scaleQuotient,
  toPlainString,
} from "../money/index.js";
import { amountTextSchema, nullableAmountTextSchema } from "../schema/index.js";
import { type PricedStep, termText } from "./pricedSteps.js";
import type { ReachedTier } from "./tierWalk.js";

// The fields of a tier step, one instance each: the tier step of every tiered model shares them, so
// the invoice schema can merge those steps into one, whose `mode` lists the models (priceSteps.ts).
const tierStepFields = {
  kind: z.literal("tier"),
  tier: z.number().check(z.int(), z.positive()),
  from: amountTextSchema,
  upTo: nullableAmountTextSchema,
  quantity: amountTextSchema,
  unitPrice: amountTextSchema,
  amount: amountTextSchema,
};

/**
 * The schema of the tier step a tiered model writes: the units of one reached tier at its unit price
 * (a rate, for percentages). `mode` names the model, so an explanation knows how its tiers read.
 */
export function tierStepSchemaOf<const M extends string>(mode: M) {
  const { kind, ...fields } = tierStepFields;
  return z.strictObject({ kind, mode: z.enum([mode]), ...fields });
}

/** A tier step written by the model `M`. */
export type TierStep<M extends string = string> = z.output<ReturnType<typeof tierStepSchemaOf<M>>>;

/**
 * {@link tierStep} for the tier whose units are a fraction n ÷ d (rateFraction): its amount, units ×
 * unitPrice, is kept a fraction, and the step shows both divided once, so 1/3 GB at $0.03 reads $0.01,
 * not $0.0099…9.
 */
export function fractionTierStep<M extends string>(
  mode: M,
  reached: ReachedTier<{ readonly upTo?: Decimal | null | undefined }>,
  unitPrice: Decimal,
  units: ExactQuotient,
): { readonly exact: ExactQuotient; readonly step: TierStep<M> } {
  const exact = scaleQuotient(units, unitPrice, ONE);
  const { step } = tierStep(mode, reached, unitPrice);
  return {
    exact,
    step: {
      ...step,
      quantity: toPlainString(quotientValue(units)),
      amount: toPlainString(quotientValue(exact)),
    },
  };
}

/** The flat fee of a reached tier (graduated, volume and graduated percentage tiers may have one). */
export const tierFlatFeeStepSchema = z.strictObject({
  kind: z.literal("tier_flat_fee"),
  tier: z.number().check(z.int(), z.positive()),
  zeroUsage: z.boolean(),
  amount: amountTextSchema,
});
export type TierFlatFeeStep = z.output<typeof tierFlatFeeStepSchema>;

/** The step for the units of a reached tier priced at `unitPrice` each (a rate, for percentages). */
export function tierStep<M extends string>(
  mode: M,
  reached: ReachedTier<{ readonly upTo?: Decimal | null | undefined }>,
  unitPrice: Decimal,
): PricedStep<TierStep<M>> {
  const amount = reached.inTier.times(unitPrice);
  const upTo = reached.tier.upTo ?? undefined;
  return {
    amount,
    step: {
      kind: "tier",
      mode,
      tier: reached.index + 1,
      from: termText(reached.from),
      upTo: upTo === undefined ? null : termText(upTo),
      quantity: toPlainString(reached.inTier),
      unitPrice: termText(unitPrice),
      amount: toPlainString(amount),
    },
  };
}

/**
 * The flat fee of a reached tier, if it has one. At zero usage the fee is billed only when
 * `flatFeeAtZeroUsage` is not false (the default follows Stripe and OpenMeter: billed; Lago bills nothing).
 */
export function tierFlatFeeStep(
  index: number,
  fee: Decimal | undefined,
  quantity: Decimal,
  flatFeeAtZeroUsage: boolean | undefined,
): PricedStep<TierFlatFeeStep> | undefined {
  if (fee === undefined || fee.isZero()) return undefined;
  if (quantity.isZero() && flatFeeAtZeroUsage === false) return undefined;
  return {
    amount: fee,
    step: {
      kind: "tier_flat_fee",
      tier: index + 1,
      zeroUsage: quantity.isZero(),
      amount: toPlainString(fee),
    },
  };
}
