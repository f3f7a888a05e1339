import type * as z from "zod/mini";
import type { Decimal, ExactQuotient } from "../money/index.js";
import type { OtherSystemsName, PropertyValue, StepContext } from "../schema/index.js";
import type { ModelPriceKind, PriceStep } from "./priceSteps.js";

/** What the terms of every price share: the name of the model that rates them. */
export interface TermsBase {
  readonly model: string;
}

/** A zod schema of one model's terms: the input as written, the terms parsed. */
export type TermsSchema = z.ZodMiniType<TermsBase, unknown>;

/** A zod schema of one kind of step a model writes: an object with a literal `kind`. */
export type StepSchema = z.ZodMiniObject<{ kind: z.ZodMiniLiteral<string> } & z.core.$ZodShape>;

/** What a model's own `rate` computes: the exact, unrounded amount and the steps that add up to it. */
export interface RatedAmount<S = PriceStep> {
  readonly amount: Decimal;
  readonly steps: ReadonlyArray<S>;
  /** The invoice line's unit price, present only when one price applies per unit (`priceKind` "unit"). */
  readonly unitPrice?: string;
}

/**
 * A quantity that is the fraction n ÷ d rated exactly: the amount as a fraction too, divided once when
 * rounded, and the steps with the values that division gives.
 */
export interface FractionAmount<S = PriceStep> {
  readonly exact: ExactQuotient;
  readonly steps: ReadonlyArray<S>;
}

