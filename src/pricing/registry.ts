import type * as z from "zod/mini";
import type { Decimal, ExactQuotient } from "../money/index.js";
import { capacity } from "./models/capacity/index.js";
import { dynamic } from "./models/dynamic/index.js";
import { flat } from "./models/flat/index.js";
import { graduated } from "./models/graduated/index.js";
import { graduatedPercentage } from "./models/graduated_percentage/index.js";
import { groupedOver } from "./models/grouped/index.js";
import { matrixOver } from "./models/matrix/index.js";
import { packagePrice } from "./models/package/index.js";
import { percentage } from "./models/percentage/index.js";
import { threshold } from "./models/threshold/index.js";
import { tieredPackage } from "./models/tiered_package/index.js";
import { tieredWithMinimum } from "./models/tiered_with_minimum/index.js";
import { unit } from "./models/unit/index.js";
import { volume } from "./models/volume/index.js";
import type {
  FractionAmount,
  Grouping,
  PriceModelDefinition,
  PriceResult,
  RatingContext,
} from "./priceModel.js";
import type { PriceModelName, PriceTerms, SimplePriceTerms } from "./priceSchema.js";
import { singlePriceSchemaOf } from "./termsUnion.js";

// The models that rate a quantity with terms of their own, one line each (docs/architecture.md, "Adding
// a price model"). Every list built from the registry keeps this order: the price union and its message,
// the JSON Schemas, PRICE_KINDS and the invoice schema's step kinds.
const RATING_MODELS = {
  flat,
  unit,
  package: packagePrice,
  graduated,
  volume,
  tiered_package: tieredPackage,
  percentage,
  graduated_percentage: graduatedPercentage,
  threshold,
  tiered_with_minimum: tieredWithMinimum,
  dynamic,
  capacity,
} as const;

type SingleModel = Extract<
  (typeof RATING_MODELS)[keyof typeof RATING_MODELS],
  { readonly isSinglePrice: true }
>;

/** The schema of a price a matrix cell or a grouped charge's groups may hold. */
export type SimplePriceSchema = z.ZodMiniType<
  z.output<SingleModel["termsSchema"]>,
  z.input<SingleModel["termsSchema"]>
>;

/** A price a matrix cell or a grouped charge's groups may hold: any model that declares `isSinglePrice`. */
export const simplePriceSchema = singlePriceSchemaOf(RATING_MODELS) as unknown as SimplePriceSchema;

/**
 * Every price model, by name: the models above, then those that split a charge into groups, each
 * priced with a single price (one line per group).
 */
export const PRICE_MODELS = {
  ...RATING_MODELS,
  matrix: matrixOver(simplePriceSchema),
  grouped: groupedOver(simplePriceSchema),
} as const;

/** The model registered under `M`. */
export type PriceModel<M extends PriceModelName = PriceModelName> = (typeof PRICE_MODELS)[M];

/** Any registered model, seen through what every model declares (for code that takes any price). */
export interface AnyPriceModel
  extends Omit<
    PriceModelDefinition<z.ZodMiniType<PriceTerms, unknown>>,
    "grouping" | "nestedPrices" | "rate" | "rateFraction"
  > {
  readonly grouping?: Grouping<PriceTerms, SimplePriceTerms> | undefined;
  nestedPrices(terms: PriceTerms): ReadonlyArray<SimplePriceTerms>;
  rate(terms: PriceTerms, quantity: Decimal, context: RatingContext): PriceResult;
  rateFraction?(terms: PriceTerms, quantity: Decimal, fraction: ExactQuotient): FractionAmount;
}

/** The model registered under `name`. */
export function priceModelOf<M extends PriceModelName>(name: M): PriceModel<M> {
  return PRICE_MODELS[name];
}

/** The model that rates `price`, for code that reads its facts whatever the model. */
export function modelOfPrice(price: PriceTerms): AnyPriceModel {
  return PRICE_MODELS[price.model] as unknown as AnyPriceModel;
}

/**
 * The model a price as written names, or undefined when it names none ratecard knows (unparsed input:
 * the contract check reports it). The one place that looks a model up by a name read from input.
 */
export function findPriceModel(price: unknown): AnyPriceModel | undefined {
  const name = typeof price === "object" && price !== null ? (price as { model?: unknown }).model : undefined;
  if (typeof name !== "string" || !Object.hasOwn(PRICE_MODELS, name)) return undefined;
  return PRICE_MODELS[name as PriceModelName] as unknown as AnyPriceModel;
}

/** A price and every price nested in it (a matrix's cells and default, a grouped charge's price). */
export function pricesIn(price: PriceTerms): ReadonlyArray<PriceTerms> {
  return [price, ...modelOfPrice(price).nestedPrices(price)];
}

/** The registered matrix and grouped models (built over the single prices above). */
export const { matrix, grouped } = PRICE_MODELS;
