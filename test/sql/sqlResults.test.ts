import { PGlite } from "@electric-sql/pglite";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileUsageSql,
  type PreparedRating,
  parseContract,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
  sqlResultsByCustomer,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { thrown } from "../_support/thrown.js";

// What usageAggregatesFromSql and sqlResultsByCustomer say of results that are not the compiled
// queries' rows, as a billing-service developer passes them from PostgreSQL (PGlite here).
const prepared = prepareRating(parseContract(egressContractJson("cus_a")), "2026-02");
const source = { from: "usage_events", properties: { json: "properties" } };
let db: PGlite;

// API calls at 0.01 and egress at 0.05 a GB; version 2 adds a storage peak at 1.00 a GB between them
// (storage events: none sent).
const API = { id: "api", eventType: "api", aggregation: "count" };
const GB = { id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "gb" };
const STORAGE = { id: "storage", eventType: "storage", aggregation: "max", valueProperty: "gb" };
const charge = (id: string, unitPrice: string) => ({
  id,
  name: id,
  meter: id,
  price: { model: "unit", unitPrice },
});
const v1 = parseContract(
  egressContractJson("cus_a", "USD", {
    meters: [API, GB],
    charges: [charge("api", "0.01"), charge("gb", "0.05")],
  }),
);
const v2 = parseContract(
  egressContractJson("cus_a", "USD", {
    meters: [API, STORAGE, GB],
    charges: [charge("api", "0.01"), charge("storage", "1.00"), charge("gb", "0.05")],
  }),
);
const EVENTS = [
  { id: "e1", type: "api", customer: "cus_a", timestamp: "2026-02-03T00:00:00Z", properties: {} },
  {
    id: "e2",
    type: "egress",
    customer: "cus_a",
    timestamp: "2026-02-03T00:00:00Z",
    properties: { gb: "100" },
  },
  {
    id: "e3",
    type: "egress",
    customer: "cus_a",
    timestamp: "2026-03-03T00:00:00Z",
    properties: { gb: "1000" },
  },
];
const rowsOf = async (ready: PreparedRating) => {
  const { queries } = compileUsageSql(ready, "postgres", {
    from: "versions",
    properties: { json: "properties" },
  });
  return Promise.all(queries.map(async (sql) => (await db.query(sql)).rows));
};
beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(
    "CREATE TABLE usage_events (id text, type text, customer text, timestamp text, properties jsonb); INSERT INTO usage_events VALUES ('e1', 'egress', 'cus_a', '2026-02-03T00:00:00Z', '{\"gb\": \"2\"}')",
  );
  await db.exec(
    `CREATE TABLE versions (id text, type text, customer text, timestamp text, properties jsonb); INSERT INTO versions VALUES ${EVENTS.map((e) => `('${e.id}', '${e.type}', 'cus_a', '${e.timestamp}', '${JSON.stringify(e.properties)}')`).join(", ")}`,
  );
  await db.exec(
    "CREATE TABLE plan_events (id text, type text, customer text, timestamp text, properties jsonb); INSERT INTO plan_events VALUES ('a1', 'egress', 'cus_a', '2026-02-03T00:00:00Z', '{\"gb\": \"100\"}'), ('b1', 'egress', 'cus_b', '2026-02-03T00:00:00Z', '{\"gb\": \"900\"}')",
  );
}, 120_000);
afterAll(async () => db.close());

