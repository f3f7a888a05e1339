import { definePriceModel } from "../../priceModel.js";
import type { SimplePriceSchema } from "../../registry.js";
import { explainMatrixStep } from "./explain.js";
import { cellPrice, rateMatrix } from "./rate.js";
import { matrixStepSchemas } from "./steps.js";
import { matrixTermsSchemaOf } from "./terms.js";

export { cellPrice } from "./rate.js";
export type { MatrixTerms } from "./terms.js";

/**
 * Matrix pricing: a price per combination of event properties (region × service, model × token
 * kind), each cell any single price, with an optional default for combinations no cell lists. Each
 * combination with usage becomes its own invoice line, rated with its cell's price. Built over the
 * schema of the prices a cell may hold, which the registry passes.
 */
export function matrixOver(cellPriceSchema: SimplePriceSchema) {
  return definePriceModel({
    model: "matrix",
    termsSchema: matrixTermsSchemaOf(cellPriceSchema),
    usesQuantity: true,
    isFee: false,
    needsEventValues: false,
    // Each line's quantity is rated by its cell's price, which the contract checks on its own.
    acceptsTransform: true,
    isSinglePrice: false,
    priceKind: undefined,
    nestedPrices: (terms) => [
      ...terms.cells.map((cell) => cell.price),
      ...(terms.defaultPrice ? [terms.defaultPrice] : []),
    ],
    grouping: {
      dimensions: (terms) => terms.dimensions,
      priceFor: cellPrice,
      onUnpriced: (terms) => terms.onUnpriced ?? "error",
      withEveryGroupPricedBy: (terms, price) => ({
        ...terms,
        cells: [],
        defaultPrice: price as typeof terms.defaultPrice,
      }),
      namedGroups: (terms) => terms.cells.map((cell) => cell.match),
    },
    stepSchemas: matrixStepSchemas,
    explainStep: explainMatrixStep,
    rate: rateMatrix,
  });
}
