import { InvariantError } from "../errors/index.js";
import { type GroupedTerms, groupedTermsSchema } from "../schema/index.js";
import { definePriceModel } from "./priceModel.js";

/**
 * Grouped pricing: one price applied independently to each value of the grouping properties, so
 * tiers restart per group (Lago's grouped charges, Orb's grouped_tiered): 8,000 GB in project A and
 * 8,000 GB in project B each get the first 10,000-GB tier. One invoice line per group.
 */
export const grouped = definePriceModel<"grouped">({
  model: "grouped",
  termsSchema: groupedTermsSchema,
  usesQuantity: true,
  grouping: {
    dimensions: (terms: GroupedTerms) => terms.groupBy,
    priceFor: (terms: GroupedTerms) => terms.price,
    onUnpriced: () => "error",
  },
  rate: () => {
    throw new InvariantError("A grouped price is rated per group, through its grouping.");
  },
});
