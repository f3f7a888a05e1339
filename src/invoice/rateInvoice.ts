import type { Contract } from "../contracts/index.js";
import { aggregateUsage, aggregateUsageAsync, type CarriedMeterState } from "../meters/index.js";
import { meterRequests } from "../rating/index.js";
import { type CreditNote, parseUsageEvent, type Sha256, type UsageEvent } from "../schema/index.js";
import { type Period, periodOf } from "../time/index.js";
import { buildInvoice } from "./buildInvoice.js";
import { spansOf } from "./chargeRuns.js";
import type { PeriodInForce, PeriodUsage } from "./draft.js";
import {
  RATING_OPTIONS,
  requireContract,
  requireEventSource,
  requireEvents,
  requireOptions,
  requirePeriod,
} from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import { type ServicePeriod, servicePeriodOf } from "./resolveServicePeriod.js";
import type { CommitmentSpendToDate } from "./stages/cumulativeCommitment.js";
import { allCharges, piecesOf } from "./termsAt.js";

/** Options of a rating call. */
export interface RateInvoiceOptions {
  /**
   * What the previous period carried out (its invoice's `usage.carryOut`): running totals of
   * persistent meters, the closing level of weighted_sum meters, the active values of persistent
   * unique counts. Absent (or a meter left out): that meter starts from zero, and when the contract
   * started before the period the invoice warns for it (`carried_state_missing`, docs/meters.md).
   */
  readonly carried?: Readonly<Record<string, CarriedMeterState>>;
  /** Add each sum and count meter's quantity per local day to the usage report (for charts). */
  readonly daily?: boolean;
  /**
   * Each credit grant's balance before this invoice (the previous invoice's `credits[].balanceAfter`).
   * Every id must name a grant of the contract. A grant that started before the invoice's period and
   * is not listed is an error, unless {@link creditsStartFull} is set.
   */
  readonly creditBalances?: Readonly<Record<string, string>>;
  /**
   * Every grant without a carried balance starts from its full amount, even one that started before
   * this invoice's period (an account whose earlier invoices were rated elsewhere, a deliberate reset).
   * Default false: such a grant without a balance is refused (`missing_credit_balance`).
   */
  readonly creditsStartFull?: boolean;
  /**
   * Each cumulative commitment's spend on the earlier invoices of its period (the previous invoice's
   * `commitments[].cumulative.spendAfter`), by commitment id. Needed on every invoice of the period but
   * the first (`missing_commitment_spend`); an id that is not a cumulative commitment is refused
   * (docs/commitment-periods.md).
   */
  readonly commitmentSpendToDate?: CommitmentSpendToDate;
  /**
   * The credit notes issued against earlier invoices of a cumulative commitment's period (as
   * `parseCreditNote` reads them). A note that took units off one of the commitment's charges takes what
   * it credited off the carried spend, once: the invoice records the notes its spend to date reflects
   * (`commitments[].cumulative.creditNotesTaken`), and a note given again with that record carried is
   * not taken again. A note of an amount stays out of the spend (docs/commitment-periods.md).
   */
  readonly commitmentCreditNotes?: ReadonlyArray<CreditNote>;
  /**
   * The SHA-256 the invoice's `digest` is computed with ({@link Sha256}): on Node, `(bytes) =>
   * createHash("sha256").update(bytes).digest()` from `node:crypto`, several times faster than the
   * pure-JavaScript default (`@noble/hashes`). The invoice is byte-identical either way; a function that
   * is not SHA-256 is refused (`invalid_argument` at `options.sha256`), never written into an invoice.
   */
  readonly sha256?: Sha256;
}

/**
 * Rates one invoice: aggregates the usage, prices each charge, rounds each line once, and sums.
 *
 * @param contract - a contract from `parseContract`
 * @param events - usage events as sent (`{ id, type, customer, timestamp, properties }`), any iterable
 * @param period - `"2026-02"`, `"2026-02-01/2026-03-01"` (local dates in the contract's zone) or a
 *   {@link Period}; it must lie inside one billing period
 * @returns the invoice: deterministic JSON-ready data, amounts as strings
 * @throws UsageError for a malformed event (path `[index].field`); InputError `invalid_period` for a
 *   missing or bad period, `unparsed_contract` for contract JSON not passed through `parseContract`,
 *   `invalid_argument` for events that are not iterable or malformed options, `unknown_credit_grant` and
 *   `missing_credit_balance` for credit balances that do not fit the contract, `unknown_commitment` and
 *   `missing_commitment_spend` for carried commitment spend that does not fit it
 * @example
 * const invoice = rateInvoice(parseContract(json), events, "2026-02");
 * invoice.total // "7663.78" for the cdn-basic fixture
 */
