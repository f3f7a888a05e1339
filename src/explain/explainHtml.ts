import { meterUnitWord } from "../meters/index.js";
import { escapeHtml as h } from "./escapeHtml.js";
import type { ExplainedLine, ExplainedMeter, Explanation } from "./explanation.js";
import { type Figure, readableQuantity } from "./figure.js";
import { count, groupThousands } from "./formatNumber.js";
import { PAGE_SCRIPT, PAGE_STYLE } from "./htmlStyle.js";
import { distinctLineTitles } from "./lineTitle.js";
import { periodEnds } from "./localWhen.js";
import { usageChartSvg } from "./usageChartSvg.js";
import { noDailyData, usageCounts } from "./usageSentences.js";
import { waterfallSvg } from "./waterfallSvg.js";

// Nothing may load from anywhere: the policy refuses every fetch, so the page is provably offline.
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/**
 * The explanation as one self-contained HTML page (inline CSS, script and SVG; no fonts, no network):
 * the evidence pack a specialist attaches to a chargeback response. Each line opens to its steps, the
 * contract terms that produced it and the usage behind it; a chart per meter shows the daily usage,
 * its running total, the tier bounds and the day each was crossed; a waterfall goes from the subtotal
 * to the amount due; excluded events are listed by reason with sample ids. Printed, every drill-down
 * is open. Every text from the input is escaped; the same explanation gives the same bytes. A
 * progressive or closing invoice's account of itself (`invoice.progressive`) is shown as its kind.
 */
