import { roundToInteger, toPlainString } from "../money/index.js";
import { type PackageTerms, packageTermsSchema } from "../schema/index.js";
import { assertNonNegativeQuantity } from "./assertQuantity.js";
import { definePriceModel } from "./priceModel.js";

/**
 * packages × packagePrice, where packages = quantity ÷ packageSize, a partial package rounded up
 * (default) or down: 123,335,000 requests in packages of 10,000 = 12,333.5 → 12,334 packages.
 */
export const packagePrice = definePriceModel<"package">({
  model: "package",
  termsSchema: packageTermsSchema,
  usesQuantity: true,
  rate: (terms: PackageTerms, quantity) => {
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
      priceKind: "package",
    };
  },
});
