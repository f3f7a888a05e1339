import { describe, expect, it } from "vitest";
import { explainText, rateInvoice, usageEvidence, usageEvidenceText } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";

// `ratecard usage` named a two-level meter by its outer aggregation alone ("Meter custom_metrics: max"),
// as if the meter took the max of its events; it names both levels now, in the words the explanation
// of the same line uses (docs/meters.md, "Two-level windows").
//
// February 2026, UTC. Custom metrics: the max of each hour's distinct series; series a and b report in
// the hour from 00:00, b alone in the hour from 01:00: 2 and 1 distinct, max 2. Throughput: the sum of
// hourly maxima, 7 RU in one hour. Transit: the 95th percentile of 5-minute sums per second.
const contract = buildContract({
  meters: [
    {
      id: "custom_metrics",
      eventType: "dd.point",
      aggregation: "max",
      valueProperty: "series",
      window: { size: "hour", aggregation: "unique_count" },
    },
    {
      id: "tp",
      eventType: "tp",
      aggregation: "sum",
      valueProperty: "ru",
      window: { size: "hour", aggregation: "max" },
    },
    {
      id: "bw",
      eventType: "bw",
      aggregation: "percentile",
      valueProperty: "mb",
      percentile: { rank: "95" },
      window: { size: "5m", aggregation: "sum", perSecond: true },
    },
    { id: "gb", eventType: "gb", aggregation: "sum", valueProperty: "v" },
  ],
  charges: [
    {
      id: "cm",
      name: "Custom metrics",
      meter: "custom_metrics",
      price: { model: "unit", unitPrice: "0.05" },
    },
    { id: "tp", name: "Throughput", meter: "tp", price: { model: "unit", unitPrice: "0.01" } },
    { id: "bw", name: "Transit", meter: "bw", price: { model: "unit", unitPrice: "1" } },
    { id: "gb", name: "Egress", meter: "gb", price: { model: "unit", unitPrice: "1" } },
  ],
});
const event = (id: string, type: string, time: string, properties: Record<string, unknown>) => ({
  id,
  type,
  customer: "cus",
  timestamp: `2026-02-01T${time}:00Z`,
  properties,
});
const events = [
  event("e1", "dd.point", "00:10", { series: "a" }),
  event("e2", "dd.point", "00:20", { series: "b" }),
  event("e3", "dd.point", "01:20", { series: "b" }),
  event("t1", "tp", "01:20", { ru: "7" }),
  event("b1", "bw", "01:20", { mb: "300" }),
  event("g1", "gb", "01:20", { v: "2" }),
];

describe("usage evidence of a two-level meter", () => {
  it("names both levels, as the explanation does, and leaves a one-level meter's name as it was", () => {
    const evidence = usageEvidence(contract, events, "2026-02");
    const heads = usageEvidenceText(evidence)
      .split("\n")
      .filter((line) => line.startsWith("Meter "));
    expect(heads).toEqual([
      "Meter custom_metrics: the max of hourly windows, each the number of distinct values among its events",
      "Meter tp: the sum of hourly windows, each the max of its events",
      "Meter bw: the 95th percentile of 5m samples (the sum of each, per second)",
      "Meter gb: sum",
    ]);
    // the explanation of the same lines, with the windows counted: the same words
    const explained = explainText(rateInvoice(contract, events, "2026-02"));
    expect(explained).toContain(
      "The quantity is the max of 672 hourly windows, each the number of distinct values among its events;",
    );
    expect(explained).toContain("The quantity is the sum of 672 hourly windows, each the max of its events;");
    expect(explained).toContain("The 95th percentile of 8,064 5m samples (the sum of each, per second):");
    // JSON: the window and the rank, additive; a meter without windows has neither
    expect(
      evidence.meters.map(({ meter, aggregation, window, rank }) => ({ meter, aggregation, window, rank })),
    ).toEqual([
      {
        meter: "custom_metrics",
        aggregation: "max",
        window: { size: "hour", aggregation: "unique_count" },
        rank: undefined,
      },
      { meter: "tp", aggregation: "sum", window: { size: "hour", aggregation: "max" }, rank: undefined },
      {
        meter: "bw",
        aggregation: "percentile",
        window: { size: "5m", aggregation: "sum", perSecond: true },
        rank: "95",
      },
      { meter: "gb", aggregation: "sum", window: undefined, rank: undefined },
    ]);
    expect("window" in (evidence.meters[3] as object)).toBe(false);
  });
});
