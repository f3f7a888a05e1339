import type { Contract } from "../contracts/index.js";
import { InputError, periodMessages } from "../errors/index.js";
import { Decimal, safeParseDecimal, toFixedString } from "../money/index.js";
import type { UsageEvent } from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";
import { buildInvoice } from "./buildInvoice.js";
import { requireEvents } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import {
  aggregatePeriod,
  commitmentSpendOf,
  creditsOf,
  parseEvents,
  periodInForce,
  type RateInvoiceOptions,
  requireArguments,
  sealOf,
} from "./rateInvoice.js";
import { rateClosingParsedInvoice, rateProgressiveParsedInvoice } from "./rateProgressiveInvoice.js";

/** Options of {@link billProgressively}. */
export interface BillProgressivelyOptions extends RateInvoiceOptions {
  /** The spend (the usage so far's subtotal, before discounts and tax) at each multiple of which an invoice is issued. */
  readonly threshold: string;
  /** Also issue the closing invoice of the period, after the progressive ones. */
  readonly close?: boolean;
}

/**
 * The progressive invoices of a period billed by spend threshold (docs/progressive-billing.md): in time
 * order, the first instant at which the period's spend so far (the subtotal of the usage charges rated
 * on the usage so far, before discounts and tax, as Lago measures lifetime usage) reaches the next
 * multiple of `threshold` issues a progressive invoice as of the next whole second after that event;
 * the next target is the multiple above the spend then reached (one big event crossing two multiples
 * issues one invoice). With `close`, the closing invoice follows. The search bisects the events' instants, so it
 * finds the first crossing when spend only grows with usage (it always does but under a volume tier or
 * a non-cumulative meter, where it finds a crossing).
 *
 * @param contract - a contract from `parseContract`
 * @param events - every usage event of the period (read into memory once)
 * @param period - the period, as for {@link rateInvoice}
 * @param options - `threshold` (an amount above zero), `close`, and the options of {@link rateInvoice}
 * @returns the progressive invoices in order (sequence 1, 2, …), then the closing invoice with `close`
 * @throws InputError `invalid_argument` (path `options.threshold`) for a threshold not above zero;
 *   every error of {@link rateProgressiveInvoice} and {@link rateClosingInvoice}
 * @example
 * // 0.10 per GB, threshold 50.00: 300 GB on the 5th (30.00), 300 GB on the 12th (60.00 so far)
 * billProgressively(contract, events, "2026-03", { threshold: "50" }).map((i) => i.progressive?.asOf)
 * // ["2026-03-12T…:01Z"]: one invoice, as of the second after the event that crossed 50.00
 */
export function billProgressively(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  options: BillProgressivelyOptions,
): Invoice[] {
  requireEvents(events);
  return billParsedProgressively(contract, parseEvents(events), period, options);
}

/** {@link billProgressively} for events that are already validated (e.g. by `parseUsageEvent`). */
export function billParsedProgressively(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  options: BillProgressivelyOptions,
): Invoice[] {
  const { threshold: thresholdText, close = false, ...rating } = options;
  requireArguments(contract, period, rating);
  requireEvents(events);
  const threshold = positiveThreshold(thresholdText);
  const all = [...events];
  const inForce = periodInForce(contract, period);
  const { start, end } = inForce.service;
  // Each candidate cut is the whole second after an event's instant: the events of that second count.
  // Whole milliseconds of 1970 or later, so the remainder is the milliseconds into the second.
  const cuts = [
    ...new Set(
      all
        .map((event) => event.timestamp - (event.timestamp % 1000) + 1000)
        .filter((cut) => cut > start && cut < end),
    ),
  ].sort((a, b) => a - b);
  const spendAt = (cut: number) =>
    new Decimal(
      buildInvoice(contract, inForce, aggregatePeriod(all, contract, inForce, rating, cut, true), {
        kind: "progressive",
        credits: creditsOf(rating),
        ...commitmentSpendOf(rating),
        ...sealOf(rating),
      }).subtotal,
    );
  const minor = contract.currency.minorUnits;
  const issued: Invoice[] = [];
  let target = threshold;
  let from = 0;
  for (;;) {
    const at = firstReaching(cuts, from, (cut) => spendAt(cut).greaterThanOrEqualTo(target));
    if (at === undefined) break;
    const spend = spendAt(cuts[at]!);
    issued.push(
      rateProgressiveParsedInvoice(contract, all, period, formatInstant(cuts[at]!), {
        ...rating,
        earlier: issued,
        trigger: {
          kind: "spend_threshold",
          threshold: toFixedString(threshold, minor),
          spend: toFixedString(spend, minor),
        },
      }),
    );
    target = spend.dividedToIntegerBy(threshold).plus(1).times(threshold);
    from = at + 1;
  }
  if (!close) return issued;
  return [...issued, rateClosingParsedInvoice(contract, all, period, { ...rating, earlier: issued })];
}

// The first index from `from` whose cut reaches the target, by bisection (undefined when the last does not).
function firstReaching(
  cuts: ReadonlyArray<number>,
  from: number,
  reaches: (cut: number) => boolean,
): number | undefined {
  if (from >= cuts.length || !reaches(cuts[cuts.length - 1]!)) return undefined;
  let low = from;
  let high = cuts.length - 1;
  while (low < high) {
    // Indexes into the list of cuts: halved as whole numbers.
    const middle = (low + high) >>> 1;
    if (reaches(cuts[middle]!)) high = middle;
    else low = middle + 1;
  }
  return low;
}

function positiveThreshold(text: unknown): Decimal {
  const parsed = safeParseDecimal(text);
  if (!parsed.success || !parsed.data.greaterThan(0))
    throw InputError.from(periodMessages.thresholdNotPositive(String(text)), "options.threshold");
  return parsed.data;
}
