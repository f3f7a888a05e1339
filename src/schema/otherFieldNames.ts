import { comparableName } from "./closestChoice.js";

// Stripe's names for a price tier's fields (the Price object's `tiers[]`: `up_to`, `unit_amount`,
// `flat_amount`, and their `_decimal` forms; docs/pricing.md [S1]), ratecard's beside them. `up_to` needs
// no entry: written without its underscore it is `upTo` already (closestChoice).
const STRIPE_TIER_FIELDS: Readonly<Record<string, string>> = {
  unitamount: "unitPrice",
  unitamountdecimal: "unitPrice",
  flatamount: "flatFee",
  flatamountdecimal: "flatFee",
};

/**
 * Ratecard's field for a field name another billing system uses, when the object may have that field
 * (`fields`): Stripe's `unit_amount` in a tier is `unitPrice`. Undefined otherwise.
 * @example otherFieldName("unit_amount", ["flatFee", "unitPrice", "upTo"]) // "unitPrice"
 */
export function otherFieldName(field: string, fields: ReadonlyArray<string>): string | undefined {
  const ours = STRIPE_TIER_FIELDS[comparableName(field)];
  return ours !== undefined && fields.includes(ours) ? ours : undefined;
}
