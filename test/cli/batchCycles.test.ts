import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANNIVERSARY_JSON, MONTHLY_JSON, QUARTERLY_JSON } from "../_support/cycleContracts.js";
import { egressContractJson } from "../_support/egressContract.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// `ratecard batch` over contracts billed on different cycles: it rates those whose billing period its
// --period is and sets every other one aside, with the periods that rate it (docs/cli.md, "ratecard
// batch"; docs/scale.md, "Contracts billed on another cycle"). $0.05 per GB, UTC.
let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-batch-cycles-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const monthly = MONTHLY_JSON;
const anniversary = ANNIVERSARY_JSON;
const quarterly = QUARTERLY_JSON;

const event = (id: string, customer: string, gb: string, day = 10) => ({
  id,
  type: "egress",
  customer,
  timestamp: `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`,
  properties: { gb },
});
const usageText = [
  event("e1", "cus_a", "100"),
  event("e2", "cus_b", "20"),
  event("e3", "cus_b", "10", 20),
  event("e4", "cus_c", "40"),
  event("e5", "cus_zz", "1"),
]
  .map((item) => `${JSON.stringify(item)}\n`)
  .join("");

function folderOf(name: string, contracts: ReadonlyArray<ReturnType<typeof egressContractJson>>): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const contract of contracts)
    writeFileSync(join(folder, `${contract.customer.id}.json`), JSON.stringify(contract));
  return folder;
}

function batch(folder: string, period: string, ...more: string[]) {
  const usage = join(scratch, "usage.ndjson");
  writeFileSync(usage, usageText);
  const summary = join(scratch, `summary-${Math.random().toString(36).slice(2)}.json`);
  const result = runCli(
    "batch",
    ...["--contracts", folder, "--usage", usage, "--period", period, "--summary", summary, ...more],
  );
  const written = result.code === 0 ? readFileSync(summary, "utf8") : "";
  return { ...result, summary: written };
}

const totals = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { customer: { id: string }; total: string })
    .map((invoice) => [invoice.customer.id, invoice.total]);

