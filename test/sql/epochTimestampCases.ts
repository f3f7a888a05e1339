import fc from "fast-check";
import { expect, it } from "vitest";
import {
  aggregateParsedForRating,
  compileUsageSql,
  parseUsageEvent,
  type SqlDialectName,
  type SqlUsageSource,
  safeParseUsageEvent,
  usageAggregatesFromSql,
  usageInstantSql,
} from "../../src/index.js";
import { eventAt, sumAndLatestPrepared, type TableEvent, type TestEngine } from "./engines.js";

// Stripe meter events and Lago events carry their time as seconds since 1970; a warehouse that keeps
// them so maps the column as `timestamp: "epoch_s"` (milliseconds: "epoch_ms"). The engine must read each
// count as the in-memory engine reads it (src/time/epochInstant.ts): exactly, never through a double,
// digits finer than the millisecond floored, and refuse what it refuses.

const prepared = sumAndLatestPrepared("ctr_epoch");

// February 2026, UTC: [1769904000 s, 1772323200 s). 2026-02-01 is 20485 days after 1970-01-01
// (56 years: 14 leap days, 56 × 365 + 14 = 20454, then 31 days of January): 20485 × 86400 = 1769904000;
// February 2026 has 28 days: 1769904000 + 28 × 86400 = 1772323200.
const seconds: TableEvent[] = [
  eventAt("s1", "egress", "1769903999", { gb: "1" }), // 2026-01-31T23:59:59Z: outside
  eventAt("s2", "egress", "1769904000", { gb: "2" }), // 2026-02-01T00:00:00Z: the first instant, counted
  // 20486 × 86400 + 9600 = 1770000000: 2026-02-02T02:40:00Z, counted
  eventAt("s3", "egress", "1770000000", { gb: "4" }),
  // 1772323199.9999 floors to 1772323199999 ms, 2026-02-28T23:59:59.999Z: counted, the latest (rounded, or
  // read as a double and multiplied, it would be 1772323200000, 1 March: outside)
  eventAt("s4", "egress", "1772323199.9999", { gb: "8" }),
  eventAt("s5", "egress", "1772323200", { gb: "16" }), // 2026-03-01T00:00:00Z: the period's end, outside
  eventAt("s6", "egress", "0001770000000.005", { gb: "32" }), // leading zeros: 1770000000005 ms, counted
  eventAt("s7", "egress", "1.005", { gb: "64" }), // 1005 ms after 1970 (a double gives 1004.99…): outside
];

const inMemory = (events: ReadonlyArray<TableEvent>, timestamps: "epoch_s" | "epoch_ms") =>
  aggregateParsedForRating(
    prepared,
    events.map((event, index) => parseUsageEvent(event, index, { timestamps })),
  );

/** A numeric column of the loaded text, per engine: the count as a decimal with four places. */
function numericColumn(dialect: SqlDialectName): string {
  if (dialect === "postgres") return `("timestamp")::numeric(20,4)`;
  if (dialect === "duckdb") return `CAST("timestamp" AS DECIMAL(18,4))`;
  return "toDecimal64(`timestamp`, 4)";
}

