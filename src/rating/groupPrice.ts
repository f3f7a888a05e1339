import { modelOfPrice, type PriceTerms, type SimplePriceTerms } from "../pricing/index.js";
import type { PropertyValue } from "../schema/index.js";

type Group = Readonly<Record<string, PropertyValue>>;

/**
 * A price as one group of a matrix or grouped charge sees it: every group priced as this one is (a
 * matrix keeps the group's cell, or its default, and none of the other cells). Two versions of a charge
 * whose prices a group sees alike bill that group alike, so an amendment that reprices other cells does
 * not restart its tiers (docs/contracts.md, "A group the override does not reach keeps its terms"). A
 * group the price leaves unpriced sees no group priced (the terms stay, so it is still refused or
 * warned of as they say); a price that does not price per group is seen as it is.
 * @example a matrix with na at 0.10 and eu at 0.05, seen by { region: "na" }: na's price for every region
 */
export function priceSeenByGroup(price: PriceTerms, group: Group): PriceTerms {
  const grouping = modelOfPrice(price).grouping;
  if (grouping === undefined) return price;
  // Only a model that can leave a group unpriced (a matrix without a cell or default for it) gives
  // undefined here, and its terms take undefined for "no price".
  return grouping.withEveryGroupPricedBy(
    price,
    grouping.priceFor(price, group) as SimplePriceTerms,
  ) as PriceTerms;
}

/**
 * The groups a price names one by one (a matrix's cells); none for a price every group shares or one
 * that does not price per group.
 */
export function groupsNamedBy(price: PriceTerms): ReadonlyArray<Group> {
  return modelOfPrice(price).grouping?.namedGroups(price) ?? [];
}
