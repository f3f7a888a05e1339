// The CLI against the naive scripts (issue 14): `ratecard invoice` on N events of NDJSON and of CSV (the
// same events) beside bench/naiveNdjson.mjs and bench/naiveCsv.mjs on the same files, each a child
// process timed by /usr/bin/time (wall seconds, user + system seconds, peak resident memory). The runs
// alternate (naive, CLI, naive, CLI, …) so both see the same load, and each keeps its fastest run.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { contractFile, usageFile } from "./usageFiles.mjs";

const CLI = join(import.meta.dirname, "..", "dist", "cli.js");

// One child process under /usr/bin/time: its stdout, wall and CPU seconds, and peak RSS in MB.
function timed(args) {
  const result = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", process.execPath, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const last = result.stderr.trim().split("\n").at(-1);
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  const [wall, user, system, kilobytes] = last.split(" ").map(Number);
  return { stdout: result.stdout, wall, cpu: user + system, rssMb: kilobytes / 1024 };
}

const fastest = (runs) => ({
  wall: Math.min(...runs.map((run) => run.wall)),
  cpu: Math.min(...runs.map((run) => run.cpu)),
  rssMb: Math.max(...runs.map((run) => run.rssMb)),
  stdout: runs[0].stdout,
});

function compare(format, count, file, contract, repeats) {
  const naiveScript = join(import.meta.dirname, format === "csv" ? "naiveCsv.mjs" : "naiveNdjson.mjs");
  // The in-memory (JavaScript) engine, named: `--engine auto`, the default, hands a file of 32 MiB or
  // more to DuckDB, which bench/duckdb.mjs measures on its own.
  const cliArgs = [
    CLI,
    "invoice",
    "--contract",
    contract,
    "--usage",
    file,
    "--period",
    "2026-02",
    "--engine",
    "memory",
  ];
  const naiveRuns = [];
  const cliRuns = [];
  for (let i = 0; i < repeats; i += 1) {
    naiveRuns.push(timed([naiveScript, file]));
    cliRuns.push(timed([...cliArgs, "--format", "json"]));
  }
  const naive = fastest(naiveRuns);
  const cli = fastest(cliRuns);
  const invoice = JSON.parse(cli.stdout);
  const megabytes = statSync(file).size / 1e6;
  console.log(
    `\n\`ratecard invoice\` on ${count.toLocaleString("en-US")} events of ${format.toUpperCase()} (${megabytes.toFixed(0)} MB), fastest of ${repeats}`,
  );
  for (const [label, run] of [
    ["ratecard invoice (exact, validated, deduplicated)", cli],
    [`naive script (${format === "csv" ? "split" : "JSON.parse"} + Number)`, naive],
  ])
    console.log(
      `  ${label.padEnd(52)} ${run.wall.toFixed(2).padStart(7)} s wall ${run.cpu.toFixed(2).padStart(7)} s CPU ${run.rssMb.toFixed(0).padStart(5)} MB peak RSS`,
    );
  console.log(
    `  ratio ratecard / naive: ${(cli.wall / naive.wall).toFixed(2)}× wall, ${(cli.cpu / naive.cpu).toFixed(2)}× CPU; events counted ${invoice.usage.eventsCounted.toLocaleString("en-US")}, total ${invoice.total} USD`,
  );
  return {
    ratio: cli.wall / naive.wall,
    cpuRatio: cli.cpu / naive.cpu,
    rssMb: cli.rssMb,
    invoice: cli.stdout,
  };
}

/**
 * `ratecard invoice` against the naive scripts on `count` events of NDJSON and of CSV. Returns the named
 * figures: `cliJsVsNaiveNdjson` and `cliJsVsNaiveCsv` (wall-time ratios, target ≤ 1.5; the CPU-time ratios
 * beside them), and the CLI's peak RSS in MB over both runs, named for the event count
 * (`streamingPeakRssMb10M` at 10,000,000 events, target < 200).
 */
export async function benchCliVsNaive(count, repeats = 2) {
  const contract = contractFile();
  const ndjson = compare("ndjson", count, await usageFile(count, "ndjson"), contract, repeats);
  const csv = compare("csv", count, await usageFile(count, "csv"), contract, repeats);
  if (ndjson.invoice !== csv.invoice) throw new Error("the NDJSON and CSV files gave different invoices");
  const round = (n, digits) => Number(n.toFixed(digits));
  const millions = count % 1_000_000 === 0 ? `${count / 1_000_000}M` : `${count}`;
  return {
    cliJsVsNaiveNdjson: round(ndjson.ratio, 3),
    cliJsVsNaiveCsv: round(csv.ratio, 3),
    cliJsVsNaiveNdjsonCpu: round(ndjson.cpuRatio, 3),
    cliJsVsNaiveCsvCpu: round(csv.cpuRatio, 3),
    [`streamingPeakRssMb${millions}`]: round(Math.max(ndjson.rssMb, csv.rssMb), 1),
  };
}
