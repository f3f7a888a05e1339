import { expect, it } from "vitest";
import { parseContract, prepareRating, rateFromAggregates } from "../../src/index.js";
import { type AggregatedOn, contractHead, eventAt, type TableEvent } from "./engines.js";

// Windows counted in their own zone (`window.timeZone`), compiled to SQL: Backblaze B2's UTC days for a
// contract in Los Angeles (the day index a CASE over UTC midnights), and hours of Kathmandu (+05:45)
// for a UTC contract (the hour index an integer division from 23:15Z, Kathmandu's hour before the
// period). Each engine's aggregates are checked equal to the in-memory ones by sqlCases.ts, then rated.
const prepared = prepareRating(
  parseContract({
    ...contractHead,
    id: "ctr_window_zone",
    timeZone: "America/Los_Angeles",
    meters: [
      {
        id: "download",
        eventType: "dl",
        aggregation: "sum",
        valueProperty: "gb",
        window: { size: "day", aggregation: "sum", allowance: "1", timeZone: "UTC" },
      },
      {
        id: "cache",
        eventType: "cache",
        aggregation: "sum",
        valueProperty: "gb",
        window: { size: "hour", aggregation: "max", allowance: "10", timeZone: "Asia/Kathmandu" },
      },
    ],
    charges: [
      { id: "download", name: "Download", meter: "download", price: { model: "unit", unitPrice: "0.01" } },
      { id: "cache", name: "Cache", meter: "cache", price: { model: "unit", unitPrice: "1" } },
    ],
  }),
  "2026-03",
);

// March 2026 in LA: 08:00Z on 1 March to 07:00Z on 1 April. c and d: one LA day (10 March), two UTC
// days. Kathmandu hours start at :15 UTC: k1 (00:10Z) and k2 (00:20Z) fall in two of them.
const events: TableEvent[] = [
  eventAt("a", "dl", "2026-03-01T07:00:00Z", { gb: 5 }),
  eventAt("b", "dl", "2026-03-01T09:00:00Z", { gb: 1.5 }),
  eventAt("c", "dl", "2026-03-10T23:30:00Z", { gb: 2 }),
  eventAt("d", "dl", "2026-03-11T00:30:00Z", { gb: 2 }),
  eventAt("e", "dl", "2026-04-01T06:00:00Z", { gb: 1.5 }),
  eventAt("k1", "cache", "2026-03-02T00:10:00Z", { gb: 12 }),
  eventAt("k2", "cache", "2026-03-02T00:20:00Z", { gb: 15 }),
  eventAt("k3", "cache", "2026-03-02T01:10:00Z", { gb: 11 }),
];

/** Windows in another zone than the contract's, on the engine behind `aggregatedOn`. */
export function windowZoneCases(aggregatedOn: AggregatedOn, reload: () => Promise<void>) {
  it("counts B2's UTC days and Kathmandu's hours for a Los Angeles contract, as worked out by hand", async () => {
    const aggregates = await aggregatedOn(prepared, events);
    expect(aggregates.whole.excluded).toEqual([{ reason: "outside_period", events: 1, sampleIds: ["a"] }]);
    const invoice = rateFromAggregates(prepared, aggregates);
    // UTC days (32, the first 08:00Z–24:00Z, the last 00:00Z–07:00Z), 1 GB free in each: b 1.5 − 1 =
    // 0.5; c 2 − 1 = 1; d 2 − 1 = 1; e 1.5 − 1 = 0.5; 3 GB × $0.01 = $0.03.
    // Kathmandu hours from 08:00Z on 1 March (13:45 there; its hour 13:00–14:00 is 07:15Z–08:15Z, cut to
    // 08:00Z–08:15Z): 23:15Z–00:15Z holds k1 (12 − 10 = 2); 00:15Z–01:15Z k2 and k3 (max 15 − 10 = 5):
    // 7 GB × $1 = $7.00. In UTC hours it would be 5 + 1 = 6.
    expect(invoice.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["download", "3", "0.03"],
      ["cache", "7", "7.00"],
    ]);
    expect(invoice.total).toBe("7.03");
    await reload();
  });
}
