import {
  type BatchSummary,
  type Contract,
  type PreparedRating,
  prepareRating,
  rateFromAggregates,
  type UsageTimestamps,
  usageInstantSql,
} from "../index.js";
import {
  type BatchOutcome,
  type BatchTask,
  compareIds,
  failedOutcome,
  ratedOutcome,
  ratingOptions,
} from "./batchRating.js";
import type { Unbilled } from "./batchSplit.js";
import { UsageLineError } from "./cliSupport.js";
import { duckdbFormat } from "./duckdbFormat.js";
import { eventsPerCustomer, sharedQueries } from "./duckdbSharedQueries.js";
import { aggregatesOverSource, type DuckdbUsage, openDuckdbUsage } from "./duckdbUsage.js";
import { refusalInFileOrder } from "./refusalInFileOrder.js";

/** A contract of a DuckDB batch: where it came from, the contract, its carried commitment spend and meter states. */
export interface DuckdbBatchTask
  extends Pick<BatchTask, "commitmentSpend" | "carried" | "commitmentCreditNotes"> {
  readonly source: string;
  readonly contract: Contract;
}

/** The table the usage file is read into, once. */
const TABLE = "batch_usage";

/**
 * `ratecard batch --engine duckdb`: DuckDB reads the usage file once into a table ordered by customer;
 * the contracts whose meters and period compile to the same SQL (a plan's customers) are aggregated by
 * one query over their customers' rows, each row naming its customer (`compileUsageSql`'s `perCustomer`;
 * docs/sql-engines.md, "`ratecard batch` and `ratecard usage` on DuckDB"), and ratecard rates each
 * customer's aggregates. A query per contract cost some 30 ms of planning, whatever its rows (2,000
 * contracts: 77 s of CPU); a plan's query is planned once. A contract alone on its plan, and those of a
 * plan whose query fails, are aggregated by a query of their own over their customer's rows (answered
 * from the table's zone maps), so an error stays the contract's own. Either way each invoice is the one
 * the in-memory batch gives: a customer's aggregates count exactly its own events, as a worker does.
 * `deliver` receives each outcome in task order. Returns the events of customers no contract bills.
 * `held` (`--bad-events hold`, after ratecard's reader screened the file) are the customers whose
 * invoices are held: their rows, bad ones among them, are not checked (their contracts are not among
 * the tasks), and the file is not searched again for the lines that reader refuses.
 * @throws UsageLineError for an event without an id, type, customer or readable timestamp (the batch
 *   refuses the file, as the in-memory reader does), or a file DuckDB cannot read
 */
export async function rateBatchWithDuckdb(
  usageFile: {
    readonly file: string;
    readonly format: string | undefined;
    readonly timestamps: UsageTimestamps;
  },
  tasks: ReadonlyArray<DuckdbBatchTask>,
  settings: { readonly period: string; readonly creditsStartFull: boolean },
  deliver: (outcomes: ReadonlyArray<BatchOutcome>) => Promise<void>,
  held?: ReadonlySet<string>,
  setAside: ReadonlyArray<string> = [],
): Promise<Unbilled> {
  const { file, format, timestamps } = usageFile;
  const usage = await openDuckdbUsage(file, format, timestamps, held !== undefined);
  try {
    await usage.rows(`CREATE TABLE ${TABLE} AS SELECT * FROM ${usage.source.from} ORDER BY customer`);
    // Under --bad-events hold ratecard's reader has set every bad event aside already (held customers'
    // and those of customers no contract bills): only the rows this batch rates are checked again.
    const rated = held === undefined ? undefined : new Set(tasks.map((task) => task.contract.customer.id));
    await refuseMalformed(usage, file, format, rated);
    const prepared = tasks.map((task) => preparedOrError(task, settings.period));
    const perCustomer = await eventsPerCustomer(usage, TABLE);
    const shared = await sharedQueries(usage, TABLE, prepared, perCustomer);
    // A contract its plan's query did not aggregate: a query of its own over its customer's rows.
    const alone = (ready: PreparedRating) => {
      const from = `(SELECT * FROM ${TABLE} WHERE customer = ${sqlText(ready.contract.customer.id)})`;
      return aggregatesOverSource({ ...usage, source: { ...usage.source, from } }, ready);
    };
    for (const [index, task] of tasks.entries()) {
      let outcome: BatchOutcome;
      try {
        const ready = prepared[index] as PreparedRating | Error;
        if (ready instanceof Error) throw ready;
        const aggregates = (await shared.aggregatesOf(index)) ?? (await alone(ready));
        outcome = ratedOutcome(rateFromAggregates(ready, aggregates, ratingOptions(task, settings)));
      } catch (error) {
        // DuckDB failing to read the file is the file's fault, not this contract's.
        if (error instanceof UsageLineError) throw error;
        outcome = failedOutcome(task.source, error);
      }
      await deliver([outcome]);
    }
    const aside = new Map(setAside.map((id) => [id, perCustomer.get(id) ?? 0]));
    const billed = new Set([...tasks.map((task) => task.contract.customer.id), ...setAside]);
    return { unknown: unknownCustomers(perCustomer, billed), setAside: aside };
  } finally {
    usage.close();
  }
}

