// Sealing with the host's SHA-256 (issue 14), side by side in one process: `node bench/digestSideBySide.mjs
// BEFORE [AFTER] [INVOICES]`, each a dist/index.js (AFTER defaults to this checkout's dist). Rates the same
// five-charge cdn-basic aggregates with BEFORE and AFTER, each with its default digest and with
// node:crypto's (the `sha256` option), in alternating rounds, after checking that all four give the same
// invoices byte for byte. Prints each one's rate per second of wall time and of CPU time (the process's
// user and system time, which a loaded machine disturbs far less), and the ratios to BEFORE with the same
// digest (BEFORE needs the `sha256` option: a build from before it ignores it).
// BEFORE must sit inside the repository so that its imports find node_modules, as in bench/sideBySide.mjs:
// `git archive main | tar -x -C bench/out/main && ln -s "$PWD/node_modules" bench/out/main/ && (cd
// bench/out/main && npx tsup --silent)`, then BEFORE is bench/out/main/dist/index.js.
import { hash } from "node:crypto";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { customerEvents, preparedAggregates, ratingRuns } from "./aggregates.mjs";
import { alternating } from "./lib.mjs";

const [beforePath, afterPath = "dist/index.js", invoicesText = "5000"] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(path).href);
const before = await load(beforePath);
const after = await load(afterPath);
const HOST = { sha256: (bytes) => hash("sha256", bytes, "buffer") };
const customers = 200;
const events = customerEvents(customers);

// What one build needs to rate (preparedAggregates, bench/aggregates.mjs), rated with `options`.
function ratingOf(lib, options) {
  return ratingRuns(lib, preparedAggregates(lib, events), options);
}

// Each case with the index of the case it is compared with: BEFORE with the same digest, which is
// the ratio issue 14 asks about for node:crypto's (the rate a service on Node gets).
const cases = [
  ["before (default digest)", ratingOf(before, {}), 0],
  ["before, node:crypto SHA-256", ratingOf(before, HOST), 1],
  ["after, default digest", ratingOf(after, {}), 0],
  ["after, node:crypto SHA-256", ratingOf(after, HOST), 1],
];
for (let c = 0; c < customers; c += 1) {
  const texts = new Set(cases.map(([, rating]) => rating.invoice(c)));
  if (texts.size !== 1) throw new Error(`customer ${c}: the builds give different invoices`);
}
const rates = alternating(
  cases.map(([label, rating]) => [label, rating.run]),
  Number(invoicesText),
  10,
);
const grouped = (n) => Math.round(n).toLocaleString("en-US");
console.log(
  `Sealing side by side, ${grouped(rates[0].count)} invoices each in 10 alternating rounds, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}; the invoices are identical`,
);
rates.forEach((rate, index) => {
  const base = rates[cases[index][2]];
  console.log(
    `  ${rate.label.padEnd(28)} ${grouped(rate.perSecond).padStart(7)} /s wall ${grouped(rate.cpuPerSecond).padStart(7)} /s CPU (${(1e6 / rate.cpuPerSecond).toFixed(1)} µs CPU each); vs ${base.label} ${(rate.perSecond / base.perSecond).toFixed(2)}× wall, ${(rate.cpuPerSecond / base.cpuPerSecond).toFixed(2)}× CPU`,
  );
});
