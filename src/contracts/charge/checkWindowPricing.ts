import type * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { modelOfPrice } from "../../pricing/index.js";
import { issueOf, type MeterTerms } from "../../schema/index.js";
import type { ChargeTerms } from "./chargeSchema.js";
import type { WindowBucketTerms } from "./windowPricingSchema.js";

/**
 * A charge's `windows` (window pricing, docs/window-pricing.md) needs a meter that adds up windows, and
 * no setting that prices the period's total as a whole (a contract quantity, included units, full
 * quantity tiers, an allowance pool). Time-of-day buckets need `each_window`, a price of one quantity
 * (theirs and the charge's), and hours no other bucket holds.
 */
export function checkWindowPricing(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  path: ReadonlyArray<PropertyKey>,
  meters: ReadonlyArray<MeterTerms>,
  pooled: ReadonlySet<string>,
): void {
  const windows = charge.windows;
  if (windows === undefined) return;
  const at = (...rest: PropertyKey[]) => [...path, ...rest];
  const meter = meters.find((candidate) => candidate.id === charge.meter);
  if (meter === undefined || meter.window === undefined || meter.aggregation !== "sum") {
    const why =
      meter?.window === undefined ? "has no window" : `aggregates its windows with ${meter.aggregation}`;
    ctx.addIssue(issueOf(contractMessages.windowPricingNeedsWindowedSum(charge.meter, why), at("windows")));
  }
  const refused: [boolean, string, string][] = [
    [charge.quantity !== undefined, "a contract quantity", "it prices a meter's windows"],
    [charge.included !== undefined, "included units", 'give the meter\'s window an "allowance" per window'],
    [
      charge.transform?.included !== undefined,
      "transform.included",
      'give the meter\'s window an "allowance"',
    ],
    [charge.tiersBy === "full_quantity", '"tiersBy": "full_quantity"', "its tiers are the windows'"],
    [pooled.has(charge.id), "an allowance pool's draw", "a pool draws from the period's quantity"],
  ];
  for (const [present, field, instead] of refused) {
    if (present) ctx.addIssue(issueOf(contractMessages.windowPricingWith(field, instead), at("windows")));
  }
  const buckets = windows.buckets;
  if (buckets === undefined) return;
  if (windows.tiers !== "each_window")
    ctx.addIssue(issueOf(contractMessages.windowBucketsNeedEachWindow(), at("windows", "buckets")));
  if (modelOfPrice(charge.price).grouping !== undefined)
    ctx.addIssue(
      issueOf(contractMessages.windowBucketsOnGroupedPrice(charge.price.model), at("windows", "buckets")),
    );
  const owner: (string | undefined)[] = new Array(1440).fill(undefined);
  buckets.forEach((bucket, index) => {
    const model = bucket.price === undefined ? undefined : modelOfPrice(bucket.price);
    if (model !== undefined && (!model.usesQuantity || model.grouping !== undefined))
      ctx.addIssue(
        issueOf(contractMessages.windowBucketPriceNotSingle(bucket.price!.model), [
          ...at("windows", "buckets", index, "price"),
        ]),
      );
    for (const minute of minutesOf(bucket)) {
      const other = owner[minute];
      if (other !== undefined) {
        ctx.addIssue(
          issueOf(
            contractMessages.windowBucketsOverlap(other, clock(minute)),
            at("windows", "buckets", index),
          ),
        );
        break;
      }
      owner[minute] = bucket.id;
    }
  });
}

/** Whether a local minute of the day (0–1,439) is in the bucket's [from, until), wrapping midnight. */
export function bucketHolds(bucket: Pick<WindowBucketTerms, "from" | "until">, minute: number): boolean {
  const from = minutesOfText(bucket.from);
  const until = minutesOfText(bucket.until);
  return from < until ? minute >= from && minute < until : minute >= from || minute < until;
}

function minutesOf(bucket: WindowBucketTerms): number[] {
  return Array.from({ length: 1440 }, (_, minute) => minute).filter((minute) => bucketHolds(bucket, minute));
}

function minutesOfText(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The ids of the charges some allowance pool lists. */
export function pooledCharges(contract: {
  readonly allowances?: ReadonlyArray<{ readonly charges: ReadonlyArray<string> }> | undefined;
}): ReadonlySet<string> {
  return new Set((contract.allowances ?? []).flatMap((pool) => pool.charges));
}
