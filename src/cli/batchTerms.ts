import {
  batchDecision,
  type ContractOnAnotherCycle,
  contractInBatch,
  isRatecardError,
  type ContractOutOfTerm as OutOfTerm,
  parsePeriod,
} from "../index.js";
import type { BatchContract } from "./batchContracts.js";
import { noContractInForce, noContractOnItsCycle } from "./batchMessages.js";
import { compareIds } from "./batchRating.js";
import { UsageLineError } from "./cliSupport.js";

/**
 * Refuses a `--period` no contract can read (`2026-13`, `2026-Q2`, `April 2026`), naming the flag, before
 * any contract is read. It was left to the rating, which refused it for the first contract and so led the
 * sentence with that contract's file (`--contracts contracts/acme.json: Period "2026-13" is not
 * understood; …`), as if the contract were wrong. Whether a period's text reads does not depend on the
 * zone it is read in, so UTC stands for every contract's.
 */
export function requireBatchPeriod(period: string): void {
  try {
    parsePeriod(period, "UTC");
  } catch (error) {
    if (isRatecardError(error)) throw new UsageLineError(`--period: ${error.message}`);
    throw error;
  }
}

/**
 * A contract of `--contracts` whose term does not reach the batch's period (it ended before it, or
 * starts after it): not rated, and listed in the summary, so nothing is set aside silently. Its `term`
 * is as the contract writes it: "2025-01-01 to 2025-12-01", "from 2026-04-01".
 */
export type ContractOutOfTerm = OutOfTerm & { readonly source: string };

/**
 * A contract of `--contracts` in force but billed on another cycle (rateMany's `contractsOnAnotherCycle`
 * and its file); its events are counted once the usage is read.
 */
export type ContractOffCycle = Omit<ContractOnAnotherCycle, "events"> & { readonly source: string };

/**
 * The contracts a batch rates for `period`, one per customer, and those it sets aside, as rateMany
 * decides (contractInBatch): out of term, or billed on another cycle. A month-end
 * folder holds the contracts of customers who left and of customers who renewed (the old contract ending
 * where the new one starts): a contract whose term does not reach the period bills nothing in it (Lago:
 * a terminated contract "stops billing from that point", a pending one "never starts billing"), so it is
 * set aside rather than stopping every customer's invoice. Two contracts of one customer that both reach the period are refused, naming both:
 * with overlapping terms its events would be billed twice, and a change inside the period is one
 * contract's amendment.
 */
export function contractsInForce(
  contracts: ReadonlyArray<BatchContract>,
  period: string,
): {
  readonly inForce: ReadonlyArray<BatchContract>;
  readonly outOfTerm: ReadonlyArray<ContractOutOfTerm>;
  readonly offCycle: ReadonlyArray<ContractOffCycle>;
} {
  const inForce: BatchContract[] = [];
  const outOfTerm: ContractOutOfTerm[] = [];
  const offCycle: ContractOffCycle[] = [];
  const byCustomer = new Map<string, BatchContract>();
  const decide = batchDecision(period);
  for (const read of contracts) {
    const { contract } = read;
    const place = decide(contract);
    if (!place.rated && place.reason === "out_of_term") {
      outOfTerm.push({
        contract: contract.id,
        customer: contract.customer.id,
        term: termWords(read),
        source: read.source,
      });
      continue;
    }
    const earlier = byCustomer.get(contract.customer.id);
    if (earlier !== undefined) throw new UsageLineError(twoContractsOfOneCustomer(earlier, read, period));
    byCustomer.set(contract.customer.id, read);
    if (place.rated) inForce.push(read);
    else
      offCycle.push({
        contract: contract.id,
        customer: contract.customer.id,
        billing: { cadence: contract.cycle.cadence, alignment: contract.cycle.alignment },
        billingPeriods: place.billingPeriods,
        source: read.source,
      });
  }
  // In customer order, as the summary lists customers: the refusal named them in file order.
  const sorted = [...offCycle].sort((a, b) => compareIds(a.customer, b.customer));
  if (inForce.length === 0 && contracts.length > 0)
    throw new UsageLineError(
      sorted.length === 0
        ? noneInForce(contracts, period)
        : noContractOnItsCycle({
            period,
            contracts: contracts.length,
            offCycle: sorted,
            ...soFarOf(contracts, sorted, period),
          }),
    );
  return { inForce, outOfTerm, offCycle: sorted };
}

/**
 * When `period` is the start of one billing period shared by every contract set aside (a range such as
 * 2026-02-01/2026-02-15 over monthly contracts), that billing period and the range's end: the refusal
 * then points to `ratecard preview` for the usage so far. Only a range names its end as a date to pass
 * to --as-of; any other form (a day, a month of a quarter) gets no such hint.
 */
function soFarOf(
  contracts: ReadonlyArray<BatchContract>,
  offCycle: ReadonlyArray<ContractOffCycle>,
  period: string,
): { readonly soFar?: { readonly billingPeriod: string; readonly asOf: string } } {
  const [from, asOf] = period.split("/");
  const billingPeriod = offCycle[0]?.billingPeriods[0];
  if (asOf === undefined || billingPeriod === undefined) return {};
  const startsWith = (entry: ContractOffCycle) => {
    const zone = contracts.find((read) => read.contract.id === entry.contract)?.contract.timeZone ?? "UTC";
    const [own] = entry.billingPeriods;
    return (
      entry.billingPeriods.length === 1 &&
      own === billingPeriod &&
      parsePeriod(own, zone).start === parsePeriod(`${from}/${asOf}`, zone).start
    );
  };
  return offCycle.every(startsWith) ? { soFar: { billingPeriod, asOf } } : {};
}

