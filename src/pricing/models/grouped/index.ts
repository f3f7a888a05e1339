import { definePriceModel } from "../../priceModel.js";
import type { SimplePriceSchema } from "../../registry.js";
import { explainGroupedStep } from "./explain.js";
import { rateGrouped } from "./rate.js";
import { groupedStepSchemas } from "./steps.js";
import { groupedTermsSchemaOf } from "./terms.js";

export type { GroupedTerms } from "./terms.js";

/**
 * Grouped pricing: one price applied independently to each value of the grouping properties, so
 * tiers restart per group (Lago's grouped charges, Orb's grouped_tiered): 8,000 GB in project A and
 * 8,000 GB in project B each get the first 10,000-GB tier. One invoice line per group. Built over the
 * schema of the prices a group may be priced with, which the registry passes.
 */
export function groupedOver(groupPriceSchema: SimplePriceSchema) {
  return definePriceModel({
    model: "grouped",
    termsSchema: groupedTermsSchemaOf(groupPriceSchema),
    usesQuantity: true,
    isFee: false,
    needsEventValues: false,
    // Each group's quantity is rated by the grouped price, which the contract checks on its own.
    acceptsTransform: true,
    isSinglePrice: false,
    priceKind: undefined,
    nestedPrices: (terms) => [terms.price],
    grouping: {
      dimensions: (terms) => terms.groupBy,
      priceFor: (terms) => terms.price,
      onUnpriced: () => "error",
      withEveryGroupPricedBy: (terms, price) => ({ ...terms, price: price as typeof terms.price }),
      namedGroups: () => [],
    },
    stepSchemas: groupedStepSchemas,
    explainStep: explainGroupedStep,
    rate: rateGrouped,
  });
}