export function rateInvoice(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  options: RateInvoiceOptions = {},
): Invoice {
  requireEvents(events);
  return rateParsedInvoice(contract, parseEvents(events), period, options);
}

/** {@link rateInvoice} for events that are already validated (e.g. by `parseUsageEvent`). */
export function rateParsedInvoice(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  options: RateInvoiceOptions = {},
): Invoice {
  return rateParsedRestoring(contract, events, period, options, {});
}

/**
 * {@link rateParsedInvoice} with each grant opened higher by what the credit notes of the period's
 * earlier progressive invoices gave back to it (`restored`, by grant id): the closing invoice's rating.
 */
export function rateParsedRestoring(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  options: RateInvoiceOptions,
  restored: Readonly<Record<string, string>>,
): Invoice {
  requireArguments(contract, period, options);
  requireEvents(events);
  const inForce = periodInForce(contract, period);
  return buildInvoice(contract, inForce, aggregatePeriod(events, contract, inForce, options), {
    credits: creditsOf(options, restored),
    ...commitmentSpendOf(options),
    ...sealOf(options),
  });
}

/**
 * {@link rateParsedInvoice} for streamed events: an async iterable, or a function yielding the events
 * afresh each call (a file read twice), which keeps memory to about 4 bytes per event.
 */
export async function rateInvoiceAsync(
  contract: Contract,
  events:
    | Iterable<UsageEvent>
    | AsyncIterable<UsageEvent>
    | (() => Iterable<UsageEvent> | AsyncIterable<UsageEvent>),
  period: Period | string,
  options: RateInvoiceOptions = {},
): Promise<Invoice> {
  requireArguments(contract, period, options);
  requireEventSource(events);
  // An array (any synchronous iterable) is read now, during the call: read a tick at a time, a caller
  // reusing its array before the promise settles would change what is billed.
  if (typeof events !== "function" && Symbol.iterator in events)
    return rateParsedInvoice(contract, events, period, options);
  const inForce = periodInForce(contract, period);
  const carriedIn = { credits: creditsOf(options), ...commitmentSpendOf(options), ...sealOf(options) };
  if (inForce.pieces.length > 1) {
    // Amendments split the period: each piece is aggregated from the events again, so read them once
    // into memory (streaming keeps its 4 bytes an event only for periods no amendment splits).
    const all: UsageEvent[] = [];
    for await (const event of typeof events === "function" ? events() : events) all.push(event);
    return buildInvoice(contract, inForce, aggregatePeriod(all, contract, inForce, options), carriedIn);
  }
  const whole = await aggregateUsageAsync(events, aggregationOptions(contract, inForce, options));
  return buildInvoice(contract, inForce, { whole }, carriedIn);
}

/**
 * The opening invoice, issued when the term starts: the fees billed in advance (`"billed":
 * "in_advance"`) for the term's first billing period, prorated when that period is partial and free
 * while a trial lasts. Later fees in advance come on the invoice that closes each period (Stripe, Lago).
 * Commitments are not measured on it: they close with the period's own invoice.
 * @example rateOpeningInvoice(contract).lines[0].period // the first billing period
 */
export function rateOpeningInvoice(
  contract: Contract,
  options: Pick<RateInvoiceOptions, "creditBalances" | "creditsStartFull" | "sha256"> = {},
): Invoice {
  requireContract(contract);
  requireOptions(options);
  const inForce = periodInForce(contract, periodOf(contract.cycle, contract.term.start));
  const whole = aggregateUsage([], aggregationOptions(contract, inForce, {}));
  return buildInvoice(
    contract,
    inForce,
    { whole },
    { kind: "opening", credits: creditsOf(options), ...sealOf(options) },
  );
}

// Step 0: the service period, and the pieces amendments and overrides cut it into (decided once).
export function periodInForce(contract: Contract, period: Period | string): PeriodInForce {
  const resolved = servicePeriodOf(contract, period);
  const pieces = piecesOf(contract, resolved.service);
  return { ...resolved, pieces, spans: spansOf(contract, pieces) };
}

/**
 * The usage of the whole period and, when amendments split it, of each piece, in time order, each
 * opening with the state the previous piece closed with (the first with the invoice's carried state):
 * a weighted_sum level or a running total flows across an amendment date as it flows across a period
 * boundary, so the pieces' time-weighted quantities add up to the whole period's. A preview passes
 * `asOf`: events from then on are excluded (`after_as_of`).
 */