// A contract prepared for the period, or the error that stops it (its own outcome, in its turn).
function preparedOrError(task: DuckdbBatchTask, period: string): PreparedRating | Error {
  try {
    return prepareRating(task.contract, period);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

// The in-memory reader refuses the whole file for one event without an id, type, customer or readable
// timestamp, whoever's it is; so does this, before any invoice is written (a contract's own query
// would only see its customer's rows). The instant is the one the compiled query reads through the
// file's mapping (usageInstantSql): ISO 8601 text, a count since 1970 (--timestamps) or a Parquet column
// of a timestamp type, NULL where the in-memory reader refuses it. Given `rated`, only those customers'
// rows are checked (under --bad-events hold, where ratecard's reader set the bad events aside already).
async function refuseMalformed(
  usage: DuckdbUsage,
  file: string,
  format: string | undefined,
  rated: ReadonlySet<string> | undefined,
): Promise<void> {
  const text = (column: string) => `CAST("${column}" AS VARCHAR)`;
  const missing = ["id", "type", "customer"].map((c) => `${text(c)} IS NULL OR ${text(c)} = ''`).join(" OR ");
  const noInstant = `${usageInstantSql({ ...usage.source, from: TABLE }, "duckdb")} IS NULL`;
  const others =
    rated === undefined
      ? "TRUE"
      : rated.size === 0
        ? "FALSE"
        : `${text("customer")} IN (${[...rated].map(sqlText).join(", ")})`;
  const [found] = (await usage.rows(
    `SELECT COUNT(*) AS n, MIN(${text("id")}) AS first FROM ${TABLE} WHERE ${others} AND (${missing} OR ${noInstant})`,
  )) as { n: number | bigint; first: string | null }[];
  const count = Number(found?.n ?? 0);
  if (count === 0) return;
  // The first such event in file order, in the in-memory reader's sentence (MIN(id) is the smallest id).
  const refusal = await refusalInFileOrder(file, duckdbFormat(file, format), usage);
  if (refusal !== undefined) throw refusal;
  throw new UsageLineError(
    `${file}: ${count} event(s) have no id, type or customer as text (or properties that are not an object of flat values), or a timestamp that is not an ISO 8601 instant with its offset in the years 1970–9999 (a time without a zone is not guessed)${found?.first ? ` (first id "${found.first}")` : ""}; every event needs all four`,
  );
}

// As the in-memory batch counts them: events and customers no contract bills (nor one set aside for its
// cycle), the five smallest ids in code-unit order.
function unknownCustomers(
  perCustomer: ReadonlyMap<string, number>,
  billed: ReadonlySet<string>,
): BatchSummary["unknownCustomers"] {
  const unknown = [...perCustomer].filter(([customer]) => !billed.has(customer));
  const ids = unknown.map(([customer]) => customer).sort(compareIds);
  return {
    events: unknown.reduce((sum, [, n]) => sum + n, 0),
    customers: unknown.length,
    sampleCustomers: ids.slice(0, 5),
  };
}

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
