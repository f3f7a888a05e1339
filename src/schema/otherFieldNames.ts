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

// Where a dated term (a credit grant, an amendment, a cancellation) starts and ends, as other systems and
// people write it: Metronome's credits `starting_at` / `ending_before`, Orb's `effective_date` /
// `expiry_date`, and the plain words (`starts`, `validFrom`, `expiry`). ratecard writes `effective` and
// `expires`; "credits[0].starts … check the spelling" left a specialist to find that in docs/contracts.md.
const DATED_TERM_FIELDS: Readonly<Record<string, string>> = {
  starts: "effective",
  startsat: "effective",
  startingat: "effective",
  startdate: "effective",
  effectivedate: "effective",
  effectivefrom: "effective",
  validfrom: "effective",
  expiry: "expires",
  expiresat: "expires",
  expirydate: "expires",
  expirationdate: "expires",
  endingbefore: "expires",
  validuntil: "expires",
};

/**
 * Ratecard's field for a field name another billing system uses, when the object may have that field
 * (`fields`): Stripe's `unit_amount` in a tier is `unitPrice`; a credit grant's `starts` is `effective`.
 * Undefined otherwise.
 * @example otherFieldName("unit_amount", ["flatFee", "unitPrice", "upTo"]) // "unitPrice"
 */
export function otherFieldName(field: string, fields: ReadonlyArray<string>): string | undefined {
  const name = comparableName(field);
  const ours = STRIPE_TIER_FIELDS[name] ?? DATED_TERM_FIELDS[name];
  return ours !== undefined && fields.includes(ours) ? ours : undefined;
}
