import { meterUnitWord } from "../meters/index.js";
import { dailyChart } from "./dailyChart.js";
import type { ExplainedLine, ExplainedMeter, Explanation } from "./explanation.js";
import { type Figure, readableQuantity } from "./figure.js";
import { count, groupThousands } from "./formatNumber.js";
import { distinctLineTitles } from "./lineTitle.js";
import { periodEnds } from "./localWhen.js";
import { markdownText as md } from "./markdownText.js";
import { noDailyData, usageCounts } from "./usageSentences.js";

/**
 * The explanation as Markdown a specialist pastes into a ticket: the lines, the way from the subtotal
 * to the amount due, each line's steps as a table with the terms that produced it, and the usage
 * (daily chart, tier crossings, excluded events with sample ids). Numbers are rounded for reading
 * where marked "≈"; the exact values follow each line ("Exact: …"). Input text is escaped. A
 * progressive or closing invoice says what it is in a paragraph under the header (`invoice.progressive`).
 */
export function renderMarkdown(explanation: Explanation): string {
  const { invoice } = explanation;
  const customer =
    invoice.customer.name === null
      ? md(invoice.customer.id)
      : `${md(invoice.customer.name)} (${md(invoice.customer.id)})`;
  const [from, to] = periodEnds(invoice.period);
  const titles = distinctLineTitles(explanation.lines, invoice.period.timeZone);
  const out: string[] = [
    `# Invoice ${md(invoice.id)}`,
    "",
    `- **Customer:** ${customer}`,
    `- **Period:** ${from} to ${to} (${md(invoice.period.timeZone)}), the end date not included`,
    `- **Currency:** ${md(invoice.currency.code)}; ${invoice.rounding}`,
    ...Object.entries(invoice.metadata).map(([key, value]) => `- **${md(key)}:** ${md(value)}`),
    `- **Contract:** ${md(invoice.contractId)} (${invoice.contractDigest})`,
    ...(invoice.kind === "opening"
      ? ["- **Kind:** opening invoice: the first period's fees, billed in advance when the term starts"]
      : []),
    "",
    ...(invoice.progressive === undefined ? [] : [md(invoice.progressive.join(" ")), ""]),
    "## Lines",
    "",
    "| Line | Quantity | Amount |",
    "|---|---:|---:|",
    ...explanation.lines.map(
      (line, at) => `| ${md(titles[at]!)} | ${quantity(line)} | ${line.amount.display} |`,
    ),
    "",
    "## From the subtotal to the amount due",
    "",
    "| Step | Change | Running |",
    "|---|---:|---:|",
    ...explanation.waterfall.map((step) =>
      step.kind === "subtotal" || step.kind === "total" || step.kind === "amount_due"
        ? `| **${md(step.label)}** | | **${step.running.display}** |`
        : `| ${md(step.label)} | ${step.amount.display} | ${step.running.display} |`,
    ),
    "",
    ...(explanation.amountDueWords ?? []).flatMap((sentence) => [md(sentence), ""]),
    ...(explanation.owedWords ?? []).flatMap((sentence) => [md(sentence), ""]),
    "## Line by line",
    "",
    ...explanation.lines.flatMap((line, at) => lineSection(line, titles[at]!)),
    "## Usage",
    "",
    usageCounts(explanation),
    "",
    ...explanation.usage.meters.flatMap(meterSection),
    ...exclusions(explanation),
    ...(explanation.warnings.length === 0
      ? []
      : ["## Warnings", "", ...explanation.warnings.map((w) => `- ${md(w)}`), ""]),
  ];
  return `${out.join("\n").trimEnd()}\n`;
}

function quantity(line: ExplainedLine): string {
  return `${line.quantity.display}${line.unit === null ? "" : ` ${md(line.unit)}`}`;
}

function lineSection(line: ExplainedLine, title: string): string[] {
  const rounded = [
    exactNote("quantity", line.quantity),
    ...line.steps.flatMap((step, index) =>
      step.amount === null ? [] : [exactNote(`step ${index + 1}`, step.amount)],
    ),
  ].filter((note) => note !== undefined);
  return [
    `### ${md(title)}: ${line.amount.display}`,
    "",
    md(line.text),
    "",
    "| # | Step | Explanation | Amount |",
    "|---:|---|---|---:|",
    ...line.steps.map(
      (step, index) =>
        `| ${index + 1} | ${step.kind} | ${md(step.sentence)} | ${step.amount?.display ?? ""} |`,
    ),
    `| | | **Line total** | **${line.amount.display}** |`,
    ...line.adjustments.map(
      (adjustment) => `| | ${adjustment.kind} | ${md(adjustment.source)} | ${adjustment.amount.display} |`,
    ),
    "",
    "Terms:",
    "",
    ...line.terms.map((term) => `- ${md(term)}`),
    "",
    ...(rounded.length === 0 ? [] : [`Exact: ${rounded.join("; ")}.`, ""]),
  ];
}

// "quantity `1234.56789…`" for a figure shown rounded; undefined when the display is already exact.
function exactNote(what: string, figure: Figure): string | undefined {
  return figure.display.startsWith("≈") ? `${what} \`${figure.exact}\`` : undefined;
}

function meterSection(meter: ExplainedMeter): string[] {
  const total = md(meterUnitWord(meter.quantity.exact, meter));
  const head = `### Meter ${md(meter.meter)}: ${meter.quantity.display}${total} from ${count(meter.events, "event")} (${md(meter.aggregation)})`;
  if (meter.daily === null) return [head, "", md(noDailyData(meter.aggregation)), ""];
  const chart = dailyChart(meter.daily.map((day) => ({ date: day.date, quantity: day.quantity.exact })));
  return [
    head,
    "",
    `Daily: \`${chart}\``,
    "",
    ...meter.tierBounds.map(
      (bound) =>
        `- ${md(bound.line)}: tier ${bound.tier} starts above ${readableQuantity(bound.bound)}${md(meterUnitWord(bound.bound, meter))}; ${bound.crossedOn === null ? "not reached this period" : `crossed on ${bound.crossedOn}`}.`,
    ),
    ...meter.tiersNotCharted.map(
      (line) =>
        `- ${md(line)}: its tiers price another quantity than this meter's daily sums (a group, a billable quantity or part of the period), so no crossing day is given.`,
    ),
    ...(meter.tierBounds.length + meter.tiersNotCharted.length === 0 ? [] : [""]),
  ];
}

function exclusions(explanation: Explanation): string[] {
  const { excluded } = explanation.usage;
  if (excluded.length === 0) return ["No event was left out.", ""];
  return [
    "### Events left out",
    "",
    "| Reason | Events | Sample ids |",
    "|---|---:|---|",
    ...excluded.map(
      (entry) =>
        `| ${entry.description} (\`${entry.reason}\`) | ${groupThousands(String(entry.events))} | ${entry.sampleIds.map(md).join(", ")} |`,
    ),
    "",
  ];
}
