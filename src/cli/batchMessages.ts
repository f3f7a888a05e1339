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

/** What the sentences about a contract billed on another cycle read of it. */
interface OffCycle {
  readonly contract: string;
  readonly customer: string;
  readonly billing: { readonly cadence: string; readonly alignment: string };
  readonly billingPeriods: ReadonlyArray<string>;
  /** Its customer's events in the usage; unknown before the usage is read. */
  readonly events?: number;
}

// A daily contract in a monthly batch meets 28 to 31 billing periods: past this many the sentence names
// the first and the last, and the JSON summary lists them all.
const PERIODS_NAMED = 3;

/**
 * A contract the batch set aside because `period` is not one of its billing periods, and the runs that
 * bill it: `ctr_b (cus_b, 6 events) is billed monthly from its term's start:
 * 2026-01-15/2026-02-15 and 2026-02-15/2026-03-15 meet 2026-02; rate them with --period
 * 2026-01-15/2026-02-15 and --period 2026-02-15/2026-03-15, each with its own usage`; `ctr_c (cus_c) is
 * billed quarterly: 2026-02 covers part of its billing period 2026-Q1; rate it with --period 2026-Q1`.
 */
export function billedOnAnotherCycle(entry: OffCycle, period: string): string {
  const { contract, customer, billing, billingPeriods: periods, events } = entry;
  const counted = events === undefined ? "" : `, ${events} event${events === 1 ? "" : "s"}`;
  const how = `${billing.cadence}${billing.alignment === "anniversary" ? " from its term's start" : ""}`;
  const one = periods.length === 1;
  // One billing period met and the contract not rated: the period is a part of it (half a month, a
  // quarter's February), said so, where "2026-02 meets 2026-02-01/2026-02-15" read like a puzzle.
  const met = one
    ? `${period} covers part of its billing period ${periods[0]}`
    : periods.length <= PERIODS_NAMED
      ? `${inWords(periods)} meet ${period}`
      : `${periods.length} billing periods, ${periods[0]} to ${periods.at(-1)}, meet ${period}`;
  const rate =
    periods.length <= PERIODS_NAMED
      ? `rate ${one ? "it" : "them"} with ${inWords(periods.map((p) => `--period ${p}`))}${one ? "" : ", each with its own usage"}`
      : "rate each with its own --period (--summary FILE lists them under contractsOnAnotherCycle)";
  return `${contract} (${customer}${counted}) is billed ${how}: ${met}; ${rate}`;
}

// "a", "a and b", "a, b and c".
const inWords = (items: ReadonlyArray<string>) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;

// How many contracts billed on another cycle the refusal below names; the others are counted.
const OFF_CYCLE_NAMED = 3;

/**
 * A batch whose `--period` is a billing period of none of the contracts in force (the monthly close run
 * over a folder of quarterly contracts only): refused (exit 2), as a period no contract is in force in is
 * (noContractInForce), naming the contracts and the periods that would rate them.
 */
export function noContractOnItsCycle(facts: {
  readonly period: string;
  readonly contracts: number;
  readonly offCycle: ReadonlyArray<OffCycle>;
  /** Set when `period` starts where the one billing period of every contract set aside starts, as text. */
  readonly soFar?: { readonly billingPeriod: string; readonly asOf: string };
}): string {
  const { period, contracts, offCycle, soFar } = facts;
  const named = offCycle.slice(0, OFF_CYCLE_NAMED).map((entry) => billedOnAnotherCycle(entry, period));
  const more = offCycle.length - named.length;
  const outOfTerm = contracts - offCycle.length;
  const others = [
    ...(more > 0 ? [`${more} more billed on another cycle`] : []),
    ...(outOfTerm > 0 ? [`${outOfTerm} not in force in ${period}`] : []),
  ];
  const of =
    contracts === 1 ? "the contract of --contracts" : `any of the ${contracts} contracts of --contracts`;
  const also = others.length === 0 ? "" : ` (and ${others.join(", ")})`;
  const part = offCycle.every((entry) => entry.billingPeriods.length === 1);
  const why = part
    ? "a batch rates a contract's whole billing period, cut only by its own term, never a part of it"
    : "an invoice for it would bill part of a billing period, or straddle two";
  return `--period ${period}: ${period} is not a billing period of ${of}, so the batch would rate nothing (${why}). ${named.join(". ")}${also}.${soFar === undefined ? "" : ` ${soFarHint(soFar)}`} No usage was read and nothing was written.`;
}

// Half a month asked of a batch of monthly contracts: most likely the usage so far of the open month
// (a mid-month check), which preview shows without billing it, or a customer leaving mid-month, which
// the contract's own end bills in the month's run.
function soFarHint({
  billingPeriod,
  asOf,
}: {
  readonly billingPeriod: string;
  readonly asOf: string;
}): string {
  return `For the invoice so far of ${billingPeriod}, not billed, run ratecard preview --contract FILE --period ${billingPeriod} --as-of ${asOf}, a contract at a time; for a customer whose contract ends on ${asOf}, write that end (term.end or cancellation) in its contract and the run of --period ${billingPeriod} bills it to then, prorated.`;
}
