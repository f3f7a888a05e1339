import type { ErrorMessage } from "./message.js";

// The sentences of the checks inside one term's schema (src/contracts/terms/*/schema.ts: overrides, tax,
// discounts, commitments, credits), each read after the path of the field at fault. Part of
// `contractMessages`: src/errors/messages/contract.ts re-exports them.

/** A date that ends a term's validity (`until`, `expires`) on or before the date it starts (`start`: its key). */
export function endNotAfterStart(start: string): ErrorMessage {
  return { code: "invalid_field", message: `must be after ${start}` };
}

/** An override with both a multiplier and a price, or neither. */
export function overrideMultiplierOrPrice(): ErrorMessage {
  return { code: "invalid_field", message: "give exactly one of multiplier or price" };
}

/** A tax block that makes the customer both exempt and under reverse charge. */
export function exemptAndReverseCharge(): ErrorMessage {
  return { code: "invalid_field", message: "a customer is either exempt or under reverse charge, not both" };
}

/** A discount with both a percent and an amount, or neither. */
export function discountPercentOrAmount(): ErrorMessage {
  return { code: "invalid_field", message: "give exactly one of percent or amount" };
}

/** A discount whose `partialPeriod` has no from/until to cut a period with. */
export function partialPeriodWithoutDates(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "applies only to a discount with from or until: without them the discount covers every day of every period; remove partialPeriod or add the dates",
  };
}

/** A commitment with neither a minimum nor a maximum. */
export function commitmentLimitMissing(): ErrorMessage {
  return { code: "missing_field", message: "give a minimum, a maximum or both" };
}

/** A commitment whose maximum is below its minimum. */
export function commitmentMaximumBelowMinimum(): ErrorMessage {
  return { code: "invalid_field", message: "must not be below the minimum" };
}

/** An overage factor on a commitment without a minimum to bill spend above. */
export function overageFactorWithoutMinimum(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      "bills spend above the minimum at a premium, but this commitment has no minimum; add a minimum or remove overageFactor",
  };
}

/** An overage factor of 1 or less, which would bill spend above the minimum at or below list price. */
export function overageFactorNotAboveOne(factor: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `is ${factor}; it must be more than 1 (1.25 bills spend above the minimum at 125 %); to bill it at list price leave overageFactor out`,
  };
}

/** A prepaid credit that does not say when it was taxed. */
export function prepaidCreditTaxedMissing(): ErrorMessage {
  return {
    code: "missing_field",
    message:
      'a prepaid credit must say when it was taxed: "at_purchase" (it reduces the taxed amount) or "at_use" (it pays the invoice after tax)',
  };
}

/** `taxed` on a promotional credit. */
export function promotionalCreditTaxed(): ErrorMessage {
  return { code: "invalid_field", message: "a promotional credit is never taxed; remove taxed" };
}

/** `costBasis` on a promotional credit. */
export function promotionalCreditCostBasis(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "a promotional credit was given for free, so its cost basis is 0; remove costBasis",
  };
}

/** A grant in a custom unit that does not say what one unit is worth. */
export function grantUnitValueMissing(unit: string): ErrorMessage {
  return {
    code: "missing_field",
    message: `a grant in ${unit} must say what one ${unit} is worth in the invoice currency (unitValue, e.g. "0.01")`,
  };
}

/** `unitValue` on a grant without a unit of its own. */
export function unitValueWithoutUnit(): ErrorMessage {
  return {
    code: "missing_field",
    message:
      "unitValue is the value of one unit of the grant's own unit; name that unit (unit) or remove unitValue",
  };
}

/** `charges` on a credit used after tax, which pays the whole invoice. */
export function afterTaxCreditScoped(): ErrorMessage {
  return { code: "invalid_field", message: "a credit used after tax pays the whole invoice; remove charges" };
}

/** `recurring` on a credit other than a promotional one. */
export function prepaidCreditRecurring(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "only a promotional credit recurs each period (prepaid money carries over)",
  };
}

