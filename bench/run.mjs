// ratecard benchmarks: `npm run bench` (builds first). `--quick` runs a tenth of the work. The CLI runs
// (bench/cliVsNaive.mjs) stream 10,000,000 events of NDJSON and of CSV through `ratecard invoice` beside
// the naive scripts (1,000,000 with --quick; the files, 1.5 GB and 0.7 GB at 10M, are generated once
// into bench/out/). Figures are ratios against a baseline measured in the same run, never timed
// assertions; bundle sizes are bytes. `--json FILE` writes the bundle sizes by entry name and the named
// figures (issue 14: invoicesPerSecondOneCore, invoicesPerSecondAllCores, exactDedupVsFloat,
// cliJsVsNaiveNdjson, cliJsVsNaiveCsv, streamingPeakRssMb10M, cliDuckdbVsDuckdbNdjson,
// cliDuckdbVsDuckdbCsv (bench/duckdb.mjs), batchDuckdbVsMemory (bench/batchEngines.mjs), with the load average they were measured
// under) to FILE, and beside them cliDuckdbVsDuckdbDedup* (no target: against DuckDB deduplicating by
// itself).
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { benchAggregates } from "./aggregates.mjs";
import { benchAggregation } from "./aggregation.mjs";
import { benchBatchEngines } from "./batchEngines.mjs";
import { benchBundleSize } from "./bundleSize.mjs";
import { benchCliVsNaive } from "./cliVsNaive.mjs";
import { benchDuckdb } from "./duckdb.mjs";
import { benchEndToEnd } from "./endToEnd.mjs";
import { benchLargeContract } from "./largeContract.mjs";
import { benchPricing } from "./pricing.mjs";

const scale = process.argv.includes("--quick") ? 0.1 : 1;
console.log(
  `ratecard benchmarks on Node ${process.version}${scale < 1 ? " (quick: a tenth of the work)" : ""}`,
);
benchPricing(Math.floor(1_000_000 * scale));
const aggregation = benchAggregation(Math.floor(1_000_000 * scale));
// 5,000 customers with --quick too: at 500 the 2,000 invoices of a case are mostly the JIT's warm-up
// (its threads' CPU counted), and the same build measured 13,790 invoices/s against 19,470 at 5,000
// (4 December 2026, session 15); the whole case takes some 15 s.
const aggregates = await benchAggregates(5_000);
benchEndToEnd(Math.max(5, Math.floor(100 * scale)));
benchLargeContract();
const duckdb = await benchDuckdb(Math.floor(10_000_000 * scale));
// A customer base on one plan through `ratecard batch` on each engine: 1,000 × 200 events with --quick.
const batchEngines = await benchBatchEngines(scale < 1 ? 1_000 : 2_000, scale < 1 ? 200 : 500);
const sizes = await benchBundleSize();
const streaming = await benchCliVsNaive(scale < 1 ? 1_000_000 : 10_000_000);
const jsonAt = process.argv.indexOf("--json");
if (jsonAt !== -1)
  await writeFile(
    process.argv[jsonAt + 1],
    `${JSON.stringify({ bundleSize: sizes, figures: { ...aggregates, ...aggregation, ...streaming, ...duckdb, ...batchEngines, loadAverageAtEnd: loadavg()[0] } }, null, 2)}\n`,
  );
