import { type BatchSummary, escapeControl } from "../index.js";
import type { BadEventsSummary } from "./batchHold.js";
import { billedOnAnotherCycle } from "./batchMessages.js";
import type { ContractOutOfTerm } from "./batchTerms.js";

const groupedDigits = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const grouped = (value: number) => groupedDigits(String(value));
const plural = (count: number, noun: string) => `${grouped(count)} ${noun}${count === 1 ? "" : "s"}`;
// An amount's text (`-13301.64`) with its whole part grouped as the counts are (`-13,301.64`), digit by
// digit: a total is exact decimal text, never read back as a float.
const groupedAmount = (text: string) =>
  text.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + groupedDigits(whole));

/**
 * The batch summary in words, for stderr:
 * `3 invoices for 2026-02`, a line per currency (`USD 6.00 over 2 invoices`, and `, 4.00 due` when
 * credits after tax paid part), the events read and counted, the warnings, the events left out per
 * reason and the events of customers no contract bills. Under --bad-events hold, with invoices held,
 * the events read are every one of the billed customers' (`badEvents.allEventsRead`), and how many of
 * them are the held customers' (read, not counted: no invoice of theirs was rated), not only the issued
 * invoices' (`eventsRead`), which read "0 read" when every invoice was held. Then the contracts set
 * aside: out of term, and billed on another cycle, each of those on a line of its own with its events
 * and the periods that rate it.
 */
export function batchSummaryText(
  summary: BatchSummary,
  period: string,
  badEvents?: Pick<BadEventsSummary, "invoicesHeld" | "allEventsRead" | "eventsOfHeldCustomers">,
  outOfTerm: ReadonlyArray<ContractOutOfTerm> = [],
  billed: ReadonlyArray<string> = [],
  onAnotherCycle: ReadonlyArray<Parameters<typeof billedOnAnotherCycle>[0]> = [],
): string {
  const lines = [`ratecard batch: ${plural(summary.invoices, "invoice")} for ${period}`];
  for (const total of summary.totals) {
    // The amount due only where credits after tax made it differ from the total.
    const due = total.amountDue === total.total ? "" : `, ${groupedAmount(total.amountDue)} due`;
    lines.push(
      `  ${total.currency} ${groupedAmount(total.total)} over ${plural(total.invoices, "invoice")}${due}`,
    );
  }
  lines.push(
    badEvents === undefined || badEvents.invoicesHeld === 0
      ? `  events: ${grouped(summary.eventsRead)} read, ${grouped(summary.eventsCounted)} counted`
      : `  events: ${grouped(badEvents.allEventsRead)} read, ${grouped(summary.eventsCounted)} counted, ${grouped(badEvents.eventsOfHeldCustomers)} of held customers (not rated until their invoices are issued)`,
  );
  lines.push(`  ${plural(summary.warnings, "warning")}`);
  const excluded = summary.excluded.map(({ reason, events }) => `${reason} ${grouped(events)}`);
  lines.push(`  events left out: ${excluded.length === 0 ? "none" : excluded.join(", ")}`);
  const unknown = summary.unknownCustomers;
  // A customer whose contract was set aside for its term has a contract, not one in force: said so,
  // lest the specialist look for a contract missing from the folder.
  const setAside = new Set(outOfTerm.map((entry) => entry.customer));
  const without = `without a contract${setAside.size === 0 ? "" : ` in force in ${period}`}`;
  const billedByFold = new Map(billed.map((id) => [folded(id), id]));
  const sample = unknown.sampleCustomers.map((id) =>
    setAside.has(id) ? `${id}: not in force` : unknownCustomerWords(id, billedByFold),
  );
  lines.push(
    unknown.events === 0
      ? `  events of customers ${without}: none`
      : `  events of customers ${without}: ${grouped(unknown.events)} of ${plural(unknown.customers, "customer")} (${sample.join(", ")}${unknown.customers > unknown.sampleCustomers.length ? ", …" : ""})`,
  );
  // Set aside, never silently: a customer who left, or the contract a renewal replaced.
  if (outOfTerm.length > 0)
    lines.push(`  contracts not in force in ${period}, not rated: ${outOfTermWords(outOfTerm)}`);
  if (onAnotherCycle.length > 0) lines.push(...anotherCycleLines(onAnotherCycle, period));
  return `${lines.join("\n")}\n`;
}

// The first few contracts set aside, as the customers without a contract are sampled: a folder that
// keeps years of customers who left wrote them all on this one line, 157,936 characters for 3,000
// contracts (a --period a year off, which sets aside every contract, is refused since: batchTerms.ts).
// The JSON summary lists every one.
const OUT_OF_TERM_NAMED = 5;

function outOfTermWords(outOfTerm: ReadonlyArray<ContractOutOfTerm>): string {
  const named = outOfTerm
    .slice(0, OUT_OF_TERM_NAMED)
    .map((entry) => `${entry.contract} (${entry.customer}, term ${entry.term})`)
    .join(", ");
  const more = outOfTerm.length - OUT_OF_TERM_NAMED;
  return more <= 0
    ? named
    : `${named} and ${grouped(more)} more (${grouped(outOfTerm.length)} in all; --summary FILE lists every one under contractsOutOfTerm)`;
}

// The contracts billed on another cycle, a line each, as many as the contracts out of term are named;
// their events are theirs, never counted as a customer's without a contract.
function anotherCycleLines(
  onAnotherCycle: ReadonlyArray<Parameters<typeof billedOnAnotherCycle>[0]>,
  period: string,
): ReadonlyArray<string> {
  const events = onAnotherCycle.reduce((sum, entry) => sum + (entry.events ?? 0), 0);
  const more = onAnotherCycle.length - OUT_OF_TERM_NAMED;
  return [
    `  contracts billed on another cycle, not rated (${plural(events, "event")} set aside with them): ${plural(onAnotherCycle.length, "contract")}`,
    ...onAnotherCycle
      .slice(0, OUT_OF_TERM_NAMED)
      .map((entry) => `    ${billedOnAnotherCycle(entry, period)}`),
    ...(more > 0
      ? [`    and ${grouped(more)} more (--summary FILE lists every one under contractsOnAnotherCycle)`]
      : []),
  ];
}

// A customer id of the usage that a billed customer's is but for spaces or capitals (a CSV exported with
// padded cells: "cus_a ", " cus_a", "CUS_A") was printed as read, unquoted, so the line read "(cus_a ,
// CUS_A)" beside cus_a's own invoice, which those events were missing from. Quoted, with the customer it
// was likely meant for; any other id with a space at either end or a control character, or empty, is
// quoted too (the control characters then shown escaped, reportLines).
const folded = (id: string) => id.trim().toLowerCase();

function unknownCustomerWords(id: string, billedByFold: ReadonlyMap<string, string>): string {
  const near = billedByFold.get(folded(id));
  if (near !== undefined) return `${JSON.stringify(id)}: differs from ${near} (billed) by spaces or capitals`;
  // An id holding a character escapeControl shows escaped (a control, a bidirectional mark) is quoted.
  return id !== "" && id.trim() === id && escapeControl(id) === id ? id : JSON.stringify(id);
}
