import {
  compileUsageSql,
  type PreparedRating,
  sqlResultsByCustomer,
  type UsageAggregates,
  usageAggregatesFromSql,
} from "../index.js";
import { UsageLineError } from "./cliSupport.js";
import type { DuckdbUsage } from "./duckdbUsage.js";

/** The customers of the plan being aggregated: the rows of the batch's table its query reads. */
const GROUP = "batch_plan_customers";
// Customers are written into GROUP this many to a statement (a 100,000-customer plan: 100 statements).
const CUSTOMERS_A_STATEMENT = 1000;
// A plan's customers are cut into queries of at most this many rows of the table (a customer's rows
// are never cut): DuckDB's working set grows with a query's rows (1,000,000 events of 2,000 customers
// in one query peaked at 1.07 GB, against 0.53 GB a query per customer), its planning does not.
const EVENTS_A_QUERY = 250_000;

/** The aggregates of a batch's contracts from one query per plan. */
export interface SharedQueries {
  /**
   * The aggregates of the contract at `index` from its plan's query (run when the plan's first contract
   * asks), or undefined when it is aggregated on its own: a plan of one contract, a contract whose meters
   * do not compile, or a plan whose query failed.
   */
  readonly aggregatesOf: (index: number) => Promise<UsageAggregates | undefined>;
}

interface Plan {
  readonly queries: ReadonlyArray<string>;
  readonly members: number[];
  /** How many of the table's rows its members have so far (a plan is cut at EVENTS_A_QUERY). */
  events: number;
  /**
   * Each member's rows, once the plan's query ran (an entry is dropped once read); null: it failed. Kept
   * as the promise, so that members asking at once share the one run.
   */
  rows?: Promise<Map<number, unknown[][]> | null>;
}

/**
 * Groups a batch's prepared contracts by the SQL their meters and period compile to, every customer at
 * once (`compileUsageSql`'s `perCustomer`): contracts on the same plan share one query, planned once
 * (docs/sql-engines.md, "`ratecard batch` … on DuckDB"). `prepared[i]` is the contract of task i, or the error that
 * stops it. The customers' rows are those of `table` (the usage file, ordered by customer), and
 * `eventsOf` how many each has ({@link eventsPerCustomer}).
 */
export async function sharedQueries(
  usage: Pick<DuckdbUsage, "source" | "rows">,
  table: string,
  prepared: ReadonlyArray<PreparedRating | Error>,
  eventsOf: ReadonlyMap<string, number>,
): Promise<SharedQueries> {
  const source = {
    ...usage.source,
    from: `(SELECT * FROM ${table} WHERE customer IN (SELECT customer FROM ${GROUP}))`,
  };
  const byQueries = new Map<string, Plan>();
  const planOf = new Map<number, Plan>();
  prepared.forEach((ready, index) => {
    const queries = ready instanceof Error ? undefined : compiledPerCustomer(ready, source);
    if (queries === undefined) return;
    const key = queries.join("\n;\n");
    const events = eventsOf.get((ready as PreparedRating).contract.customer.id) ?? 0;
    const known = byQueries.get(key);
    const plan =
      known !== undefined && (known.events + events <= EVENTS_A_QUERY || known.members.length === 0)
        ? known
        : { queries, members: [], events: 0 };
    byQueries.set(key, plan);
    plan.members.push(index);
    plan.events += events;
    planOf.set(index, plan);
  });
  await usage.rows(`CREATE OR REPLACE TEMP TABLE ${GROUP} (customer VARCHAR)`);
  const customerOf = (index: number) => (prepared[index] as PreparedRating).contract.customer.id;
  return {
    aggregatesOf: async (index) => {
      const plan = planOf.get(index);
      if (plan === undefined || plan.members.length < 2) return undefined;
      plan.rows ??= runPlan(usage, plan, customerOf);
      const byMember = await plan.rows;
      const rows = byMember?.get(index);
      if (rows === undefined) return undefined;
      byMember?.delete(index);
      return usageAggregatesFromSql(prepared[index] as PreparedRating, rows);
    },
  };
}

/** How many rows of the table each customer has. */
export async function eventsPerCustomer(
  usage: Pick<DuckdbUsage, "rows">,
  table: string,
): Promise<ReadonlyMap<string, number>> {
  const rows = await usage.rows(
    `SELECT CAST(customer AS VARCHAR) AS customer, COUNT(*) AS n FROM ${table} GROUP BY 1`,
  );
  return new Map(
    rows.map((row) => {
      const { customer, n } = row as { customer: string; n: number | bigint };
      return [customer, Number(n)] as const;
    }),
  );
}

// The queries of a contract's meters over every customer of the source, or undefined when they do not
// compile (the contract is then aggregated on its own, and fails with its own error).
function compiledPerCustomer(
  prepared: PreparedRating,
  source: Parameters<typeof compileUsageSql>[2],
): ReadonlyArray<string> | undefined {
  try {
    return compileUsageSql(prepared, "duckdb", source, { perCustomer: true }).queries;
  } catch {
    return undefined;
  }
}

// The plan's query over its customers' rows, split by customer: each member's rows (empty lists for a
// customer without events), or null when the query failed and each member is aggregated on its own.
async function runPlan(
  usage: Pick<DuckdbUsage, "rows">,
  plan: Plan,
  customerOf: (index: number) => string,
): Promise<Map<number, unknown[][]> | null> {
  const customers = plan.members.map(customerOf);
  try {
    await usage.rows(`DELETE FROM ${GROUP}`);
    for (let at = 0; at < customers.length; at += CUSTOMERS_A_STATEMENT) {
      const values = customers.slice(at, at + CUSTOMERS_A_STATEMENT).map((id) => `(${sqlText(id)})`);
      await usage.rows(`INSERT INTO ${GROUP} VALUES ${values.join(", ")}`);
    }
    const results: unknown[][] = [];
    for (const sql of plan.queries) results.push(await usage.rows(sql));
    const split = sqlResultsByCustomer(results);
    return new Map(
      plan.members.map((index, at) => [
        index,
        split.get(customers[at] as string) ?? plan.queries.map((): unknown[] => []),
      ]),
    );
  } catch (error) {
    // DuckDB failing to read the file is the file's fault, whichever query reads it.
    if (error instanceof UsageLineError) throw error;
    return null;
  }
}

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
