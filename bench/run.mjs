// ratecard benchmarks. Each figure is reported beside a baseline measured in the same run (a naive
// float implementation of the same work), so the ratio — not the absolute speed of this machine —
// is the figure to compare across runs. Run with `npm run bench` (builds first).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  aggregateUsage,
  Decimal,
  parseContract,
  parseUsageEvent,
  rateInvoice,
  ratePrice,
} from "../dist/index.js";

const ROOT = join(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const scale = quick ? 0.1 : 1;

function measure(label, work, count) {
  work(Math.max(1, Math.floor(count / 20))); // warm up the JIT
  const start = process.hrtime.bigint();
  const checksum = work(count);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, count, seconds, perSecond: count / seconds, checksum };
}

function report(title, subject, baseline) {
  const ratio = subject.perSecond / baseline.perSecond;
  console.log(`\n${title}`);
  for (const row of [subject, baseline]) {
    console.log(
      `  ${row.label.padEnd(38)} ${Math.round(row.perSecond).toLocaleString("en-US").padStart(14)} /s  (${row.count.toLocaleString("en-US")} in ${row.seconds.toFixed(2)} s)`,
    );
  }
  console.log(`  ratio ratecard / baseline: ${ratio.toFixed(3)}×`);
}

// 1. A three-tier graduated price, exact vs float.
const tiers = [
  { upTo: new Decimal(10_000), unitPrice: new Decimal("0.08") },
  { upTo: new Decimal(50_000), unitPrice: new Decimal("0.06") },
  { unitPrice: new Decimal("0.04") },
];
const graduatedTerms = { model: "graduated", tiers };
const quantities = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 120_000);
const decimalQuantities = quantities.map((q) => new Decimal(q));
const floatTiers = [
  [10_000, 0.08],
  [50_000, 0.06],
  [Number.POSITIVE_INFINITY, 0.04],
];
function floatGraduated(quantity) {
  let amount = 0;
  let from = 0;
  for (const [upTo, price] of floatTiers) {
    const top = Math.min(quantity, upTo);
    if (top > from) amount += (top - from) * price;
    if (quantity <= upTo) break;
    from = upTo;
  }
  return amount;
}
const ratings = Math.floor(1_000_000 * scale);
report(
  `Rating ${ratings.toLocaleString("en-US")} quantities with a three-tier graduated price`,
  measure(
    "ratecard ratePrice (exact, with steps)",
    (n) => {
      let last;
      for (let i = 0; i < n; i += 1) last = ratePrice(graduatedTerms, decimalQuantities[i % 1000]).amount;
      return last;
    },
    ratings,
  ),
  measure(
    "naive float function",
    (n) => {
      let sum = 0;
      for (let i = 0; i < n; i += 1) sum += floatGraduated(quantities[i % 1000]);
      return sum;
    },
    ratings,
  ),
);

// 2. In-memory aggregation: a sum meter with a filter, exact vs Number() into a Map.
const eventCount = Math.floor(200_000 * scale);
const regions = ["na", "eu", "apac", "latam"];
const events = Array.from({ length: eventCount }, (_, i) => ({
  id: `evt_${i}`,
  type: "cdn.bandwidth",
  customer: "cus_a",
  timestamp: Date.UTC(2026, 1, 1, 5) + (i % 2_000_000) * 1000,
  properties: { region: regions[i % 4], gb: `${(i * 37) % 1000}.${i % 1000}` },
}));
const meter = {
  id: "bw_na",
  eventType: "cdn.bandwidth",
  aggregation: "sum",
  valueProperty: "gb",
  filters: [{ property: "region", op: "equals", value: "na" }],
};
const period = { start: Date.UTC(2026, 1, 1, 5), end: Date.UTC(2026, 2, 1, 5) };
report(
  `Aggregating ${eventCount.toLocaleString("en-US")} in-memory events (sum meter, filter region = na)`,
  measure(
    "ratecard aggregateUsage (exact, dedup)",
    (n) =>
      aggregateUsage(events.slice(0, n), { meters: [meter], customer: "cus_a", period }).meters[0].quantity,
    eventCount,
  ),
  measure(
    "plain loop, Number(value) into a Map",
    (n) => {
      const totals = new Map();
      for (let i = 0; i < n; i += 1) {
        const event = events[i];
        if (event.customer !== "cus_a" || event.type !== "cdn.bandwidth") continue;
        if (event.timestamp < period.start || event.timestamp >= period.end) continue;
        const region = event.properties.region;
        if (region !== "na") continue;
        totals.set(region, (totals.get(region) ?? 0) + Number(event.properties.gb));
      }
      return totals.get("na");
    },
    eventCount,
  ),
);

// 3. End to end on the cdn-basic fixture: parse events + rate the invoice.
const fixture = join(ROOT, "fixtures", "cdn-basic");
const contract = parseContract(JSON.parse(readFileSync(join(fixture, "contract.json"), "utf8")));
const rawEvents = readFileSync(join(fixture, "usage.ndjson"), "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line));
const invoices = Math.max(5, Math.floor(100 * scale));
const e2e = measure(
  "rateInvoice, cdn-basic (2,996 events)",
  (n) => {
    let total;
    for (let i = 0; i < n; i += 1) total = rateInvoice(contract, rawEvents, "2026-02").total;
    return total;
  },
  invoices,
);
const parseOnly = measure(
  "parseUsageEvent alone (same events)",
  (n) => {
    let last;
    for (let i = 0; i < n; i += 1) for (const raw of rawEvents) last = parseUsageEvent(raw);
    return last;
  },
  invoices,
);
console.log(`\nEnd to end, cdn-basic fixture`);
console.log(
  `  ${e2e.label}: ${e2e.perSecond.toFixed(1)} invoices/s (${Math.round(e2e.perSecond * rawEvents.length).toLocaleString("en-US")} events/s)`,
);
console.log(
  `  of which event validation: ${((parseOnly.seconds / e2e.seconds) * 100).toFixed(0)}% of the time`,
);
