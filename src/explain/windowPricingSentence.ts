import { Decimal, ZERO } from "../money/index.js";
import type { PricedWindow, WindowBucketTotal, WindowPricingStep, Words } from "../schema/index.js";
import { count, formatQuantity } from "./formatNumber.js";

// The windows named one by one in the sentence; the rest are counted (the step lists them all).
const NAMED_WINDOWS = 5;

/**
 * A line priced window by window, in words a specialist can redo: how the windows were priced, the
 * first windows with their quantity (and running total) and amount, each bucket's totals, the sum.
 */
export function windowPricingSentence(step: WindowPricingStep, words: Words): string {
  const { money } = words;
  const how =
    step.tiers === "running_total"
      ? "Priced window by window at the tiers of the period's running total: each window bills the price of the running total at its end less the price of the running total before it (hourly settlement of monthly tiers, as Tencent CDN bills)"
      : "Priced window by window, the tiers starting again in each window (Flexprice's bucketed pricing)";
  const rounded = step.rounding === "each_window" ? ", each window's amount rounded to the minor unit" : "";
  const named = step.priced.slice(0, NAMED_WINDOWS).map((window) => describeWindow(window, words));
  const more = step.priced.length - named.length;
  const listed =
    step.priced.length === 0
      ? `none of ${count(step.windows, "window")} billed anything`
      : `${count(step.priced.length, "window")} of ${step.windows} billed: ${named.join("; ")}${more > 0 ? `; and ${count(more, "more window")}` : ""}`;
  const buckets = (step.buckets ?? []).map((bucket) => describeBucket(bucket, step, money)).join(" ");
  return `${how}${rounded}; ${listed}. ${buckets}${buckets === "" ? "" : " "}Windows' sum: ${formatQuantity(step.quantity)} for ${money(step.amount)}.`;
}

function describeWindow(window: PricedWindow, { money }: Words): string {
  const total = window.total === undefined ? "" : ` (running total ${formatQuantity(window.total)})`;
  const bucket = window.bucket === undefined ? "" : ` in ${window.bucket}`;
  const committed =
    window.committed === undefined
      ? ""
      : ` (price ${money(window.usage!)} against a commitment of ${money(window.committed)})`;
  return `from ${window.start}${bucket}, ${formatQuantity(window.quantity)}${total} → ${money(window.amount)}${committed}`;
}

// A window at or above its commitment bills the commitment plus the part above it × the overage factor:
// the overage takes that part's place, so priced + true-up + overage is what the bucket billed only
// with that part taken off (peak: 10.00 + 3.00 + 4.50 − 3.00 = 14.50), and, with each window rounded
// to the minor unit, with the windows' rounding added. The sentence names both wherever they are not zero.
function describeBucket(bucket: WindowBucketTotal, step: WindowPricingStep, money: Words["money"]): string {
  const name = bucket.id === null ? "Outside the buckets" : `Bucket ${bucket.id}`;
  const head = `${name}: ${count(bucket.windows, "window")}, ${formatQuantity(bucket.quantity)} priced ${money(bucket.usage)}, true-up ${money(bucket.trueUp)}, overage ${money(bucket.overage)}`;
  const above = aboveCommitments(step, bucket.id);
  const rounding =
    step.rounding === "each_window"
      ? new Decimal(bucket.amount).minus(bucket.usage).minus(bucket.trueUp).minus(bucket.overage).plus(above)
      : ZERO;
  if (above.isZero() && rounding.isZero()) return `${head}, billed ${money(bucket.amount)}.`;
  const part = money(above.toFixed());
  const replaced = above.isZero() ? "" : ` in place of the ${part} priced above the commitments`;
  const less = above.isZero() ? "" : ` − ${part}`;
  const rounded = rounding.isZero()
    ? ""
    : ` ${rounding.isNegative() ? "−" : "+"} ${money(rounding.abs().toFixed())} of each window's rounding`;
  return `${head}${replaced}, billed ${money(bucket.usage)} + ${money(bucket.trueUp)} + ${money(bucket.overage)}${less}${rounded} = ${money(bucket.amount)}.`;
}

// Σ (price − commitment) of the bucket's windows at or above their commitment, from the windows the step
// lists (every window held to a commitment is listed): the part the overage bills in place of its price.
function aboveCommitments(step: WindowPricingStep, id: string | null): Decimal {
  let above: Decimal = ZERO;
  for (const window of step.priced) {
    if ((window.bucket ?? null) !== id || window.usage === undefined || window.committed === undefined)
      continue;
    const part = new Decimal(window.usage).minus(window.committed);
    if (!part.isNegative()) above = above.plus(part);
  }
  return above;
}
