#!/usr/bin/env node
// Lists the mutants a Stryker JSON report leaves alive (Survived and NoCoverage), one a line with the
// file, line:column, status, mutator, original text and replacement, then each file's counts and score
// (killed + timeout over killed + timeout + survived + no coverage, as Stryker's "total" score).
//   node scripts/mutationSurvivors.mjs reports/mutation/mutation.json [path filter, e.g. src/meters]
// docs/testing-mutation.md accounts for every line this prints, folder by folder.
import { readFileSync } from "node:fs";

const [reportFile, filter] = process.argv.slice(2);
if (reportFile === undefined) {
  process.stderr.write("usage: node scripts/mutationSurvivors.mjs <mutation.json> [path filter]\n");
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportFile, "utf8"));
const totals = [];
for (const [file, { mutants, source }] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (filter !== undefined && !file.includes(filter)) continue;
  const lines = source.split("\n");
  const counts = {};
  for (const mutant of mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const alive = mutants
    .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
    .sort(
      (a, b) =>
        a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column,
    );
  for (const mutant of alive) {
    const { start, end } = mutant.location;
    const text =
      start.line === end.line
        ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1].slice(start.column - 1)} …`;
    process.stdout.write(
      `${file}:${start.line}:${start.column} ${mutant.status} ${mutant.mutatorName} ${JSON.stringify(text).slice(0, 100)} → ${JSON.stringify(mutant.replacement ?? "").slice(0, 100)}\n`,
    );
  }
  totals.push([file, counts]);
}
for (const [file, counts] of totals) {
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(2)} %`;
  process.stdout.write(`${file}: ${score} ${JSON.stringify(counts)}\n`);
}
