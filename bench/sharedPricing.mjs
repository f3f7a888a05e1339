// Rating a customer base from aggregates, two builds side by side (issue 14): `node bench/sharedPricing.mjs
// BEFORE [AFTER] [INVOICES] [CUSTOMERS]`, each a dist/index.js (AFTER defaults to this checkout's dist;
// INVOICES 30000 per case, CUSTOMERS 5000). Five cases, in alternating rounds (CPU time is the figure):
//   - one plan: the cdn-basic contract for every customer, each contract parsed and prepared on its own,
//     as benchAggregates does (BEFORE, then AFTER);
//   - one plan, prepared with one `share` (createRatingShare, AFTER only): the customers rate against
//     one copy of the plan's meters and charges;
//   - distinct prices: each customer's North America bandwidth at its own price (0.08 + c × 0.000001),
//     so no two customers have that charge in common (BEFORE without a share, AFTER with one: the meters
//     and the four other charges are shared).
// AFTER's "one plan" case without a share is also the rate of a customer base with nothing in common.
// The invoices of each case are checked identical between the builds first. How to make BEFORE: see the
// top of bench/digestSideBySide.mjs.
import { hash } from "node:crypto";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { contractJsonFor, customerEvents, ratingRuns } from "./aggregates.mjs";
import { alternating, grouped } from "./lib.mjs";

const [beforePath, afterPath = "dist/index.js", invoicesText = "30000", customersText = "5000"] =
  process.argv.slice(2);
const load = (path) => import(pathToFileURL(path).href);
const before = await load(beforePath);
const after = await load(afterPath);
const HOST = { sha256: (bytes) => hash("sha256", bytes, "buffer") };
const customers = Number(customersText);
const events = customerEvents(customers);

// What one build needs to rate every customer: prepared contracts (with one share, or none) and their
// aggregates as JSON text parsed back, as a warehouse would send them.
function ratingOf(lib, { distinct, shared }) {
  const share = shared ? lib.createRatingShare() : undefined;
  const prepared = events.map((_, c) =>
    lib.prepareRating(lib.parseContract(contractJsonFor(c, distinct)), "2026-02", share ? { share } : {}),
  );
  const aggregates = events.map((list, c) =>
    JSON.parse(JSON.stringify(lib.aggregateForRating(prepared[c], list))),
  );
  return ratingRuns(lib, { prepared, aggregates }, HOST);
}

const cases = [
  ["one plan, before", ratingOf(before, { distinct: false, shared: false })],
  ["one plan, after", ratingOf(after, { distinct: false, shared: false })],
  ["one plan, after, shared", ratingOf(after, { distinct: false, shared: true })],
  ["distinct prices, before", ratingOf(before, { distinct: true, shared: false })],
  ["distinct prices, after, shared", ratingOf(after, { distinct: true, shared: true })],
];
const same = [
  [0, 1],
  [0, 2],
  [3, 4],
];
for (let c = 0; c < customers; c += Math.max(1, Math.floor(customers / 50)))
  for (const [a, b] of same)
    if (cases[a][1].invoice(c) !== cases[b][1].invoice(c))
      throw new Error(`customer ${c}: ${cases[a][0]} and ${cases[b][0]} give different invoices`);
const rates = alternating(
  cases.map(([label, rating]) => [label, rating.run]),
  Number(invoicesText),
  10,
);
console.log(
  `${grouped(customers)} customers, ${grouped(rates[0].count)} invoices a case in 10 alternating rounds, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; the invoices are identical`,
);
const base = { 1: 0, 2: 0, 4: 3 };
rates.forEach((rate, index) => {
  const against =
    base[index] === undefined
      ? ""
      : `; ${(rate.cpuPerSecond / rates[base[index]].cpuPerSecond).toFixed(2)}× CPU against ${rates[base[index]].label}`;
  console.log(
    `  ${rate.label.padEnd(32)} ${grouped(rate.perSecond).padStart(7)} /s wall ${grouped(rate.cpuPerSecond).padStart(7)} /s CPU (${(1e6 / rate.cpuPerSecond).toFixed(1)} µs CPU each)${against}`,
  );
});
