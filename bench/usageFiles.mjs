// The usage files the CLI benchmarks stream: N events of one customer's bandwidth, written once as NDJSON
// and as CSV (the same events, line for line) into bench/out/ (not committed) and reused.
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const OUT = join(import.meta.dirname, "out");

const REGIONS = ["na", "eu", "apac", "latam"];
const START = Date.UTC(2026, 1, 1, 5);
const SPAN = Date.UTC(2026, 2, 1, 5) - START;

// Event i of n: spread evenly over February 2026 (a UTC month that starts at 05:00, so the first hours
// fall outside the invoice's period and are excluded), four regions, a decimal-text value in GB.
export function eventAt(i, count) {
  return {
    id: `evt_${i}`,
    timestamp: new Date(START + Math.floor((i / count) * SPAN)).toISOString(),
    region: REGIONS[i % 4],
    gb: `${(i * 37) % 1000}.${String(i % 1000).padStart(3, "0")}`,
  };
}

export const FORMATS = {
  ndjson: {
    header: "",
    line: (e) =>
      `{"id":"${e.id}","type":"cdn.bandwidth","customer":"cus_bench","timestamp":"${e.timestamp}","properties":{"region":"${e.region}","gb":"${e.gb}"}}\n`,
  },
  csv: {
    header: "id,type,customer,timestamp,region,gb\n",
    line: (e) => `${e.id},cdn.bandwidth,cus_bench,${e.timestamp},${e.region},${e.gb}\n`,
  },
};

// The header and every event's line of the file of `count` events in `format`.
function* linesOf(count, format) {
  const { header, line } = FORMATS[format];
  yield header;
  for (let i = 0; i < count; i += 1) yield line(eventAt(i, count));
}

/** Writes `parts` (texts) one after another into `file`, through a `.partial` file renamed at the end. */
export async function writeParts(file, parts) {
  const partial = `${file}.partial`;
  const stream = createWriteStream(partial);
  let buffer = "";
  for (const part of parts) {
    buffer += part;
    if (buffer.length > 1 << 20) {
      if (!stream.write(buffer)) await new Promise((resolve) => stream.once("drain", resolve));
      buffer = "";
    }
  }
  stream.write(buffer);
  await new Promise((resolve) => stream.end(resolve));
  renameSync(partial, file); // an interrupted run never leaves a short file behind to be reused
}

/** The path of the usage file of `count` events in `format` ("ndjson" or "csv"), generated if missing. */
export async function usageFile(count, format) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `usage-${count}.${format}`);
  if (!existsSync(file)) await writeParts(file, linesOf(count, format));
  return file;
}

/** The benchmark contract: $0.05 per GB of bandwidth, grouped by region (a sum meter), UTC, monthly. */
export function contractFile() {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, "contract.json");
  writeFileSync(
    file,
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
  return file;
}
