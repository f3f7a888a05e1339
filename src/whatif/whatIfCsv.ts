import type { WhatIfResult } from "./whatIf.js";

const COLUMNS = [
  "customer",
  "currency",
  "before",
  "after",
  "change",
  "percent",
  "top_cause",
  "top_cause_line",
  "top_cause_amount",
  "top_cause_sentence",
  "warning",
] as const;

/**
 * The what-if rows as CSV (RFC 4180: comma-separated, CRLF line ends, a cell quoted when it holds a
 * comma, a quote or a line break): one row per customer, amounts as plain decimals in the customer's
 * currency, `percent` empty when the customer paid 0 before. Totals are not rows of this file (they
 * would mix with the customers when summed in a spreadsheet); they are in the JSON and the text report.
 */
export function whatIfCsv(result: WhatIfResult): string {
  const rows = result.rows.map((row) => [
    row.customer,
    row.currency.code,
    row.before,
    row.after,
    row.change,
    row.percent ?? "",
    row.topCause?.cause ?? "",
    row.topCause?.line ?? row.topCause?.source ?? "",
    row.topCause?.amount ?? "",
    row.topCause?.sentence ?? "",
    row.warning ?? "",
  ]);
  return [COLUMNS, ...rows].map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
