// Streams N events from an NDJSON file through the CLI (`ratecard invoice`), as issue 4 asks:
// events/s and the process's peak resident memory, read by /usr/bin/time. The file is generated
// once into bench/out/ (not committed) and reused.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = join(import.meta.dirname, "out");

async function generate(file, count) {
  const stream = createWriteStream(file);
  const regions = ["na", "eu", "apac", "latam"];
  const start = Date.UTC(2026, 1, 1, 5);
  const span = Date.UTC(2026, 2, 1, 5) - start;
  for (let i = 0; i < count; i += 1) {
    const timestamp = new Date(start + Math.floor((i / count) * span)).toISOString();
    const gb = `${(i * 37) % 1000}.${String(i % 1000).padStart(3, "0")}`;
    const line = `{"id":"evt_${i}","type":"cdn.bandwidth","customer":"cus_bench","timestamp":"${timestamp}","properties":{"region":"${regions[i % 4]}","gb":"${gb}"}}\n`;
    if (!stream.write(line)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  await new Promise((resolve) => stream.end(resolve));
}

/** Rates an invoice from `count` streamed events; prints events/s and peak RSS. */
export async function benchStreaming(count) {
  mkdirSync(OUT, { recursive: true });
  const usage = join(OUT, `usage-${count}.ndjson`);
  if (!existsSync(usage)) await generate(usage, count);
  const contract = join(OUT, "contract.json");
  writeFileSync(
    contract,
    JSON.stringify({
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
    }),
  );
  const cli = join(import.meta.dirname, "..", "dist", "cli.js");
  const args = [
    "-f",
    "%e %M",
    process.execPath,
    cli,
    "invoice",
    "--contract",
    contract,
    "--usage",
    usage,
    "--period",
    "2026-02",
    "--format",
    "json",
  ];
  const result = spawnSync("/usr/bin/time", args, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) {
    console.log(`\nStreaming benchmark failed: ${result.stderr}`);
    return;
  }
  const [seconds, kilobytes] = result.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  const invoice = JSON.parse(result.stdout);
  const megabytes = statSync(usage).size / 1e6;
  console.log(
    `\nStreaming ${count.toLocaleString("en-US")} events (${megabytes.toFixed(0)} MB NDJSON) through \`ratecard invoice\``,
  );
  console.log(
    `  ${Math.round(count / seconds).toLocaleString("en-US")} events/s (${seconds.toFixed(1)} s wall, read twice for deduplication)`,
  );
  console.log(`  peak RSS ${(kilobytes / 1024).toFixed(0)} MB (target: under 256 MB)`);
  console.log(
    `  events counted ${invoice.usage.eventsCounted.toLocaleString("en-US")}, total ${invoice.total} USD`,
  );
}
