// exactDedupVsFloat with two builds side by side (issue 14): `node bench/dedupSideBySide.mjs BEFORE
// [AFTER] [ROUNDS] [EVENTS]`, each a dist directory (AFTER defaults to this checkout's dist; make
// BEFORE as the top of bench/sideBySide.mjs says). The aggregation of bench/aggregation.mjs,
// deduplicated with each build, without deduplication (AFTER's build) and the plain float loop, in
// alternating rounds (the order reversed every other round). Prints each case's median wall and CPU
// time and each build's ratio to the float loop: one timed run per case, as benchAggregation does,
// swings with a shared machine's load; the medians of the CPU time far less.
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { aggregationCase, floatTotals } from "./aggregation.mjs";

const [beforePath, afterPath = "dist", roundsText = "12", eventsText = "1000000"] = process.argv.slice(2);
const load = (path) => import(pathToFileURL(`${path}/index.js`).href);
const before = await load(beforePath);
const after = await load(afterPath);
const count = Number(eventsText);
const { events, period, options } = aggregationCase(count);
const totals = (lib, chosen) => () =>
  lib
    .aggregateUsage(events, chosen)
    .groups[0].groups.map((group) => group.quantity.toFixed())
    .join(" ");
const cases = [
  ["before, deduplicated", totals(before, options)],
  ["after, deduplicated", totals(after, options)],
  ["after, deduplicate: false", totals(after, { ...options, deduplicate: false })],
  ["plain float loop", () => floatTotals(events, period, count)],
];
if (cases[0][1]() !== cases[1][1]()) throw new Error("The two builds aggregate the events differently.");

const loadBefore = loadavg()[0];
const wall = cases.map(() => []);
const cpu = cases.map(() => []);
for (let round = 0; round < Number(roundsText); round += 1) {
  const order = cases.map((_, index) => index);
  if (round % 2 === 1) order.reverse();
  for (const index of order) {
    const start = process.hrtime.bigint();
    const used = process.cpuUsage();
    cases[index][1]();
    const spent = process.cpuUsage(used);
    wall[index].push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu[index].push((spent.user + spent.system) / 1e3);
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const float = cases.length - 1;
console.log(
  `${count} events, ${roundsText} rounds, load average ${loadBefore.toFixed(2)} → ${loadavg()[0].toFixed(2)}`,
);
cases.forEach(([label], index) => {
  const ratio =
    index === float
      ? ""
      : `  vs float: ${(median(cpu[float]) / median(cpu[index])).toFixed(3)}× CPU, ${(median(wall[float]) / median(wall[index])).toFixed(3)}× wall`;
  console.log(
    `  ${label.padEnd(28)} ${median(cpu[index]).toFixed(1).padStart(7)} ms CPU ${median(wall[index]).toFixed(1).padStart(7)} ms wall${ratio}`,
  );
});
