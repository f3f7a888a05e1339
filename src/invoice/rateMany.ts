import type { Contract } from "../contracts/index.js";
import { aggregatesMessages, InputError, isRecord, requireArgument } from "../errors/index.js";
import { compareText, IdSample } from "../meters/index.js";
import { Decimal } from "../money/index.js";
import { EXCLUSION_REASONS, type ExclusionReason, type UsageEvent } from "../schema/index.js";
import type { Alignment, Cadence, Period } from "../time/index.js";
import { batchDecision, termInWords } from "./contractInBatch.js";
import { requireContracts, requireEvents, requireOptions } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseEvents, type RateInvoiceOptions, sealOf } from "./rateInvoice.js";
import { prepareRating, rateParsedForRating } from "./usageAggregates.js";

/** What a batch rated, in a few numbers a billing run can be checked by. */
export interface BatchSummary {
  readonly invoices: number;
  /**
   * One total per currency (code order): amounts of different currencies are never added. `amountDue` is
   * what the invoices ask to be paid: each one's `amountDue`, or its total when no credit after tax
   * changed it (golden-rich: total 778.27, 578.27 due after its prepaid wallet).
   */
  readonly totals: ReadonlyArray<{
    readonly currency: string;
    readonly invoices: number;
    readonly total: string;
    readonly amountDue: string;
  }>;
  /**
   * The invoices' events read and counted, all together (each invoice's `usage`): with
   * `unknownCustomers.events`, every event of the source is accounted for.
   */
  readonly eventsRead: number;
  readonly eventsCounted: number;
  /** How many warnings the invoices carry, all together. */
  readonly warnings: number;
  /** Events the invoices left out, per reason, over every invoice (each invoice lists its own). */
  readonly excluded: ReadonlyArray<{ readonly reason: ExclusionReason; readonly events: number }>;
  /** Events of customers no contract bills: counted here, never silently dropped. */
  readonly unknownCustomers: {
    readonly events: number;
    readonly customers: number;
    readonly sampleCustomers: ReadonlyArray<string>;
  };
  /**
   * rateMany only, and only when there are any (additive): the contracts whose term does not reach the
   * period, not rated. Their customers' events are counted in `unknownCustomers`: no run bills them.
   */
  readonly contractsOutOfTerm?: ReadonlyArray<ContractOutOfTerm>;
  /**
   * rateMany only, and only when there are any (additive): the contracts in force whose billing periods
   * the period is not one of (docs/scale.md, "Contracts billed on another cycle"), not rated, with the
   * billing periods that meet the period and their customer's events, which the runs of those periods bill.
   */
  readonly contractsOnAnotherCycle?: ReadonlyArray<ContractOnAnotherCycle>;
}

/** A contract a batch sets aside because its term does not reach the period. */
export interface ContractOutOfTerm {
  readonly contract: string;
  readonly customer: string;
  /** "2025-01-01 to 2026-01-01", "from 2026-04-01" (the CLI writes it as the contract's JSON does). */
  readonly term: string;
}

/** A contract in force that a batch sets aside because it bills on another cycle. */
export interface ContractOnAnotherCycle {
  readonly contract: string;
  readonly customer: string;
  /** How it bills, as its contract's `billing` writes it: monthly from its term's start, quarterly… */
  readonly billing: { readonly cadence: Cadence; readonly alignment: Alignment };
  /** The billing periods (clipped to its term) that meet the period, as `--period` text in its zone. */
  readonly billingPeriods: ReadonlyArray<string>;
  /** Its customer's events in the source: set aside with it, never counted as an unknown customer's. */
  readonly events: number;
}

/** The options of {@link rateMany}. */
export interface RateManyOptions extends Pick<RateInvoiceOptions, "sha256"> {
  /**
   * Each contract's carried meter state, by contract id: the previous period's `usage.carryOut` of its
   * invoice, as `rateInvoice`'s `carried` (docs/meters.md, "Persistent meters"). A contract absent here
   * opens its persistent and weighted_sum meters from zero, and says so past its first period.
   */
  readonly carried?: Readonly<Record<string, RateInvoiceOptions["carried"]>>;
}

/** What {@link rateMany} returns: one invoice per contract, in customer-id order, and the summary. */
export interface RateManyResult {
  readonly invoices: ReadonlyArray<Invoice>;
  readonly summary: BatchSummary;
}

