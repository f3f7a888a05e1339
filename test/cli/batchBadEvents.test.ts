import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard batch --bad-events hold`: a bad event holds the invoice of the customer it names; every
// other invoice is issued, byte for byte the one a batch over the file without the bad lines issues.
let scratch = "";
let contracts = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-bad-events-"));
  contracts = join(scratch, "contracts");
  mkdirSync(contracts);
  for (const customer of ["cus_a", "cus_b", "cus_c"])
    writeFileSync(join(contracts, `${customer}.json`), JSON.stringify(egressContractJson(customer)));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const event = (id: string, customer: string, gb: string, timestamp = "2026-02-10T00:00:00Z") => ({
  id,
  type: "egress",
  customer,
  timestamp,
  properties: { gb },
});
const line = (value: unknown) => JSON.stringify(value);

// cus_a 100 GB, cus_b 20 GB, cus_c 10 GB at $0.05: 5.00, 1.00, 0.50.
const GOOD = [event("a1", "cus_a", "100"), event("b1", "cus_b", "20"), event("c1", "cus_c", "10")];
// cus_b's second transfer, its date written day first: no ISO 8601 instant, but its customer is readable.
const BAD_B = event("b2", "cus_b", "5", "10/02/2026");
const BAD_SENTENCE =
  'timestamp "10/02/2026" is not an ISO 8601 timestamp with an offset, such as "2026-02-03T10:15:00Z" or "2026-02-03T05:15:00-05:00".';

function write(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}
const ndjson = (lines: ReadonlyArray<string>) => lines.map((text) => `${text}\n`).join("");
// The line 3 of every file below is cus_b's bad event (the CSV's header is line 1, its rows 2 to 5).
const WITH_BAD = [line(GOOD[0]), line(GOOD[1]), line(BAD_B), line(GOOD[2])];

// A February batch of the contracts in `folder` (by default the three above, in one thread).
const batchOf = (folder: string, usage: string, ...more: string[]) =>
  runCli("batch", "--contracts", folder, "--usage", usage, "--period", "2026-02", ...more);
const batch = (usage: string, ...more: string[]) => batchOf(contracts, usage, "--workers", "1", ...more);
const lines = (stdout: string) => stdout.split("\n").filter((text) => text !== "");
const customerOf = (text: string) => (JSON.parse(text) as { customer: { id: string } }).customer.id;

// What --bad-events stop adds to the reader's sentence: what hold would do with that event instead.
const STOP = "The batch stopped there, nothing issued (--bad-events stop, the default);";
const HOLD_B =
  '--bad-events hold would set it aside, hold the invoice of customer "cus_b" and issue every other one (exit 4; --quarantine FILE lists the bad events).';

describe("ratecard batch --bad-events stop (the default)", () => {
  // Until 7 December 2026 the sentence was the reader's alone: nothing said the batch could go on.
  it("says, on either engine, what --bad-events hold would do with the event that stopped the batch", () => {
    const billed = write("stop-billed.ndjson", ndjson(WITH_BAD));
    // line 2 is no JSON: it names no customer, so hold would hold every invoice
    const cut = write("stop-cut.ndjson", ndjson([line(GOOD[0]), '{"id":"b2","type":"egr']));
    // cus_q has no contract in the batch: hold would hold no invoice
    const stranger = write("stop-stranger.ndjson", ndjson([line({ ...BAD_B, customer: "cus_q" })]));
    const expected = [
      `${billed} line 3: ${BAD_SENTENCE} ${STOP} ${HOLD_B}`,
      `${cut} line 2 is not valid JSON (the line ends before its event does: was the file cut off while it was copied, or an event written over two lines?). ${STOP} --bad-events hold would set it aside too, but an event that names no customer holds every invoice (any may be missing it): fix the line and run the batch again.`,
      `${stranger} line 1: ${BAD_SENTENCE} ${STOP} --bad-events hold would set it aside and issue every invoice, since no contract of the batch bills customer "cus_q" (exit 4; --quarantine FILE lists the bad events).`,
    ];
    for (const engine of ["memory", "duckdb"]) {
      const results = [billed, cut, stranger].map((usage) => batch(usage, "--engine", engine));
      expect(results.map((result) => [result.code, result.stdout, result.stderr])).toEqual(
        expected.map((sentence) => [2, "", `ratecard: ${sentence}\n`]),
      );
    }
  });

  it("leaves a file that cannot be read as its format in the reader's words, where hold would stop too", () => {
    // a CSV without its header row: no events to tell apart under either mode
    const headless = write("stop-headless.csv", "a1,egress,cus_a,2026-02-10T00:00:00Z,100\n");
    const stop = batch(headless);
    expect([stop.code, stop.stderr]).toEqual([2, batch(headless, "--bad-events", "hold").stderr]);
    expect(stop.stderr).not.toContain("--bad-events");
  });
});

describe("ratecard batch --bad-events hold", () => {
  it("holds cus_b's invoice for its bad line and issues cus_a's and cus_c's as the batch without that line does, exit 4", () => {
    const clean = batch(write("clean.ndjson", ndjson(WITH_BAD.filter((_, i) => i !== 2))));
    expect(clean.code).toBe(0);
    const usage = write("usage.ndjson", ndjson(WITH_BAD));
    const quarantine = join(scratch, "bad.ndjson");
    const summaryFile = join(scratch, "held-summary.json");
    const held = batch(usage, "--bad-events", "hold", "--quarantine", quarantine, "--summary", summaryFile);
    expect(held.code).toBe(4);
    // byte for byte the clean batch's lines of cus_a and cus_c, in customer order
    expect(held.stdout).toBe(
      lines(clean.stdout)
        .filter((text) => customerOf(text) !== "cus_b")
        .map((text) => `${text}\n`)
        .join(""),
    );
    // 100 × 0.05 = 5.00 and 10 × 0.05 = 0.50: 5.50 over the two issued invoices
    const totals = lines(held.stdout).map((text) => (JSON.parse(text) as { total: string }).total);
    expect(totals).toEqual(["5.00", "0.50"]);
    expect(held.stderr).toBe(
      [
        "ratecard batch: 2 invoices for 2026-02",
        "  USD 5.50 over 2 invoices",
        // every good event read: a1, b1, c1 = 3; a1 and c1 counted on the issued invoices; b1 is cus_b's,
        // read but not rated while its invoice is held (until 7 December 2026: "2 read", the issued
        // invoices' only)
        "  events: 3 read, 2 counted, 1 of held customers (not rated until their invoices are issued)",
        "  0 warnings",
        "  events left out: none",
        "  events of customers without a contract: none",
        "  bad events: 1 set aside (invalid_instant 1)",
        "  invoices held: 1",
        "    cus_b (1 bad event):",
        `      ${usage} line 3: ${BAD_SENTENCE}`,
        `  every bad event, line by line: ${quarantine}`,
        "",
      ].join("\n"),
    );
    // one NDJSON line per bad event: where, whose, why, and the line itself to fix
    expect(readFileSync(quarantine, "utf8")).toBe(
      `${JSON.stringify({
        line: 3,
        customer: "cus_b",
        reason: "invalid_instant",
        path: "timestamp",
        message: `${usage} line 3: ${BAD_SENTENCE}`,
        input: line(BAD_B),
      })}\n`,
    );
    // the JSON summary agrees: eventsRead stays the issued invoices' 2, and badEvents adds the 3 read in
    // all, 1 of them cus_b's; with unknownCustomers.events 0 and 1 bad event: 3 + 0 + 1 = the file's 4 lines
    const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as {
      eventsRead: number;
      badEvents: Record<string, unknown>;
    };
    expect(summary.eventsRead).toBe(2);
    expect(summary.badEvents).toMatchObject({ events: 1, allEventsRead: 3, eventsOfHeldCustomers: 1 });
    // line 3 fixed, the held customer rated again alone, from its own contract file (no folder needed):
    // (20 + 5) × 0.05 = 1.25
    const fixed = write(
      "fixed.ndjson",
      ndjson(WITH_BAD.map((text) => text.replace("10/02/2026", "2026-02-10T00:00:00Z"))),
    );
    const again = batchOf(join(contracts, "cus_b.json"), fixed);
    expect(again.code).toBe(0);
    expect(lines(again.stdout).map((text) => (JSON.parse(text) as { total: string }).total)).toEqual([
      "1.25",
    ]);
  });

  it("leaves the default (stop) as it was: exit 2 on the bad line, and over a clean file the same bytes with or without --bad-events stop", () => {
    const usage = write("stop.ndjson", ndjson(WITH_BAD));
    const stopped = batch(usage);
    expect([stopped.code, stopped.stdout]).toEqual([2, ""]);
    expect(stopped.stderr).toBe(`ratecard: ${usage} line 3: ${BAD_SENTENCE} ${STOP} ${HOLD_B}\n`);
    expect(batch(usage, "--bad-events", "stop")).toEqual(stopped);
    const clean = write("stop-clean.ndjson", ndjson(GOOD.map(line)));
    const plain = batch(clean, "--format", "json");
    expect(batch(clean, "--bad-events", "stop", "--format", "json")).toEqual(plain);
    // hold over a clean file: the same invoices, exit 0, and the summary says no bad event was found
    const hold = batch(clean, "--bad-events", "hold", "--format", "json");
    expect(hold.code).toBe(0);
    expect(hold.stderr).toBe(`${plain.stderr}  bad events: none\n`);
    const { invoices, summary } = JSON.parse(hold.stdout) as {
      invoices: unknown;
      summary: Record<string, unknown>;
    };
    const before = JSON.parse(plain.stdout) as { invoices: unknown; summary: Record<string, unknown> };
    expect(invoices).toEqual(before.invoices);
    expect(summary).toEqual({ ...before.summary, badEvents: expect.objectContaining({ events: 0 }) });
    expect("badEvents" in before.summary).toBe(false);
  });

  it("agrees across NDJSON, CSV, JSON and Parquet, and on both engines: the same invoices, the same lines set aside", async () => {
    const ndjsonFile = write("formats.ndjson", ndjson(WITH_BAD));
    const csv = write(
      "formats.csv",
      [
        "id,type,customer,timestamp,gb",
        ...[GOOD[0]!, GOOD[1]!, BAD_B, GOOD[2]!].map(
          (e) => `${e.id},egress,${e.customer},${e.timestamp},${e.properties.gb}`,
        ),
        "",
      ].join("\n"),
    );
    const json = write("formats.json", JSON.stringify([GOOD[0], GOOD[1], BAD_B, GOOD[2]]));
    const parquet = join(scratch, "formats.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_json('${ndjsonFile}', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    const reference = batch(ndjsonFile, "--bad-events", "hold", "--engine", "memory");
    expect(reference.code).toBe(4);
    const places: Record<string, unknown> = {};
    for (const [file, engines] of [
      [ndjsonFile, ["memory", "duckdb"]],
      [csv, ["memory", "duckdb"]],
      [json, ["memory", "duckdb"]],
      [parquet, ["duckdb"]],
    ] as const) {
      for (const engine of engines) {
        const quarantine = join(scratch, `q-${engine}-${file.split(".").pop()}.ndjson`);
        const run = batch(file, "--bad-events", "hold", "--engine", engine, "--quarantine", quarantine);
        expect([file, engine, run.code, run.stdout]).toEqual([file, engine, 4, reference.stdout]);
        const [bad, ...rest] = lines(readFileSync(quarantine, "utf8")).map((text) => JSON.parse(text));
        expect(rest).toEqual([]);
        expect(bad).toMatchObject({ customer: "cus_b", reason: "invalid_instant", path: "timestamp" });
        places[`${file.split(".").pop()} ${engine}`] = [
          bad.line ?? bad.event ?? `row ${bad.row}`,
          bad.message,
        ];
      }
    }
    // each format names the bad event its own way: a line, the CSV's physical line, an element, a row
    expect(places).toEqual({
      "ndjson memory": [3, `${ndjsonFile} line 3: ${BAD_SENTENCE}`],
      "ndjson duckdb": [3, `${ndjsonFile} line 3: ${BAD_SENTENCE}`],
      "csv memory": [4, `${csv} line 4: ${BAD_SENTENCE}`],
      "csv duckdb": [4, `${csv} line 4: ${BAD_SENTENCE}`],
      "json memory": [2, `${json} event [2]: ${BAD_SENTENCE}`],
      "json duckdb": [2, `${json} event [2]: ${BAD_SENTENCE}`],
      "parquet duckdb": ["row 3", `${parquet} row 3: ${BAD_SENTENCE}`],
    });
  });

  it("rates a file with a key written twice on a held line in memory under --engine duckdb, whose JSON reader stops there, and says so", () => {
    const twice = line(BAD_B)
      .replace('"id":"b2"', '"id":"b2","id":"b3"')
      .replace("10/02/2026", "2026-02-10T00:00:00Z");
    const usage = write("twice.ndjson", ndjson([line(GOOD[0]), line(GOOD[1]), twice, line(GOOD[2])]));
    const memory = batch(usage, "--bad-events", "hold");
    const duckdb = batch(usage, "--bad-events", "hold", "--engine", "duckdb");
    expect([duckdb.code, duckdb.stdout]).toEqual([4, memory.stdout]);
    expect(memory.stdout).toBe(
      batch(write("twice-reference.ndjson", ndjson(WITH_BAD)), "--bad-events", "hold").stdout,
    );
    expect(duckdb.stderr).toBe(
      `ratecard: note: ${usage} line 3 writes a key twice, an event set aside, which DuckDB's JSON reader cannot read past; aggregating with ratecard's own engine instead (the same invoices)\n${memory.stderr}`,
    );
  });

  it("holds every invoice for a line that names no customer (not JSON), on both engines, and says so", () => {
    const usage = write(
      "cut.ndjson",
      ndjson([line(GOOD[0]), line(GOOD[1]), '{"id":"x9","type":"egr', line(GOOD[2])]),
    );
    const quarantine = join(scratch, "cut-bad.ndjson");
    const memory = batch(
      usage,
      "--bad-events",
      "hold",
      "--quarantine",
      quarantine,
      "--summary",
      join(scratch, "cut.json"),
    );
    expect([memory.code, memory.stdout]).toEqual([4, ""]);
    expect(memory.stderr).toContain(
      "  invoices held: all 3: 1 bad event names no customer, so no invoice is known to be complete\n",
    );
    expect(memory.stderr).toContain(`    no customer, line 3: ${usage} line 3 is not valid JSON`);
    // the 3 good events are read, all of held customers: "0 read" until 7 December 2026
    expect(memory.stderr).toContain(
      "  events: 3 read, 0 counted, 3 of held customers (not rated until their invoices are issued)\n",
    );
    const summary = JSON.parse(readFileSync(join(scratch, "cut.json"), "utf8")) as {
      invoices: number;
      badEvents: Record<string, unknown>;
    };
    expect(summary.invoices).toBe(0);
    expect(summary.badEvents).toMatchObject({
      events: 1,
      reasons: [{ reason: "invalid_json", events: 1 }],
      invoicesHeld: 3,
      everyInvoiceHeld: true,
      allEventsRead: 3,
      eventsOfHeldCustomers: 3,
      held: [],
      withoutCustomer: { events: 1 },
    });
    expect(JSON.parse(readFileSync(quarantine, "utf8"))).toMatchObject({
      line: 3,
      customer: null,
      reason: "invalid_json",
      input: '{"id":"x9","type":"egr',
    });
    // DuckDB's reader would stop at that line: the screen holds everything before DuckDB reads the file
    const duckdb = batch(usage, "--bad-events", "hold", "--engine", "duckdb");
    expect([duckdb.code, duckdb.stdout]).toEqual([4, ""]);
    // its screen counts the events as the in-memory pass does
    expect(duckdb.stderr).toContain(
      "  events: 3 read, 0 counted, 3 of held customers (not rated until their invoices are issued)\n",
    );
  });

  it("reads no customer from a line whose customer is the field at fault, nor from a CSV row of the wrong cell count (whose rows after are not read)", () => {
    const numbered = write("numbered.ndjson", ndjson([line(GOOD[0]), line({ ...GOOD[1], customer: 42 })]));
    const run = batch(numbered, "--bad-events", "hold", "--summary", join(scratch, "numbered.json"));
    expect([run.code, run.stdout]).toEqual([4, ""]);
    const cells = write(
      "cells.csv",
      "id,type,customer,timestamp,gb\na1,egress,cus_a,2026-02-10T00:00:00Z,100\nb1,egress,cus_b,2026-02-10T00:00:00Z,20,7\nc1,egress,cus_c,2026-02-10T00:00:00Z,10\n",
    );
    const quarantine = join(scratch, "cells-bad.ndjson");
    const csv = batch(cells, "--bad-events", "hold", "--quarantine", quarantine);
    expect([csv.code, csv.stdout]).toEqual([4, ""]);
    const bad = JSON.parse(readFileSync(quarantine, "utf8")) as {
      line: number;
      customer: null;
      message: string;
    };
    expect([bad.line, bad.customer]).toEqual([3, null]);
    expect(bad.message).toContain("The rows after it were not read");
  });

  it("sets aside the bad line of a customer no contract bills, holds nothing, issues all three", () => {
    const usage = write(
      "stray.ndjson",
      ndjson([...GOOD.map(line), line(event("z1", "cus_zz", "1", "yesterday"))]),
    );
    const clean = batch(write("stray-clean.ndjson", ndjson(GOOD.map(line))));
    const run = batch(usage, "--bad-events", "hold", "--summary", join(scratch, "stray.json"));
    expect([run.code, run.stdout]).toEqual([4, clean.stdout]);
    expect(run.stderr).toContain("  invoices held: 0\n");
    expect(run.stderr).toContain(
      "  bad events of customers without a contract: 1 of 1 customer (nothing to hold)\n",
    );
    const summary = JSON.parse(readFileSync(join(scratch, "stray.json"), "utf8")) as {
      badEvents: Record<string, unknown>;
      unknownCustomers: { events: number };
    };
    // the bad line is no event of cus_zz's: counted once, as a bad event
    expect(summary.unknownCustomers.events).toBe(0);
    expect(summary.badEvents).toMatchObject({
      events: 1,
      invoicesHeld: 0,
      // nothing held: every good event read is on an issued invoice (100 + 20 + 10 GB, 3 events)
      allEventsRead: 3,
      eventsOfHeldCustomers: 0,
      withoutContract: { events: 1, customers: 1 },
    });
    // DuckDB's table holds the bad row too: it is no row this batch rates, so it stops nothing there
    // either (it stopped the batch with exit 2 before the lead's merge of 6 December 2026).
    const onDuckdb = batch(usage, "--bad-events", "hold", "--engine", "duckdb");
    expect([onDuckdb.code, onDuckdb.stdout, onDuckdb.stderr]).toEqual([4, run.stdout, run.stderr]);
  });

  it("writes the issued invoices to --output, and refuses --quarantine without hold and a mode it does not know", () => {
    const usage = write("output.ndjson", ndjson(WITH_BAD));
    const output = join(scratch, "invoices.ndjson");
    const run = batch(usage, "--bad-events", "hold", "--output", output);
    expect(run.code).toBe(4);
    expect(lines(readFileSync(output, "utf8")).map(customerOf)).toEqual(["cus_a", "cus_c"]);
    const stray = batch(usage, "--quarantine", join(scratch, "never.ndjson"));
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain("Add --bad-events hold");
    const unknown = batch(usage, "--bad-events", "skip");
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'ratecard: --bad-events must be stop or hold, not "skip"\n',
    ]);
    // the help names the exit code the flag adds
    expect(runCli("batch", "--help").stdout).toContain(
      "Exit codes: 0 done, 1 a bug in ratecard, 2 wrong input, 4 invoices held for bad events (--bad-events hold) (docs/cli.md).",
    );
  });

  it("gives the same bytes for --workers 1 and --workers 3 over 70 customers, three of them held", () => {
    const folder = join(scratch, "many");
    mkdirSync(folder);
    const customers = Array.from({ length: 70 }, (_, i) => `cus_${String(i).padStart(2, "0")}`);
    for (const customer of customers)
      writeFileSync(join(folder, `${customer}.json`), JSON.stringify(egressContractJson(customer)));
    const good = customers.map((customer, i) => line(event(`e${i}`, customer, String(i + 1))));
    const bad = ["cus_07", "cus_33", "cus_69"].map((customer) =>
      line(event(`x_${customer}`, customer, "1", "soon")),
    );
    const usage = write(
      "many.ndjson",
      ndjson([...good.slice(0, 30), bad[0]!, ...good.slice(30), bad[1]!, bad[2]!]),
    );
    const run = (workers: string) => batchOf(folder, usage, "--workers", workers, "--bad-events", "hold");
    const one = run("1");
    const three = run("3");
    expect(one.code).toBe(4);
    expect(three).toEqual(one);
    expect(lines(one.stdout).map(customerOf)).toEqual(
      customers.filter((c) => !["cus_07", "cus_33", "cus_69"].includes(c)),
    );
  });
});
