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
  const buckets = (step.buckets ?? []).map((bucket) => describeBucket(bucket, money)).join(" ");
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

function describeBucket(bucket: WindowBucketTotal, money: Words["money"]): string {
  const name = bucket.id === null ? "Outside the buckets" : `Bucket ${bucket.id}`;
  return `${name}: ${count(bucket.windows, "window")}, ${formatQuantity(bucket.quantity)} priced ${money(bucket.usage)}, true-up ${money(bucket.trueUp)}, overage ${money(bucket.overage)}, billed ${money(bucket.amount)}.`;
}
