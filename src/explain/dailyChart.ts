import { Decimal } from "../money/index.js";
import { formatQuantity } from "./formatNumber.js";

const BARS = "▁▂▃▄▅▆▇█";

/**
 * A one-line chart of a meter's daily quantities: a bar per day, scaled from 0 to the largest day,
 * with the busiest day named. Computed from the invoice's numbers only, so it never disagrees with them.
 */
export function dailyChart(
  daily: ReadonlyArray<{ readonly date: string; readonly quantity: string }>,
): string {
  const values = daily.map((day) => new Decimal(day.quantity));
  const peak = values.reduce((max, value) => (value.greaterThan(max) ? value : max), new Decimal(0));
  const bars = values
    .map((value) => {
      if (peak.isZero() || value.isZero() || value.isNegative()) return " ";
      const index = value
        .div(peak)
        .times(BARS.length - 1)
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
        .toNumber();
      return BARS[index] ?? BARS[BARS.length - 1];
    })
    .join("");
  const busiest = daily[values.findIndex((value) => value.equals(peak))];
  return `${bars}  (peak ${formatQuantity(peak.toFixed())}${busiest && !peak.isZero() ? ` on ${busiest.date}` : ""})`;
}
