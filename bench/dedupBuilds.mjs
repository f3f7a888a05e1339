// The deduplicated aggregation of bench/aggregation.mjs with any number of builds, side by side (issue
// 14): `node bench/dedupBuilds.mjs ROUNDS DIST...`, each DIST a dist directory (make one with `npx tsup
// --silent --out-dir bench/out/NAME`). For ablations: a build with one step of deduplication cut out
// (its hashes replaced, its repeats not searched) beside main's shows what that step costs in place,
// where a micro-benchmark of the step alone does not (the loop around it shares the caches). Alternating
// rounds, the order reversed every other round; prints each build's median and least CPU time and its
// ratio to the plain float loop, measured in the same rounds.
import { pathToFileURL } from "node:url";
import { aggregationCase, floatTotals } from "./aggregation.mjs";

const [roundsText = "24", ...builds] = process.argv.slice(2);
if (builds.length === 0) throw new Error("Usage: node bench/dedupBuilds.mjs ROUNDS DIST...");
const libraries = [];
for (const build of builds) libraries.push(await import(pathToFileURL(`${build}/index.js`).href));
const { events, period, options } = aggregationCase(1_000_000);
const cases = libraries.map((library, index) => [
  builds[index],
  () =>
    library
      .aggregateUsage(events, options)
      .groups[0].groups.map((group) => group.quantity.toFixed())
      .join(" "),
]);
cases.push(["plain float loop", () => floatTotals(events, period, events.length)]);
const expected = cases[0][1]();
for (const [label, work] of cases.slice(1, -1))
  if (work() !== expected) console.log(`${label} aggregates the events otherwise (an ablation may).`);

const cpu = cases.map(() => []);
for (let round = 0; round < Number(roundsText); round += 1) {
  const order = cases.map((_, index) => index);
  if (round % 2 === 1) order.reverse();
  for (const index of order) {
    const used = process.cpuUsage();
    cases[index][1]();
    const spent = process.cpuUsage(used);
    cpu[index].push((spent.user + spent.system) / 1e3);
  }
}
const medianOf = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
const float = medianOf(cpu.at(-1));
cases.forEach(([label], index) => {
  const median = medianOf(cpu[index]);
  console.log(
    `  ${label.padEnd(28)} ${median.toFixed(1).padStart(7)} ms CPU (least ${Math.min(...cpu[index]).toFixed(1)})  vs float: ${(float / median).toFixed(3)}×`,
  );
});
