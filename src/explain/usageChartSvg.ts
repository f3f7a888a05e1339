import { meterUnitWord } from "../meters/index.js";
import { Decimal } from "../money/index.js";
import { escapeHtml } from "./escapeHtml.js";
import type { ExplainedMeter } from "./explanation.js";
import { readableQuantity } from "./figure.js";
import { maxOf, scale } from "./svgScale.js";

const WIDTH = 760;
const HEIGHT = 250;
const LEFT = 78;
const RIGHT = 78;
const TOP = 18;
const BOTTOM = 40;

/**
 * A meter's month as an inline SVG chart: a bar per local day (the day's quantity, right axis), the
 * running total as a line with one point per day (left axis), each tier bound a dashed line on the
 * running-total scale, and the day it was crossed marked. The numbers in the tooltips are the
 * invoice's; the drawing positions are the only thing computed here.
 */
export function usageChartSvg(meter: ExplainedMeter, title: string): string {
  const daily = meter.daily ?? [];
  const n = daily.length;
  const plotRight = WIDTH - RIGHT;
  const plotBottom = HEIGHT - BOTTOM;
  const slot = (plotRight - LEFT) / Math.max(n, 1);
  const x = (index: number) => (LEFT + slot * (index + 0.5)).toFixed(1);
  const runningMax = maxOf([
    ...daily.map((day) => day.cumulative.exact),
    ...meter.tierBounds.map((bound) => bound.bound),
  ]).times("1.08");
  const dayMax = maxOf(daily.map((day) => day.quantity.exact)).times("1.08");
  const yRunning = scale({ min: new Decimal(0), max: runningMax }, [plotBottom, TOP]);
  const yDay = scale({ min: new Decimal(0), max: dayMax }, [plotBottom, TOP]);
  const unit = meter.unit === null ? "" : ` ${meter.unit}`;
  // A quantity's own unit: "1 request", "2 requests" (a day's, a running total's, a tier bound's).
  const unitAfter = (quantity: string) => meterUnitWord(quantity, meter);
  const barWidth = Math.max(slot * 0.62, 1).toFixed(1);

  const bars = daily.map((day, index) => {
    const top = yDay(day.quantity.exact);
    const height = (plotBottom - Number(top)).toFixed(1);
    const left = (Number(x(index)) - Number(barWidth) / 2).toFixed(1);
    return `<rect class="bar" x="${left}" y="${top}" width="${barWidth}" height="${height}"><title>${escapeHtml(`${day.date}: ${day.quantity.display}${unitAfter(day.quantity.exact)} that day (exact ${day.quantity.exact})`)}</title></rect>`;
  });
  const points = daily.map((day, index) => `${x(index)},${yRunning(day.cumulative.exact)}`);
  const dots = daily.map(
    (day, index) =>
      `<circle class="point" cx="${x(index)}" cy="${yRunning(day.cumulative.exact)}" r="2.6"><title>${escapeHtml(`${day.date}: ${day.cumulative.display}${unitAfter(day.cumulative.exact)} so far (exact ${day.cumulative.exact})`)}</title></circle>`,
  );
  const bounds = meter.tierBounds.map((bound) => {
    const y = yRunning(bound.bound);
    const crossed = bound.crossedOn === null ? -1 : daily.findIndex((day) => day.date === bound.crossedOn);
    const label = `tier ${bound.tier} above ${readableQuantity(bound.bound)}${unitAfter(bound.bound)}${bound.crossedOn === null ? ", not reached" : `, crossed ${bound.crossedOn}`}`;
    const marker =
      crossed < 0
        ? ""
        : `<line class="crossing" x1="${x(crossed)}" y1="${TOP}" x2="${x(crossed)}" y2="${plotBottom}"/><circle class="crossing-dot" cx="${x(crossed)}" cy="${y}" r="4.5"/>`;
    return `<g class="tier-bound"><line class="bound" x1="${LEFT}" y1="${y}" x2="${plotRight}" y2="${y}"/>${marker}<text class="bound-label" x="${LEFT + 6}" y="${(Number(y) - 4).toFixed(1)}">${escapeHtml(label)}</text></g>`;
  });
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  const dayLabels = daily.flatMap((day, index) =>
    // Every few days, and the last day unless it would sit on top of the label before it.
    index % labelEvery === 0 || (index === n - 1 && index % labelEvery > labelEvery / 2)
      ? [
          `<text class="axis" x="${x(index)}" y="${plotBottom + 16}" text-anchor="middle">${escapeHtml(day.date.slice(5))}</text>`,
        ]
      : [],
  );
  const axes = [
    `<line class="frame" x1="${LEFT}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}"/>`,
    `<line class="frame" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${plotBottom}"/>`,
    `<line class="frame" x1="${plotRight}" y1="${TOP}" x2="${plotRight}" y2="${plotBottom}"/>`,
    `<text class="axis running-axis" x="${LEFT - 6}" y="${TOP + 4}" text-anchor="end">${escapeHtml(readableQuantity(runningMax.toDecimalPlaces(0).toFixed()))}</text>`,
    `<text class="axis running-axis" x="${LEFT - 6}" y="${plotBottom}" text-anchor="end">0</text>`,
    `<text class="axis day-axis" x="${plotRight + 6}" y="${TOP + 4}">${escapeHtml(readableQuantity(dayMax.toDecimalPlaces(0).toFixed()))}</text>`,
    `<text class="axis day-axis" x="${plotRight + 6}" y="${plotBottom}">0</text>`,
    `<text class="axis-title" x="${LEFT}" y="${HEIGHT - 6}">${escapeHtml(`running total${unit} (line, left) · per day (bars, right)`)}</text>`,
  ];
  return [
    `<svg class="usage-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${escapeHtml(title)}</title>`,
    ...axes,
    `<g class="bars">${bars.join("")}</g>`,
    ...bounds,
    `<polyline class="running" points="${points.join(" ")}"/>`,
    `<g class="points">${dots.join("")}</g>`,
    ...dayLabels,
    "</svg>",
  ].join("");
}
