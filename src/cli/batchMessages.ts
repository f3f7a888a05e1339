import type { BadEvent } from "./badEvents.js";

// The sentences of `ratecard batch` about what it rated and why: part of the command's catalogue
// (src/cli/messages.ts), kept apart as quote's are (quoteMessages.ts), so that one stays under 400 lines.

/**
 * The sentence `--bad-events stop` (the default) stops the batch with: the reader's, then what
 * `--bad-events hold` would do with this event instead. The reader's sentence alone left the operator
 * to find the flag in the help. The hint is exact for the event, since hold does not help with every
 * one: an event of a billed customer holds that invoice alone, one of a customer no contract bills holds
 * none, and one that names no customer holds every invoice (docs/cli.md, "Bad events at month end").
 */
export function badEventStopsBatch(bad: BadEvent, billed: ReadonlySet<string>): string {
  const customer = bad.customer;
  const hold =
    customer === undefined
      ? "--bad-events hold would set it aside too, but an event that names no customer holds every invoice (any may be missing it): fix the line and run the batch again"
      : billed.has(customer)
        ? `--bad-events hold would set it aside, hold the invoice of customer ${JSON.stringify(customer)} and issue every other one (exit 4; --quarantine FILE lists the bad events)`
        : `--bad-events hold would set it aside and issue every invoice, since no contract of the batch bills customer ${JSON.stringify(customer)} (exit 4; --quarantine FILE lists the bad events)`;
  return `${bad.message} The batch stopped there, nothing issued (--bad-events stop, the default); ${hold}.`;
}

/**
 * A batch whose `--period` no contract of `--contracts` is in force in: refused (exit 2), with the span
 * of the terms it read (the earliest start; the latest end, or none when a term has no end) and the
 * period most likely meant, the same dates in the nearest year some contract is in force in.
 */
export function noContractInForce(facts: {
  readonly period: string;
  readonly contracts: number;
  readonly earliestStart: string;
  /** Undefined when a term has no end. */
  readonly latestEnd: string | undefined;
  readonly meant?: { readonly period: string; readonly inForce: number };
}): string {
  const { period, contracts, earliestStart, latestEnd, meant } = facts;
  const one = contracts === 1;
  const none = one
    ? "the contract of --contracts is not"
    : `none of the ${contracts} contracts of --contracts is`;
  const end = latestEnd === undefined ? "with no end" : `to ${latestEnd}`;
  const span = one
    ? `Its term runs from ${earliestStart} ${end}.`
    : `Their terms run from ${earliestStart} (the earliest start) ${end} (${latestEnd === undefined ? "a term without one" : "the latest end"}).`;
  const hint =
    meant === undefined
      ? `Give a period inside ${one ? "its term" : "the terms"}.`
      : `Did you mean --period ${meant.period}${one ? "" : ` (${meant.inForce === contracts ? "all" : `${meant.inForce} of the`} ${contracts} in force)`}?`;
  return `--period ${period}: ${none} in force in ${period}, so the batch would rate nothing. ${span} ${hint} No usage was read and nothing was written.`;
}
