// Rating from usage aggregates (issue 14): invoices per second of `rateFromAggregates` on a five-charge
// contract (cdn-basic: a platform fee, three bandwidth tiers by region, requests), side by side with
// `rateInvoice` on the same customers' events; then all cores, one worker thread per core, each rating
// its share. The machine's load average is printed beside the figures: on a shared machine, compare
// the ratio, not the rate. Invoices are sealed with node:crypto's SHA-256 (the `sha256` option, what a
// service on Node passes); the default digest (@noble/hashes, pure JavaScript) is measured beside it.
import { hash } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  aggregateForRating,
  createRatingShare,
  parseContract,
  prepareRating,
  rateFromAggregates,
  rateInvoice,
} from "../dist/index.js";
import { alternating, measure } from "./lib.mjs";

const grouped = (n) => Math.round(n).toLocaleString("en-US");
// What a service on Node passes: the host's SHA-256, node:crypto's one-shot hash as the CLI's (issue 14;
// before 4 December 2026, session 13, createHash(…).update(…).digest(), about 0.6 µs more an invoice).
const HOST = { sha256: (bytes) => hash("sha256", bytes, "buffer") };
export const contractJson = JSON.parse(
  readFileSync(new URL("../fixtures/cdn-basic/contract.json", import.meta.url)),
);

// `customers` customers of the cdn-basic contract, four events each (one per meter), in February 2026.
export function customerEvents(customers) {
  const start = Date.UTC(2026, 1, 2);
  return Array.from({ length: customers }, (_, c) => {
    const customer = `cus_${c}`;
    const at = (i) => new Date(start + (c * 4 + i) * 60_000).toISOString();
    return [
      {
        id: `e${c}_1`,
        type: "cdn.bandwidth",
        customer,
        timestamp: at(1),
        properties: { region: "na", gb: `${c % 97}.5` },
      },
      {
        id: `e${c}_2`,
        type: "cdn.bandwidth",
        customer,
        timestamp: at(2),
        properties: { region: "eu", gb: "12.25" },
      },
      {
        id: `e${c}_3`,
        type: "cdn.bandwidth",
        customer,
        timestamp: at(3),
        properties: { region: "apac", gb: "3" },
      },
      {
        id: `e${c}_4`,
        type: "cdn.requests",
        customer,
        timestamp: at(4),
        properties: { requests: `${1000 + c}` },
      },
    ];
  });
}

/**
 * What one build of ratecard (`lib`, a dist/index.js) needs to rate the customers of `events`: each
 * customer's contract prepared once, its aggregates as JSON text parsed back (what a warehouse would
 * send). For the side-by-side scripts, which load two builds.
 */
export function preparedAggregates(lib, events) {
  const prepared = events.map((_, c) =>
    lib.prepareRating(
      lib.parseContract({ ...contractJson, customer: { ...contractJson.customer, id: `cus_${c}` } }),
      "2026-02",
    ),
  );
  const aggregates = events.map((list, c) =>
    JSON.parse(JSON.stringify(lib.aggregateForRating(prepared[c], list))),
  );
  return { prepared, aggregates };
}

/**
 * For the side-by-side scripts: one build's invoice of customer c as JSON text, and `run(n)`, which rates
 * n invoices round the customers (a checksum of their totals, so nothing is optimised away).
 */
export function ratingRuns(lib, { prepared, aggregates }, options) {
  const customers = prepared.length;
  return {
    invoice: (c) => JSON.stringify(lib.rateFromAggregates(prepared[c], aggregates[c], options)),
    run: (n) => {
      let total = 0;
      for (let i = 0; i < n; i += 1)
        total += Number(
          lib.rateFromAggregates(prepared[i % customers], aggregates[i % customers], options).total,
        );
      return total;
    },
  };
}

function contractFor(customer) {
  return parseContract({ ...contractJson, customer: { ...contractJson.customer, id: customer } });
}

/**
 * Customer c's contract as JSON: cdn-basic, or (`distinctPrice`) with a North America bandwidth price of
 * its own, 0.08 + c × 0.000001 for the first tier: no two customers have that charge in common, and a
 * `share` shares their meters and other four charges (docs/scale.md, "Customers on the same plan").
 */
export function contractJsonFor(c, distinctPrice = false) {
  const json = { ...contractJson, customer: { ...contractJson.customer, id: `cus_${c}` } };
  if (!distinctPrice) return json;
  const priced = (tier, at) => (at === 0 ? { ...tier, unitPrice: (0.08 + c * 0.000001).toFixed(6) } : tier);
  return {
    ...json,
    charges: json.charges.map((charge) =>
      charge.id === "bandwidth_na"
        ? { ...charge, price: { ...charge.price, tiers: charge.price.tiers.map(priced) } }
        : charge,
    ),
  };
}

// What one core rates: `customers` invoices from aggregates, prepared once per customer's contract.
function rateShare(customers, seconds) {
  const events = customerEvents(customers);
  const prepared = events.map((_, c) => prepareRating(contractFor(`cus_${c}`), "2026-02"));
  const aggregates = events.map((list, c) => aggregateForRating(prepared[c], list));
  let done = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    rateFromAggregates(prepared[done % customers], aggregates[done % customers], HOST);
    done += 1;
  }
  return done;
}

if (!isMainThread) parentPort.postMessage(rateShare(workerData.customers, workerData.seconds));