export function aggregatePeriod(
  events: Iterable<UsageEvent>,
  contract: Contract,
  inForce: PeriodInForce,
  options: RateInvoiceOptions,
  asOf?: number,
  windowsSoFar = false,
): PeriodUsage {
  // A progressive invoice prices the windows so far (windowsUntil); a preview prices every window.
  const cut = asOf === undefined ? {} : windowsSoFar ? { asOf, windowsUntil: asOf } : { asOf };
  if (inForce.pieces.length === 1)
    return { whole: aggregateUsage(events, { ...aggregationOptions(contract, inForce, options), ...cut }) };
  // The pieces read the same events again: keep them (an array as given).
  const all: ReadonlyArray<UsageEvent> = Array.isArray(events) ? events : [...events];
  const whole = aggregateUsage(all, { ...aggregationOptions(contract, inForce, options), ...cut });
  let carried = options.carried;
  const carriedAt: Array<RateInvoiceOptions["carried"]> = [];
  const pieces = inForce.pieces.map((piece) => {
    carriedAt.push(carried);
    const result = aggregateUsage(all, {
      ...aggregationOptions(contract, inForce, { ...options, ...(carried ? { carried } : {}) }),
      period: piece,
      ...cut,
    });
    carried = result.carryOut;
    return result;
  });
  if (inForce.spans.length === 0) return { whole, pieces };
  // A span opens with the state its first piece opened with.
  const spans = inForce.spans.map((span) => {
    const opening = carriedAt[inForce.pieces.findIndex((piece) => piece.start === span.start)];
    return aggregateUsage(all, {
      ...aggregationOptions(contract, inForce, { ...options, ...(opening ? { carried: opening } : {}) }),
      period: span,
      ...cut,
    });
  });
  return { whole, pieces, spans };
}

// Checked before anything is read, so a wrong call fails with a sentence, not a TypeError inside.
export function requireArguments(
  contract: unknown,
  period: unknown,
  options: unknown,
  known: ReadonlyArray<string> = RATING_OPTIONS,
): void {
  requireContract(contract);
  requirePeriod(period);
  requireOptions(options, known);
}

/**
 * The grants' opening as {@link buildInvoice} takes it; `restored`, what credit notes of the period's
 * earlier progressive invoices gave back to each grant, raises it (rateProgressiveInvoice).
 */
export function creditsOf(
  options: Pick<RateInvoiceOptions, "creditBalances" | "creditsStartFull">,
  restored: Readonly<Record<string, string>> = {},
) {
  return {
    ...(options.creditBalances ? { balances: options.creditBalances } : {}),
    ...(options.creditsStartFull ? { startFull: true } : {}),
    ...(Object.keys(restored).length > 0 ? { restored } : {}),
  };
}

/** The carried spend of cumulative commitments, as {@link buildInvoice} takes it. */
export function commitmentSpendOf(
  options: Pick<RateInvoiceOptions, "commitmentSpendToDate" | "commitmentCreditNotes">,
) {
  return {
    ...(options.commitmentSpendToDate ? { commitmentSpend: options.commitmentSpendToDate } : {}),
    ...(options.commitmentCreditNotes ? { commitmentNotes: options.commitmentCreditNotes } : {}),
  };
}

/** The host's SHA-256, as {@link buildInvoice} takes it, when the options name one. */
export function sealOf(options: Pick<RateInvoiceOptions, "sha256">): { readonly sha256?: Sha256 } {
  return options.sha256 ? { sha256: options.sha256 } : {};
}

/** What the meters' pass aggregates for a contract's service period (rating and usage evidence alike). */
export function aggregationOptions(
  contract: Contract,
  resolved: ServicePeriod,
  options: Pick<RateInvoiceOptions, "carried" | "daily">,
) {
  return {
    meters: contract.meters,
    customer: contract.customer.id,
    period: resolved.service,
    billingPeriod: resolved.billingPeriod,
    timeZone: contract.timeZone,
    requests: meterRequests(allCharges(contract)),
    ...(options.carried ? { carried: options.carried } : {}),
    ...(options.daily ? { daily: true } : {}),
  };
}

/** Validates each event as it is read; a malformed one fails with its index in the path. */
export function* parseEvents(events: Iterable<unknown>): Generator<UsageEvent> {
  let index = 0;
  for (const raw of events) {
    yield parseUsageEvent(raw, index);
    index += 1;
  }
}
