import type * as z from "zod/mini";
import { PRICE_MODELS, type simplePriceSchema } from "./registry.js";
import { priceSchemaOf } from "./termsUnion.js";

export { simplePriceSchema } from "./registry.js";

type PriceModels = typeof PRICE_MODELS;

/** The name of a registered price model. */
export type PriceModelName = keyof PriceModels;
/** The terms of the price model named `M`, parsed. */
export type TermsOf<M extends PriceModelName> = z.output<PriceModels[M]["termsSchema"]>;
/** Any price's terms, parsed (decimals as Decimal), told apart by `model`. */
export type PriceTerms = TermsOf<PriceModelName>;
/** Any price's terms as written in a contract. */
export type PriceInput = z.input<PriceModels[PriceModelName]["termsSchema"]>;
/** A price that rates one quantity alone: the price of a matrix cell or of a grouped charge's groups. */
export type SimplePriceTerms = z.output<typeof simplePriceSchema>;

/** Any price, told apart by `model`: the union of every registered model's terms schema. */
export const priceSchema = priceSchemaOf(PRICE_MODELS) as unknown as z.ZodMiniType<PriceTerms, PriceInput>;
