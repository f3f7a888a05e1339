import type { RatecardErrorCode } from "../RatecardError.js";
import type { ErrorMessage } from "./message.js";

// The sentences of a contract's overrides (src/contracts/terms/overrides), each read after the path of
// the field at fault.

/** `where` on an override of a charge whose price bills one line. */
export function overrideWhereOnSingleLine(chargeId: string, model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `picks groups, but charge ${chargeId} has a ${model} price, which bills one line, not one per group; remove where to override the whole charge, or give the charge a matrix or grouped price`,
  };
}

/** `where` naming dimensions the charge's price does not group by. */
export function overrideWhereUnknownDimensions(
  chargeId: string,
  unknown: ReadonlyArray<string>,
  dimensions: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `names ${unknown.map((name) => `"${name}"`).join(", ")}, but charge ${chargeId} groups by ${dimensions.join(", ")} only`,
  };
}

/** A replacement for one group's price that is not a single price model. */
export function overrideGroupPriceNotSingle(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `is a ${model} price; with where it replaces the price of one group, which must be a single price model (not matrix, grouped or capacity)`,
  };
}

/** An override's price the charge could not have had; `problem` is what the charge's own check said. */
export function overridePriceRefused(
  model: string,
  chargeId: string,
  problem: { readonly code: RatecardErrorCode; readonly message: string },
): ErrorMessage {
  return {
    code: problem.code,
    message: `is a ${model} price, which charge ${chargeId} cannot take: ${problem.message}`,
  };
}

/** A negative price in an override of a charge not declared a credit. */
export function negativeOverridePrice(value: string, chargeId: string): ErrorMessage {
  return {
    code: "negative_price",
    message: `is ${value}; an override's prices must be zero or more unless charge ${chargeId} is declared a credit ("credit": true)`,
  };
}

/** A multiplier that scales one of the charge's prices out of its bounds (`rule` says what they are). */
export function scaledPriceOutOfRange(scaled: {
  readonly chargeId: string;
  readonly field: string;
  readonly value: string;
  readonly factor: string;
  readonly result: string;
  readonly breach: string;
  readonly rule: string;
}): ErrorMessage {
  const { chargeId, field, value, factor, result, breach, rule } = scaled;
  return {
    code: "decimal_out_of_range",
    message: `makes charge ${chargeId}'s ${field} ${value} × ${factor} = ${result} (${breach}); ${rule}`,
  };
}
