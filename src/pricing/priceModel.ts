import type { z } from "zod";
import type { Decimal } from "../money/index.js";
import type {
  PriceKind,
  PriceModelName,
  PriceStep,
  PriceTerms,
  PropertyValue,
  SimplePriceTerms,
} from "../schema/index.js";

/** The terms of the price model named `M`. */
export type TermsOf<M extends PriceModelName> = Extract<PriceTerms, { model: M }>;

/** What a price model returns: the exact, unrounded amount and the steps that add up to it. */
export interface PriceResult {
  readonly amount: Decimal;
  readonly steps: ReadonlyArray<PriceStep>;
  /** The invoice line's kind of price ("unit", "tiered", "package", …). */
  readonly priceKind: PriceKind;
  /** The invoice line's unit price, present only when one price applies per unit (`priceKind` "unit"). */
  readonly unitPrice?: string;
}

/** What a model may need besides the quantity. Pure data, supplied by the rating layer. */
export interface RatingContext {
  /** The value of each counted event of the charge's meter (1 for a count meter), in event order. */
  readonly eventValues: ReadonlyArray<Decimal>;
  /** The quantity of every meter of the contract over the line's period (for capacity limits). */
  readonly meterQuantities: ReadonlyMap<string, Decimal>;
  /** For grouped and matrix prices: the property values of the group being rated. */
  readonly group?: Readonly<Record<string, PropertyValue>>;
}

/** An empty context, for rating a bare quantity. */
export const NO_CONTEXT: RatingContext = { eventValues: [], meterQuantities: new Map() };

/**
 * How a grouped or matrix price splits a charge: the event properties to group by, and the price of
 * one group (undefined when a matrix has no cell and no default for it).
 */
export interface Grouping<M extends PriceModelName> {
  dimensions(terms: TermsOf<M>): ReadonlyArray<string>;
  priceFor(terms: TermsOf<M>, group: Readonly<Record<string, PropertyValue>>): SimplePriceTerms | undefined;
  onUnpriced(terms: TermsOf<M>): "error" | "warn";
}

/**
 * The shape every price model shares: its terms schema and a pure `rate` from quantity to amount.
 * Shared code never switches on the model name; it looks the model up in the registry and reads
 * these declarations.
 */
export interface PriceModel<M extends PriceModelName> {
  readonly model: M;
  readonly termsSchema: z.ZodType<TermsOf<M>, unknown>;
  /** Whether the model prices a metered quantity (false for a flat fee). */
  readonly usesQuantity: boolean;
  /** Whether `rate` needs each event's value (per-transaction percentages), not only the total. */
  readonly needsEventValues: boolean;
  /** Whether the amount is a per-period fee, scaled down when a line covers part of a billing period. */
  readonly prorates: (terms: TermsOf<M>) => boolean;
  /** Present for models that rate each group of events separately (one invoice line per group). */
  readonly grouping?: Grouping<M>;
  rate(terms: TermsOf<M>, quantity: Decimal, context: RatingContext): PriceResult;
}

/** Declares a price model; optional declarations default to: totals only, never prorated, no grouping. */
export function definePriceModel<M extends PriceModelName>(
  model: Omit<PriceModel<M>, "needsEventValues" | "prorates"> &
    Partial<Pick<PriceModel<M>, "needsEventValues" | "prorates">>,
): PriceModel<M> {
  return { needsEventValues: false, prorates: () => false, ...model };
}
