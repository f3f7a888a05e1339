// The naive baseline for `ratecard invoice` on NDJSON (issue 14): readline + JSON.parse + Number. It sums
// the bandwidth of February 2026 (UTC) per region in floats, with no validation and no deduplication.
// Usage: node bench/naiveNdjson.mjs FILE
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

const start = Date.UTC(2026, 1, 1);
const end = Date.UTC(2026, 2, 1);
const totals = new Map();
const lines = createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Number.POSITIVE_INFINITY,
});
for await (const line of lines) {
  if (line === "") continue;
  const event = JSON.parse(line);
  if (event.customer !== "cus_bench" || event.type !== "cdn.bandwidth") continue;
  const timestamp = Date.parse(event.timestamp);
  if (timestamp < start || timestamp >= end) continue;
  const region = event.properties.region;
  totals.set(region, (totals.get(region) ?? 0) + Number(event.properties.gb));
}
console.log(JSON.stringify(Object.fromEntries(totals)));
