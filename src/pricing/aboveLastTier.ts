import * as z from "zod/mini";
import { boundedLastTierNeedsSetting, InputError, quantityAboveLastTier } from "../errors/index.js";
import { type Decimal, toPlainString } from "../money/index.js";
import { issueOf } from "../schema/index.js";
import type { Bounded } from "./tierWalk.js";

// Orb's and Kill Bill's tier lists may bound their last tier (Orb `last_unit`, Kill Bill a last tiered
// block with a `max`). ratecard accepts such a list only with `aboveLastTier` saying what a larger
// quantity costs, so no quantity is ever priced by a silent rule (docs/pricing.md#bounded-last-tiers-abovelasttier).

/** What a quantity above a bounded last tier costs: refused (an error naming the charge) or the last tier's price. */
export type AboveLastTier = "refuse" | "extend";

/** The `aboveLastTier` setting of graduated, volume, graduated percentage and tiered package prices. */
export const aboveLastTierSchema = z
  .optional(z.enum(["refuse", "extend"]))
  .check(
    z.describe(
      'When the last tier has an upTo: "refuse" rejects a larger quantity with an error naming the charge; "extend" prices it at the last tier\'s price. Required with a bounded last tier; no effect on an unbounded one.',
    ),
  );

/**
 * The check a model's terms add: a bounded last tier needs `aboveLastTier` (issue at the bound's path).
 * @param key - the terms' field holding the tiers ("tiers")
 */
export function boundedLastTierCheck<T extends { readonly aboveLastTier?: AboveLastTier | undefined }>(
  key: string,
  tiersOf: (terms: T) => ReadonlyArray<Bounded>,
) {
  return z.superRefine<T>((terms, ctx) => {
    const tiers = tiersOf(terms);
    const bound = tiers.at(-1)?.upTo ?? undefined;
    if (bound === undefined || terms.aboveLastTier !== undefined) return;
    ctx.addIssue(issueOf(boundedLastTierNeedsSetting(toPlainString(bound)), [key, tiers.length - 1, "upTo"]));
  });
}

/**
 * The tiers `quantity` is walked over: the tiers as written when the quantity fits in them; with
 * "extend", the last tier unbounded (its price continues); with "refuse", an error (path "" so that
 * rating names the charge and the price's path).
 * @throws InputError `quantity_above_last_tier` when the quantity exceeds the last bound and the setting is "refuse"
 * @example tiersForQuantity([{ upTo: 10 }], new Decimal(12), "extend") // [{ upTo: undefined }]
 */
export function tiersForQuantity<T extends Bounded>(
  tiers: ReadonlyArray<T>,
  quantity: Decimal,
  aboveLastTier: AboveLastTier | undefined,
): ReadonlyArray<T> {
  const last = tiers.at(-1);
  const bound = last?.upTo ?? undefined;
  if (last === undefined || bound === undefined || quantity.lessThanOrEqualTo(bound)) return tiers;
  if (aboveLastTier === "extend") return [...tiers.slice(0, -1), { ...last, upTo: undefined }];
  throw InputError.from(quantityAboveLastTier(toPlainString(quantity), toPlainString(bound)), "");
}

/**
 * The last tier's bound when `quantity` goes above it and the price says `"aboveLastTier": "extend"`
 * (so the invoice can say the excess was priced, not capped); undefined otherwise. Reads any price's
 * terms by shape (`tiers`, `aboveLastTier`), so no model is named.
 * @example extendedBound({ tiers: [{ upTo: new Decimal(10) }], aboveLastTier: "extend" }, new Decimal(12)) // 10
 */
export function extendedBound(price: object, quantity: Decimal): Decimal | undefined {
  const terms = price as { readonly tiers?: ReadonlyArray<Bounded>; readonly aboveLastTier?: AboveLastTier };
  if (terms.aboveLastTier !== "extend") return undefined;
  const bound = terms.tiers?.at(-1)?.upTo ?? undefined;
  return bound !== undefined && quantity.greaterThan(bound) ? bound : undefined;
}
