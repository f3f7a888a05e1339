import { escapeHtml } from "./escapeHtml.js";
import { maxOf, minOf, scale } from "./svgScale.js";
import type { WaterfallStep } from "./waterfall.js";

const WIDTH = 760;
const ROW = 30;
const LABEL = 250;
const VALUE = 130;

const LEVELS: ReadonlySet<WaterfallStep["kind"]> = new Set(["subtotal", "total", "amount_due"]);

/**
 * The waterfall as an inline SVG: one row per step, the levels (subtotal, total, amount due) as bars
 * from zero, each change as a bar from the running amount before it to the one after, reductions
 * and additions in their own colours. Positions only are computed; the amounts are the invoice's.
 */
export function waterfallSvg(steps: ReadonlyArray<WaterfallStep>): string {
  const values = steps.flatMap((step) => [step.running.exact, step.amount.exact]);
  const x = scale({ min: minOf(values), max: maxOf(values) }, [LABEL + 8, WIDTH - VALUE - 8]);
  const height = steps.length * ROW + 10;
  let before = "0";
  const rows = steps.map((step, index) => {
    const y = index * ROW + 5;
    const isLevel = LEVELS.has(step.kind);
    const from = isLevel ? "0" : before;
    const to = step.running.exact;
    before = to;
    const [left, right] = [x(from), x(to)].map(Number).sort((a, b) => a - b) as [number, number];
    const kind = isLevel ? "level" : step.amount.exact.startsWith("-") ? "down" : "up";
    const shown = isLevel ? step.running.display : step.amount.display;
    return [
      `<g class="wf-row wf-${kind}">`,
      `<text class="wf-label" x="${LABEL}" y="${y + 19}" text-anchor="end">${escapeHtml(step.label)}</text>`,
      `<rect x="${left.toFixed(1)}" y="${y + 5}" width="${Math.max(right - left, 1.5).toFixed(1)}" height="${ROW - 10}" rx="2"><title>${escapeHtml(`${step.label}: ${shown} (exact ${isLevel ? step.running.exact : step.amount.exact})`)}</title></rect>`,
      `<text class="wf-value" x="${WIDTH - 4}" y="${y + 19}" text-anchor="end">${escapeHtml(shown)}</text>`,
      "</g>",
    ].join("");
  });
  return `<svg class="waterfall" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="From the subtotal to the amount due" xmlns="http://www.w3.org/2000/svg"><title>From the subtotal to the amount due</title>${rows.join("")}</svg>`;
}
