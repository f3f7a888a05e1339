import type { ErrorMessage } from "./message.js";

// The sentences of a charge's `windows` setting (window pricing, docs/window-pricing.md), each read
// after the path of the field at fault. Part of `contractMessages`: contract.ts re-exports them.

/** `windows` on a charge whose meter has no windows, or whose windows are not added up. */
export function windowPricingNeedsWindowedSum(meter: string | undefined, why: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `prices the windows of a windowed meter that adds them up (aggregation "sum" with a window); ${meter === undefined ? "this charge reads no meter" : `meter "${meter}" ${why}`}`,
  };
}

/** `windows` beside a setting that prices the period's quantity as a whole. */
export function windowPricingWith(field: string, instead: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a charge priced window by window cannot take ${field}; ${instead}`,
  };
}

/** Time-of-day buckets with `tiers: "running_total"`. */
export function windowBucketsNeedEachWindow(): ErrorMessage {
  return {
    code: "invalid_field",
    message: 'time-of-day buckets price and commit each window on its own: they need "tiers": "each_window"',
  };
}

/** Buckets on a grouped or matrix charge. */
export function windowBucketsOnGroupedPrice(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `time-of-day buckets replace the charge's price in their hours; a ${model} price has one price per group, so give each group its own charge`,
  };
}

/** A bucket whose hours start where they end. */
export function windowBucketEmpty(from: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `must differ from "from" (${from}): the bucket would hold no time`,
  };
}

/** Two buckets sharing a minute of the day. */
export function windowBucketsOverlap(other: string, minute: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `overlaps bucket "${other}" (both hold ${minute}); a window's start falls in one bucket at most`,
  };
}

/** A bucket price that does not price one quantity (a flat fee, a grouped or matrix price). */
export function windowBucketPriceNotSingle(model: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `a bucket's price prices each window's quantity; a ${model} price cannot (use unit, package, graduated, volume or another price of one quantity)`,
  };
}

/** A bucket commitment with both or neither of an amount and a quantity. */
export function windowCommitmentAmountOrQuantity(): ErrorMessage {
  return { code: "invalid_field", message: "give exactly one of amount or quantity" };
}