/** The `timestamp: "epoch_s"` and `"epoch_ms"` cases, on one engine (run by sqlCases.ts). */
export function epochTimestampCases(
  engine: () => TestEngine,
  textFrom: () => string,
  restore: () => Promise<void>,
): void {
  const run = async (source: Omit<SqlUsageSource, "from" | "properties">) => {
    const results: unknown[][] = [];
    const mapping = { from: textFrom(), properties: { json: "properties" }, ...source };
    for (const sql of compileUsageSql(prepared, engine().dialect, mapping).queries)
      results.push(await engine().run(sql));
    return usageAggregatesFromSql(prepared, results);
  };

  it('reads seconds since 1970 exactly, to the millisecond (timestamp: "epoch_s"), as text or a decimal column', async () => {
    await engine().load(seconds);
    const memory = inMemory(seconds, "epoch_s");
    // By hand: counted s2, s3, s4, s6: 2 + 4 + 8 + 32 = 46 GB; the latest is s4 at 1772323199.999 s.
    expect((memory.whole.meters as { total: unknown }[])[0]?.total).toEqual({ sum: "46", events: 4 });
    expect((memory.whole.meters as { total: unknown }[])[1]?.total).toEqual({
      timestamp: Date.UTC(2026, 1, 28, 23, 59, 59, 999),
      id: "s4",
      value: "8",
      events: 4,
    });
    expect(memory.whole.excluded).toEqual([
      { reason: "outside_period", events: 3, sampleIds: ["s1", "s5", "s7"] },
    ]);
    expect(await run({ timestamp: "epoch_s" })).toEqual(memory);
    expect(
      await run({ timestamp: "epoch_s", columns: { timestamp: numericColumn(engine().dialect) } }),
    ).toEqual(memory);
    // Mapped as ISO text (the default), not one is an instant.
    await expect(run({})).rejects.toMatchObject({
      code: "invalid_event",
      details: { events: 7, field: "timestamp" },
    });
    await restore();
  });

  it('reads milliseconds since 1970, a fraction floored (timestamp: "epoch_ms")', async () => {
    // 1770000000 s × 1000 = 1770000000000 ms; .9 of a millisecond floors away.
    const millis = [
      eventAt("m1", "egress", "1769903999999", { gb: "1" }), // 2026-01-31T23:59:59.999Z: outside
      eventAt("m2", "egress", "1769904000000.9", { gb: "2" }), // floors to 1769904000000, the first instant
      eventAt("m3", "egress", "1770000000000", { gb: "4" }),
    ];
    await engine().load(millis);
    const memory = inMemory(millis, "epoch_ms");
    expect((memory.whole.meters as { total: unknown }[])[0]?.total).toEqual({ sum: "6", events: 2 });
    expect(await run({ timestamp: "epoch_ms" })).toEqual(memory);
    await restore();
  });

  it("refuses the counts the in-memory engine refuses: negative, an exponent, a space, past the year 9999", async () => {
    const refused: ReadonlyArray<[string, "epoch_s" | "epoch_ms"]> = [
      ["-1", "epoch_s"],
      ["-0.5", "epoch_s"],
      ["1.77e9", "epoch_s"],
      [" 1770000000", "epoch_s"],
      ["1770000000.", "epoch_s"],
      ["2026-02-02T02:40:00Z", "epoch_s"],
      // 253402300800 s = 10000-01-01T00:00:00Z; 253402300799.999 s is the last millisecond of 9999
      ["253402300800", "epoch_s"],
      ["1770000000000", "epoch_s"], // milliseconds read as seconds: the year 58059
      ["253402300800000", "epoch_ms"],
      ["99999999999999999999", "epoch_ms"],
    ];
    // One table of each mapping's refused counts, beside an event it reads: every one must be counted
    // refused (`events`), so one read would fail the count. One query a mapping: a query for each count
    // took ClickHouse 15.6 s for the ten alone, 31 s at load 9 (it plans each query for 1.5–3 s).
    for (const timestamps of ["epoch_s", "epoch_ms"] as const) {
      const texts = refused.filter(([, mapped]) => mapped === timestamps).map(([text]) => text);
      for (const text of texts)
        expect(
          () => parseUsageEvent(eventAt("r", "egress", text, { gb: "1" }), 0, { timestamps }),
          text,
        ).toThrow(expect.objectContaining({ code: "invalid_instant" }));
      const events = [
        ...texts.map((text, index) =>
          eventAt(`r${String(index + 1).padStart(2, "0")}`, "egress", text, { gb: "1" }),
        ),
        eventAt("s1", "egress", "1770000000", {}),
      ];
      await engine().load(events);
      await expect(run({ timestamp: timestamps }), timestamps).rejects.toMatchObject({
        code: "invalid_event",
        // epoch_s: 8 refused, epoch_ms: 2 (the ten above)
        details: { events: timestamps === "epoch_s" ? 8 : 2 },
        // The sentence says how the mapping reads the column, not only ISO text.
        message: expect.stringMatching(
          /a plain count since 1970 under "epoch_s" or "epoch_ms" \(first id "r01"\)/,
        ),
      });
    }
    // The last millisecond of 9999, and minus zero, are read.
    const edges = [
      eventAt("e1", "egress", "253402300799.999", { gb: "1" }),
      eventAt("e2", "egress", "-0", { gb: "1" }),
    ];
    await engine().load(edges);
    expect(await run({ timestamp: "epoch_s" })).toEqual(inMemory(edges, "epoch_s"));
    await restore();
  });
}

