import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readUsage, usageSource } from "../../src/cli/readUsage.js";
import { aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";

// Issue 14: the CSV reader splits each whole row from a copy of its line, so an event held back as a
// duplicate keeps its line, not its 64 KB chunk. The copy is not observable from JavaScript; what is
// tested is that the events and the invoice quantities are unchanged on a file whose held-back rows
// lie in several chunks and across the chunk boundaries.

const EVENTS = 1600;
const meter: MeterTerms = { id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" };
const period = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };

// Every event twice, the second copies after all the first (so each copy is in another chunk), and e7's
// second copy with another value (a conflicting duplicate).
function rows<T>(each: (id: string, gb: string) => T): T[] {
  const first = Array.from({ length: EVENTS }, (_, i) => each(`e${i}`, "0.25"));
  const second = Array.from({ length: EVENTS }, (_, i) => each(`e${i}`, i === 7 ? "9" : "0.25"));
  return [...first, ...second];
}

function files() {
  const scratch = mkdtempSync(join(tmpdir(), "ratecard-csv-duplicates-"));
  const csv = join(scratch, "duplicates.csv");
  const ndjson = join(scratch, "duplicates.ndjson");
  const csvText = `id,type,customer,timestamp,gb\n${rows((id, gb) => `${id},cdn.bandwidth,cus_a,2026-02-10T00:00:00Z,${gb}\n`).join("")}`;
  writeFileSync(csv, csvText);
  writeFileSync(
    ndjson,
    rows(
      (id, gb) =>
        `{"id":"${id}","type":"cdn.bandwidth","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"${gb}"}}\n`,
    ).join(""),
  );
  return { csv, ndjson, bytes: Buffer.byteLength(csvText) };
}

describe("a CSV file with duplicates across 64 KB chunks", () => {
  it("reads the same events as the same file in NDJSON", async () => {
    const { csv, ndjson, bytes } = files();
    // 3,200 rows of 47–50 bytes: more than two 64 KB chunks, every row cut by a boundary a duplicate.
    expect(bytes).toBeGreaterThan(2 * 65536);
    const fromCsv = await readUsage(csv);
    expect(fromCsv).toHaveLength(2 * EVENTS);
    expect(fromCsv).toEqual(await readUsage(ndjson));
  });

  it("counts each repeated event once and drops the conflicting one", async () => {
    const { csv } = files();
    const source = await usageSource(csv);
    const result = await aggregateUsageAsync(source, { meters: [meter], customer: "cus_a", period });
    // 1,600 ids; e7's copies differ, so e7 is left out: 1,599 × 0.25 GB = 399.75 GB.
    expect(result.meters[0]!.quantity.toFixed()).toBe("399.75");
    // 1,599 ids with one identical extra copy each; e7's two copies excluded together.
    expect(result.excluded.map(({ reason, events }) => ({ reason, events }))).toEqual([
      { reason: "duplicate_id", events: 1599 },
      { reason: "conflicting_duplicate", events: 2 },
    ]);
  });
});
