import type { BadEventsSummary } from "./batchHold.js";

// Held customers and sentences shown per customer on stderr; the JSON summary and --quarantine have more.
const CUSTOMERS_SHOWN = 10;
const SENTENCES_SHOWN = 3;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

/**
 * The lines `ratecard batch --bad-events hold` adds to the summary on stderr: the bad events set aside
 * per reason, the invoices held and why (each held customer with the sentences of its first bad
 * events), the bad events that name no customer, those of customers without a contract, and where the
 * quarantine file is.
 */
export function badEventsText(summary: BadEventsSummary, quarantine: string | undefined): string {
  if (summary.events === 0) return "  bad events: none\n";
  const reasons = summary.reasons.map(({ reason, events }) => `${reason} ${events}`).join(", ");
  const lines = [`  bad events: ${summary.events} set aside (${reasons})`];
  const without = summary.withoutCustomer;
  lines.push(
    summary.everyInvoiceHeld
      ? `  invoices held: all ${summary.invoicesHeld}: ${plural(without.events, "bad event")} name${without.events === 1 ? "s" : ""} no customer, so no invoice is known to be complete`
      : `  invoices held: ${summary.invoicesHeld}`,
  );
  for (const { at, message } of without.first) lines.push(`    no customer, ${at}: ${message}`);
  if (without.events > without.first.length)
    lines.push(`    … ${without.events - without.first.length} more without a customer`);
  for (const held of summary.held.slice(0, CUSTOMERS_SHOWN)) {
    lines.push(`    ${held.customer} (${plural(held.events, "bad event")}):`);
    for (const { message } of held.first.slice(0, SENTENCES_SHOWN)) lines.push(`      ${message}`);
  }
  if (summary.held.length > CUSTOMERS_SHOWN)
    lines.push(`    … ${summary.held.length - CUSTOMERS_SHOWN} more customers held`);
  const unbilled = summary.withoutContract;
  if (unbilled.events > 0)
    lines.push(
      `  bad events of customers without a contract: ${unbilled.events} of ${plural(unbilled.customers, "customer")} (nothing to hold)`,
    );
  lines.push(
    quarantine === undefined
      ? "  every bad event, line by line: rerun with --quarantine FILE"
      : `  every bad event, line by line: ${quarantine}`,
  );
  return `${lines.join("\n")}\n`;
}