describe("results that are not lists of rows", () => {
  it("names the result and says to pass its rows, where PGlite's whole result object was given", async () => {
    const { queries } = compileUsageSql(prepared, "postgres", source);
    // The client's result objects ({ rows, fields, affectedRows }), not their rows: until 7 December 2026
    // a TypeError, "(results[index] ?? []).map is not a function", naming ratecard's code.
    const objects = await Promise.all(queries.map((sql) => db.query(sql)));
    expect(thrown(() => usageAggregatesFromSql(prepared, objects as never))).toMatchObject({
      code: "sql_result",
      path: "results[0]",
      message: expect.stringContaining(
        "results[0] is an object, not the list of rows that query returned: pass each query's rows as the engine's client returns them (PGlite's and node-postgres's result.rows",
      ),
    });
    expect(thrown(() => usageAggregatesFromSql(prepared, objects[0] as never))).toMatchObject({
      code: "sql_result",
      path: "results",
      message: expect.stringContaining("results is an object, not one list of rows per query"),
    });
    const perCustomer = compileUsageSql(prepared, "postgres", source, { perCustomer: true }).queries;
    const perCustomerObjects = await Promise.all(perCustomer.map((sql) => db.query(sql)));
    expect(thrown(() => sqlResultsByCustomer(perCustomerObjects as never))).toMatchObject({
      code: "sql_result",
      path: "results[0]",
    });
    // Their rows read: 2 GB of egress counted.
    const rows = objects.map((result) => result.rows);
    expect(usageAggregatesFromSql(prepared, rows).whole.meters).toEqual([
      { meter: "egress", total: { sum: "2", events: 1 } },
    ]);
  });
});

describe("rows of a query compiled for another contract version or period", () => {
  it("refuses them, naming the meters or the period, where they were rated into another invoice", async () => {
    const february = prepareRating(v1, "2026-02");
    const rows = await rowsOf(february);
    // Until 7 December 2026 both were rated without a word. Version 2 read the rows by the meters'
    // places: storage (place 2) took gb's state, 100 GB × 1.00 = 100.00, and gb nothing: 100.01 where
    // version 2 bills 0.01 + 100 × 0.05 = 5.01. March rated February's rows: 0.01 + 5.00 = 5.01 where
    // March's 1,000 GB bill 50.00.
    const secondVersion = prepareRating(v2, "2026-02");
    expect(thrown(() => usageAggregatesFromSql(secondVersion, rows))).toMatchObject({
      code: "aggregates_mismatch",
      path: "results[0]",
      message: expect.stringContaining(
        'results[0] are the rows of a query compiled for the meters "api", "gb", and this rating has "api", "storage", "gb": rating them would bill usage counted for other meters; compile the queries with compileUsageSql for the prepared rating being rated',
      ),
    });
    expect(thrown(() => usageAggregatesFromSql(prepareRating(v1, "2026-03"), rows))).toMatchObject({
      code: "aggregates_mismatch",
      path: "results[0]",
      message: expect.stringContaining(
        "compiled for another period (or a period cut at other instants, or in another time zone) than this rating's query 1, 2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z (UTC)",
      ),
    });
    // A meter defined otherwise (egress of the EU only) is named.
    const euOnly = parseContract(
      egressContractJson("cus_a", "USD", {
        meters: [API, { ...GB, filters: [{ property: "region", op: "equals", value: "eu" }] }],
        charges: [charge("api", "0.01"), charge("gb", "0.05")],
      }),
    );
    expect(thrown(() => usageAggregatesFromSql(prepareRating(euOnly, "2026-02"), rows))).toMatchObject({
      code: "aggregates_mismatch",
      message: expect.stringContaining('compiled for another definition of meter "gb"'),
    });
    // Rows compiled without daily states, for a rating that asks for them: until 7 December 2026 its
    // usage report showed gb's 100 GB of 3 February as 0 on every day.
    const daily = prepareRating(v1, "2026-02", { daily: true });
    expect(thrown(() => usageAggregatesFromSql(daily, rows))).toMatchObject({
      code: "aggregates_mismatch",
      path: "results[0]",
      message: expect.stringContaining(
        "results[0] are the rows of a query compiled without quantities per day, and this rating asks for them (daily)",
      ),
    });
    const perDay = rateFromAggregates(daily, usageAggregatesFromSql(daily, await rowsOf(daily)));
    const gbDays = perDay.usage.meters.find((meter) => meter.meter === "gb")?.daily ?? [];
    expect(gbDays.find((day) => day.date === "2026-02-03")?.quantity).toBe("100");
    // Each version's own rows bill what rateInvoice bills: 5.01 both.
    const own = rateFromAggregates(
      secondVersion,
      usageAggregatesFromSql(secondVersion, await rowsOf(secondVersion)),
    );
    expect(own).toEqual(rateInvoice(v2, EVENTS, "2026-02"));
    expect(own.total).toBe("5.01");
    // Rows of a query compiled before the stamp (its read row's `a` NULL) are read as before.
    const unstamped = rows.map((list) =>
      list.map((row) => ((row as { kind: string }).kind === "read" ? { ...(row as object), a: null } : row)),
    );
    expect(rateFromAggregates(february, usageAggregatesFromSql(february, unstamped)).total).toBe("5.01");
  });
});