describe("ratecard batch over contracts billed on other cycles", () => {
  it("issues the monthly invoices of a monthly close and sets the others aside, saying how to rate them", () => {
    // Failed before: exit 2, "The period 2026-02-01/2026-03-01 spans more than one billing period of
    // contract ctr_cus_b", every invoice lost; with cus_b gone, cus_c billed a prorated month.
    const folder = folderOf("mixed", [monthly, anniversary, quarterly]);
    const result = batch(folder, "2026-02", "--workers", "1");
    expect(result.code).toBe(0);
    // cus_a: 100 GB × 0.05 = 5.00; no invoice for cus_b or cus_c
    expect(totals(result.stdout)).toEqual([["cus_a", "5.00"]]);
    expect(result.stderr).toBe(
      [
        "ratecard batch: 1 invoice for 2026-02",
        "  USD 5.00 over 1 invoice",
        "  events: 1 read, 1 counted",
        "  0 warnings",
        "  events left out: none",
        "  events of customers without a contract: 1 of 1 customer (cus_zz)",
        // cus_b's 2 events and cus_c's 1: 3 set aside, not among the customers without a contract
        "  contracts billed on another cycle, not rated (3 events set aside with them): 2 contracts",
        "    ctr_cus_b (cus_b, 2 events) is billed monthly from its term's start: 2026-01-15/2026-02-15 and 2026-02-15/2026-03-15 meet 2026-02; rate them with --period 2026-01-15/2026-02-15 and --period 2026-02-15/2026-03-15, each with its own usage",
        "    ctr_cus_c (cus_c, 1 event) is billed quarterly: 2026-02 covers part of its billing period 2026-Q1; rate it with --period 2026-Q1",
        "",
      ].join("\n"),
    );
    const summary = JSON.parse(result.summary);
    expect(summary.contractsOnAnotherCycle).toEqual([
      {
        contract: "ctr_cus_b",
        customer: "cus_b",
        billing: { cadence: "monthly", alignment: "anniversary" },
        billingPeriods: ["2026-01-15/2026-02-15", "2026-02-15/2026-03-15"],
        events: 2,
        source: join(folder, "cus_b.json"),
      },
      {
        contract: "ctr_cus_c",
        customer: "cus_c",
        billing: { cadence: "quarterly", alignment: "calendar" },
        billingPeriods: ["2026-Q1"],
        events: 1,
        source: join(folder, "cus_c.json"),
      },
    ]);
    // 1 read + 3 set aside + 1 of cus_zz = the 5 events of the file
    expect(summary.unknownCustomers.events).toBe(1);
    expect(summary).not.toHaveProperty("contractsOutOfTerm");
  });

  it("rates the quarterly contract with its quarter as --period, its fee whole, the monthly ones aside", () => {
    const folder = folderOf("mixed-q", [monthly, anniversary, quarterly]);
    const result = batch(folder, "2026-01-01/2026-04-01", "--workers", "1");
    expect(result.code).toBe(0);
    // cus_c: 90.00 for the quarter, not prorated, + 40 GB × 0.05 = 2.00: 92.00
    expect(totals(result.stdout)).toEqual([["cus_c", "92.00"]]);
    expect(result.stderr).toContain(
      "    ctr_cus_a (cus_a, 1 event) is billed monthly: 2026-01, 2026-02 and 2026-03 meet 2026-01-01/2026-04-01; rate them with --period 2026-01, --period 2026-02 and --period 2026-03, each with its own usage\n",
    );
  });

  it("refuses a period that is no contract's billing period (exit 2), naming the period that is", () => {
    // Failed before: exit 0, cus_c billed a February of its quarter (the fee prorated, 28 of 90 days).
    const folder = folderOf("quarterly-only", [quarterly]);
    const result = batch(folder, "2026-02");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      "ratecard: --period 2026-02: 2026-02 is not a billing period of the contract of --contracts, so the batch would rate nothing (a batch rates a contract's whole billing period, cut only by its own term, never a part of it). ctr_cus_c (cus_c) is billed quarterly: 2026-02 covers part of its billing period 2026-Q1; rate it with --period 2026-Q1. No usage was read and nothing was written.\n",
    );
  });

  it("refuses half a month of monthly contracts, pointing to the month, to preview for the usage so far, and to a contract's own end", () => {
    // Before: "… (an invoice for it would bill part of a billing period, or straddle two). ctr_cus_a
    // (cus_a) is billed monthly: 2026-02 meets 2026-02-01/2026-02-15; rate it with --period 2026-02", no
    // word on the mid-month check or the customer leaving on the 15th that half a month is asked for.
    const folder = folderOf("monthly-only", [monthly]);
    const result = batch(folder, "2026-02-01/2026-02-15");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      "ratecard: --period 2026-02-01/2026-02-15: 2026-02-01/2026-02-15 is not a billing period of the contract of --contracts, so the batch would rate nothing (a batch rates a contract's whole billing period, cut only by its own term, never a part of it). ctr_cus_a (cus_a) is billed monthly: 2026-02-01/2026-02-15 covers part of its billing period 2026-02; rate it with --period 2026-02. For the invoice so far of 2026-02, not billed, run ratecard preview --contract FILE --period 2026-02 --as-of 2026-02-15, a contract at a time; for a customer whose contract ends on 2026-02-15, write that end (term.end or cancellation) in its contract and the run of --period 2026-02 bills it to then, prorated. No usage was read and nothing was written.\n",
    );
    // A part that does not start with the month (the 10th to the 20th) is no usage "so far": no preview.
    const middle = batch(folder, "2026-02-10/2026-02-20");
    expect(middle.code).toBe(2);
    expect(middle.stderr).toContain(
      "covers part of its billing period 2026-02; rate it with --period 2026-02.",
    );
    expect(middle.stderr).not.toContain("preview");
  });

  it("names the contracts it refuses in customer order, as the summary lists them, not in file order", () => {
    // Failed before: the files a-….json (cus_y) and b-….json (cus_x) were named cus_y first.
    const folder = join(scratch, "file-order");
    mkdirSync(folder, { recursive: true });
    for (const [file, customer] of [
      ["a-first.json", "cus_y"],
      ["b-second.json", "cus_x"],
    ] as const)
      writeFileSync(
        join(folder, file),
        JSON.stringify({ ...quarterly, id: `ctr_${customer}`, customer: { id: customer } }),
      );
    const result = batch(folder, "2026-02");
    expect(result.code).toBe(2);
    const x = result.stderr.indexOf("ctr_cus_x (cus_x)");
    const y = result.stderr.indexOf("ctr_cus_y (cus_y)");
    expect(x).toBeGreaterThan(-1);
    expect(y).toBeGreaterThan(x);
  });

  it("gives byte-identical invoices, stderr and summary on either engine and any number of workers", () => {
    const folder = folderOf("mixed-engines", [monthly, anniversary, quarterly]);
    const runs = [
      batch(folder, "2026-02", "--engine", "memory", "--workers", "1"),
      batch(folder, "2026-02", "--engine", "memory", "--workers", "2"),
      batch(folder, "2026-02", "--engine", "duckdb"),
    ];
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    const [first] = runs;
    for (const run of runs) {
      expect(run.stdout).toBe(first?.stdout);
      expect(run.stderr).toBe(first?.stderr);
      expect(run.summary).toBe(first?.summary);
    }
    expect(
      JSON.parse(first?.summary ?? "").contractsOnAnotherCycle.map((e: { events: number }) => e.events),
    ).toEqual([2, 1]);
  });

  it("counts a set-aside customer's events as its own under --bad-events hold on DuckDB", () => {
    const folder = folderOf("mixed-hold", [monthly, anniversary, quarterly]);
    const memory = batch(folder, "2026-02", "--engine", "memory", "--bad-events", "hold");
    const duckdb = batch(folder, "2026-02", "--engine", "duckdb", "--bad-events", "hold");
    expect([memory.code, duckdb.code]).toEqual([0, 0]);
    expect(duckdb.summary).toBe(memory.summary);
    expect(JSON.parse(duckdb.summary).unknownCustomers.events).toBe(1);
  });

  it("skips what --carry and --commitment-spend give a contract set aside, as it skips its invoice", () => {
    // Failed before: exit 2, `--carry … gives carried state for contract "ctr_cus_c", which --contracts
    // does not have`: a file keyed by every contract id stopped the batch for the quarterly one.
    const folder = folderOf("mixed-carry", [monthly, anniversary, quarterly]);
    const keyed = join(scratch, "keyed.json");
    writeFileSync(keyed, JSON.stringify({ ctr_cus_c: {}, ctr_cus_b: {} }));
    const result = batch(folder, "2026-02", "--carry", keyed, "--commitment-spend", keyed);
    expect(result.code).toBe(0);
    // cus_a alone: 100 GB × 0.05 = 5.00
    expect(totals(result.stdout)).toEqual([["cus_a", "5.00"]]);
  });
});

