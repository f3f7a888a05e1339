import { type Decimal, roundToInteger, toPlainString } from "../../../money/index.js";
import { assertNonNegativeQuantity } from "../../assertQuantity.js";
import type { RatedAmount } from "../../priceModel.js";
import type { PackageStep } from "./steps.js";
import type { PackageTerms } from "./terms.js";

/**
 * packages × packagePrice, where packages = quantity ÷ packageSize, a partial package rounded up
 * (default) or down: 123,335,000 requests in packages of 10,000 = 12,333.5 → 12,334 packages.
 */
export function ratePackage(terms: PackageTerms, quantity: Decimal): RatedAmount<PackageStep> {
  assertNonNegativeQuantity(quantity, "package");
  const partialPackage = terms.partialPackage ?? "round_up";
  const packages = roundToInteger(
    quantity.div(terms.packageSize),
    partialPackage === "round_up" ? "ceiling" : "floor",
  );
  const amount = packages.times(terms.packagePrice);
  return {
    amount,
    steps: [
      {
        kind: "package",
        quantity: toPlainString(quantity),
        packageSize: toPlainString(terms.packageSize),
        partialPackage,
        packages: toPlainString(packages),
        packagePrice: toPlainString(terms.packagePrice),
        amount: toPlainString(amount),
      },
    ],
  };
}