describe("rows of a query compiled for every customer", () => {
  it("refuses them unsplit, or another customer's, where one customer was billed another's usage", async () => {
    const plan = { from: "plan_events", properties: { json: "properties" } };
    const { queries } = compileUsageSql(prepared, "postgres", plan, { perCustomer: true });
    const results = await Promise.all(queries.map(async (sql) => (await db.query(sql)).rows));
    // By hand: cus_a 100 GB × 0.05 = 5.00, cus_b 900 GB × 0.05 = 45.00. Until 7 December 2026 the rows
    // passed unsplit were read as cus_a's, each count and state the first of its kind: 5.00 or 45.00, as
    // the engine happened to order them (45.00 with cus_b's rows first).
    const cusB = (row: unknown) => ((row as { c: string }).c === "cus_b" ? 0 : 1);
    const bFirst = results.map((rows) => [...rows].sort((x, y) => cusB(x) - cusB(y)));
    for (const unsplit of [results, bFirst])
      expect(thrown(() => usageAggregatesFromSql(prepared, unsplit))).toMatchObject({
        code: "aggregates_mismatch",
        path: expect.stringMatching(/^results\[0\]\[\d+\]\.c$/),
        message: expect.stringContaining(
          '(column c: the query was compiled perCustomer), and this rating is customer "cus_a"\'s: split the rows by customer with sqlResultsByCustomer(results) and pass this customer\'s, sqlResultsByCustomer(results).get("cus_a")',
        ),
      });
    // cus_b's rows taken for cus_a's rating are refused too; cus_a's own bill 5.00.
    const split = sqlResultsByCustomer(results);
    expect(thrown(() => usageAggregatesFromSql(prepared, split.get("cus_b") ?? []))).toMatchObject({
      code: "aggregates_mismatch",
      message: expect.stringContaining('is a row of customer "cus_b"'),
    });
    const own = usageAggregatesFromSql(prepared, split.get("cus_a") ?? []);
    expect(rateFromAggregates(prepared, own).total).toBe("5.00");
  });
});