// Contracts of five customers on any cycle and term, events of theirs and of a stranger, either engine.
const CADENCES = ["daily", "weekly", "monthly", "quarterly"] as const;
const cycleArb = fc.record({
  cadence: fc.constantFrom(...CADENCES),
  alignment: fc.constantFrom("calendar", "anniversary"),
  start: fc.constantFrom("2025-06-01", "2026-01-15", "2026-02-01", "2026-02-10", "2026-03-01"),
});

describe("ratecard batch accounts for every contract and every event (property)", () => {
  it("its invoices and the contracts it sets aside are the contracts; their events and unknown ones all", {
    timeout: fuzzTimeout(),
  }, () => {
    const customers = ["c0", "c1", "c2", "c3", "c4"];
    let run = 0;
    fc.assert(
      fc.property(
        fc.tuple(...customers.map(() => cycleArb)),
        fc.array(
          fc.record({
            customer: fc.constantFrom(...customers, "stranger"),
            day: fc.integer({ min: 1, max: 28 }),
          }),
          { maxLength: 12 },
        ),
        fc.constantFrom("memory", "duckdb"),
        (cycles, drawn, engine) => {
          run += 1;
          const contracts = cycles.map(({ cadence, alignment, start }, index) =>
            egressContractJson(customers[index] as string, "USD", {
              billing: { cadence, alignment },
              term: { start },
            }),
          );
          const folder = folderOf(`property-${run}`, contracts);
          const usage = join(scratch, `property-${run}.ndjson`);
          writeFileSync(
            usage,
            drawn
              .map(
                ({ customer, day }, index) => `${JSON.stringify(event(`p${index}`, customer, "1", day))}\n`,
              )
              .join(""),
          );
          const summaryFile = join(scratch, `property-${run}.json`);
          const result = runCli(
            "batch",
            ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--summary", summaryFile],
            ...["--engine", engine, "--workers", "1"],
          );
          const ids = contracts.map((contract) => contract.id).sort();
          if (result.code === 2) {
            // Every contract set aside: refused, naming the period, before the usage is read.
            expect(result.stderr).toMatch(/^ratecard: --period 2026-02: /);
            return;
          }
          expect(result.code).toBe(0);
          const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
          const aside: Array<{ contract: string; events: number }> = summary.contractsOnAnotherCycle ?? [];
          const outOfTerm: Array<{ contract: string }> = summary.contractsOutOfTerm ?? [];
          const invoiced = result.stdout
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => (JSON.parse(line) as { contractId: string }).contractId);
          expect(
            [...invoiced, ...aside.map((e) => e.contract), ...outOfTerm.map((e) => e.contract)].sort(),
          ).toEqual(ids);
          const setAside = aside.reduce((sum, entry) => sum + entry.events, 0);
          expect(summary.eventsRead + setAside + summary.unknownCustomers.events).toBe(drawn.length);
        },
      ),
      // 12 spawned batches in npm test; FC_NUM_RUNS scales them for a deep run (60 at 1,000).
      fuzzParameters(12),
    );
  });
});
