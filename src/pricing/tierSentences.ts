import { Decimal } from "../money/index.js";
import type { StepContext, StepData, Words } from "../schema/index.js";
import type { TierFlatFeeStep, TierStep } from "./tierSteps.js";

/**
 * `(over 1,000 GB up to 5,000 GB)`-style bounds of a tier or band, each a quantity of the line's unit
 * ("up to 1 request": singular after 1), as the quantity in it is written.
 */
export function range(
  step: { readonly from: string; readonly upTo: string | null },
  words: Words,
  bound: (plain: string) => string = words.units,
): string {
  if (step.upTo === null) return `over ${bound(step.from)}`;
  return step.from === "0"
    ? `up to ${bound(step.upTo)}`
    : `over ${bound(step.from)} up to ${bound(step.upTo)}`;
}

/** How a model's tier steps read: the rate of a tier, and the quantity in it. */
export interface TierReading {
  rate(step: TierStep, words: Words): string;
  quantity(step: TierStep, words: Words): string;
  /** A tier bound, written as the quantity in the tier is ("1,000 GB", "$10,000.00"). */
  bound(plain: string, words: Words): string;
}

/** A tier's unit price and its units: how graduated, volume and minimum tiers read. */
export const UNIT_TIERS: TierReading = {
  rate: (step, words) => words.price(step.unitPrice),
  quantity: (step, words) => words.units(step.quantity),
  bound: (plain, words) => words.units(plain),
};

// The tier steps of a line, which read as one sentence placed where the first of them stands.
function tiersOf(steps: ReadonlyArray<StepData>): TierStep[] {
  return steps.filter((step): step is TierStep => step.kind === "tier");
}

/**
 * The line's graduated tiers as one sentence, at the first tier step (undefined at the others):
 * "First 10,000 GB at $0.0800 = $800.00; next 40,000 GB at $0.0600 = $2,400.00; remaining …".
 */
export function describeGraduatedTiers(
  step: TierStep,
  { words, steps }: StepContext,
  reading: TierReading,
): string | undefined {
  const all = tiersOf(steps);
  if (step !== all[0]) return undefined;
  // A tier row of 0 units ("First 0 GB at $0.0850 = $0.00") prices nothing: left out of the words (the
  // invoice keeps the step), and a line with no other says that nothing reached the tiers.
  const tiers = all.filter((tier) => !pricesNothing(tier));
  if (tiers.length === 0) return nothingReached(step, words, reading);
  if (tiers.length === 1) return allInOneTier(tiers[0]!, words, reading);
  const parts = tiers.map((tier, index) => {
    const lead = index === 0 ? "First" : index === tiers.length - 1 ? "remaining" : "next";
    return `${lead} ${reading.quantity(tier, words)} at ${reading.rate(tier, words)} = ${words.money(tier.amount)}`;
  });
  return `${parts.join("; ")}.`;
}

/** The one tier a volume total reached, at the first tier step: "All 1,500 GB at the tier 2 price …". */
export function describeReachedTier(
  step: TierStep,
  { words, steps }: StepContext,
  reading: TierReading,
): string | undefined {
  const [first] = tiersOf(steps);
  if (step !== first) return undefined;
  if (pricesNothing(first)) return nothingReached(first, words, reading);
  return `All ${reading.quantity(first, words)} at the tier ${first.tier} price (${range(first, words, (plain) => reading.bound(plain, words))}) of ${reading.rate(first, words)} = ${words.money(first.amount)}.`;
}

// "All 3 requests in tier 1 (up to 1,000 requests) at $0.0500 = $0.15.": the quantity reached only one
// tier, where "First 3 requests at …" read as the start of a list with nothing after it. Said as a
// volume line says its one tier, with the tier's bounds; a price of one open tier has none to say.
function allInOneTier(tier: TierStep, words: Words, reading: TierReading): string {
  const open = new Decimal(tier.from).isZero() && tier.upTo === null;
  const bounds = open ? "" : ` (${range(tier, words, (plain) => reading.bound(plain, words))})`;
  return `All ${reading.quantity(tier, words)} in tier ${tier.tier}${bounds} at ${reading.rate(tier, words)} = ${words.money(tier.amount)}.`;
}

/** True for a tier step of 0 units and no amount: a tier row that prices nothing. */
function pricesNothing(tier: TierStep): boolean {
  return new Decimal(tier.quantity).isZero() && new Decimal(tier.amount).isZero();
}

// "Nothing reached the tiers: 0 GB to price (tier 1 at $0.0850), $0.00.": graduated and volume alike,
// with the price the first unit would have paid.
function nothingReached(tier: TierStep, words: Words, reading: TierReading): string {
  return `Nothing reached the tiers: ${reading.quantity(tier, words)} to price (tier ${tier.tier} at ${reading.rate(tier, words)}), ${words.money(tier.amount)}.`;
}

/**
 * A reached tier's flat fee, and whether it was billed at a quantity of 0. Not "usage is zero": a 95th
 * percentile or a transform can price 0 of a meter that counted events.
 */
export function describeTierFlatFee(step: TierFlatFeeStep, { words }: StepContext): string {
  return step.zeroUsage
    ? `Tier ${step.tier} flat fee ${words.money(step.amount)}, billed although the quantity priced is ${words.units("0")}.`
    : `Tier ${step.tier} flat fee ${words.money(step.amount)}.`;
}
