// The bench's usage file with duplicates (issue 14, streaming memory): the N events of
// bench/usageFiles.mjs, and a second copy (same id, same payload) of every tenth event, 10 % more
// lines, each copy written GAP events after its original, so originals and copies are spread through
// the whole file and sit in different 64 KB chunks. Deduplication holds back every repeated event until
// the end of the pass to compare its copies: the file measures what a held-back event keeps alive.
//
//   node bench/duplicatesFiles.mjs 1000000 csv     # prints the path of bench/out/duplicates-1000000.csv
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { eventAt, FORMATS, OUT, writeParts } from "./usageFiles.mjs";

const EVERY = 10;
const GAP = 5000;

// The header, every event's line, and each tenth event's line again GAP events later (the last GAP
// events' copies at the end).
function* linesOf(count, format) {
  const { header, line } = FORMATS[format];
  yield header;
  for (let i = 0; i < count; i += 1) {
    yield line(eventAt(i, count));
    const original = i - GAP;
    if (original >= 0 && original % EVERY === 0) yield line(eventAt(original, count));
  }
  for (let original = Math.max(0, count - GAP); original < count; original += 1)
    if (original % EVERY === 0) yield line(eventAt(original, count));
}

/** The path of the usage file of `count` events plus a copy of every tenth, in `format`, generated if missing. */
export async function duplicatesFile(count, format) {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `duplicates-${count}.${format}`);
  if (!existsSync(file)) await writeParts(file, linesOf(count, format));
  return file;
}

if (process.argv[1] === import.meta.filename) {
  const [count = "1000000", format = "csv"] = process.argv.slice(2);
  console.log(await duplicatesFile(Number(count), format));
}