/**
 * Rates a customer base in one pass over a multi-customer usage source: the events are split by
 * customer, each contract's customer is aggregated from its own events and rated (docs/scale.md,
 * "Batches"). Each invoice is the one `rateInvoice` gives for that customer's events alone (its usage
 * report counts only them); events of customers no contract bills are counted in the summary. A
 * contract the period is not a billing period of (out of its term, or billed on another cycle:
 * contractInBatch) is set aside, listed in the summary, not rated (docs/scale.md, "Contracts billed on
 * another cycle").
 * @param contracts - one per customer in force (a customer id twice among the contracts that reach
 *   the period is refused)
 * @param events - usage events as sent, of any customers
 * @param period - as `rateInvoice` takes it; "2026-02" is read in each contract's zone
 * @param options - `sha256`: the host's SHA-256 that seals every invoice, as for `rateInvoice`;
 *   `carried`: each contract's carried meter state by contract id (the `usage.carryOut` of its previous
 *   invoice, as `rateInvoice`'s `carried`). A contract past its first period whose meters carry state
 *   and that has none here gets a `carried_state_missing` warning
 * @throws the errors of `rateInvoice` for a contract it rates (a carried state's at
 *   `options.carried["<contract id>"]…`); InputError `invalid_argument` for two contracts of one customer
 *   that both reach the period, or a state of a contract not given
 * @example rateMany([acme, globex], events, "2026-02").summary.totals[0].total // "1234.50"
 */
export function rateMany(
  contracts: ReadonlyArray<Contract>,
  events: Iterable<unknown>,
  period: Period | string,
  options: RateManyOptions = {},
): RateManyResult {
  requireContracts(contracts);
  requireEvents(events);
  requireOptions(options, ["sha256", "carried"]);
  const carried = carriedByContract(options.carried, contracts);
  const { rated, outOfTerm, onAnotherCycle } = sortedForBatch(contracts, period);
  const byCustomer = new Map<string, UsageEvent[]>(rated.map((contract) => [contract.customer.id, []]));
  const setAside = new Map<string, number>(onAnotherCycle.map(({ contract }) => [contract.customer.id, 0]));
  const unknown = new IdSample();
  const unknownIds = new Set<string>();
  for (const event of parseEvents(events)) {
    const list = byCustomer.get(event.customer);
    const aside = setAside.get(event.customer);
    if (list !== undefined) list.push(event);
    else if (aside !== undefined) setAside.set(event.customer, aside + 1);
    else {
      unknown.add(event.customer, 1);
      unknownIds.add(event.customer);
    }
  }
  // No rating share (ratingShare.ts): each contract is prepared and rated once here, and a share's
  // fingerprints cost more at preparation than one rating saves (docs/scale.md, "Customers on the same plan").
  const invoices = rated.map((contract) => {
    const prepared = prepareRating(contract, period);
    const own = byCustomer.get(contract.customer.id) ?? [];
    const state = carried.get(contract.id);
    if (state === undefined) return rateParsedForRating(prepared, own, sealOf(options));
    return withCarriedPath(contract.id, () =>
      rateParsedForRating(prepared, own, { ...sealOf(options), carried: state }),
    );
  });
  const summary = summarizeBatch(invoices, {
    events: unknown.count,
    customers: unknownIds.size,
    sampleCustomers: unknown.sample(),
  });
  // The contracts set aside join the summary only when there are any, so a batch of one cycle's
  // contracts gives the summary it gave before.
  const outOfTermList = outOfTerm.map((contract) => ({
    contract: contract.id,
    customer: contract.customer.id,
    term: termInWords(contract),
  }));
  const anotherCycleList = onAnotherCycle.map(({ contract, billingPeriods }) => ({
    contract: contract.id,
    customer: contract.customer.id,
    billing: { cadence: contract.cycle.cadence, alignment: contract.cycle.alignment },
    billingPeriods,
    events: setAside.get(contract.customer.id) ?? 0,
  }));
  return {
    invoices,
    summary: {
      ...summary,
      ...(outOfTermList.length === 0 ? {} : { contractsOutOfTerm: outOfTermList }),
      ...(anotherCycleList.length === 0 ? {} : { contractsOnAnotherCycle: anotherCycleList }),
    },
  };
}

/**
 * The contracts of a batch by what it does with them (contractInBatch), each list in customer-id order.
 * Two contracts of one customer that both reach the period are refused: with overlapping terms its events
 * would be billed twice, and a change inside the period is one contract's amendment. A contract out of
 * term beside its renewal is not (a month-end folder keeps both).
 */
function sortedForBatch(
  contracts: ReadonlyArray<Contract>,
  period: Period | string,
): {
  readonly rated: ReadonlyArray<Contract>;
  readonly outOfTerm: ReadonlyArray<Contract>;
  readonly onAnotherCycle: ReadonlyArray<{
    readonly contract: Contract;
    readonly billingPeriods: ReadonlyArray<string>;
  }>;
} {
  const rated: Contract[] = [];
  const outOfTerm: Contract[] = [];
  const onAnotherCycle: { contract: Contract; billingPeriods: ReadonlyArray<string> }[] = [];
  const inTerm = new Set<string>();
  const decide = batchDecision(period);
  contracts.forEach((contract, index) => {
    const place = decide(contract);
    if (!place.rated && place.reason === "out_of_term") {
      outOfTerm.push(contract);
      return;
    }
    if (inTerm.has(contract.customer.id))
      throw InputError.from(
        aggregatesMessages.batchCustomerTwice(contract.customer.id),
        `contracts[${index}]`,
      );
    inTerm.add(contract.customer.id);
    if (place.rated) rated.push(contract);
    else onAnotherCycle.push({ contract, billingPeriods: place.billingPeriods });
  });
  const byCustomer = (a: Contract, b: Contract) => compareText(a.customer.id, b.customer.id);
  return {
    rated: rated.sort(byCustomer),
    outOfTerm: outOfTerm.sort(byCustomer),
    onAnotherCycle: onAnotherCycle.sort((a, b) => byCustomer(a.contract, b.contract)),
  };
}

