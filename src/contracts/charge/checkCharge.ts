import type * as z from "zod/mini";
import { contractMessages } from "../../errors/index.js";
import { toPlainString } from "../../money/index.js";
import { modelOfPrice, pricesIn } from "../../pricing/index.js";
import { countsDistinctValues, issueOf } from "../../schema/index.js";
import { checkFeeTerms } from "../terms/fees/checks.js";
import { checkLineLimitOrder, checkLineLimitScope } from "../terms/lineLimits/checks.js";
import type { ChargeTerms } from "./chargeSchema.js";
import { decimalsIn } from "./decimalsIn.js";
import { meterReferences } from "./meterReferences.js";

/**
 * The checks of one charge against its own price: a meter or a contract quantity to price, the meters
 * it names, a transform and included units its prices read, its fee and line-limit terms, and the sign rule.
 */
export function checkCharge(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  index: number,
  meterIds: ReadonlySet<string>,
): void {
  const at = (...path: PropertyKey[]) => ["charges", index, ...path];
  const model = modelOfPrice(charge.price);
  if (!model.usesQuantity) {
    if (charge.meter !== undefined) ctx.addIssue(issueOf(contractMessages.meterOnFlatPrice(), at("meter")));
  } else if (charge.meter === undefined && charge.quantity === undefined) {
    ctx.addIssue(issueOf(contractMessages.quantitySourceMissing(charge.price.model), at("meter")));
  }
  checkFeeTerms(ctx, charge, at);
  for (const { path, meter } of meterReferences(charge)) {
    if (!meterIds.has(meter))
      ctx.addIssue(issueOf(contractMessages.unknownMeter(meter, [...meterIds]), at(...path)));
  }
  const untransformable = pricesIn(charge.price).find(
    (price) => !modelOfPrice(price).acceptsTransform,
  )?.model;
  if (charge.transform !== undefined && untransformable !== undefined)
    ctx.addIssue(issueOf(contractMessages.transformNotRated(untransformable), at("transform")));
  if (charge.included !== undefined && untransformable !== undefined)
    ctx.addIssue(issueOf(contractMessages.includedNotRated(untransformable), at("included")));
  if (charge.included !== undefined && charge.transform?.included !== undefined)
    ctx.addIssue(issueOf(contractMessages.includedTwice(), at("included")));
  checkLineLimitScope(ctx, charge, at);
  if (charge.credit !== true) {
    const limits = { minimum: charge.minimum, maximum: charge.maximum };
    for (const { path, value } of [...decimalsIn(charge.price, ["price"]), ...decimalsIn(limits, [])]) {
      if (value.isNegative() && !value.isZero())
        ctx.addIssue(issueOf(contractMessages.negativePrice(toPlainString(value)), at(...path)));
    }
  }
  checkLineLimitOrder(ctx, charge, at);
}

// Carried state (persistent totals, weighted levels) is kept per meter, not per group, so a grouped
// or matrix charge on such a meter would bill each group without its history.
export function checkGroupedMeter(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  index: number,
  meters: ReadonlyArray<{
    readonly id: string;
    readonly aggregation: string;
    readonly persistent?: boolean | undefined;
  }>,
): void {
  if (modelOfPrice(charge.price).grouping === undefined) return;
  const meter = meters.find((candidate) => candidate.id === charge.meter);
  if (meter === undefined || !(meter.persistent === true || meter.aggregation === "weighted_sum")) return;
  ctx.addIssue(
    issueOf(contractMessages.carriedMeterGrouped(charge.price.model, meter.id), ["charges", index, "meter"]),
  );
}

// Aggregations whose events carry no transaction amount for a per-event price to read: a count's events
// carry none (a meter that counts events, also in windows, reads no value at all), a unique_count's values
// are identities, a weighted_sum's are levels over time.
const NO_EVENT_AMOUNTS: ReadonlySet<string> = new Set(["count", "unique_count", "weighted_sum"]);

/**
 * A price that reads each event's value (percentage) needs a meter whose events carry an amount: a value
 * property or a computed `value` (an event's computed value is kept exactly, as decimal text). On a meter
 * that counts events (a count, or windows that count) it would price 1 per event, or a property the
 * meter neither reads nor checks; on a unique_count an identity, on a weighted_sum a level.
 */
export function checkEventValueMeter(
  ctx: z.core.$RefinementCtx,
  charge: ChargeTerms,
  path: ReadonlyArray<PropertyKey>,
  meters: ReadonlyArray<{
    readonly id: string;
    readonly aggregation: string;
    readonly valueProperty?: string | undefined;
    readonly value?: unknown;
    readonly window?: { readonly size: string; readonly aggregation: string } | undefined;
  }>,
): void {
  const reader = pricesIn(charge.price).find((price) => modelOfPrice(price).needsEventValues);
  if (reader === undefined || charge.meter === undefined) return;
  const meter = meters.find((candidate) => candidate.id === charge.meter);
  if (meter === undefined) return;
  // The event pass reads no value for a meter that counts events, whatever valueProperty it names.
  const countsEvents =
    meter.aggregation === "count" ||
    meter.window?.aggregation === "count" ||
    (meter.valueProperty === undefined && meter.value === undefined);
  const aggregation = countsEvents
    ? "count"
    : countsDistinctValues(meter)
      ? "unique_count"
      : meter.aggregation;
  if (!NO_EVENT_AMOUNTS.has(aggregation)) return;
  const counted =
    meter.window?.aggregation === "count" || meter.window?.aggregation === "unique_count"
      ? { window: meter.window.size, outer: meter.aggregation }
      : undefined;
  ctx.addIssue(
    issueOf(
      contractMessages.eventValuesNotKept(reader.model, meter.id, aggregation, {
        counted,
        ignored: countsEvents ? meter.valueProperty : undefined,
      }),
      [...path, "meter"],
    ),
  );
}