describe("rows fewer or more than the query returns (column r)", () => {
  // Each engine's client hands the count as its own kind of integer: PGlite a number, DuckDB a bigint,
  // ClickHouse's JSON text. Hand-written rows: a read row and a counted row of a query of 3 rows.
  const row = { m: null, gi: null, g: null, w: null, a: null, b: null, t: null };
  const read = (r: unknown) => ({ ...row, kind: "read", n: 1, r });
  const counted = (r: unknown) => ({ ...row, kind: "counted", n: 1, r });
  it("refuses 2 rows of 3 whatever the kind of integer, and rows without r as before", () => {
    for (const r of [3, 3n, "3"])
      expect(thrown(() => usageAggregatesFromSql(prepared, [[read(r), counted(r)]]))).toMatchObject({
        code: "sql_result",
        path: "results[0]",
        message:
          "results[0] has 2 rows of the 3 query 1 returns: was it cut by a row limit (a SQL console's first rows, a LIMIT a BI tool added, one page of a client's results)? Pass every row the query returns: rated, the rows left out would bill their usage as none.",
      });
    // A console's first 1,000 rows of 1,234: the read row, then 999 counted rows (each checked by r first).
    const cut = [read(1234), ...Array.from({ length: 999 }, () => counted(1234))];
    expect(thrown(() => usageAggregatesFromSql(prepared, [cut]))).toMatchObject({
      message: expect.stringContaining("results[0] has 1,000 rows of the 1,234 query 1 returns"),
    });
    const one = thrown(() => usageAggregatesFromSql(prepared, [[read(2n)]]));
    expect(one).toMatchObject({ message: expect.stringContaining("results[0] has 1 row of the 2") });
    // No r, or NULL: read as before (1 event read, 1 counted).
    expect(usageAggregatesFromSql(prepared, [[read(null), counted(undefined)]]).whole).toMatchObject({
      eventsRead: 1,
      eventsCounted: 1,
    });
    expect(thrown(() => sqlResultsByCustomer([[{ ...read("x"), c: "cus_a" }]]))).toMatchObject({
      code: "sql_result",
      path: "results[0][0].r",
    });
  });

  it("refuses an r that is not a whole number of rows before the split, naming it, where [2] passed as 2", () => {
    // A perCustomer query of 2 rows: cus_a's read row and counted row. r of 2, 2n or "2" is its count.
    // sqlResultsByCustomer checks r on the rows as given (usageAggregatesFromSql's row schema comes after
    // the split): until 8 December 2026 it read r with JavaScript's Number(), so an r of [2] was 2 and
    // the result was split as whole, true was 1 ("has 2 rows, where query 1 returns 1") and false, "" or
    // [] were 0.
    const rows = (r: unknown) => [
      { ...read(r), c: "cus_a" },
      { ...counted(r), c: "cus_a" },
    ];
    for (const r of [2, 2n, "2"]) expect(sqlResultsByCustomer([rows(r)]).get("cus_a")).toEqual([rows(r)]);
    const refused: ReadonlyArray<[unknown, string]> = [
      [[2], "r a list"],
      [[], "r a list"],
      [true, "r true"],
      [false, "r false"],
      [{ value: 2 }, "r an object"],
      ["", 'r ""'],
      ["2.0", 'r "2.0"'],
      [" 2", 'r " 2"'],
      [2.5, "r 2.5"],
      [-2, "r -2"],
      [-2n, "r -2n"],
      [Number.NaN, "r NaN"],
      [2n ** 64n, "r 18446744073709551616n"],
    ];
    for (const [r, named] of refused)
      expect(
        thrown(() => sqlResultsByCustomer([rows(r)])),
        named,
      ).toMatchObject({
        name: "InputError",
        code: "sql_result",
        path: "results[0][0].r",
        message: `The SQL engine returned a row the compiled query does not produce (query 1, row 1: ${named}, not a count of rows (a whole number, 0 or more)); run the SQL ratecard compiled, unchanged, and pass its rows back as they come.`,
      });
  });

  it("takes the whole result in any order and refuses any cut of it (PGlite)", async () => {
    const [rows] = await Promise.all(
      compileUsageSql(prepared, "postgres", source).queries.map(async (sql) => (await db.query(sql)).rows),
    );
    const all = rows as unknown[];
    // read, malformed, counted, reused, the total's state: 5 rows (no event excluded).
    expect(all).toHaveLength(5);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: 0, maxLength: all.length }),
        fc.nat({ max: 2 }),
        (kept, repeated) => {
          // Some rows kept, in any order, and up to two of the whole result's rows given again.
          const given = [...kept, ...all.slice(0, repeated)];
          const read = () => usageAggregatesFromSql(prepared, [given]);
          // All of them, in any order: the aggregates of the result as the engine returned it. None: what
          // a query per customer gets for a customer without events, with no r to read.
          if (given.length === all.length && repeated === 0)
            expect(read()).toEqual(usageAggregatesFromSql(prepared, [all]));
          else if (given.length !== all.length && given.length > 0)
            expect(thrown(read)).toMatchObject({ code: "sql_result", path: "results[0]" });
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});
