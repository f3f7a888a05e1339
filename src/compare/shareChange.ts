import { formatQuantity } from "../explain/index.js";
import type { InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import { shareOf } from "./groupShareEffects.js";

/** Why the line's share moved, and the words that say so after "issued X, recomputed Y for the same quantity". */
export interface ShareChange {
  readonly cause: "usage" | "price";
  readonly reason: string;
}

/**
 * Why a line that is a share of its charge (`transform.scope: "charge"`: the charge rated once on its
 * groups' total, its amount split over the group lines by usage) bills another amount at the same
 * quantity: its share moves with the other groups' usage as much as with the price. When the issued
 * line is a ratecard invoice's, its groups' total tells which: another total is the other groups' usage
 * (`usage`), the same total a price (`price`). An issued line without steps (a CSV, Stripe) cannot tell,
 * and the words say so. Undefined for a line that is no share.
 * @example buckets of 2.5M, 1M, 1M issued (4.5M), recomputed with the last at 2M (5.5M): the first
 *   bucket's 10.00 → 10.23 is `usage`, "its share of the charge, whose groups measured 4,500,000 when
 *   issued and 5,500,000 recomputed: the other groups' usage differs"
 */
export function shareChange(ours: InvoiceLine, issued: InvoiceLine | undefined): ShareChange | undefined {
  const share = shareOf(ours);
  if (share === undefined) return undefined;
  const before = issued === undefined ? undefined : shareOf(issued);
  const of = `its share of the charge (transform scope "charge": the charge's ${share.total} split over its groups by usage)`;
  if (before === undefined)
    return {
      cause: "price",
      reason: `${of}, which the usage of the charge's other groups moves as much as its price; the charge's other lines tell which`,
    };
  if (!new Decimal(before.measured).equals(share.measured))
    return {
      cause: "usage",
      reason: `${of}, whose groups measured ${formatQuantity(before.measured)} when issued and ${formatQuantity(share.measured)} recomputed: the other groups' usage differs`,
    };
  return {
    cause: "price",
    reason: `${of}, whose groups measured ${formatQuantity(share.measured)} both times: the rate differs (a price change, override or amendment)`,
  };
}
