import { expect, it } from "vitest";
import { parseContract, prepareRating } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Property texts an engine's own cast reads as a number, or fails on, where the in-memory engine reads
// only decimal text (src/money/parseDecimal.ts DECIMAL_TEXT): run on each engine by sqlCases.ts,
// `aggregatedOn` checking its aggregates equal to the in-memory ones. PostgreSQL's cast reads " 1",
// "NaN" and "Infinity" (and from 16 "1_000" and "0x1A") and fails, stopping the query, on "1e400" as a
// double and on a fraction of more than 16,383 digits as numeric; PostgreSQL before 16 has no
// pg_input_is_valid to ask first (src/sql/postgresReaders.ts).

// `gb` summed; `n` counted where it equals the number 1, and where it is above 0.5: a filter compares a
// number only with a number, and decimal text with a bound (src/meters/matchesFilters.ts).
const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_number_texts",
    meters: [
      { id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "gb" },
      {
        id: "ones",
        eventType: "probe",
        aggregation: "count",
        filters: [{ property: "n", op: "equals", value: 1 }],
      },
      {
        id: "above",
        eventType: "probe",
        aggregation: "count",
        filters: [{ property: "n", op: "gt", value: "0.5" }],
      },
    ],
    charges: ["gb", "ones", "above"].map((meter) => ({
      id: meter,
      name: meter,
      meter,
      price: { model: "unit", unitPrice: "1" },
    })),
  }),
  "2026-02",
);
const at = "2026-02-10T00:00:00Z";
const egress = (id: string, gb: unknown): TableEvent => eventAt(id, "egress", at, { gb });
const probe = (id: string, n: unknown): TableEvent => eventAt(id, "probe", at, { n });

// Not quantities to ratecard (1e400 a number too large, the others no numbers), each left out as
// invalid_value; PostgreSQL's cast reads the first seven (" 1",
// "1 " and "NaN" as numeric and float8, "Infinity" as both from 14, "1e400" as numeric), 16's numeric
// "0x1A" and "1_000" too. " 1e5" and "1e5 " contain an e, so their exponent is looked for as well.
const notNumbers = [
  "NaN",
  " 1",
  "1 ",
  "1e400",
  "Infinity",
  "-Infinity",
  " 1e5",
  "0x1A",
  "1_000",
  "1,5",
  "1e5 ",
];

/** The number texts' cases, on one engine. */
export function numberTextCases(aggregatedOn: AggregatedOn, restore: () => Promise<void>): void {
  it("reads as a number only the decimal text the in-memory engine reads (not NaN, ' 1', 1e400, 0x1A, 1_000)", async () => {
    const aggregates = await aggregatedOn(prepared, [
      // Read: 1. = 1, +.5 = 0.5, 1 and 2,000 zeros after the point = 1, 2 after 1,100 zeros = 2,
      // −0.25 and 1,500 zeros = −0.25 (PostgreSQL's numeric counts those zeros among its 16,383 decimals).
      egress("r1", "1."),
      egress("r2", "+.5"),
      egress("r3", `1.${"0".repeat(2000)}`),
      egress("r4", `${"0".repeat(1100)}2`),
      egress("r5", `-0.25${"0".repeat(1500)}`),
      ...notNumbers.map((gb, i) => egress(`x${String(i).padStart(2, "0")}`, gb)),
      // `n`: the number 1; the text "1"; the text "1e400" (10^400, read exactly: a double's cast would
      // fail on it); the texts "NaN" and " 1"; the number 1e300.
      probe("p1", 1),
      probe("p2", "1"),
      probe("p3", "1e400"),
      probe("p4", "NaN"),
      probe("p5", 1e300),
      probe("p6", " 1"),
    ]);
    const meters = aggregates.whole.meters as { total: unknown }[];
    // 1 + 0.5 + 1 + 2 − 0.25 = 4.25, of 5 events.
    expect(meters[0]?.total).toEqual({ sum: "4.25", events: 5 });
    // equals 1: p1 only (the text "1" is not the number 1). above 0.5: p1 (1), p2 ("1" is decimal
    // text: 1 > 0.5), p3 (10^400) and p5 (10^300); "NaN" and " 1" are no numbers.
    expect(meters[1]?.total).toEqual({ events: 1 });
    expect(meters[2]?.total).toEqual({ events: 4 });
    // The eleven texts that are no numbers; the probes no meter counts are filtered out (p4, p6).
    expect(aggregates.whole.excluded).toEqual([
      { reason: "filtered_out", events: 2, sampleIds: ["p4", "p6"] },
      { reason: "invalid_value", events: 11, sampleIds: ["x00", "x01", "x02", "x03", "x04"] },
    ]);
    await restore();
  });
}