// Every contract set aside: the batch would rate nothing and exit 0 with a summary of "0 invoices" that
// said why only in its last line. A period none of the contracts reaches is the command line's mistake
// (a year typed wrong at month end, most often), so it is refused as one, with the terms' span and the
// period most likely meant (docs/cli.md, "ratecard batch": why exit 2).
function noneInForce(contracts: ReadonlyArray<BatchContract>, period: string): string {
  const byStart = [...contracts].sort((a, b) => a.contract.term.start - b.contract.term.start);
  const open = contracts.find((read) => read.contract.term.end === undefined);
  const byEnd = [...contracts].sort((a, b) => (b.contract.term.end ?? 0) - (a.contract.term.end ?? 0));
  const meant = likelyPeriod(contracts, period);
  return noContractInForce({
    period,
    contracts: contracts.length,
    earliestStart: writtenStart(byStart[0] as BatchContract),
    latestEnd: open === undefined ? writtenEnd(byEnd[0] as BatchContract) : undefined,
    ...(meant === undefined ? {} : { meant }),
  });
}

// How far a period is shifted by whole years to find one the contracts are in force in: a year typed
// wrong is one or two off; ten covers a folder of older contracts without searching forever.
const YEARS_TRIED = 10;

/**
 * The period most likely meant when no contract is in force in `period`: the same dates in the nearest
 * year (one later first, then one earlier, then two…) in which a contract is in force, with how many are.
 */
function likelyPeriod(
  contracts: ReadonlyArray<BatchContract>,
  period: string,
): { readonly period: string; readonly inForce: number } | undefined {
  for (let years = 1; years <= YEARS_TRIED; years += 1) {
    for (const shift of [years, -years]) {
      const shifted = period.replace(/\b(\d{4})-/g, (_, year: string) => `${Number(year) + shift}-`);
      const inForce = contracts.filter((read) => inForceIn(read, shifted)).length;
      if (inForce > 0) return { period: shifted, inForce };
    }
  }
  return undefined;
}

// Whether the contract is in force in a period that reads (one that does not, a shifted 2027-02-29, is
// no candidate).
function inForceIn(read: BatchContract, period: string): boolean {
  try {
    parsePeriod(period, read.contract.timeZone);
  } catch {
    return false;
  }
  return reachesPeriod(read, period);
}

// Whether the term and the period (read in the contract's time zone) share an instant, as rateMany
// decides it. A period that cannot be read is left to the rating, which refuses it in its own words.
function reachesPeriod({ contract }: BatchContract, period: string): boolean {
  const place = contractInBatch(contract, period);
  return place.rated || place.reason !== "out_of_term";
}

// Two contracts of one customer in force in the period. Terms that overlap would bill the events of both
// twice; terms one after the other inside the period (a renewal or a change of plan mid-period) bill no
// event twice, but a batch rates one contract per customer and period.
function twoContractsOfOneCustomer(earlier: BatchContract, later: BatchContract, period: string): string {
  const customer = later.contract.customer.id;
  const [a, b] = [earlier.contract.term, later.contract.term];
  const apart = (a.end !== undefined && a.end <= b.start) || (b.end !== undefined && b.end <= a.start);
  if (!apart)
    return `--contracts: ${earlier.source} and ${later.source} both bill customer "${customer}"; its events would be billed twice, so keep one contract per customer`;
  return `--contracts: ${earlier.source} (term ${termWords(earlier)}) and ${later.source} (term ${termWords(later)}) both bill customer "${customer}" in ${period}, one after the other; a batch rates one contract per customer and period, so write the change inside the period as an amendment of one contract ("amendments", docs/contracts.md, step 0) and leave the other out of --contracts`;
}

// A contract's term as its JSON writes it ("2025-01-01 to 2026-01-01", "from 2026-01-01"); as instants
// when the JSON does not write it as text (a term a price book gives). A cancellation that ends it earlier
// is named too ("2025-01-01 to 2026-01-01, cancelled from 2025-12-01"), since the term as written would
// not say why the contract is out of the period.
function termWords(read: BatchContract): string {
  const { written, contract } = { written: writtenOf(read), contract: read.contract };
  const start = writtenStart(read);
  const { cancellation } = contract;
  // Parsed, term.end is already cut at a cancellation: only an end the JSON writes is the term's own.
  const ownEnd = cancellation === undefined ? contract.term.end : undefined;
  const end =
    typeof written?.term?.end === "string"
      ? written.term.end
      : ownEnd === undefined
        ? undefined
        : asText(undefined, ownEnd);
  const term = end === undefined ? `from ${start}` : `${start} to ${end}`;
  return cancellation === undefined
    ? term
    : `${term}, cancelled from ${asText(written?.cancellation?.effective, cancellation.effective)}`;
}

const writtenOf = ({ json }: BatchContract) =>
  json as { term?: { start?: unknown; end?: unknown }; cancellation?: { effective?: unknown } } | undefined;
const asText = (value: unknown, instant: number) =>
  typeof value === "string" ? value : new Date(instant).toISOString();

// A term's start, and the end that stops its billing (a cancellation's, else the term's), as written.
const writtenStart = (read: BatchContract) => asText(writtenOf(read)?.term?.start, read.contract.term.start);

function writtenEnd(read: BatchContract): string {
  const { cancellation, term } = read.contract;
  const written = writtenOf(read);
  if (cancellation !== undefined) return asText(written?.cancellation?.effective, cancellation.effective);
  return asText(written?.term?.end, term.end ?? 0);
}
