import type { Contract } from "../contracts/index.js";
import { sameList } from "../meters/index.js";
import { modelOfPrice } from "../pricing/index.js";
import { groupDimensions } from "../rating/index.js";
import type { PropertyValue } from "../schema/index.js";
import { allCharges } from "./termsAt.js";

/**
 * Whether no price of the contract bills `group` of meter `meter` split by `dimensions`: no definition
 * of a charge that splits the meter so (its own, an amendment's, an override's whole price) prices the
 * group, and no override picks the group with a price of its own. The invoice bills no line for such
 * usage and warns `unpriced_usage` (golden-rich's CDN egress in region "apac"). False when no charge
 * splits the meter by these dimensions.
 * @example isUnpricedGroup(goldenRich, "egress", ["region"], { region: "apac" }) // true: the matrix prices eu and us only
 */
export function isUnpricedGroup(
  contract: Contract,
  meter: string,
  dimensions: ReadonlyArray<string>,
  group: Readonly<Record<string, PropertyValue>>,
): boolean {
  const splitting = allCharges(contract).filter((charge) => {
    const split = charge.meter === meter ? groupDimensions(charge) : undefined;
    return split !== undefined && sameList(split, dimensions);
  });
  if (splitting.length === 0) return false;
  if (
    splitting.some(
      (charge) => modelOfPrice(charge.price).grouping?.priceFor(charge.price, group) !== undefined,
    )
  )
    return false;
  const charges = new Set(splitting.map((charge) => charge.id));
  return !contract.overrides.some(
    (override) =>
      charges.has(override.charge) &&
      override.price !== undefined &&
      override.where !== undefined &&
      Object.entries(override.where).every(([name, value]) => group[name] === value),
  );
}
