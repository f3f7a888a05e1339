import type {
  AggregateUsageResult,
  GroupedQuantities,
  GroupQuantity,
  MeterQuantity,
} from "../meters/index.js";
import { type Decimal, roundTo, ZERO } from "../money/index.js";
import type { MeterTerms } from "../schema/index.js";
import type { Period } from "../time/index.js";
import type { PeriodInForce, PeriodUsage } from "./draft.js";

/** The decimals a projected quantity is rounded to (half-even) before it is priced. */
const PROJECTED_DECIMALS = 6;

/**
 * Whether a meter's quantity grows in proportion to time, so that a linear projection means something:
 * a plain sum or count. A peak, a level, a distinct count, a percentile, a running total, a windowed or
 * per-entity quantity, and per-event values (percentage prices) are held as they stand.
 */
export function projectsLinearly(meter: MeterTerms, measured: { readonly values?: unknown }): boolean {
  return (
    (meter.aggregation === "sum" || meter.aggregation === "count") &&
    meter.persistent !== true &&
    meter.window === undefined &&
    meter.entity === undefined &&
    measured.values === undefined
  );
}

/**
 * The usage of a period projected from `asOf` to its end, linear in elapsed time: each linear quantity
 * continues at the rate it had over the whole period so far (so far ÷ elapsed seconds). A piece of the
 * period (cut by an amendment) keeps what it measured and adds that rate times its own time still to
 * come, so a piece that has ended is unchanged, one that has not begun gets rate × its length, and the
 * pieces still add up to the whole: whole so far × (total ÷ elapsed). Each projected quantity is
 * rounded to six decimals, half-even.
 */
export function projectUsage(usage: PeriodUsage, inForce: PeriodInForce, asOf: number): PeriodUsage {
  const { service } = inForce;
  const elapsed = asOf - service.start;
  // Milliseconds as exact decimals: the rate is so far × to come ÷ elapsed, one division, at the end.
  const project = (result: AggregateUsageResult, period: Period) =>
    projectResult(result, usage.whole, (wholeSoFar) =>
      wholeSoFar.times(Math.max(0, period.end - Math.max(asOf, period.start))).div(elapsed),
    );
  const whole = project(usage.whole, service);
  if (usage.pieces === undefined) return { whole };
  const pieces = usage.pieces.map((piece, at) => project(piece, inForce.pieces[at]!));
  // A stretch of several pieces (chargeRuns.ts) is projected as a piece is, over its own time.
  if (usage.spans === undefined) return { whole, pieces };
  return { whole, pieces, spans: usage.spans.map((span, at) => project(span, inForce.spans[at]!)) };
}

// `toCome` is what the whole period's rate so far adds over the time still to come in this result's period.
function projectResult(
  result: AggregateUsageResult,
  whole: AggregateUsageResult,
  toCome: (wholeSoFar: Decimal) => Decimal,
): AggregateUsageResult {
  // A projection is an estimate: its quantities are kept to six decimals (half-even) before they are
  // priced, so they read as quantities (61,397.995556 GB, not forty digits of a repeating fraction).
  const extra = (soFar: Decimal, wholeSoFar: Decimal) =>
    roundTo(soFar.plus(toCome(wholeSoFar)), PROJECTED_DECIMALS, "half_even");
  const meters = result.meters.map((measured, at): MeterQuantity => {
    if (!projectsLinearly(measured.meter, measured)) return measured;
    return { ...measured, quantity: extra(measured.quantity, whole.meters[at]!.quantity) };
  });
  const linear = new Set(meters.filter((m) => projectsLinearly(m.meter, m)).map((m) => m.meter.id));
  const groups = result.groups.map((grouped, at): GroupedQuantities => {
    if (!linear.has(grouped.meter)) return grouped;
    return projectGroups(grouped, whole.groups[at]!, extra);
  });
  return { ...result, meters, groups };
}

// A piece that has not begun has no groups yet: the whole period's groups, in their order, give them.
function projectGroups(
  grouped: GroupedQuantities,
  wholeGrouped: GroupedQuantities,
  extra: (soFar: Decimal, wholeSoFar: Decimal) => Decimal,
): GroupedQuantities {
  const key = (entry: GroupQuantity) => JSON.stringify(grouped.dimensions.map((name) => entry.group[name]));
  const own = new Map(grouped.groups.map((entry) => [key(entry), entry]));
  const groups = wholeGrouped.groups.map((wholeEntry): GroupQuantity => {
    const entry = own.get(key(wholeEntry));
    const soFar = entry?.quantity ?? ZERO;
    return {
      ...(entry ?? { group: wholeEntry.group, events: 0 }),
      quantity: extra(soFar, wholeEntry.quantity),
    };
  });
  return { ...grouped, groups };
}