/**
 * A `divideBy` whose quotient need not end, with no rounding of the quotient: the quantity could only be
 * carried to 50 digits, and an amount priced from it that is exactly a minor unit could round the wrong
 * way (1,200 s ÷ 3,600 × $0.03 = $0.01 came out $0.0099999…9, $0.00 rounded down).
 */
export function divideByNeedsRound(divideBy: string, where: "transform" | "entity"): ErrorMessage {
  const example =
    where === "transform"
      ? '"round": "up" (whole units) or "round": { "mode": "half_even", "decimals": 6 }'
      : '"round": "up" or "round": "down" (whole units)';
  return {
    code: "invalid_field",
    message: `${divideBy} makes quantities that do not end (1 ÷ ${divideBy} has no last digit), which ratecard cannot price exactly; give the ${where} a round, such as ${example}, or divide by a power of ten`,
  };
}

/**
 * A meter's per-entity minimum above its cap: every entity would be raised past what it may bill, so
 * one of the two is a typo.
 */
export function entityMinimumAboveCap(minimum: string, cap: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a minimum of ${minimum} an entity is above the cap of ${cap}, so no entity could bill it; the minimum must not be above the cap`,
  };
}

/** A quantity rounding given both decimals and an increment. */
export function roundDecimalsAndIncrement(): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      'gives both decimals and increment; round to N decimals ("decimals": 2) or to a multiple ("increment": "0.001"), not both',
  };
}

/** `rounding.lineDecimals` below the currency's own minor units (lines would be coarser than the total). */
export function lineDecimalsBelowCurrency(
  lineDecimals: number,
  code: string,
  minorUnits: number,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `is ${lineDecimals}, fewer decimals than ${code} has (${minorUnits}); lines may be finer than the currency, never coarser`,
  };
}

/** A credit's or discount's `chargesMatching` pattern that no charge id of the contract matches. */
export function noChargeMatches(pattern: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `no charge id matches "${pattern}"; check the pattern (* any characters, ? one)`,
  };
}

/** A credit's or discount's `chargeTags` tag that no charge of the contract carries. */
export function noChargeTagged(tag: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `no charge carries the tag "${tag}"; add it to the charges' tags or remove it`,
  };
}

/** A dated change of a term that does not come after the one before it. */
export function changeNotAfterPrevious(previous: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `must be after the previous change's date (${previous}); list the changes in date order, one per date`,
  };
}

/** A commitment change that sets a limit the commitment does not have. */
export function commitmentChangeNewLimit(limit: "minimum" | "maximum"): ErrorMessage {
  return {
    code: "invalid_field",
    message: `the commitment has no ${limit} to change; give the commitment a ${limit} first (a change raises or lowers an existing limit)`,
  };
}

/** A commitment change that states neither limit. */
export function commitmentChangeEmpty(): ErrorMessage {
  return { code: "missing_field", message: "give the new minimum, the new maximum or both" };
}

/** `"creditBasis": "net_of_discount"` on a change to a charge a fixed-amount discount covers. */
export function netOfFixedDiscount(chargeId: string, discountId: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `"net_of_discount" takes the percentage discounts of charge "${chargeId}" off its unused-time credit; discount "${discountId}" is a fixed amount, whose share of the fee depends on every other line of the invoice that billed it, so it cannot be worked out here: use "list_price" or "last_billed", or a percentage discount`,
  };
}

/** A cumulative commitment without a minimum to owe over its period. */
export function cumulativeWithoutMinimum(): ErrorMessage {
  return {
    code: "missing_field",
    message: "a cumulative commitment owes a minimum over its period; give the minimum for the whole period",
  };
}

/** A maximum or dated changes on a cumulative commitment (not built across invoices). */
export function cumulativeRefuses(field: "maximum" | "changes"): ErrorMessage {
  return {
    code: "invalid_field",
    message:
      field === "maximum"
        ? "a cumulative commitment owes a minimum over several invoices and takes no maximum; write the cap as a commitment of its own, per billing period"
        : "a cumulative commitment owes one minimum over its period and takes no dated changes; end it and start another cumulative commitment on the date",
  };
}
