import type { Invoice, ProjectionMethod } from "../invoice/index.js";
import { formatQuantity } from "./formatNumber.js";
import { localWhen, periodEnds } from "./localWhen.js";
import { lineMoney, settledMoney } from "./settledMoney.js";

const METHOD_WORDS: Readonly<Record<ProjectionMethod, string>> = {
  linear: "linear",
  held: "held as measured",
  not_metered: "not metered",
};

/** The sentence under a preview's header: when it was cut and how much of the period had passed. */
export function previewHeader(invoice: Invoice): string[] {
  const { preview } = invoice;
  if (preview === undefined) return [];
  return [
    `Preview as of ${asOfWords(preview.asOf, invoice.period.timeZone)}: ${formatQuantity(preview.elapsedSeconds)} of the period's ${formatQuantity(preview.periodSeconds)} seconds had passed. This is the invoice so far, not an invoice to issue.`,
  ];
}

// The cut-off as the period reads, in the contract's zone, then the instant stored: "2026-02-14 19:00
// (America/New_York; 2026-02-15T00:00:00.000Z)". The stored instant alone read as a UTC time of a period
// dated in New York.
function asOfWords(asOf: string, timeZone: string): string {
  return `${localWhen(asOf, timeZone)} (${timeZone}; ${asOf})`;
}

/**
 * The projection of a preview, apart from the lines and totals so far and labelled "projected, not
 * billed" on every amount, so a reader never takes it for money owed. Reads only the invoice.
 */
export function previewProjection(invoice: Invoice): string[] {
  const { preview } = invoice;
  if (preview === undefined) return [];
  const { projection } = preview;
  // A line's figures and the subtotal read in the line decimals, as the lines above them do ("Line total
  // $0.150", so "$0.150 so far", not "$0.15"); the projected total and amount due in the currency's
  // decimals when lines are finer (rounding.lineDecimals), as the total does: ¥32,401, not ¥32,401.00.
  const settled = settledMoney(invoice);
  const money = lineMoney(invoice);
  const names = new Map(invoice.lines.map((line) => [line.id, line.name]));
  return [
    "",
    `Projection to ${periodEnds(invoice.period)[1]} (projected, not billed), linear in elapsed time: each sum or count meter continues at its rate so far; peaks, levels, distinct counts and per-event values are held as measured; fees are whole already.`,
    ...projection.lines.map(
      (line) =>
        `- ${names.get(line.line) ?? line.line} (${line.line}): ${money(line.soFar)} so far, ${money(line.projected)} projected for ${formatQuantity(line.quantity)} (${METHOD_WORDS[line.method]}).`,
    ),
    `Projected subtotal ${money(projection.subtotal)}, projected total ${settled(projection.total)}${projection.amountDue === undefined ? "" : `, projected amount due ${settled(projection.amountDue)}`} (projected, not billed).`,
  ];
}
