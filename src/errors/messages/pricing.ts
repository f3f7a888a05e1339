import type { ErrorMessage } from "./message.js";

// The sentences of src/pricing: rating a quantity with a price.

/** A negative quantity given to a price. */
export function negativeQuantity(model: string, quantity: string): ErrorMessage {
  return {
    code: "negative_quantity",
    message: `A ${model} price cannot rate the negative quantity ${quantity}; check the usage for corrections that exceed it.`,
  };
}

/** A percentage price rated from a total without the transactions it is made of. */
export function eventValuesRequired(total: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `A percentage price needs each transaction's value, not only the total ${total}; rate it through a contract or pass context.eventValues.`,
  };
}

/** Usage beyond every capacity tier's limits; `usage` lists each limited meter and its quantity. */
export function capacityExceeded(usage: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "capacity_exceeded",
    message: `Usage (${usage.join(", ")}) exceeds the limits of every capacity tier; add a larger tier to the contract.`,
  };
}

/** A tier other than the last without an `upTo` (tier numbers count from 1). */
export function onlyLastTierUnbounded(tierNumber: number): ErrorMessage {
  return {
    code: "only_last_tier_unbounded",
    message: `only the last tier may be unbounded; give tier ${tierNumber} an upTo`,
  };
}

/** A last tier with an `upTo`, which would leave larger quantities without a price. */
export function lastTierMustBeUnbounded(upTo: string): ErrorMessage {
  return {
    code: "last_tier_must_be_unbounded",
    message: `the last tier must be unbounded (no upTo), so every quantity has a price; remove upTo ${upTo} or add a tier after it`,
  };
}

/**
 * A last tier with an `upTo` in a model that can bound it, but no `aboveLastTier` saying what a larger
 * quantity costs.
 */
export function boundedLastTierNeedsSetting(upTo: string): ErrorMessage {
  return {
    code: "last_tier_must_be_unbounded",
    message: `the last tier is bounded (upTo ${upTo}) but aboveLastTier does not say what a larger quantity costs; set aboveLastTier to "refuse" or "extend", or remove upTo ${upTo}`,
  };
}

/** A quantity beyond the bounded last tier of a price whose `aboveLastTier` is "refuse". */
export function quantityAboveLastTier(quantity: string, upTo: string): ErrorMessage {
  return {
    code: "quantity_above_last_tier",
    message: `the quantity ${quantity} is above the last tier's upTo of ${upTo}, and aboveLastTier is "refuse"; add a tier, or set aboveLastTier to "extend" to price the excess at the last tier's price`,
  };
}

/** An `upTo` not above the previous tier's (read after the tier's path). */
export function tierUpToNotIncreasing(previous: string): ErrorMessage {
  return {
    code: "tier_up_to_not_increasing",
    message: `must be greater than ${previous}, the previous tier's upTo`,
  };
}

/** A capacity tier other than the last without limits (it would take every quantity). */
export function onlyLastCapacityTierUnlimited(): ErrorMessage {
  return { code: "only_last_tier_unbounded", message: "only the last tier may have no limits" };
}

/** A matrix cell whose match does not name exactly the matrix's dimensions. */
export function cellDimensionsDiffer(dimensions: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_field",
    message: `must give a value for exactly the dimensions ${dimensions.join(", ")}`,
  };
}

/** A matrix cell matching the same combination as an earlier cell (`first`: that cell's index). */
export function cellCombinationRepeated(first: number): ErrorMessage {
  return { code: "duplicate_id", message: `repeats the combination of cells[${first}]` };
}

/** A percentage price with both a percent and basis points, or neither. */
export function percentageRateAmbiguous(): ErrorMessage {
  return { code: "invalid_field", message: "give the rate as exactly one of percent or basisPoints" };
}

/** A per-transaction maximum below the per-transaction minimum. */
export function maximumPerEventBelowMinimum(minimum: string): ErrorMessage {
  return { code: "invalid_field", message: `must not be below minimumPerEvent ${minimum}` };
}

/** A bounded package tier that is not a whole number of packages wide (tier numbers count from 1). */
export function tierNotWholePackages(tierNumber: number, width: string, packageSize: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `tier ${tierNumber} spans ${width} units, not a whole number of packages of ${packageSize}; make its upTo a multiple`,
  };
}

/**
 * A unit price's `per` that is not 1 or a whole power of ten, so the price of one unit would not be
 * exact; one below 1 (10^-9 is a power of ten, but of a fraction) is told to price one unit instead.
 */
export function perNotPowerOfTen(per: string): ErrorMessage {
  const fraction = per.startsWith("0.") || per.startsWith("-");
  return {
    code: "invalid_field",
    message: `must be 1 or a whole power of ten (10, 1000, 1000000, …) so the price of one unit stays exact; ${per} ${fraction ? "is a fraction of a unit: give the price of one unit as unitPrice (unitPrice ÷ per) and leave per out" : "is not"}`,
  };
}
