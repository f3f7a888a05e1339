import type { ErrorMessage } from "./message.js";

// The sentences of src/rating: one charge and its usage rated into lines.

/** Usage in a matrix combination with no cell and no default price (`usage` describes the group and its quantity). */
export function unpricedCombination(chargeId: string, usage: string): ErrorMessage {
  return {
    code: "unpriced_combination",
    message: `Charge ${chargeId} has usage in ${usage} but no cell and no defaultPrice for it; add a cell or a defaultPrice, or set onUnpriced to "warn".`,
  };
}

/**
 * A quantity too large to price exactly: `source` says where it came from ("its contract quantity",
 * "meter requests"), `rule` what the bound is.
 */
export function ratedQuantityOutOfRange(
  chargeId: string,
  quantity: string,
  source: string,
  transformed: boolean,
  rule: string,
): ErrorMessage {
  return {
    code: "decimal_out_of_range",
    message: `Charge ${chargeId} would price ${quantity} units from ${source}${transformed ? " after its transform" : ""}, too large: ${rule}. Divide the quantity with transform.divideBy (bytes → GB) or check the usage.`,
  };
}

/** A price model's own problem (which knows nothing of the contract), said of the charge it prices. */
export function chargePriceProblem(chargeId: string, problem: ErrorMessage): ErrorMessage {
  return { code: problem.code, message: `Charge ${chargeId}: ${problem.message}` };
}

/** A charge whose transform is taken across its groups while overrides price the groups differently. */
export function scopeChargePricesDiffer(chargeId: string, first: string, other: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `Charge ${chargeId} rates its groups' total once (transform scope "charge"), but an override prices ${other} differently from ${first}; override every group alike or remove scope`,
  };
}
