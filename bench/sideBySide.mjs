// Two builds of ratecard side by side in one process (issue 14): `node bench/sideBySide.mjs BEFORE
// [AFTER] [INVOICES] [EVENTS]`, each a dist/index.js (AFTER defaults to this checkout's dist). Rates the
// same five-charge cdn-basic aggregates with both, in alternating rounds, after checking that both give
// the same invoices byte for byte; then aggregates the same in-memory events with deduplication by id.
// Prints the best round of each and the ratio after / before, with the load average: on a shared machine
// the ratio is the figure. BEFORE must sit inside the repository (bench/out/ is ignored by git) so that
// its imports find node_modules: `git stash; npx tsup --silent; cp -r dist bench/out/dist-before; git
// stash pop; npx tsup --silent`.
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { customerEvents, preparedAggregates } from "./aggregates.mjs";
import { aggregationCase } from "./aggregation.mjs";

const [beforePath, afterPath = "dist/index.js", invoicesText = "5000", eventsText = "1000000"] =
  process.argv.slice(2);
const load = (path) => import(pathToFileURL(path).href);
const libraries = { before: await load(beforePath), after: await load(afterPath) };
const customers = 200;
const events = customerEvents(customers);

// What one build needs to rate (preparedAggregates, bench/aggregates.mjs).
function ratingOf(lib) {
  const { prepared, aggregates } = preparedAggregates(lib, events);
  return {
    invoice: (c) => JSON.stringify(lib.rateFromAggregates(prepared[c], aggregates[c])),
    run: (n) => {
      let digest = "";
      for (let i = 0; i < n; i += 1)
        digest = lib.rateFromAggregates(prepared[i % customers], aggregates[i % customers]).digest;
      return digest;
    },
  };
}

// Alternating rounds, the best of each: a load spike hits one round, not one build.
function bestRates(runs, n, rounds) {
  const best = { before: 0, after: 0 };
  for (const run of Object.values(runs)) run(Math.max(1, Math.floor(n / 10)));
  for (let round = 0; round < rounds; round += 1)
    for (const name of ["before", "after"]) {
      const start = process.hrtime.bigint();
      runs[name](n);
      best[name] = Math.max(best[name], n / (Number(process.hrtime.bigint() - start) / 1e9));
    }
  return best;
}

const rating = { before: ratingOf(libraries.before), after: ratingOf(libraries.after) };
for (let c = 0; c < customers; c += 1)
  if (rating.before.invoice(c) !== rating.after.invoice(c))
    throw new Error(`The two builds rate customer cus_${c} differently.`);
const invoices = bestRates({ before: rating.before.run, after: rating.after.run }, Number(invoicesText), 3);

// The aggregation of bench/aggregation.mjs (sum meter, filter, group by region), deduplicated by id.
const count = Number(eventsText);
const { events: usage, options } = aggregationCase(count);
const totals = (lib) => () =>
  lib
    .aggregateUsage(usage, options)
    .groups[0].groups.map((group) => group.quantity.toFixed())
    .join(" ");
if (totals(libraries.before)() !== totals(libraries.after)())
  throw new Error("The two builds aggregate the events differently.");
const aggregation = bestRates({ before: totals(libraries.before), after: totals(libraries.after) }, 1, 3);

const grouped = (n) => Math.round(n).toLocaleString("en-US");
console.log(
  `Two builds side by side, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.log(
  `  rateFromAggregates, cdn-basic: before ${grouped(invoices.before)}/s, after ${grouped(invoices.after)}/s, ${(invoices.after / invoices.before).toFixed(2)}× (the same invoices)`,
);
console.log(
  `  aggregateUsage, ${grouped(count)} events, deduplicated: before ${grouped(aggregation.before * count)}/s, after ${grouped(aggregation.after * count)}/s, ${(aggregation.after / aggregation.before).toFixed(2)}× (the same totals)`,
);