// The carried states by contract id, each of a contract the batch rates: a state for another would be
// unused without a word (a contract id mistyped bills its customer from zero).
function carriedByContract(
  carried: RateManyOptions["carried"],
  contracts: ReadonlyArray<Contract>,
): ReadonlyMap<string, NonNullable<RateInvoiceOptions["carried"]>> {
  if (carried === undefined) return new Map();
  const ids = contracts.map((contract) => contract.id);
  const states = new Map<string, NonNullable<RateInvoiceOptions["carried"]>>();
  for (const [id, state] of Object.entries(carried)) {
    if (!ids.includes(id))
      throw InputError.from(
        aggregatesMessages.batchCarriedForNoContract(id, ids),
        `options.carried[${JSON.stringify(id)}]`,
      );
    if (state !== undefined) states.set(id, state);
  }
  return states;
}

// A contract's carried state is at options.carried["<id>"] of rateMany's arguments, where rating one
// invoice names it options.carried: the error's path says which contract's state is wrong.
function withCarriedPath<T>(contractId: string, rate: () => T): T {
  try {
    return rate();
  } catch (error) {
    if (!(error instanceof InputError) || !error.path.startsWith("options.carried")) throw error;
    const path = `options.carried[${JSON.stringify(contractId)}]${error.path.slice("options.carried".length)}`;
    throw new InputError(error.code, path, error.message, { ...error.details });
  }
}

/**
 * The summary of invoices rated in a batch (or in several, by workers): totals per currency, warnings,
 * events left out by reason, events of unknown customers as given.
 * @throws InputError `invalid_argument` at `invoices`, `invoices[i]` or `unknownCustomers` for an argument
 *   of the wrong kind
 */
export function summarizeBatch(
  // Only what the summary reads: `ratecard batch` passes these facts back from its worker threads
  // rather than whole invoices.
  invoices: ReadonlyArray<
    Pick<Invoice, "currency" | "total" | "amountDue" | "warnings"> & {
      readonly usage: Pick<Invoice["usage"], "excluded" | "eventsRead" | "eventsCounted">;
    }
  >,
  unknownCustomers: BatchSummary["unknownCustomers"],
): BatchSummary {
  requireArgument(Array.isArray(invoices), "invoices", invoices, "invoices", "a list of the invoices rated");
  requireArgument(
    isRecord(unknownCustomers) && Array.isArray(unknownCustomers.sampleCustomers),
    "unknownCustomers",
    unknownCustomers,
    "unknown customers",
    "{ events, customers, sampleCustomers }, as rateMany counts them",
  );
  const totals = new Map<string, { invoices: number; total: Decimal; due: Decimal }>();
  const excluded = new Map<ExclusionReason, number>();
  let warnings = 0;
  let eventsRead = 0;
  let eventsCounted = 0;
  for (const [index, invoice] of invoices.entries()) {
    // One check per invoice (never per line or event): what the summary reads of it.
    requireArgument(
      isRecord(invoice) &&
        isRecord(invoice.currency) &&
        Array.isArray(invoice.warnings) &&
        Array.isArray(invoice.usage?.excluded) &&
        Number.isInteger(invoice.usage.eventsRead) &&
        Number.isInteger(invoice.usage.eventsCounted),
      `invoices[${index}]`,
      invoice,
      "invoice",
      "an invoice rated in the batch",
    );
    const code = invoice.currency.code;
    const entry = totals.get(code) ?? { invoices: 0, total: new Decimal(0), due: new Decimal(0) };
    totals.set(code, {
      invoices: entry.invoices + 1,
      total: entry.total.plus(invoice.total),
      due: entry.due.plus(invoice.amountDue ?? invoice.total),
    });
    warnings += invoice.warnings.length;
    eventsRead += invoice.usage.eventsRead;
    eventsCounted += invoice.usage.eventsCounted;
    for (const { reason, events } of invoice.usage.excluded)
      excluded.set(reason, (excluded.get(reason) ?? 0) + events);
  }
  return {
    invoices: invoices.length,
    totals: [...totals.entries()]
      .sort(([a], [b]) => compareText(a, b))
      .map(([currency, { invoices: count, total, due }]) => {
        const minorUnits = invoices.find((invoice) => invoice.currency.code === currency)!.currency
          .minorUnits;
        return {
          currency,
          invoices: count,
          total: total.toFixed(minorUnits),
          amountDue: due.toFixed(minorUnits),
        };
      }),
    eventsRead,
    eventsCounted,
    warnings,
    excluded: EXCLUSION_REASONS.flatMap((reason) => {
      const events = excluded.get(reason);
      return events === undefined ? [] : [{ reason, events }];
    }),
    unknownCustomers,
  };
}
