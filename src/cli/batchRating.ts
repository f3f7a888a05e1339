import {
  type CarriedMeterState,
  type Contract,
  type Invoice,
  isRatecardError,
  parsePriceBook,
  prepareRating,
  type RateInvoiceOptions,
  rateParsedForRating,
  resolveContract,
  type summarizeBatch,
  UsageError,
  type UsageEvent,
} from "../index.js";
import { nodeSha256 } from "./nodeSha256.js";

/**
 * One customer's share of a batch, as it crosses to a worker thread: the contract as JSON (a parsed
 * contract holds Decimal objects, which a structured clone would strip of their methods) and the
 * customer's own events, already validated (plain data).
 */
export interface BatchTask {
  /** Where the contract came from, for error messages ("contracts/acme.json", "contracts.ndjson line 3"). */
  readonly source: string;
  readonly contract: unknown;
  /**
   * The contract as the main thread parsed it, to rate with there instead of parsing it again; never
   * sent to a worker (`forWorker`): a structured clone would strip its decimals of their methods.
   */
  readonly parsed?: Contract;
  readonly events: ReadonlyArray<UsageEvent>;
  /** The contract's carried commitment spend (`--commitment-spend`), when the file gives one. */
  readonly commitmentSpend?: RateInvoiceOptions["commitmentSpendToDate"];
  /** The contract's carried meter states (`--carry`), when the file gives them. */
  readonly carried?: Readonly<Record<string, CarriedMeterState>>;
  /** The credit notes given to the contract (`--commitment-credit-note`), as read from their files. */
  readonly commitmentCreditNotes?: ReadonlyArray<unknown>;
}

/** What every task of a batch shares: the price books (as JSON), the period and the rating options. */
export interface BatchSettings {
  readonly priceBooks: ReadonlyArray<unknown>;
  readonly period: string;
  readonly creditsStartFull: boolean;
}

/** A task's outcome: the invoice as one NDJSON line, or the input error that stopped it. */
export type BatchOutcome =
  | { readonly ok: true; readonly line: string; readonly invoice: BatchInvoiceFacts }
  | {
      readonly ok: false;
      readonly source: string;
      readonly message: string;
      /** The input error's JSON path ("" for a bug): an `options.commitmentSpendToDate…` one is the spend file's. */
      readonly path: string;
      /** The usage's error, not the contract's: a meter's total too large to price (UsageError). */
      readonly usage: boolean;
      readonly internal: boolean;
    };

/** What the batch summary needs of an invoice, so the invoice itself need not cross back whole. */
type BatchInvoiceFacts = Parameters<typeof summarizeBatch>[0][number];

/**
 * Rates each task with `rateParsedForRating` over the customer's own events (docs/scale.md, "Batches"):
 * the same invoice `rateInvoice` gives for them. The same function runs in the main thread (one
 * worker) and in every worker thread, so the output cannot depend on how many there are.
 */
export function rateBatchTasks(
  tasks: ReadonlyArray<BatchTask>,
  settings: BatchSettings,
): ReadonlyArray<BatchOutcome> {
  const books = settings.priceBooks.map((book) => parsePriceBook(book));
  return tasks.map((task) => {
    try {
      const contract = task.parsed ?? resolveContract(task.contract, books, { sha256: nodeSha256 });
      const prepared = prepareRating(contract, settings.period);
      return ratedOutcome(rateParsedForRating(prepared, task.events, ratingOptions(task, settings)));
    } catch (error) {
      return failedOutcome(task.source, error);
    }
  });
}

/** A task as it crosses to a worker thread: its JSON contract, without the parsed one. */
export function forWorker({ parsed: _parsed, ...task }: BatchTask): BatchTask {
  return task;
}

/**
 * A task's rating options: credit grants started full (--credits-start-full), its carried commitment
 * spend, meter states and commitment credit notes, and node:crypto's SHA-256 to seal it (the same digest in the main thread, in every worker
 * thread and on the DuckDB engine).
 */
export function ratingOptions(
  task: Pick<BatchTask, "commitmentSpend" | "carried" | "commitmentCreditNotes">,
  settings: Pick<BatchSettings, "creditsStartFull">,
): RateInvoiceOptions {
  // The notes as read (plain JSON, which crosses to a worker whole): the rating parses each and refuses
  // one that is none, at `options.commitmentCreditNotes[i]`.
  const notes = task.commitmentCreditNotes as RateInvoiceOptions["commitmentCreditNotes"];
  return {
    ...(task.carried === undefined ? {} : { carried: task.carried }),
    ...(settings.creditsStartFull ? { creditsStartFull: true } : {}),
    ...(task.commitmentSpend === undefined ? {} : { commitmentSpendToDate: task.commitmentSpend }),
    ...(notes === undefined ? {} : { commitmentCreditNotes: notes }),
    sha256: nodeSha256,
  };
}

/** A rated invoice as the batch writes it (one NDJSON line) and the facts its summary needs. */
export function ratedOutcome(invoice: Invoice): BatchOutcome {
  const facts: BatchInvoiceFacts = {
    currency: invoice.currency,
    total: invoice.total,
    ...(invoice.amountDue === undefined ? {} : { amountDue: invoice.amountDue }),
    warnings: invoice.warnings,
    usage: {
      excluded: invoice.usage.excluded,
      eventsRead: invoice.usage.eventsRead,
      eventsCounted: invoice.usage.eventsCounted,
    },
  };
  return { ok: true, line: `${JSON.stringify(invoice)}\n`, invoice: facts };
}

/** A task that could not be rated. An input error is the contract's (or the period's) to fix; anything else is ratecard's bug. */
export function failedOutcome(source: string, error: unknown): BatchOutcome {
  const internal = !isRatecardError(error) || error.code === "invariant_violated";
  const message =
    internal && error instanceof Error ? (error.stack ?? error.message) : (error as Error).message;
  const path = !internal && isRatecardError(error) ? error.path : "";
  return { ok: false, source, message, path, internal, usage: !internal && error instanceof UsageError };
}

/** Ordinary code-unit order, as rateMany sorts customers: deterministic and locale-free. */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
