import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Hosts seen in each hour (Datadog bills hosts by the hour): the distinct values of `host` per hourly
// window, then the peak hour (`max`) and the host-hours (`sum`), at $18 a host and $0.03 a host-hour.
const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_window_unique",
    meters: [
      {
        id: "hosts_peak",
        eventType: "hb",
        aggregation: "max",
        valueProperty: "host",
        unit: "hosts",
        window: { size: "hour", aggregation: "unique_count" },
      },
      {
        id: "host_hours",
        eventType: "hb",
        aggregation: "sum",
        valueProperty: "host",
        unit: "host-hours",
        window: { size: "hour", aggregation: "unique_count" },
      },
    ],
    charges: [
      { id: "hosts", name: "Hosts", meter: "hosts_peak", price: { model: "unit", unitPrice: "18" } },
      {
        id: "host_hours",
        name: "Host-hours",
        meter: "host_hours",
        price: { model: "unit", unitPrice: "0.03" },
      },
    ],
  }),
  "2026-02",
);

const beat = (id: string, at: string, host: string | number | undefined) =>
  eventAt(id, "hb", `2026-02-01T${at}Z`, host === undefined ? {} : { host });

// Hour 0: i-1 twice and i-2 → 2 hosts. Hour 1: i-1, i-2, i-3, and the number 5 sent as 5 and 5.0 (one
// value) → 4. Hour 5: "I-1" (text is compared exactly: not i-1) → 1; an event without a host is left out
// (invalid_value); a copy of b1 (same id and payload) is counted once.
const events: TableEvent[] = [
  beat("a1", "00:10:00", "i-1"),
  beat("a2", "00:40:00", "i-1"),
  beat("a3", "00:50:00", "i-2"),
  beat("b1", "01:00:00", "i-1"),
  beat("b1", "01:00:00", "i-1"),
  beat("b2", "01:20:00", "i-2"),
  beat("b3", "01:30:00", "i-3"),
  beat("b4", "01:40:00", 5),
  beat("b5", "01:59:59", 5.0),
  beat("c1", "05:00:00", "I-1"),
  beat("c2", "05:30:00", undefined),
];

export function windowUniqueCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("counts the distinct values of each window as worked out by hand (hosts per hour)", async () => {
    const aggregates = await aggregatedOn(prepared, events);
    const meters = aggregates.whole.meters as { total: unknown }[];
    // Windows by hour from the period start; values as unique counts key them (s: text, n: number).
    const hourly = [
      ["0", { values: ["s:i-1", "s:i-2"], events: 3 }],
      ["1", { values: ["n:5", "s:i-1", "s:i-2", "s:i-3"], events: 5 }],
      ["5", { values: ["s:I-1"], events: 1 }],
    ];
    expect(meters[0]?.total).toEqual(hourly);
    expect(meters[1]?.total).toEqual(hourly);
    // Nothing dropped unsaid: b1's copy is reported as a duplicate, c2 as having no value to count.
    expect(aggregates.whole.excluded).toEqual([
      { reason: "duplicate_id", events: 1, sampleIds: ["b1"] },
      { reason: "invalid_value", events: 1, sampleIds: ["c2"] },
    ]);
    const invoice = rateFromAggregates(prepared, aggregates);
    // Peak hour: 4 hosts × $18 = $72.00. Host-hours: 2 + 4 + 1 = 7 × $0.03 = $0.21. Total $72.21.
    expect(invoice.lines.map((line) => [line.quantity, line.amount])).toEqual([
      ["4", "72.00"],
      ["7", "0.21"],
    ]);
    expect(invoice.total).toBe("72.21");
    await reload();
  });
}
