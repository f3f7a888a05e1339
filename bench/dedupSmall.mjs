// Finding repeated ids among a small customer's events (issue 14: four events spent 18 % of an invoice
// in the 1,024-bucket pass). `repeatedHashes` (a set up to 256 hashes) against the bucket pass it used
// for every size before, copied here as the baseline, on the same lists of four hashes.
// Run: node bench/dedupSmall.mjs (after a build).
import { loadavg } from "node:os";
import { repeatedHashes } from "../dist/meters/repeatedHashes.js";
import { measure } from "./lib.mjs";

function bucketPass(chunks) {
  const buckets = 1024;
  const bounds = new Uint32Array(buckets + 1);
  let total = 0;
  for (const chunk of chunks) {
    total += chunk.length;
    for (let i = 0; i < chunk.length; i += 1) bounds[(chunk[i] >>> 22) + 1] += 1;
  }
  for (let b = 0; b < buckets; b += 1) bounds[b + 1] += bounds[b];
  const spread = new Uint32Array(total);
  const next = bounds.slice(0, buckets);
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length; i += 1) {
      const bucket = chunk[i] >>> 22;
      spread[next[bucket]] = chunk[i];
      next[bucket] += 1;
    }
  const repeated = new Set();
  for (let b = 0; b < buckets; b += 1) {
    const bucket = spread.subarray(bounds[b], bounds[b + 1]).sort();
    for (let k = 1; k < bucket.length; k += 1) if (bucket[k] === bucket[k - 1]) repeated.add(bucket[k]);
  }
  return repeated;
}

/** Prints both rates and returns the ratio (set / buckets). */
export function benchDedupSmall(lists) {
  const inputs = Array.from({ length: 1000 }, (_, i) => [
    Uint32Array.of(i * 7919, i * 104729, 17 + i, i * 7919),
  ]);
  const run = (find) => (n) => {
    let found = 0;
    for (let i = 0; i < n; i += 1) found += find(inputs[i % inputs.length]).size;
    return found;
  };
  const set = measure("repeatedHashes (a set, up to 256)", run(repeatedHashes), lists);
  const buckets = measure("1,024-bucket pass (before)", run(bucketPass), lists);
  const ratio = set.perSecond / buckets.perSecond;
  console.log(`\nRepeated ids among four events, load average ${loadavg()[0].toFixed(2)}`);
  for (const row of [set, buckets])
    console.log(
      `  ${row.label.padEnd(40)} ${Math.round(row.perSecond).toLocaleString("en-US").padStart(12)} lists/s`,
    );
  console.log(`  ratio: ${ratio.toFixed(1)}×`);
  return { smallDedupSetVsBuckets: Number(ratio.toFixed(2)) };
}

if (import.meta.url === `file://${process.argv[1]}`) benchDedupSmall(200_000);
