import { z } from "zod";
import { capacityTermsSchema } from "./prices/capacity.js";
import { dynamicTermsSchema } from "./prices/dynamic.js";
import { flatTermsSchema } from "./prices/flat.js";
import { graduatedTermsSchema } from "./prices/graduated.js";
import { graduatedPercentageTermsSchema } from "./prices/graduatedPercentage.js";
import { groupedTermsSchemaOf, matrixTermsSchemaOf } from "./prices/matrix.js";
import { packageTermsSchema } from "./prices/package.js";
import { percentageTermsSchema } from "./prices/percentage.js";
import { thresholdTermsSchema } from "./prices/threshold.js";
import { tieredPackageTermsSchema } from "./prices/tieredPackage.js";
import { tieredWithMinimumTermsSchema } from "./prices/tieredWithMinimum.js";
import { unitTermsSchema } from "./prices/unit.js";
import { volumeTermsSchema } from "./prices/volume.js";

const SIMPLE_MODELS = [
  flatTermsSchema,
  unitTermsSchema,
  packageTermsSchema,
  graduatedTermsSchema,
  volumeTermsSchema,
  tieredPackageTermsSchema,
  percentageTermsSchema,
  graduatedPercentageTermsSchema,
  thresholdTermsSchema,
  tieredWithMinimumTermsSchema,
  dynamicTermsSchema,
] as const;

const simpleNames = SIMPLE_MODELS.map((schema) => schema.shape?.model.value ?? "").join(", ");

/** A price that rates one quantity: any model but capacity, matrix and grouped (the cells of those). */
export const simplePriceSchema = z.discriminatedUnion("model", [...SIMPLE_MODELS], {
  error: `expected a price with model ${simpleNames}`,
});

export const matrixTermsSchema = matrixTermsSchemaOf(simplePriceSchema);
export const groupedTermsSchema = groupedTermsSchemaOf(simplePriceSchema);

/** Any price, told apart by `model`. Adding a model adds one entry here and one file in src/pricing. */
export const priceSchema = z.discriminatedUnion(
  "model",
  [...SIMPLE_MODELS, capacityTermsSchema, matrixTermsSchema, groupedTermsSchema],
  { error: `expected a price with model ${simpleNames}, capacity, matrix or grouped` },
);

export type PriceTerms = z.output<typeof priceSchema>;
export type SimplePriceTerms = z.output<typeof simplePriceSchema>;
export type PriceModelName = PriceTerms["model"];
export type MatrixTerms = z.output<typeof matrixTermsSchema>;
export type GroupedTerms = z.output<typeof groupedTermsSchema>;

/** Prices that split a charge into one line per group. */
export const GROUPING_MODELS: ReadonlySet<PriceModelName> = new Set(["matrix", "grouped"]);

/**
 * Prices a charge `transform` cannot apply to: percentage rates each transaction's own value,
 * capacity compares raw meter quantities with its limits, and a flat fee uses no quantity at all, so a
 * transformed total would be shown but not used.
 */
export const MODELS_WITHOUT_TRANSFORM: ReadonlySet<PriceModelName> = new Set([
  "percentage",
  "capacity",
  "flat",
]);

/** The model of a price and of every price nested in it (matrix cells, grouped price). */
export function modelsIn(price: PriceTerms): PriceModelName[] {
  const nested: SimplePriceTerms[] =
    price.model === "matrix"
      ? [...price.cells.map((cell) => cell.price), ...(price.defaultPrice ? [price.defaultPrice] : [])]
      : price.model === "grouped"
        ? [price.price]
        : [];
  return [price.model, ...nested.map((inner) => inner.model)];
}
