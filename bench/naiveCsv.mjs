// The naive baseline for `ratecard invoice` on CSV (issue 14): readline + split(",") + Number, for the
// columns bench/usageFiles.mjs writes (id,type,customer,timestamp,region,gb). It sums the bandwidth of
// February 2026 (UTC) per region in floats, with no quoting, no validation and no deduplication.
// Usage: node bench/naiveCsv.mjs FILE
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const start = Date.UTC(2026, 1, 1);
const end = Date.UTC(2026, 2, 1);
const totals = new Map();
let header = true;
const lines = createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Number.POSITIVE_INFINITY,
});
for await (const line of lines) {
  if (header || line === "") {
    header = false;
    continue;
  }
  const [, type, customer, timestamp, region, gb] = line.split(",");
  if (customer !== "cus_bench" || type !== "cdn.bandwidth") continue;
  const instant = Date.parse(timestamp);
  if (instant < start || instant >= end) continue;
  totals.set(region, (totals.get(region) ?? 0) + Number(gb));
}
console.log(JSON.stringify(Object.fromEntries(totals)));
