import type { BatchSummary } from "../index.js";

const grouped = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const plural = (count: number, noun: string) => `${grouped(count)} ${noun}${count === 1 ? "" : "s"}`;

/**
 * The batch summary in words, for stderr:
 * `3 invoices for 2026-02`, a line per currency (`USD 6.00 over 2 invoices`, and `, 4.00 due` when
 * credits after tax paid part), the events read and counted, the warnings, the events left out per
 * reason and the events of customers no contract bills.
 */
export function batchSummaryText(summary: BatchSummary, period: string): string {
  const lines = [`ratecard batch: ${plural(summary.invoices, "invoice")} for ${period}`];
  for (const total of summary.totals) {
    // The amount due only where credits after tax made it differ from the total.
    const due = total.amountDue === total.total ? "" : `, ${total.amountDue} due`;
    lines.push(`  ${total.currency} ${total.total} over ${plural(total.invoices, "invoice")}${due}`);
  }
  lines.push(`  events: ${grouped(summary.eventsRead)} read, ${grouped(summary.eventsCounted)} counted`);
  lines.push(`  ${plural(summary.warnings, "warning")}`);
  const excluded = summary.excluded.map(({ reason, events }) => `${reason} ${grouped(events)}`);
  lines.push(`  events left out: ${excluded.length === 0 ? "none" : excluded.join(", ")}`);
  const unknown = summary.unknownCustomers;
  lines.push(
    unknown.events === 0
      ? "  events of customers without a contract: none"
      : `  events of customers without a contract: ${grouped(unknown.events)} of ${plural(unknown.customers, "customer")} (${unknown.sampleCustomers.join(", ")}${unknown.customers > unknown.sampleCustomers.length ? ", …" : ""})`,
  );
  return `${lines.join("\n")}\n`;
}