/**
 * Each count's instant read by the engine through `usageInstantSql`, row by row, against the in-memory
 * reader (NULL where it refuses): hand-worked counts, and drawn ones (run by sqlCases.ts).
 */
export function epochInstantRows(
  engine: () => TestEngine,
  textFrom: () => string,
  restore: () => Promise<void>,
) {
  const readBoth = async (texts: ReadonlyArray<string>, timestamps: "epoch_s" | "epoch_ms") => {
    const events = texts.map((text, index) =>
      eventAt(`r${String(index).padStart(4, "0")}`, "egress", text, {}),
    );
    await engine().load(events);
    const mapping: SqlUsageSource = {
      from: textFrom(),
      timestamp: timestamps,
      properties: { json: "properties" },
    };
    const rows = (await engine().run(
      `SELECT id, ${usageInstantSql(mapping, engine().dialect)} AS ms FROM ${textFrom()} ORDER BY id`,
    )) as { id: string; ms: unknown }[];
    const sql = rows.map((row) => (row.ms === null ? null : Number(row.ms)));
    const memory = texts.map((text) => {
      const parsed = safeParseUsageEvent(eventAt("m", "egress", text, {}), 0, { timestamps });
      return parsed.success ? parsed.data.timestamp : null;
    });
    return { sql, memory };
  };

  it("reads each count to the same millisecond as the in-memory engine, or refuses it as it does", async () => {
    const texts = [
      "1.005",
      "1.0059",
      "1770000000",
      "0.0009",
      "00.5",
      "-0",
      "-0.0",
      "-0.001",
      "1e3",
      "1.",
      ".5",
    ];
    const { sql, memory } = await readBoth(texts, "epoch_s");
    // By hand: 1.005 s = 1 × 1000 + 5 = 1005 ms (1.005 as a double is 1.00499999999999989…, × 1000 floored:
    // 1004); 1.0059 s floors to 1005 ms; 1770000000 s = 20486 days × 86400 + 9600 s = 1770000000000 ms,
    // 2026-02-02T02:40:00Z; 0.0009 s is 0 ms; "00.5" is 500 ms; minus zero is 0; below zero, an exponent,
    // a point without digits on either side are refused.
    expect(memory).toEqual([1005, 1005, 1770000000000, 0, 500, 0, 0, null, null, null, null]);
    expect(sql).toEqual(memory);
    await restore();
  });

  it("reads drawn counts as the in-memory engine does (property)", async () => {
    const digits = (max: number) =>
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: max });
    const count = fc
      .tuple(fc.constantFrom("", "", "", "-"), digits(16), fc.option(digits(6)))
      .map(([sign, whole, fraction]) => `${sign}${whole}${fraction === null ? "" : `.${fraction}`}`);
    for (const timestamps of ["epoch_s", "epoch_ms"] as const) {
      const texts = fc.sample(count, { numRuns: 200, seed: timestamps === "epoch_s" ? 33 : 34 });
      const { sql, memory } = await readBoth(texts, timestamps);
      expect(sql, timestamps).toEqual(memory);
    }
    await restore();
  });
}
