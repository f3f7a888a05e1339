// ratecard's CLI with --engine duckdb against DuckDB's own GROUP BY on the same file (issue 14:
// cliDuckdbVsDuckdbNdjson, cliDuckdbVsDuckdbCsv; target ≤ 1.3). Both run as a fresh node process, so
// both pay the start-up; the baseline sums the values as DECIMAL(18,9), exact as ratecard is, without
// deduplication or the usage report. Files are generated once into bench/out/ (not committed).
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";

const OUT = join(import.meta.dirname, "out");
const ROOT = join(import.meta.dirname, "..");

async function generate(file, count, csv) {
  const stream = createWriteStream(file);
  const regions = ["na", "eu", "apac", "latam"];
  const start = Date.UTC(2026, 1, 1);
  const span = Date.UTC(2026, 2, 1) - start;
  if (csv) stream.write("id,type,customer,timestamp,region,gb\n");
  for (let i = 0; i < count; i += 1) {
    const timestamp = new Date(start + Math.floor((i / count) * span)).toISOString();
    const gb = `${(i * 37) % 1000}.${String(i % 1000).padStart(3, "0")}`;
    const line = csv
      ? `evt_${i},cdn.bandwidth,cus_bench,${timestamp},${regions[i % 4]},${gb}\n`
      : `{"id":"evt_${i}","type":"cdn.bandwidth","customer":"cus_bench","timestamp":"${timestamp}","properties":{"region":"${regions[i % 4]}","gb":"${gb}"}}\n`;
    if (!stream.write(line)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  await new Promise((resolve) => stream.end(resolve));
}

const CONTRACT = {
  schemaVersion: 1,
  id: "ctr_bench",
  customer: { id: "cus_bench" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [
    { id: "bandwidth", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb", unit: "GB" },
  ],
  charges: [
    {
      id: "bandwidth",
      name: "Bandwidth by region",
      meter: "bandwidth",
      price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "0.05" } },
    },
  ],
};

// DuckDB's own query over the file: the sum of gb per region, DECIMAL(18,9).
function baselineSql(file, csv) {
  return csv
    ? `SELECT region, SUM(CAST(gb AS DECIMAL(18,9))) AS gb FROM read_csv('${file}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"') WHERE customer = 'cus_bench' GROUP BY region`
    : `SELECT json_extract_string(properties, '$.region') AS region, SUM(CAST(json_extract_string(properties, '$.gb') AS DECIMAL(18,9))) AS gb FROM read_json('${file}', format = 'newline_delimited', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'}) WHERE customer = 'cus_bench' GROUP BY region`;
}

// DuckDB's own query doing the part of ratecard's job no exact invoice can skip: one row kept per event
// id (`DISTINCT ON (id)`: a copy sent twice is billed once), the customer's bandwidth events of the
// period only (each timestamp cast to an instant), then the same DECIMAL(18,9) sum per region. Beside the
// named figures, not one of them: it shows how much of the gap to DuckDB's plain GROUP BY is the
// deduplication itself (docs/scale-measurements.md, "How close any plan could come").
function dedupBaselineSql(file, csv) {
  const source = csv
    ? `read_csv('${file}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`
    : `read_json('${file}', format = 'newline_delimited', columns = {id: 'VARCHAR', type: 'VARCHAR', customer: 'VARCHAR', timestamp: 'VARCHAR', properties: 'JSON'})`;
  const region = csv ? "region" : "json_extract_string(properties, '$.region')";
  const gb = csv ? "gb" : "json_extract_string(properties, '$.gb')";
  const instant = "CAST(timestamp AS TIMESTAMPTZ)";
  return `SELECT region, SUM(gb) AS gb FROM (SELECT DISTINCT ON (id) ${region} AS region, CAST(${gb} AS DECIMAL(18,9)) AS gb FROM ${source} WHERE customer = 'cus_bench' AND type = 'cdn.bandwidth' AND ${instant} >= TIMESTAMPTZ '2026-02-01 00:00:00+00' AND ${instant} < TIMESTAMPTZ '2026-03-01 00:00:00+00') GROUP BY region`;
}

// A node process that runs one query in DuckDB embedded and prints its rows (the baselines).
function duckdbScript(sql) {
  return `import { DuckDBInstance } from "@duckdb/node-api"; const c = await (await DuckDBInstance.create(":memory:")).connect(); await c.run("SET TimeZone = 'UTC'"); process.stdout.write(JSON.stringify((await c.runAndReadAll(${JSON.stringify(sql)})).getRowObjectsJS(), (k, v) => typeof v === "bigint" ? String(v) : v));`;
}

// Wall seconds and user-CPU seconds (all of DuckDB's threads included) of one fresh node process:
// on a shared machine the wall time swings with the load, the CPU time much less.
export function timed(args) {
  const times = join(OUT, "time.txt");
  const start = process.hrtime.bigint();
  const run = spawnSync("/usr/bin/time", ["-f", "%U", "-o", times, process.execPath, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${args.join(" ")} failed: ${run.stderr}`);
  return { seconds, user: Number(readFileSync(times, "utf8").trim().split("\n").at(-1)) };
}

const ROUNDS = 2;

// Each side's fastest wall time and, separately, its least CPU time.
export function fastestOf(runs) {
  return {
    seconds: Math.min(...runs.map((run) => run.seconds)),
    user: Math.min(...runs.map((run) => run.user)),
  };
}

async function one(count, csv) {
  const file = join(OUT, `duckdb-usage-${count}.${csv ? "csv" : "ndjson"}`);
  if (!existsSync(file)) await generate(file, count, csv);
  const contract = join(OUT, "duckdb-contract.json");
  writeFileSync(contract, JSON.stringify(CONTRACT));
  const cli = join(ROOT, "dist", "cli.js");
  const ratecardArgs = [
    cli,
    "invoice",
    "--contract",
    contract,
    "--usage",
    file,
    "--period",
    "2026-02",
    "--format",
    "json",
    "--engine",
    "duckdb",
  ];
  const script = duckdbScript(baselineSql(file, csv));
  const dedupScript = duckdbScript(dedupBaselineSql(file, csv));
  // Alternating rounds, each side keeping its fastest: the first process to read a file just written
  // (or evicted) reads it from disk, and with one round that was always ratecard, which ran first (8.61 s
  // against 6.95 s warm for the 10,000,000-event NDJSON file on 4 December 2026).
  const ratecardRuns = [];
  const duckdbRuns = [];
  const dedupRuns = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    duckdbRuns.push(timed(["--input-type=module", "-e", script]));
    ratecardRuns.push(timed(ratecardArgs));
    dedupRuns.push(timed(["--input-type=module", "-e", dedupScript]));
  }
  const ratecard = fastestOf(ratecardRuns);
  const duckdb = fastestOf(duckdbRuns);
  const dedup = fastestOf(dedupRuns);
  const name = csv ? "CSV" : "NDJSON";
  console.log(
    `\nratecard --engine duckdb vs DuckDB's own GROUP BY, ${count.toLocaleString("en-US")} ${name} events, fastest of ${ROUNDS} alternating (load ${loadavg()[0].toFixed(1)})`,
  );
  console.log(
    `  ratecard invoice --engine duckdb  ${ratecard.seconds.toFixed(2)} s wall, ${ratecard.user.toFixed(2)} s user CPU`,
  );
  console.log(
    `  DuckDB GROUP BY DECIMAL(18,9)     ${duckdb.seconds.toFixed(2)} s wall, ${duckdb.user.toFixed(2)} s user CPU`,
  );
  console.log(
    `  ratio ratecard / DuckDB: ${(ratecard.seconds / duckdb.seconds).toFixed(3)}× wall, ${(ratecard.user / duckdb.user).toFixed(3)}× user CPU (target ≤ 1.3)`,
  );
  console.log(
    `  DuckDB DISTINCT ON (id), period    ${dedup.seconds.toFixed(2)} s wall, ${dedup.user.toFixed(2)} s user CPU: ratecard / it ${(ratecard.seconds / dedup.seconds).toFixed(3)}× wall, ${(ratecard.user / dedup.user).toFixed(3)}× user CPU (no target: what deduplicating costs DuckDB itself)`,
  );
  return {
    wall: ratecard.seconds / duckdb.seconds,
    user: ratecard.user / duckdb.user,
    dedupWall: ratecard.seconds / dedup.seconds,
    dedupUser: ratecard.user / dedup.user,
  };
}

/**
 * The two figures, as ratios of wall times (ratecard's CLI over DuckDB's own query), the same ratios of
 * user-CPU times (…UserCpu), the same against DuckDB's own query that deduplicates by id and keeps the
 * period's events (…Dedup…, beside the targets) and the load average, or {} without DuckDB.
 */
export async function benchDuckdb(count) {
  try {
    await import("@duckdb/node-api");
  } catch {
    console.log(
      "\n@duckdb/node-api is not installed: the DuckDB figures are skipped (npm install @duckdb/node-api)",
    );
    return {};
  }
  mkdirSync(OUT, { recursive: true });
  const ndjson = await one(count, false);
  const csv = await one(count, true);
  return {
    cliDuckdbVsDuckdbNdjson: ndjson.wall,
    cliDuckdbVsDuckdbCsv: csv.wall,
    cliDuckdbVsDuckdbNdjsonUserCpu: ndjson.user,
    cliDuckdbVsDuckdbCsvUserCpu: csv.user,
    cliDuckdbVsDuckdbDedupNdjson: ndjson.dedupWall,
    cliDuckdbVsDuckdbDedupCsv: csv.dedupWall,
    cliDuckdbVsDuckdbDedupNdjsonUserCpu: ndjson.dedupUser,
    cliDuckdbVsDuckdbDedupCsvUserCpu: csv.dedupUser,
    duckdbLoadAverage: loadavg()[0],
  };
}
