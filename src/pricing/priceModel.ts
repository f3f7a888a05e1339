import type { z } from "zod";
import type { Decimal } from "../money/index.js";
import type { PriceModelName, PriceStep, PriceTerms } from "../schema/index.js";

/** The terms of the price model named `M`. */
export type TermsOf<M extends PriceModelName> = Extract<PriceTerms, { model: M }>;

/** What a price model returns: the exact, unrounded amount and the steps that add up to it. */
export interface PriceResult {
  readonly amount: Decimal;
  readonly steps: ReadonlyArray<PriceStep>;
  /** The invoice line's unit price: the decimal for a unit price, else "flat", "package" or "tiered". */
  readonly unitPrice: string;
}

/**
 * The shape every price model shares: its terms schema and a pure `rate` from quantity to amount.
 * Shared code never switches on the model name; it looks the model up in the registry.
 */
export interface PriceModel<M extends PriceModelName> {
  readonly model: M;
  readonly termsSchema: z.ZodType<TermsOf<M>, unknown>;
  /** Whether the model prices a metered quantity (false for a flat fee). */
  readonly usesQuantity: boolean;
  rate(terms: TermsOf<M>, quantity: Decimal): PriceResult;
}
