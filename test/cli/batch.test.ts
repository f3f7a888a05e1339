import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContract, rateInvoice } from "../../src/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

let scratch = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-batch-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// $0.05 per GB (or €0.05), UTC, monthly: the worked example of docs/scale.md, "Batches".
const contractJson = egressContractJson;

const event = (id: string, customer: string, gb: string, day = 10) => ({
  id,
  type: "egress",
  customer,
  timestamp: `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`,
  properties: { gb },
});

const ndjson = (items: ReadonlyArray<unknown>) => items.map((item) => `${JSON.stringify(item)}\n`).join("");

function writeFolder(name: string, contracts: ReadonlyArray<ReturnType<typeof contractJson>>): string {
  const folder = join(scratch, name);
  mkdirSync(folder, { recursive: true });
  for (const contract of contracts)
    writeFileSync(join(folder, `${contract.customer.id}.json`), JSON.stringify(contract));
  return folder;
}

function writeFile(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const invoicesOf = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as { customer: { id: string }; total: string });

describe("ratecard batch", () => {
  const contracts = [contractJson("cus_b"), contractJson("cus_a"), contractJson("cus_c", "EUR")];
  const events = [
    event("e1", "cus_a", "100"),
    event("e2", "cus_b", "20"),
    event("e2", "cus_b", "20"),
    event("e3", "cus_c", "10"),
    event("e4", "cus_zz", "1"),
    event("e5", "cus_yy", "1"),
    event("e6", "cus_yy", "1"),
  ];

  it("writes one invoice per contract, in customer order, and a summary per currency", () => {
    const folder = writeFolder("three", contracts);
    const usage = writeFile("three.ndjson", ndjson(events));
    const summaryFile = join(scratch, "summary.json");
    const result = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--summary",
      summaryFile,
    );
    expect(result.code).toBe(0);
    // cus_a 100 GB × 0.05 = 5.00; cus_b 20 GB (its copy left out) × 0.05 = 1.00; cus_c 10 GB × 0.05 = €0.50
    expect(invoicesOf(result.stdout).map((invoice) => [invoice.customer.id, invoice.total])).toEqual([
      ["cus_a", "5.00"],
      ["cus_b", "1.00"],
      ["cus_c", "0.50"],
    ]);
    // USD 5.00 + 1.00 = 6.00 over 2 invoices, EUR 0.50 over 1; e4, e5, e6: 3 events of 2 customers
    // read 1 + 2 + 1 = 4 events of the three customers, counted 3 (a copy left out); with the 3 of
    // customers without a contract, the file's 7
    expect(JSON.parse(readFileSync(summaryFile, "utf8"))).toEqual({
      invoices: 3,
      totals: [
        { currency: "EUR", invoices: 1, total: "0.50", amountDue: "0.50" },
        { currency: "USD", invoices: 2, total: "6.00", amountDue: "6.00" },
      ],
      eventsRead: 4,
      eventsCounted: 3,
      warnings: 0,
      excluded: [{ reason: "duplicate_id", events: 1 }],
      unknownCustomers: { events: 3, customers: 2, sampleCustomers: ["cus_yy", "cus_zz"] },
    });
    expect(result.stderr).toContain("USD 6.00 over 2 invoices\n");
    expect(result.stderr).toContain("events: 4 read, 3 counted");
    expect(result.stderr).toContain("events left out: duplicate_id 1");
    expect(result.stderr).toContain("3 of 2 customers (cus_yy, cus_zz)");
  });

  it("says what is due beside the total when credits after tax paid part, and accounts for every event", () => {
    // golden-rich: total 778.27 EUR, of which its 200.00 prepaid wallet pays 200.00 after tax: 578.27 due.
    // Its file's 19 events: 18 of cus_helios (12 counted, 6 left out: 1 + 2 + 1 + 1 + 1) and 1 of
    // cus_other, which no contract bills
    const result = runCli(
      "batch",
      "--contracts",
      "fixtures/golden-rich/contract.json",
      "--usage",
      "fixtures/golden-rich/usage.ndjson",
      "--period",
      "2026-03",
      "--credits-start-full",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    const { summary } = JSON.parse(result.stdout);
    expect(summary.totals).toEqual([{ currency: "EUR", invoices: 1, total: "778.27", amountDue: "578.27" }]);
    expect([summary.eventsRead, summary.eventsCounted, summary.unknownCustomers.events]).toEqual([18, 12, 1]);
    expect(result.stderr).toContain("EUR 778.27 over 1 invoice, 578.27 due\n  events: 18 read, 12 counted\n");
  });

  it("reads contracts from an NDJSON file and a JSON list, and the usage from CSV, alike", () => {
    const usage = writeFile(
      "three.csv",
      `id,type,customer,timestamp,gb\n${events
        .map((e) => `${e.id},${e.type},${e.customer},${e.timestamp},${e.properties.gb}`)
        .join("\n")}\n`,
    );
    const list = writeFile("contracts.json", JSON.stringify(contracts));
    const lines = writeFile("contracts.ndjson", ndjson(contracts));
    const fromList = runCli("batch", "--contracts", list, "--usage", usage, "--period", "2026-02");
    const fromLines = runCli("batch", "--contracts", lines, "--usage", usage, "--period", "2026-02");
    expect(fromList.code).toBe(0);
    expect(fromLines.stdout).toBe(fromList.stdout);
    // 5.00 + 1.00 + 0.50, as from the folder and NDJSON usage above
    expect(invoicesOf(fromList.stdout).map((invoice) => invoice.total)).toEqual(["5.00", "1.00", "0.50"]);
  });

  it("reads one contract's .json file as that customer's batch, and --help and an empty list say it may", () => {
    // The way to rate one held customer again (docs/scale.md, the runbook's step 4): its own file.
    const folder = writeFolder("one-of-three", contracts);
    const usage = writeFile("one.ndjson", ndjson(events));
    const one = runCli(
      "batch",
      ...["--contracts", join(folder, "cus_b.json"), "--usage", usage, "--period", "2026-02"],
    );
    expect(one.code).toBe(0);
    // cus_b's 20 GB (e2 sent twice, counted once) × 0.05 = 1.00; cus_a's, cus_c's, cus_zz's and cus_yy's
    // 5 events are of customers this batch has no contract for: counted, never billed
    expect(invoicesOf(one.stdout).map((invoice) => [invoice.customer.id, invoice.total])).toEqual([
      ["cus_b", "1.00"],
    ]);
    expect(one.stderr).toContain("events of customers without a contract: 5 of 4 customers");
    const help = runCli("batch", "--help");
    expect(help.stdout).toContain("one contract's .json file");
    const empty = runCli(
      "batch",
      "--contracts",
      writeFile("none.json", "[]"),
      "--usage",
      usage,
      "--period",
      "2026-02",
    );
    expect([empty.code, empty.stderr]).toEqual([
      2,
      `ratecard: --contracts ${join(scratch, "none.json")} holds no contract; give a folder of contract files, one contract's file or a list\n`,
    ]);
  });

  it("--format json writes one document of the invoices and the summary, rateMany's shape", () => {
    const folder = writeFolder("three-json", contracts);
    const usage = writeFile("three-json.ndjson", ndjson(events));
    const result = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--format",
      "json",
    );
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as {
      invoices: Array<{ total: string }>;
      summary: { totals: unknown };
    };
    // 5.00, 1.00, 0.50 as above; USD 6.00 and EUR 0.50
    expect(document.invoices.map((invoice) => invoice.total)).toEqual(["5.00", "1.00", "0.50"]);
    expect(document.summary.totals).toEqual([
      { currency: "EUR", invoices: 1, total: "0.50", amountDue: "0.50" },
      { currency: "USD", invoices: 2, total: "6.00", amountDue: "6.00" },
    ]);
  });

  it("sets aside, and lists, the contracts whose term does not reach the period: a renewal's old one, a customer who left", () => {
    // A month-end folder: cus_a's 2025 contract ended on 2026-01-01, where its renewal starts; cus_gone's
    // ended on 2025-12-01. Until 7 December 2026 the first refused the batch as two contracts of cus_a,
    // and the second stopped every customer's invoice ("The period … is outside the term").
    const folder = writeFile(
      "month-end.ndjson",
      ndjson([
        contractJson("cus_a", "USD", { id: "ctr_a_2025", term: { start: "2025-01-01", end: "2026-01-01" } }),
        contractJson("cus_gone", "USD", { term: { start: "2025-01-01", end: "2025-12-01" } }),
        contractJson("cus_a", "USD", { id: "ctr_a_2026" }),
        // cancelled from 1 February: its term as written would not say why it is left out
        contractJson("cus_cancelled", "USD", {
          term: { start: "2025-06-01" },
          cancellation: { requested: "2026-01-10", effective: "2026-02-01" },
        }),
      ]),
    );
    const usage = writeFile(
      "month-end-usage.ndjson",
      ndjson([event("e1", "cus_a", "100"), event("e2", "cus_gone", "3")]),
    );
    const summaryFile = join(scratch, "month-end-summary.json");
    const result = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--summary", summaryFile],
    );
    expect(result.code).toBe(0);
    // cus_a by its renewal: 100 GB × $0.05 = $5.00; cus_gone's late event is billed by no contract
    const invoices = invoicesOf(result.stdout) as Array<{ contractId?: string; total: string }>;
    expect(invoices.map((invoice) => [invoice.contractId, invoice.total])).toEqual([["ctr_a_2026", "5.00"]]);
    const summary = JSON.parse(readFileSync(summaryFile, "utf8"));
    expect(summary.contractsOutOfTerm).toEqual([
      {
        contract: "ctr_a_2025",
        customer: "cus_a",
        term: "2025-01-01 to 2026-01-01",
        source: `${folder} line 1`,
      },
      {
        contract: "ctr_cus_gone",
        customer: "cus_gone",
        term: "2025-01-01 to 2025-12-01",
        source: `${folder} line 2`,
      },
      {
        contract: "ctr_cus_cancelled",
        customer: "cus_cancelled",
        term: "from 2025-06-01, cancelled from 2026-02-01",
        source: `${folder} line 4`,
      },
    ]);
    expect(summary.unknownCustomers).toEqual({ events: 1, customers: 1, sampleCustomers: ["cus_gone"] });
    expect(result.stderr).toContain(
      "  contracts not in force in 2026-02, not rated: ctr_a_2025 (cus_a, term 2025-01-01 to 2026-01-01), ctr_cus_gone (cus_gone, term 2025-01-01 to 2025-12-01), ctr_cus_cancelled (cus_cancelled, term from 2025-06-01, cancelled from 2026-02-01)\n",
    );
  });

  // Until 7 December 2026 a --period a year off set every contract aside and exited 0, "0 invoices", the
  // reason only in the summary's last line. Now refused as the command line's mistake: exit 2, the terms'
  // span and the period most likely meant, before the usage is read or any output written.
  it("refuses a --period in which no contract is in force, with the terms' span and the period likely meant", () => {
    // three contracts from 2026-01-01 (no end), asked for 2025-02: 2026-02, one year on, has all three
    const folder = writeFolder("year-off", contracts);
    const usage = writeFile("year-off.ndjson", ndjson(events));
    const output = join(scratch, "year-off-invoices.ndjson");
    const summaryFile = join(scratch, "year-off-summary.json");
    const result = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2025-02"],
      ...["--output", output, "--summary", summaryFile],
    );
    expect([result.code, result.stdout]).toEqual([2, ""]);
    expect(result.stderr).toBe(
      "ratecard: --period 2025-02: none of the 3 contracts of --contracts is in force in 2025-02, so the batch would rate nothing. Their terms run from 2026-01-01 (the earliest start) with no end (a term without one). Did you mean --period 2026-02 (all 3 in force)? No usage was read and nothing was written.\n",
    );
    expect([existsSync(output), existsSync(summaryFile)]).toEqual([false, false]);
  });

  it("names the latest end and the nearest year in force, or says to give a period inside the terms", () => {
    // cus_old 2024-03-01 to 2025-03-01, cus_new cancelled from 2025-06-01: the earliest start 2024-03-01,
    // the latest end 2025-06-01. 2026-04 → 2027-04 (none), 2025-04 (cus_new alone: 1 of the 2)
    const ended = writeFile(
      "ended.ndjson",
      ndjson([
        contractJson("cus_old", "USD", { term: { start: "2024-03-01", end: "2025-03-01" } }),
        contractJson("cus_new", "USD", {
          term: { start: "2025-01-01" },
          cancellation: { requested: "2025-05-10", effective: "2025-06-01" },
        }),
      ]),
    );
    const usage = writeFile("ended-usage.ndjson", ndjson([event("e1", "cus_new", "1")]));
    const batchFor = (period: string) =>
      runCli("batch", "--contracts", ended, "--usage", usage, "--period", period).stderr;
    const span = "Their terms run from 2024-03-01 (the earliest start) to 2025-06-01 (the latest end).";
    expect(batchFor("2026-04")).toBe(
      `ratecard: --period 2026-04: none of the 2 contracts of --contracts is in force in 2026-04, so the batch would rate nothing. ${span} Did you mean --period 2025-04 (1 of the 2 in force)? No usage was read and nothing was written.\n`,
    );
    // 2040 is more than ten years past every term: no year is guessed
    expect(batchFor("2040-04")).toBe(
      `ratecard: --period 2040-04: none of the 2 contracts of --contracts is in force in 2040-04, so the batch would rate nothing. ${span} Give a period inside the terms. No usage was read and nothing was written.\n`,
    );
  });

  it("refuses a change of contract inside the period, naming both terms", () => {
    // cus_a moves to a new contract on 15 February: both reach February, one after the other, and a batch
    // rates one contract per customer and period
    const change = writeFile(
      "mid-period.ndjson",
      ndjson([
        contractJson("cus_a", "USD", { id: "ctr_a_old", term: { start: "2025-01-01", end: "2026-02-15" } }),
        contractJson("cus_a", "USD", { id: "ctr_a_new", term: { start: "2026-02-15" } }),
      ]),
    );
    const usage = writeFile("mid-period-usage.ndjson", ndjson([event("e1", "cus_a", "1")]));
    const result = runCli("batch", "--contracts", change, "--usage", usage, "--period", "2026-02");
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ratecard: --contracts: ${change} line 1 (term 2025-01-01 to 2026-02-15) and ${change} line 2 (term from 2026-02-15) both bill customer "cus_a" in 2026-02, one after the other; a batch rates one contract per customer and period, so write the change inside the period as an amendment of one contract ("amendments", docs/contracts.md, step 0) and leave the other out of --contracts\n`,
    );
  });

  it("refuses, exit 2 without a stack, two contracts of one customer, a bad contract and a bad --workers", () => {
    const twice = writeFile("twice.ndjson", ndjson([contractJson("cus_a"), contractJson("cus_a")]));
    const usage = writeFile("one.ndjson", ndjson([event("e1", "cus_a", "1")]));
    const both = runCli("batch", "--contracts", twice, "--usage", usage, "--period", "2026-02");
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("both bill customer");
    const broken = writeFile(
      "broken.ndjson",
      ndjson([contractJson("cus_a"), { ...contractJson("cus_b"), currency: "XYZ" }]),
    );
    const bad = runCli("batch", "--contracts", broken, "--usage", usage, "--period", "2026-02");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("broken.ndjson line 2");
    expect(bad.stderr).not.toContain("    at ");
    const workers = runCli(
      "batch",
      "--contracts",
      twice,
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--workers",
      "0",
    );
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain("--workers must be a whole number");
  });

  // A --period no contract can read was blamed on the first contract's file (`--contracts …/cus_a.json:
  // Period "2026-13" is not understood`), sending the specialist to a contract that is fine.
  it.each([
    [
      "2026-13",
      'Period "2026-13" is not understood; write a month like 2026-02, a day (2026-02-10), a quarter (2026-Q1), a year (2026) or a range like 2026-02-01/2026-03-01.',
    ],
    [
      "2026-Q5",
      'Period "2026-Q5" is not understood; write a month like 2026-02, a day (2026-02-10), a quarter (2026-Q1), a year (2026) or a range like 2026-02-01/2026-03-01.',
    ],
    ["2026-02-30/2026-03-01", 'Period "2026-02-30/2026-03-01": "2026-02-30" is not a real calendar date.'],
  ])("blames a --period it cannot read on --period, not on a contract: %s", (period, sentence) => {
    const folder = writeFolder("period", [contractJson("cus_a"), contractJson("cus_b")]);
    const usage = writeFile("period.ndjson", ndjson([event("e1", "cus_a", "1")]));
    const result = runCli("batch", "--contracts", folder, "--usage", usage, "--period", period);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`ratecard: --period: ${sentence}\n`);
    expect(result.stdout).toBe("");
  });

  // The summary quotes customer ids read from the usage; one holding \r and \n was written raw, so the
  // terminal showed a line of its own making ("USD 999.99 over 1 invoice") over or under the real ones.
  it("shows a customer id's control characters escaped in the summary, never as a line of its own", () => {
    const folder = writeFolder("control", [contractJson("cus_a")]);
    const forged = "cus_x\rUSD 999.99 over 1 invoice\nfake";
    const usage = writeFile("control.ndjson", ndjson([event("e1", "cus_a", "20"), event("e2", forged, "1")]));
    const result = runCli("batch", "--contracts", folder, "--usage", usage, "--period", "2026-02");
    expect(result.code).toBe(0);
    // 20 GB × $0.05 = $1.00; e2 is the 1 event of 1 customer without a contract
    expect(result.stderr).toBe(
      [
        "ratecard batch: 1 invoice for 2026-02",
        "  USD 1.00 over 1 invoice",
        "  events: 1 read, 1 counted",
        "  0 warnings",
        "  events left out: none",
        '  events of customers without a contract: 1 of 1 customer ("cus_x\\rUSD 999.99 over 1 invoice\\nfake")',
        "",
      ].join("\n"),
    );
  });

  // A contracts folder laid out by region: the batch reads the folder's own .json files, so contracts in
  // sub-folders were "no contract", or, beside contracts of its own, left out without a word.
  it("names the sub-folders of --contracts it does not read", () => {
    const regions = join(scratch, "regions");
    writeFolder(join("regions", "eu"), [contractJson("cus_b", "EUR")]);
    writeFolder(join("regions", "us"), [contractJson("cus_c")]);
    mkdirSync(join(regions, "empty"));
    const usage = writeFile(
      "regions.ndjson",
      ndjson([event("e1", "cus_a", "20"), event("e2", "cus_b", "1")]),
    );
    const none = runCli("batch", "--contracts", regions, "--usage", usage, "--period", "2026-02");
    expect(none.code).toBe(2);
    const words =
      "its sub-folders eu, us hold .json files a batch does not read (it reads the folder's own .json files)";
    expect(none.stderr).toBe(
      `ratecard: --contracts ${regions} holds no contract of its own: ${words}; give each as the --contracts of its own batch\n`,
    );
    writeFolder("regions", [contractJson("cus_a")]);
    const beside = runCli("batch", "--contracts", regions, "--usage", usage, "--period", "2026-02");
    expect(beside.code).toBe(0);
    expect(beside.stderr).toContain(
      `ratecard: note: --contracts ${regions}: ${words}, so their customers get no invoice from this batch; give each as the --contracts of its own batch, or move their files up\n`,
    );
    // cus_a alone is rated: 20 GB × $0.05 = $1.00
    expect(invoicesOf(beside.stdout).map((invoice) => [invoice.customer.id, invoice.total])).toEqual([
      ["cus_a", "1.00"],
    ]);
  });

  // A batch's invoices are NDJSON whatever --output's name; written to january.json, next month's
  // --carry january.json said only "is not valid JSON (Unexpected non-whitespace character after JSON …)".
  it("says an NDJSON file named .json is NDJSON and how to name it, for --carry and --contracts", () => {
    const folder = writeFolder("ndjson-named", [contractJson("cus_a"), contractJson("cus_b")]);
    const usage = writeFile("ndjson-named.ndjson", ndjson([event("e1", "cus_a", "20")]));
    const january = join(scratch, "january.json");
    const first = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-01", "--output", january],
    );
    expect(first.code).toBe(0);
    const words =
      "holds one JSON document a line (NDJSON, as ratecard batch writes its invoices whatever --output's name), read as such only from a file named .ndjson or .jsonl; as one JSON document it is not valid: name it";
    const carry = runCli(
      "batch",
      ...["--contracts", folder, "--usage", usage, "--period", "2026-02", "--carry", january],
    );
    expect(carry.code).toBe(2);
    expect(carry.stderr).toBe(`ratecard: --carry ${january} ${words} ${join(scratch, "january")}.ndjson\n`);
    // Contracts too, a byte order mark and a blank line between them notwithstanding.
    const list = writeFile(
      "contracts-list.json",
      `\uFEFF${ndjson([contractJson("cus_a")])}\n${ndjson([contractJson("cus_b")])}`,
    );
    const contracts = runCli("batch", "--contracts", list, "--usage", usage, "--period", "2026-02");
    expect(contracts.code).toBe(2);
    expect(contracts.stderr).toBe(
      `ratecard: --contracts ${list} ${words} ${join(scratch, "contracts-list")}.ndjson\n`,
    );
    // A file that is neither is refused as before.
    const broken = writeFile("broken-carry.json", '{"ctr_cus_a":\n');
    const bad = runCli(
      "batch",
      "--contracts",
      folder,
      "--usage",
      usage,
      "--period",
      "2026-02",
      "--carry",
      broken,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `ratecard: --carry ${broken} is not valid JSON (Unexpected end of JSON input).\n`,
    );
  });

  it("gives the same bytes with 1 worker and with 3, each invoice the one rateInvoice gives for the customer's own events", () => {
    // 70 customers: three chunks of 32 customers, so three threads share the work out of order.
    const customers = Array.from({ length: 70 }, (_, index) => `cus_${String(index).padStart(2, "0")}`);
    const folder = writeFolder(
      "seventy",
      customers.map((customer) => contractJson(customer)),
    );
    const parsed = new Map(customers.map((customer) => [customer, parseContract(contractJson(customer))]));
    const eventArb = fc.record({
      id: fc.integer({ min: 1, max: 120 }).map((n) => `e${n}`),
      customer: fc.constantFrom(...customers, "cus_other"),
      gb: fc.integer({ min: 0, max: 100_000 }).map((n) => (n / 1000).toFixed(3)),
      day: fc.integer({ min: 1, max: 28 }),
    });
    let run = 0;
    fc.assert(
      fc.property(fc.array(eventArb, { minLength: 1, maxLength: 200 }), (drafts) => {
        run += 1;
        const list = drafts.map((d) => event(d.id, d.customer, d.gb, d.day));
        const usage = writeFile(`random-${run}.ndjson`, ndjson(list));
        const args = ["batch", "--contracts", folder, "--usage", usage, "--period", "2026-02"];
        const one = runCli(...args, "--workers", "1");
        const three = runCli(...args, "--workers", "3");
        expect(one.code).toBe(0);
        expect(three.stdout).toBe(one.stdout);
        const expected = customers
          .map((customer) =>
            JSON.stringify(
              rateInvoice(
                parsed.get(customer)!,
                list.filter((e) => e.customer === customer),
                "2026-02",
              ),
            ),
          )
          .join("\n");
        expect(one.stdout).toBe(`${expected}\n`);
      }),
      { numRuns: 3 },
    );
  });
});
