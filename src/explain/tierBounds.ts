import type { Invoice, InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";

/** A tier bound of a line, on its meter's cumulative usage, and the local day usage went past it. */
export interface TierBound {
  readonly line: string;
  /** The tier that starts above this bound (tier 2 starts above tier 1's `upTo`). */
  readonly tier: number;
  /** The quantity the tier starts above. */
  readonly bound: string;
  /** The first day whose cumulative usage is above the bound; null when usage stayed at or below it. */
  readonly crossedOn: string | null;
}

type MeterReport = Invoice["usage"]["meters"][number];

/**
 * The tier bounds the chart of `meter` draws: for each line priced on that meter's whole quantity,
 * every bound between the tiers it reached and the bound of the next tier it did not reach. Tier
 * `upTo` is inclusive (docs/pricing.md), so a tier is crossed on the first day the running total is
 * strictly above its bound. A line whose tiers price another quantity than the meter's daily sums (a
 * group, a billable quantity after division or included units, a part of a split period) is left out:
 * its bounds are not on the chart's scale, and {@link tierBoundsOffScale} names it.
 */
export function tierBoundsOf(
  meter: MeterReport,
  lines: ReadonlyArray<InvoiceLine>,
  period: Invoice["period"],
): TierBound[] {
  const daily = meter.daily ?? [];
  const bounds: TierBound[] = [];
  for (const line of lines.filter((candidate) => onMeterScale(candidate, meter, period))) {
    for (const step of line.steps) {
      if (step.kind !== "tier") continue;
      const edges = [
        ...(new Decimal(step.from).isZero() ? [] : [{ tier: step.tier, bound: step.from }]),
        ...(step.upTo === null || new Decimal(step.upTo).lessThan(line.quantity)
          ? []
          : [{ tier: step.tier + 1, bound: step.upTo }]),
      ];
      for (const edge of edges) {
        if (bounds.some((known) => known.line === line.id && known.bound === edge.bound)) continue;
        bounds.push({ line: line.id, ...edge, crossedOn: crossingDay(daily, edge.bound) });
      }
    }
  }
  return bounds;
}

/** The ids of the tiered lines on `meter` whose tiers are not on its chart's scale, and so not drawn. */
export function tierBoundsOffScale(
  meter: MeterReport,
  lines: ReadonlyArray<InvoiceLine>,
  period: Invoice["period"],
): string[] {
  return lines
    .filter((line) => meterOf(line) === meter.meter && line.steps.some((step) => step.kind === "tier"))
    .filter((line) => !onMeterScale(line, meter, period))
    .map((line) => line.id);
}

/** The meter a line's usage step names, if it has one. */
export function meterOf(line: InvoiceLine): string | undefined {
  const usage = line.steps.find((step) => step.kind === "usage");
  return usage?.kind === "usage" ? usage.meter : undefined;
}

/** True when the line prices its meter's whole quantity over the whole period, unchanged: its meter's days are its own. */
export function onMeterScale(line: InvoiceLine, meter: MeterReport, period: Invoice["period"]): boolean {
  if (meterOf(line) !== meter.meter || line.group !== undefined) return false;
  if (line.period.start !== period.start || line.period.end !== period.end) return false;
  return new Decimal(line.quantity).equals(meter.quantity);
}

function crossingDay(
  daily: ReadonlyArray<{ readonly date: string; readonly quantity: string }>,
  bound: string,
): string | null {
  let running = new Decimal(0);
  for (const day of daily) {
    running = running.plus(day.quantity);
    if (running.greaterThan(bound)) return day.date;
  }
  return null;
}