/** What a price model returns: the rated amount, with the model's declared kind of price. */
export interface PriceResult<S = PriceStep, K extends string = ModelPriceKind> extends RatedAmount<S> {
  /** The invoice line's kind of price ("unit", "tiered", "package", …). */
  readonly priceKind: K;
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
 * How a model that splits a charge into groups does it: the event properties to group by, the price
 * of one group (undefined when the terms price none for it), and what unpriced usage is.
 */
export interface Grouping<T, P extends TermsBase = TermsBase> {
  dimensions(terms: T): ReadonlyArray<string>;
  priceFor(terms: T, group: Readonly<Record<string, PropertyValue>>): P | undefined;
  onUnpriced(terms: T): "error" | "warn";
  /**
   * These terms with every group priced by `price` (an override with `where` replaces one group's
   * price, so the contract checks that price as the price of any group).
   */
  withEveryGroupPricedBy(terms: T, price: P): T;
  /**
   * The groups the terms price by name (a matrix's cells); none for terms that price every group alike.
   * With `priceFor`, what tells apart the groups an amendment of the terms may reprice one by one.
   */
  namedGroups(terms: T): ReadonlyArray<Readonly<Record<string, PropertyValue>>>;
}

/**
 * The facts a price model declares about itself. Shared code (contract checks, rating, the CLI) reads
 * these and never tests a model's name, so a new model changes no code outside its own folder.
 */
export interface PriceModelFacts<T, K extends string | undefined = string | undefined> {
  /** Whether it prices a quantity (a metered one, or seats the contract fixes); false for a flat fee. */
  readonly usesQuantity: boolean;
  /** Whether it is a fee per billing period: billed in advance when the contract says so, free during a trial. */
  readonly isFee: boolean;
  /** Whether `rate` needs each event's value (per-transaction percentages), not only the total. */
  readonly needsEventValues: boolean;
  /**
   * Whether it rates one billable quantity that the contract may change: a transform (divide, include,
   * round), a quantity fixed by the contract (seats) or an allowance pool. False for a model that reads
   * each transaction, other meters as measured, or no quantity at all.
   */
  readonly acceptsTransform: boolean;
  /** Whether it may price a matrix cell or the groups of a grouped charge: it rates one quantity alone. */
  readonly isSinglePrice: boolean;
  /** Whether the amount is a fee per period, scaled when a line covers part of a billing period. */
  prorates(terms: T): boolean;
  /** The prices nested in the terms (a matrix's cells and default, a grouped charge's price). */
  nestedPrices(terms: T): ReadonlyArray<TermsBase>;
  /** Present for a model that rates each group of events separately (one invoice line per group). */
  readonly grouping?: Grouping<T> | undefined;
  /** The invoice line's `priceKind`; undefined for a grouping model, whose lines take their group price's kind. */
  readonly priceKind: K;
  /**
   * What other billing systems call this model (Stripe's `per_unit`, Orb's `bulk`), so that a contract
   * written from one is told ratecard's name (docs/pricing.md, "Anchor models ratecard does not have").
   */
  readonly otherNames?: ReadonlyArray<OtherSystemsName> | undefined;
}

/** The steps written by a model whose step schemas are `Steps`. */
export type StepOf<Steps extends ReadonlyArray<StepSchema>> = z.output<Steps[number]>;

/**
 * A price model: its terms schema, its declared facts, a pure `rate` from quantity to amount, and the
 * schemas of the steps `rate` writes. `Single` is the `isSinglePrice` fact as a type, so the union of
 * single prices is typed too.
 */
export interface PriceModelDefinition<
  Schema extends TermsSchema = TermsSchema,
  Single extends boolean = boolean,
  Steps extends ReadonlyArray<StepSchema> = ReadonlyArray<StepSchema>,
  K extends string | undefined = string | undefined,
> extends PriceModelFacts<z.output<Schema>, K> {
  readonly model: z.output<Schema>["model"];
  readonly termsSchema: Schema;
  readonly isSinglePrice: Single;
  /** The schemas of the step kinds `rate` writes; the invoice schema gathers every model's. */
  readonly stepSchemas: Steps;
  rate(
    terms: z.output<Schema>,
    quantity: Decimal,
    context: RatingContext,
  ): PriceResult<StepOf<Steps>, NonNullable<K>>;
  /**
   * Present for a model whose amount moves with the quantity unit by unit (unit, graduated, volume):
   * rates a quantity that is the fraction n ÷ d, which need not end (an average over 3 events), with the
   * amount kept a fraction, so an amount that ends comes out exact ($0.03 × 1/3 = $0.01, not 0.0099…9).
   * `quantity` is the fraction to 50 digits, which picks the tier. A model without it either steps (a
   * package, a band: the 50-digit value picks the same step) or prices the fraction at 50 digits.
   */
  rateFraction?(
    terms: z.output<Schema>,
    quantity: Decimal,
    fraction: ExactQuotient,
  ): FractionAmount<StepOf<Steps>>;
  /**
   * One of its steps in words, for `explain`, written with the words passed in; undefined when the
   * step adds no sentence of its own (the tier steps after the first read as one sentence at it).
   */
  explainStep(step: StepOf<Steps>, context: StepContext): string | undefined;
}

/** What {@link definePriceModel} takes: `rate` leaves out the kind; the facts that have a usual value may be left out. */
export type PriceModelInput<
  Schema extends TermsSchema,
  Single extends boolean,
  Steps extends ReadonlyArray<StepSchema>,
  K extends string | undefined,
> = Omit<PriceModelDefinition<Schema, Single, Steps, K>, "rate" | "prorates" | "nestedPrices"> &
  Partial<Pick<PriceModelDefinition<Schema, Single, Steps, K>, "prorates" | "nestedPrices">> & {
    rate(terms: z.output<Schema>, quantity: Decimal, context: RatingContext): RatedAmount<StepOf<Steps>>;
  };

/**
 * Declares a price model. Left out, a model is never prorated and nests no prices. Its `rate` results
 * carry the declared `priceKind`, so the kind is written once.
 */
export function definePriceModel<
  Schema extends TermsSchema,
  const Single extends boolean,
  const Steps extends ReadonlyArray<StepSchema>,
  const K extends string | undefined,
>(input: PriceModelInput<Schema, Single, Steps, K>): PriceModelDefinition<Schema, Single, Steps, K> {
  const { rate, priceKind } = input;
  type Definition = PriceModelDefinition<Schema, Single, Steps, K>;
  return {
    prorates: () => false,
    nestedPrices: () => [],
    ...input,
    rate:
      priceKind === undefined
        ? (rate as Definition["rate"])
        : (terms, quantity, context) => {
            // No spread: this wraps every rating, on the hot path of batch rating.
            const { amount, steps, unitPrice } = rate(terms, quantity, context);
            const kind = priceKind as NonNullable<K>;
            return unitPrice === undefined
              ? { amount, steps, priceKind: kind }
              : { amount, steps, priceKind: kind, unitPrice };
          },
  };
}
