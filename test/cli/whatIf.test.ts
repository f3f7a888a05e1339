import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// The base of docs/what-if.md (test/whatif/data): worked out in test/whatif/whatIf.test.ts.
const DATA = "test/whatif/data";
const args = (...more: string[]) => [
  "what-if",
  "--before",
  `${DATA}/base`,
  "--usage",
  `${DATA}/base`,
  "--period",
  "2026-03",
  ...more,
];

// what-if over a base of customer folders, each customer's own contract before and the proposed after.
const overBase = (dir: string, ...more: string[]) =>
  runCli(
    "what-if",
    "--before",
    dir,
    "--after",
    `${DATA}/proposed`,
    "--usage",
    dir,
    "--period",
    "2026-03",
    ...more,
  );

beforeAll(assertCliBuilt);

describe("ratecard what-if", () => {
  it("prints the rows, totals per currency and the distribution", () => {
    const { code, stdout, stderr } = runCli(...args("--after", `${DATA}/proposed`));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("What-if over 4 customers");
    expect(stdout).toMatch(
      /^beta\s+USD\s+400\.00\s+460\.00\s+\+60\.00\s+\+15\.00 %\s+Bandwidth: price \+70\.00$/m,
    );
    expect(stdout).toMatch(
      /^USD\s+3\s+650\.00\s+675\.00\s+\+25\.00\s+\+3\.85 %\s+1 up, 2 down, 0 unchanged$/m,
    );
    expect(stdout).toMatch(/^EUR\s+1\s+200\.00\s+160\.00\s+-40\.00\s+-20\.00 %/m);
    expect(stdout).toMatch(/^1\s+beta\s+\+15\.00 %\s+\+60\.00 USD$/m);
    expect(stdout).toMatch(/^median\s+-16\.67 %\s+acme$/m);
    expect(stdout).toMatch(/^-10 % to -20 %\s+2\s+#{40}$/m);
  });

  it("says a period it cannot read once, as ratecard invoice does, not as the first customer's problem", () => {
    const bad = runCli(
      "what-if",
      ...["--before", `${DATA}/base`, "--after", `${DATA}/proposed`, "--usage", `${DATA}/base`],
      ...["--period", "2026-13"],
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'ratecard: Period "2026-13" is not understood; write a month like 2026-02, a day (2026-02-10), a quarter (2026-Q1), a year (2026) or a range like 2026-02-01/2026-03-01.\n',
    );
  });

  it("writes CSV and JSON", () => {
    const csv = runCli(...args("--after", `${DATA}/proposed`, "--format", "csv"));
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\r\n")[4]).toMatch(
      /^gamma,EUR,200\.00,160\.00,-40\.00,-20\.00,price,bandwidth,-30\.00,/,
    );
    // delta's platform fee, 100.00 → 90.00 (flat): the sentence says what the fee was and became.
    expect(csv.stdout.split("\r\n")[3]).toBe(
      'delta,USD,100.00,90.00,-10.00,-10.00,price,platform,-10.00,"Platform fee: the rate changed (flat price of 100 → flat price of 90), applied to 1 unit.",',
    );
    const json = JSON.parse(runCli(...args("--after", `${DATA}/proposed`, "--format", "json")).stdout);
    expect(json.totals.map((total: { change: string }) => total.change)).toEqual(["-40.00", "25.00"]);
    const markdown = runCli(...args("--after", `${DATA}/proposed`, "--format", "markdown")).stdout;
    expect(markdown).toContain(
      "| beta | USD | 400.00 | 460.00 | +60.00 | +15.00 % | Bandwidth: price +70.00 |",
    );
    expect(markdown).toContain("### Histogram of the percent change");
  });

  it("rates a price book with the customer's identity", () => {
    // beta alone (a usage folder that is one customer), 3,000 GB under the USD price book: the same
    // prices as its proposed contract, so 400.00 → 460.00, and its events are counted as beta's.
    const one = `${DATA}/base/beta`;
    const { code, stdout } = runCli(
      "what-if",
      "--before",
      `${DATA}/base`,
      "--after",
      `${DATA}/pricebook-usd.json`,
      "--usage",
      one,
      "--period",
      "2026-03",
      "--format",
      "csv",
    );
    expect(code).toBe(0);
    expect(stdout.split("\r\n")[1]).toMatch(/^beta,USD,400\.00,460\.00,60\.00,15\.00,/);
  });

  it("says what to add when a customer's folder has no contract.json for a contract used as a price book", () => {
    // A usage folder of one customer with its events and no contract.json: the contract given to --after
    // cannot say whose invoice it is.
    const dir = mkdtempSync(join(tmpdir(), "ratecard-whatif-"));
    const folder = join(dir, "gamma");
    cpSync(`${DATA}/base/beta`, folder, { recursive: true });
    rmSync(join(folder, "contract.json"));
    const { code, stderr } = runCli(
      "what-if",
      "--before",
      `${DATA}/pricebook-usd.json`,
      "--after",
      `${DATA}/pricebook-usd.json`,
      "--usage",
      dir,
      "--period",
      "2026-03",
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      `ratecard: --before ${DATA}/pricebook-usd.json is one contract used for every customer, with each customer's own "customer" taken from its folder's contract.json, and ${folder} has none: add ${join(folder, "contract.json")}, or give --before a folder with <customer>/contract.json.\n`,
    );
  });

  it("refuses it for a customer of another currency", () => {
    const { code, stdout, stderr } = runCli(...args("--after", `${DATA}/pricebook-usd.json`));
    expect(stdout).toBe("");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ratecard: Customer gamma: The invoices are in EUR and USD/);
    expect(stderr).not.toContain("    at ");
  });

  it("refuses a customer folder with two usage files, or one under another name, instead of passing it over", () => {
    // acme with a usage.csv beside its usage.ndjson: one would be rated, the other's events not; before
    // 7 December 2026 the first name of the list won silently. Renamed usage-march.ndjson, acme's usage
    // was read as none: a customer who used nothing, its fees alone.
    const two = mkdtempSync(join(tmpdir(), "ratecard-what-if-"));
    cpSync(`${DATA}/base/acme`, join(two, "acme"), { recursive: true });
    writeFileSync(
      join(two, "acme", "usage.csv"),
      "id,type,customer,timestamp,gb\ne9,cdn.bandwidth,cus_acme,2026-03-12T00:00:00Z,50\n",
    );
    const both = overBase(two);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe(
      `ratecard: --usage ${join(two, "acme")}: the folder has usage.ndjson and usage.csv, but a customer is rated from one usage file: the events of usage.csv would not be rated. Join them into one file, or move the one not meant out of the folder\n`,
    );
    const renamed = mkdtempSync(join(tmpdir(), "ratecard-what-if-"));
    cpSync(`${DATA}/base/acme`, join(renamed, "acme"), { recursive: true });
    cpSync(join(renamed, "acme", "usage.ndjson"), join(renamed, "acme", "usage-march.ndjson"));
    rmSync(join(renamed, "acme", "usage.ndjson"));
    const other = overBase(renamed);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      `ratecard: --usage ${join(renamed, "acme")}: there is no usage file (usage.ndjson, usage.jsonl, usage.csv or usage.json); the folder has usage-march.ndjson: rename it to usage.ndjson\n`,
    );
  });

  it("says what is wrong with a customer folder", () => {
    const scratch = mkdtempSync(join(tmpdir(), "ratecard-what-if-"));
    cpSync(`${DATA}/base`, scratch, { recursive: true });
    writeFileSync(join(scratch, "beta", "usage.ndjson"), '{"id":"x","type":"cdn.bandwidth"\n');
    const broken = overBase(scratch);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/beta[/\\]usage\.ndjson/);
    // A customer with a contract and no usage file still pays its fees: acme without usage is 100.00 → 90.00.
    const quiet = mkdtempSync(join(tmpdir(), "ratecard-what-if-"));
    cpSync(`${DATA}/base/acme`, join(quiet, "acme"), { recursive: true });
    rmSync(join(quiet, "acme", "usage.ndjson"));
    const fees = overBase(quiet, "--format", "csv");
    expect(fees.code).toBe(0);
    expect(fees.stdout.split("\r\n")[1]).toMatch(/^acme,USD,100\.00,90\.00,-10\.00,-10\.00,price,platform,/);
    const empty = mkdtempSync(join(tmpdir(), "ratecard-what-if-"));
    const none = runCli(
      "what-if",
      "--before",
      empty,
      "--after",
      empty,
      "--usage",
      empty,
      "--period",
      "2026-03",
    );
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("holds no customer");
    const missing = runCli("what-if", "--before", scratch, "--after", `${DATA}/proposed`, "--usage", scratch);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing --period");
  });
});
