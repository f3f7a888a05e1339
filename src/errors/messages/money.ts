import { atPath, type ErrorMessage } from "./message.js";

// The sentences of src/money: decimals, currencies and splitting amounts.

/** A decimal refused by `safeParseDecimal`, its `reason` after the path. */
export function invalidDecimal(
  code: "invalid_decimal" | "decimal_out_of_range",
  path: string,
  reason: string,
): ErrorMessage {
  return { code, message: atPath(path, reason) };
}

/** A currency code that is neither ISO 4217 nor one of the contract's custom units. */
export function unknownCurrency(path: string, code: string): ErrorMessage {
  return {
    code: "unknown_currency",
    message: `${path}: "${code}" is not an ISO 4217 currency code; declare it under customUnits if it is a unit of your own.`,
  };
}

/** An amount to split that has digits below the currency's minor unit. */
export function amountNotInMinorUnits(amount: string, currency: string, minorUnits: number): ErrorMessage {
  return {
    code: "amount_not_in_minor_units",
    message: `Cannot split ${amount} ${currency}: it is not a whole number of minor units (${minorUnits} decimals).`,
  };
}

/** Splitting over an empty list of weights. */
export function noAllocationWeights(): ErrorMessage {
  return { code: "invalid_allocation_weights", message: "Cannot split an amount over zero parts." };
}

/** A weight that is negative or not finite. */
export function negativeAllocationWeight(path: string, weight: string): ErrorMessage {
  return {
    code: "invalid_allocation_weights",
    message: `${path} is ${weight}; weights must be zero or positive.`,
  };
}

/** Every weight zero: there is no proportion to split by. */
export function allAllocationWeightsZero(): ErrorMessage {
  return { code: "invalid_allocation_weights", message: "Cannot split an amount when every weight is zero." };
}
