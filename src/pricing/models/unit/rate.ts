import { type Decimal, type ExactQuotient, toPlainString } from "../../../money/index.js";
import { fractionAtPrice } from "../../fractionPricing.js";
import type { FractionAmount, RatedAmount } from "../../priceModel.js";
import type { UnitStep } from "./steps.js";
import type { UnitTerms } from "./terms.js";

/**
 * quantity × unitPrice, exactly (1,234,567 requests × $0.0000025 = $3.0864175 before line rounding).
 * A price quoted per N units is divided by N first, which for a power of ten only moves the decimal
 * point: $0.30 per 1,000,000 = $0.0000003 a request, so 2,000,000 requests = $0.60 with nothing rounded.
 */
export function rateUnit(terms: UnitTerms, quantity: Decimal): RatedAmount<UnitStep> {
  const perUnit = perUnitPrice(terms);
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

/**
 * {@link rateUnit} of a quantity that is the fraction n ÷ d: n × unitPrice ÷ d, divided once. An average
 * of 1, 0 and 0 GB at $0.03 is 1 × 0.03 ÷ 3 = $0.01 exactly (0.333…3 × 0.03 would be 0.0099…9).
 */
export function rateUnitFraction(
  terms: UnitTerms,
  quantity: Decimal,
  fraction: ExactQuotient,
): FractionAmount<UnitStep> {
  return fractionAtPrice(fraction, perUnitPrice(terms), rateUnit(terms, quantity).steps, "quantity");
}

// A price quoted per N units (a power of ten) divided by N: the decimal point moves, nothing rounds.
function perUnitPrice(terms: UnitTerms): Decimal {
  return terms.per === undefined ? terms.unitPrice : terms.unitPrice.div(terms.per);
}
