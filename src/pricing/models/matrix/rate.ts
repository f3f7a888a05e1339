import { InvariantError } from "../errors/index.js";
import type { MatrixTerms, PropertyValue, SimplePriceTerms } from "../schema/index.js";
import { matrixTermsSchema } from "../schema/index.js";
import { definePriceModel } from "./priceModel.js";

/**
 * Matrix pricing: a price per combination of event properties (region × service, model × token
 * kind), each cell any simple price model, with an optional default for combinations no cell lists.
 * Each combination with usage becomes its own invoice line, rated with its cell's price.
 */
export const matrix = definePriceModel<"matrix">({
  model: "matrix",
  termsSchema: matrixTermsSchema,
  usesQuantity: true,
  grouping: {
    dimensions: (terms) => terms.dimensions,
    priceFor: cellPrice,
    onUnpriced: (terms) => terms.onUnpriced ?? "error",
  },
  rate: () => {
    // The rating layer splits a matrix charge into one line per combination and rates each cell's
    // price; reaching this means a caller bypassed `grouping`.
    throw new InvariantError(
      "A matrix price is rated per combination of its dimensions, through its grouping.",
    );
  },
});

/** The price of the cell whose values equal the group's, else the default (undefined if none). */
export function cellPrice(
  terms: MatrixTerms,
  group: Readonly<Record<string, PropertyValue>>,
): SimplePriceTerms | undefined {
  const cell = terms.cells.find((candidate) =>
    terms.dimensions.every((dimension) => candidate.match[dimension] === group[dimension]),
  );
  return cell?.price ?? terms.defaultPrice;
}
