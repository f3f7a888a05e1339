// ratecard benchmarks: `npm run bench` (builds first). `--quick` runs a tenth of the work;
// `--streaming` adds the 10,000,000-event NDJSON run through the CLI (generates a 1.4 GB file once).
// Figures are ratios against a baseline measured in the same run, never timed assertions; bundle sizes
// are bytes. `--json FILE` writes the bundle sizes by entry name and the named figures (issue 14:
// invoicesPerSecondOneCore, invoicesPerSecondAllCores, exactDedupVsFloat, cliDuckdbVsDuckdbNdjson,
// cliDuckdbVsDuckdbCsv, with the load average they
// were measured under) to FILE.
import { writeFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { benchAggregates } from "./aggregates.mjs";
import { benchAggregation } from "./aggregation.mjs";
import { benchBundleSize } from "./bundleSize.mjs";
import { benchDuckdb } from "./duckdb.mjs";
import { benchEndToEnd } from "./endToEnd.mjs";
import { benchLargeContract } from "./largeContract.mjs";
import { benchPricing } from "./pricing.mjs";
import { benchStreaming } from "./streaming.mjs";

const scale = process.argv.includes("--quick") ? 0.1 : 1;
console.log(
  `ratecard benchmarks on Node ${process.version}${scale < 1 ? " (quick: a tenth of the work)" : ""}`,
);
benchPricing(Math.floor(1_000_000 * scale));
const aggregation = benchAggregation(Math.floor(1_000_000 * scale));
const aggregates = await benchAggregates(Math.floor(5_000 * scale));
benchEndToEnd(Math.max(5, Math.floor(100 * scale)));
benchLargeContract();
const duckdb = await benchDuckdb(Math.floor(10_000_000 * scale));
const sizes = await benchBundleSize();
const jsonAt = process.argv.indexOf("--json");
if (jsonAt !== -1)
  await writeFile(
    process.argv[jsonAt + 1],
    `${JSON.stringify({ bundleSize: sizes, figures: { ...aggregates, ...aggregation, ...duckdb, loadAverageAtEnd: loadavg()[0] } }, null, 2)}\n`,
  );
if (process.argv.includes("--streaming")) await benchStreaming(Math.floor(10_000_000 * scale));
