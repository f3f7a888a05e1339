import { type Decimal, toPlainString } from "../../../money/index.js";
import type { RatedAmount } from "../../priceModel.js";
import type { UnitStep } from "./steps.js";
import type { UnitTerms } from "./terms.js";

/**
 * quantity × unitPrice, exactly (1,234,567 requests × $0.0000025 = $3.0864175 before line rounding).
 * A price quoted per N units is divided by N first, which for a power of ten only moves the decimal
 * point: $0.30 per 1,000,000 = $0.0000003 a request, so 2,000,000 requests = $0.60 with nothing rounded.
 */
export function rateUnit(terms: UnitTerms, quantity: Decimal): RatedAmount<UnitStep> {
  const perUnit = terms.per === undefined ? terms.unitPrice : terms.unitPrice.div(terms.per);
  const amount = quantity.times(perUnit);
  return {
    amount,
    steps: [
      {
        kind: "unit",
        quantity: toPlainString(quantity),
        unitPrice: toPlainString(perUnit),
        amount: toPlainString(amount),
        ...(terms.per === undefined
          ? {}
          : { quotedPrice: toPlainString(terms.unitPrice), per: toPlainString(terms.per) }),
      },
    ],
    unitPrice: toPlainString(perUnit),
  };
}
