import { z } from "zod";
import { flatTermsSchema } from "./prices/flat.js";
import { graduatedTermsSchema } from "./prices/graduated.js";
import { packageTermsSchema } from "./prices/package.js";
import { unitTermsSchema } from "./prices/unit.js";
import { volumeTermsSchema } from "./prices/volume.js";

/** Any price, told apart by `model`. Adding a model adds one entry here and one file in src/pricing. */
export const priceSchema = z.discriminatedUnion(
  "model",
  [flatTermsSchema, unitTermsSchema, packageTermsSchema, graduatedTermsSchema, volumeTermsSchema],
  { error: "expected a price with model flat, unit, package, graduated or volume" },
);

export type PriceTerms = z.output<typeof priceSchema>;
export type PriceModelName = PriceTerms["model"];
