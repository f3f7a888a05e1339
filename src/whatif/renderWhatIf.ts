import { escapeCell, signed } from "../compare/index.js";
import { escapeControl } from "../explain/index.js";
import type { WhatIfResult, WhatIfRow } from "./whatIf.js";

/**
 * The what-if report for a terminal (`text`) or a ticket (`markdown`): the rows, the totals per currency,
 * who is hit hardest, the quantiles and the histogram of the percent changes.
 */
export function renderWhatIf(result: WhatIfResult, format: "text" | "markdown"): string {
  const header = ["customer", "currency", "before", "after", "change", "percent", "top cause"];
  const rows = result.rows.map((row) => [
    row.customer,
    row.currency.code,
    row.before,
    row.after,
    signed(row.change),
    row.percent === undefined ? "n/a" : `${signed(row.percent)} %`,
    causeText(row),
  ]);
  const totals = result.totals.map((total) => [
    total.currency.code,
    String(total.customers),
    total.before,
    total.after,
    signed(total.change),
    total.percent === undefined ? "n/a" : `${signed(total.percent)} %`,
    `${total.increased} up, ${total.decreased} down, ${total.unchanged} unchanged`,
  ]);
  const totalsHeader = ["currency", "customers", "before", "after", "change", "percent", "customers moved"];
  const { ranking, quantiles, histogram } = result.distribution;
  const hardest = ranking.map((item, at) => [
    String(at + 1),
    item.customer,
    item.percent === undefined ? "n/a" : `${signed(item.percent)} %`,
    `${signed(item.change)} ${item.currency}`,
  ]);
  const quantileRows = quantiles.map((q) => [q.name, `${signed(q.percent)} %`, q.customer]);
  const widest = Math.max(1, ...histogram.map((bucket) => bucket.customers));
  const bars = histogram.map((bucket) => [
    bucket.label,
    String(bucket.customers),
    // A bar of at most 40 marks, scaled to the fullest bucket; a bucket with customers shows at least one.
    "#".repeat(bucket.customers === 0 ? 0 : Math.max(1, Math.round((bucket.customers * 40) / widest))),
  ]);
  // Every cell is escaped (escapeControl) before it is laid out: a customer's name is a folder's name or
  // a caller's text, and a newline or an ESC in it broke the table or coloured the terminal; the names
  // in a top cause are the contract's text. Escaped first, so a column is as wide as what it shows.
  const table = (
    head: ReadonlyArray<string>,
    cells: ReadonlyArray<ReadonlyArray<string>>,
    right: ReadonlyArray<number>,
  ) =>
    (format === "markdown" ? markdownTable : textTable)(
      head,
      cells.map((row) => row.map(escapeControl)),
      right,
    );
  const title = (text: string) => (format === "markdown" ? `### ${text}` : text);
  const warned = result.rows.filter((row) => row.warning !== undefined);
  const warnings =
    warned.length === 0
      ? []
      : [
          title("Warnings"),
          "",
          ...warned.map(
            (row) =>
              `${format === "markdown" ? "- " : ""}${escapeControl(`${row.customer}: ${row.warning}`)}`,
          ),
          "",
        ];
  return [
    title(`What-if over ${result.rows.length} customer${result.rows.length === 1 ? "" : "s"}`),
    "",
    table(header, rows, [2, 3, 4, 5]),
    "",
    ...warnings,
    title("Totals per currency (never added across currencies)"),
    "",
    table(totalsHeader, totals, [1, 2, 3, 4, 5]),
    "",
    title("Hit hardest (largest percent increase first)"),
    "",
    table(["#", "customer", "percent", "change"], hardest, [0, 2, 3]),
    "",
    title("Quantiles of the percent change (nearest rank)"),
    "",
    quantileRows.length === 0
      ? "No customer paid anything before: no percent to rank."
      : table(["quantile", "percent", "customer"], quantileRows, [1]),
    "",
    title("Histogram of the percent change"),
    "",
    table(["change", "customers", ""], bars, [1]),
    "",
  ].join("\n");
}

// "Bandwidth (North America): price +20.00": what it concerns as the invoice names it (as diff's
// sentences and the explanation do; its id when it has no name), the cause and its share of the change.
function causeText(row: WhatIfRow): string {
  const cause = row.topCause;
  if (cause === undefined) return "no change";
  const subject = cause.name ?? cause.line ?? cause.source;
  // A name is the contract's text: the table writes its line breaks escaped, so it cannot break the table.
  return `${subject === undefined ? "" : `${subject}: `}${cause.cause} ${signed(cause.amount)}`;
}

function textTable(
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  right: ReadonlyArray<number>,
): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, column) =>
        right.includes(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

function markdownTable(
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  right: ReadonlyArray<number>,
): string {
  const line = (cells: ReadonlyArray<string>) => `| ${cells.map(escapeCell).join(" | ")} |`;
  const rule = `|${header.map((_, column) => (right.includes(column) ? "---:" : "---")).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