/** Prints the figures and returns them by name. */
export async function benchAggregates(customers) {
  const events = customerEvents(customers);
  const contracts = events.map((_, c) => contractFor(`cus_${c}`));
  const prepared = contracts.map((contract) => prepareRating(contract, "2026-02"));
  const aggregates = events.map((list, c) => aggregateForRating(prepared[c], list));
  const rateAll = (options) => (n) => {
    let total = 0;
    for (let i = 0; i < n; i += 1)
      total += Number(rateFromAggregates(prepared[i % customers], aggregates[i % customers], options).total);
    return total;
  };
  // The two digests in alternating rounds, so that a change in the machine's load falls on both alike.
  const [fromAggregates, defaultDigest] = alternating(
    [
      ["rateFromAggregates (node:crypto SHA-256)", rateAll(HOST)],
      ["rateFromAggregates (default digest, @noble)", rateAll({})],
    ],
    customers * 4,
  );
  const fromEvents = measure(
    "rateInvoice (four events each)",
    (n) => {
      let total = 0;
      for (let i = 0; i < n; i += 1)
        total += Number(rateInvoice(contracts[i % customers], events[i % customers], "2026-02", HOST).total);
      return total;
    },
    customers,
  );
  // The same customers prepared with one share (prepareRating's `share`): one copy of the plan's
  // pricing for all of them; beside it, customers each at a North America price of their own, with a
  // share too (their meters and four other charges are equal). Made after the figures above, so that
  // these heaps do not weigh on them.
  const share = createRatingShare();
  const onePlan = contracts.map((contract) => prepareRating(contract, "2026-02", { share }));
  const ownShare = createRatingShare();
  const ownPrices = events.map((_, c) =>
    prepareRating(parseContract(contractJsonFor(c, true)), "2026-02", { share: ownShare }),
  );
  const ownAggregates = events.map((list, c) => aggregateForRating(ownPrices[c], list));
  const rateEach = (list, states) => (n) => {
    let total = 0;
    for (let i = 0; i < n; i += 1)
      total += Number(rateFromAggregates(list[i % customers], states[i % customers], HOST).total);
    return total;
  };
  const [sharedPlan, distinctPrices] = alternating(
    [
      ["one plan, prepared with a share", rateEach(onePlan, aggregates)],
      ["a price each, prepared with a share", rateEach(ownPrices, ownAggregates)],
    ],
    customers * 4,
  );
  const cores = availableParallelism();
  const seconds = 3;
  const started = Date.now();
  const counts = await Promise.all(
    Array.from(
      { length: cores },
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(new URL(import.meta.url), { workerData: { customers: 200, seconds } });
          worker.once("message", resolve);
          worker.once("error", reject);
        }),
    ),
  );
  const elapsed = (Date.now() - started) / 1000;
  const allCores = counts.reduce((a, b) => a + b, 0) / elapsed;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  console.log(`\nInvoices from aggregates, cdn-basic (five charges), load average ${load} on ${cores} cores`);
  console.log(
    `  ${fromAggregates.label.padEnd(44)} ${grouped(fromAggregates.perSecond).padStart(10)} invoices/s`,
  );
  console.log(
    `  ${defaultDigest.label.padEnd(44)} ${grouped(defaultDigest.perSecond).padStart(10)} invoices/s`,
  );
  console.log(`  ${fromEvents.label.padEnd(44)} ${grouped(fromEvents.perSecond).padStart(10)} invoices/s`);
  console.log(
    `  ratio host digest / default digest: ${(fromAggregates.perSecond / defaultDigest.perSecond).toFixed(2)}× wall, ${(fromAggregates.cpuPerSecond / defaultDigest.cpuPerSecond).toFixed(2)}× CPU (${grouped(fromAggregates.cpuPerSecond)} against ${grouped(defaultDigest.cpuPerSecond)} invoices per CPU second)`,
  );
  for (const rate of [sharedPlan, distinctPrices])
    console.log(
      `  ${rate.label.padEnd(44)} ${grouped(rate.perSecond).padStart(10)} invoices/s (${grouped(rate.cpuPerSecond)} per CPU second)`,
    );
  console.log(
    `  ratio from aggregates / from events: ${(fromAggregates.perSecond / fromEvents.perSecond).toFixed(2)}×`,
  );
  console.log(
    `  all ${cores} cores (worker threads, ${seconds} s incl. start-up): ${grouped(allCores)} invoices/s`,
  );
  return {
    invoicesPerSecondOneCore: Math.round(fromAggregates.perSecond),
    // The same invoices sealed with the core's default SHA-256 (@noble/hashes), in the same run.
    invoicesPerSecondOneCoreDefaultDigest: Math.round(defaultDigest.perSecond),
    hostDigestVsDefault: Number((fromAggregates.perSecond / defaultDigest.perSecond).toFixed(3)),
    // Per second of the process's CPU time, which the machine's load disturbs far less than the clock.
    invoicesPerCpuSecondOneCore: Math.round(fromAggregates.cpuPerSecond),
    invoicesPerCpuSecondOneCoreDefaultDigest: Math.round(defaultDigest.cpuPerSecond),
    // The same customers prepared with one share (one plan: its pricing shared by all), and customers
    // each at a price of their own (nothing but the meters to share), in alternating rounds.
    invoicesPerSecondOneCoreSharedPlan: Math.round(sharedPlan.perSecond),
    invoicesPerCpuSecondOneCoreSharedPlan: Math.round(sharedPlan.cpuPerSecond),
    invoicesPerSecondOneCoreDistinctPrices: Math.round(distinctPrices.perSecond),
    invoicesPerCpuSecondOneCoreDistinctPrices: Math.round(distinctPrices.cpuPerSecond),
    invoicesPerSecondAllCores: Math.round(allCores),
    invoicesFromAggregatesVsEvents: Number((fromAggregates.perSecond / fromEvents.perSecond).toFixed(3)),
    loadAverage: loadavg()[0],
  };
}