export function renderHtml(explanation: Explanation): string {
  const { invoice } = explanation;
  const customer =
    invoice.customer.name === null
      ? invoice.customer.id
      : `${invoice.customer.name} (${invoice.customer.id})`;
  const [from, to] = periodEnds(invoice.period);
  const meterIndex = new Map(explanation.usage.meters.map((meter, index) => [meter.meter, index]));
  const titles = distinctLineTitles(explanation.lines, invoice.period.timeZone);
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="ratecard">',
    '<link rel="icon" href="data:,">',
    `<title>${h(`Invoice ${invoice.id}: evidence`)}</title>`,
    `<style>${PAGE_STYLE}</style>`,
    "</head><body><main>",
    '<header class="doc"><div>',
    '<p class="kicker">Invoice evidence</p>',
    `<h1>Invoice <span class="id">${h(invoice.id)}</span></h1>`,
    '<dl class="facts">',
    fact("Customer", h(customer)),
    fact(
      "Period",
      `${h(from ?? "")} to ${h(to ?? "")} (${h(invoice.period.timeZone)}), the end date not included`,
    ),
    fact("Currency", `${h(invoice.currency.code)}; ${h(invoice.rounding)}`),
    fact(
      "Contract",
      `<span class="id">${h(invoice.contractId)}</span> <code>${h(invoice.contractDigest)}</code>`,
    ),
    ...Object.entries(invoice.metadata).map(([key, value]) => fact(h(key), h(value))),
    fact("Invoice digest", `<code>${h(invoice.digest)}</code>`),
    ...(invoice.kind === "opening"
      ? [fact("Kind", "opening invoice: the first period's fees, billed in advance")]
      : []),
    ...(invoice.progressive === undefined ? [] : [fact("Kind", h(invoice.progressive.join(" ")))]),
    "</dl></div>",
    '<div class="totals">',
    card("Total", explanation.total),
    card("Amount due", explanation.amountDue),
    `<div class="card"><div class="label">Lines</div><div class="value">${explanation.lines.length}</div></div>`,
    `<div class="card"><div class="label">Events counted / read</div><div class="value">${groupThousands(String(explanation.usage.eventsCounted))} / ${groupThousands(String(explanation.usage.eventsRead))}</div></div>`,
    "</div></header>",
    '<section id="lines"><h2>Lines</h2>',
    '<p class="note">Open a line for its steps, the contract terms that produced it and the usage behind it. Numbers marked ≈ are rounded for reading; hover (or print) for the exact value.</p>',
    '<div class="toolbar"><button type="button" data-expand="open">Expand all</button><button type="button" data-expand="close">Collapse all</button></div>',
    ...explanation.lines.map((line, index) =>
      lineHtml(line, titles[index]!, index, explanation.usage.meters, meterIndex),
    ),
    "</section>",
    '<section id="waterfall"><h2>From the subtotal to the amount due</h2>',
    `<div class="chart">${waterfallSvg(explanation.waterfall)}</div>`,
    '<table><thead><tr><th>Step</th><th class="num">Change</th><th class="num">Running</th></tr></thead><tbody>',
    ...explanation.waterfall.map(
      (step) =>
        `<tr class="wf-${h(step.kind)}"><td>${h(step.label)}</td><td class="num">${step.kind === "subtotal" || step.kind === "total" || step.kind === "amount_due" ? "" : figure(step.amount)}</td><td class="num">${figure(step.running)}</td></tr>`,
    ),
    "</tbody></table>",
    ...(explanation.amountDueWords ?? []).map((sentence) => `<p class="amount-due-why">${h(sentence)}</p>`),
    ...(explanation.owedWords ?? []).map((sentence) => `<p class="owed">${h(sentence)}</p>`),
    "</section>",
    '<section id="usage"><h2>Usage</h2>',
    `<p>${usageCounts(explanation)}</p>`,
    ...explanation.usage.meters.map(meterHtml),
    exclusionsHtml(explanation),
    "</section>",
    ...(explanation.warnings.length === 0
      ? []
      : [
          '<section id="warnings"><h2>Warnings</h2>',
          ...explanation.warnings.map((w) => `<p class="warning">${h(w)}</p>`),
          "</section>",
        ]),
    `<footer>Explained by ratecard from invoice <span class="id">${h(invoice.id)}</span> (${h(invoice.digest)}). This page is one file: it loads nothing and works offline. Explanation format ${h(explanation.format)} v${explanation.version}.</footer>`,
    "</main>",
    `<script>${PAGE_SCRIPT}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}

function fact(term: string, definition: string): string {
  return `<dt>${term}</dt><dd>${definition}</dd>`;
}

function card(label: string, value: Figure): string {
  return `<div class="card"><div class="label">${label}</div><div class="value">${figure(value)}</div></div>`;
}

/** A number as shown, with its exact value a hover away (and printed) when the shown one is rounded. */
function figure(value: Figure): string {
  return value.display.startsWith("≈")
    ? `<span class="rounded" title="${h(`exact: ${value.exact}`)}" data-exact="${h(value.exact)}">${h(value.display)}</span>`
    : h(value.display);
}

function lineHtml(
  line: ExplainedLine,
  name: string,
  index: number,
  meters: ReadonlyArray<ExplainedMeter>,
  meterIndex: ReadonlyMap<string, number>,
): string {
  const unit = line.unit === null ? "" : ` ${h(line.unit)}`;
  const meterAt = line.usage === null ? undefined : meterIndex.get(line.usage.meter);
  const meter = meterAt === undefined ? undefined : meters[meterAt];
  return [
    `<details class="line" id="line-${index + 1}">`,
    `<summary><span class="name">${h(name)}</span><span class="num">${figure(line.quantity)}${unit}</span><span class="num">${figure(line.amount)}</span></summary>`,
    '<div class="line-body">',
    `<p class="summary-text">${h(line.text)}</p>`,
    '<table class="steps"><thead><tr><th class="num">#</th><th>Step</th><th>Explanation</th><th class="num">Amount</th></tr></thead><tbody>',
    ...line.steps.map(
      (step, at) =>
        `<tr><td class="num">${at + 1}</td><td class="kind">${h(step.kind)}</td><td>${h(step.sentence)}</td><td class="num">${step.amount === null ? "" : figure(step.amount)}</td></tr>`,
    ),
    "</tbody><tfoot>",
    `<tr><td></td><td></td><td>Line total</td><td class="num">${figure(line.amount)}</td></tr>`,
    ...line.adjustments.map(
      (adjustment) =>
        `<tr><td></td><td class="kind">${h(adjustment.kind)}</td><td>${h(adjustment.source)}</td><td class="num">${figure(adjustment.amount)}</td></tr>`,
    ),
    "</tfoot></table>",
    "<h3>Contract terms</h3>",
    `<ul class="terms">${line.terms.map((term) => `<li>${h(term)}</li>`).join("")}</ul>`,
    meter === undefined || meterAt === undefined
      ? ""
      : usageDrill(meter, meterAt, line.usage?.daysAreTheLine === true),
    '<details class="drill raw"><summary>The steps exactly as the invoice holds them</summary>',
    `<pre class="exact">${h(
      JSON.stringify(
        line.steps.map((step) => step.exact),
        null,
        1,
      ),
    )}</pre>`,
    "</details>",
    "</div></details>",
  ].join("\n");
}

// The usage behind a line: its meter's days, each with the day's quantity and the running total, when
// those days are the line's own; otherwise the meter, and a link to its chart.
function usageDrill(meter: ExplainedMeter, at: number, daysAreTheLine: boolean): string {
  const unit = meter.unit === null ? "" : ` (${h(meter.unit)})`;
  const total = h(meterUnitWord(meter.quantity.exact, meter));
  if (!daysAreTheLine)
    return `<p class="note">Usage: meter <span class="id">${h(meter.meter)}</span>, ${figure(meter.quantity)}${total} from ${count(meter.events, "event")} in all. Its days cover more than this line (other groups, a billable quantity after division or included units, or another part of the period): see <a href="#meter-${at + 1}">the meter</a>.</p>`;
  if (meter.daily === null)
    return `<p class="note">Usage: meter <span class="id">${h(meter.meter)}</span>, ${figure(meter.quantity)} from ${count(meter.events, "event")}. This invoice holds no daily data (rate it with --daily); see <a href="#meter-${at + 1}">the meter</a>.</p>`;
  return [
    '<details class="drill"><summary>',
    `Usage behind this line: meter <span class="id">${h(meter.meter)}</span>, ${figure(meter.quantity)}${total} from ${count(meter.events, "event")}, day by day`,
    "</summary>",
    `<p class="note"><a href="#meter-${at + 1}">The chart of this meter</a></p>`,
    `<table><thead><tr><th>Day</th><th class="num">That day${unit}</th><th class="num">Running total${unit}</th></tr></thead><tbody>`,
    ...meter.daily.map(
      (day) =>
        `<tr><td>${h(day.date)}</td><td class="num">${figure(day.quantity)}</td><td class="num">${figure(day.cumulative)}</td></tr>`,
    ),
    "</tbody></table></details>",
  ].join("\n");
}

function meterHtml(meter: ExplainedMeter, index: number): string {
  const total = h(meterUnitWord(meter.quantity.exact, meter));
  const head = `<h3 id="meter-${index + 1}">Meter <span class="id">${h(meter.meter)}</span>: ${figure(meter.quantity)}${total} from ${count(meter.events, "event")} (${h(meter.aggregation)})</h3>`;
  const offScale = meter.tiersNotCharted.map(
    (line) =>
      `<p class="note">Line <span class="id">${h(line)}</span>: its tiers price another quantity than this meter's daily sums (a group, a billable quantity, or part of the period), so its bounds are not drawn.</p>`,
  );
  if (meter.daily === null)
    return [head, `<p class="note no-daily">${h(noDailyData(meter.aggregation))}</p>`, ...offScale].join(
      "\n",
    );
  const title = `Meter ${meter.meter}: usage per day and running total, ${meter.daily.length} days`;
  const bounds = meter.tierBounds.map(
    (bound) =>
      `<li>Line <span class="id">${h(bound.line)}</span>: tier ${bound.tier} starts above ${h(`${readableQuantity(bound.bound)}${meterUnitWord(bound.bound, meter)}`)}; ${bound.crossedOn === null ? "not reached this period" : `crossed on ${h(bound.crossedOn)}`}.</li>`,
  );
  return [
    head,
    `<div class="chart">${usageChartSvg(meter, title)}</div>`,
    ...(bounds.length === 0 ? [] : [`<ul class="terms">${bounds.join("")}</ul>`]),
    ...offScale,
  ].join("\n");
}

function exclusionsHtml(explanation: Explanation): string {
  const { excluded } = explanation.usage;
  if (excluded.length === 0) return '<h3>Events left out</h3><p class="note">No event was left out.</p>';
  return [
    "<h3>Events left out</h3>",
    '<table class="excluded"><thead><tr><th>Reason</th><th class="num">Events</th><th>Sample ids (up to five, smallest first)</th></tr></thead><tbody>',
    ...excluded.map(
      (entry) =>
        `<tr><td>${h(entry.description)} <span class="kind">${h(entry.reason)}</span></td><td class="num">${groupThousands(String(entry.events))}</td><td>${entry.sampleIds.map((id) => `<code>${h(id)}</code>`).join(", ")}</td></tr>`,
    ),
    "</tbody></table>",
  ].join("\n");
}
