import { describe, expect, it } from "vitest";
import { usageEvidence, usageEvidenceText } from "../../src/index.js";
import { buildContract } from "../_support/contract.js";

// A contract in Los Angeles whose download allowance restarts each UTC day (Backblaze B2's "each day at
// 00:00 UTC"; docs/meters.md, "Windows in another zone"). Two downloads at 23:30Z on 10 March and 00:30Z
// on 11 March are one Los Angeles day (16:30 and 17:30 PDT on the 10th) but two UTC windows, each with
// its own 1 GB free: (2 − 1) + (2 − 1) = 2 GB billed. Listed by Los Angeles days they read as one day
// with 2 events, where a specialist works out (2 + 2 − 1) = 3 GB; listed by the windows' days, as two.
const contract = buildContract({
  timeZone: "America/Los_Angeles",
  meters: [
    {
      id: "download",
      eventType: "dl",
      aggregation: "sum",
      valueProperty: "gb",
      window: { size: "day", aggregation: "sum", allowance: "1", timeZone: "UTC" },
    },
    { id: "egress", eventType: "dl", aggregation: "sum", valueProperty: "gb" },
  ],
  charges: [
    { id: "download", name: "Download", meter: "download", price: { model: "unit", unitPrice: "0.01" } },
    { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0" } },
  ],
});
const events = [
  { id: "d10", type: "dl", customer: "cus", timestamp: "2026-03-10T23:30:00Z", properties: { gb: "2" } },
  { id: "d11", type: "dl", customer: "cus", timestamp: "2026-03-11T00:30:00Z", properties: { gb: "2" } },
];

describe("usage evidence of a meter whose windows are in another zone", () => {
  it("lists the events by the windows' days, not the contract's", () => {
    const evidence = usageEvidence(contract, events, "2026-03");
    const [download, egress] = evidence.meters;
    // the windows: UTC 10 March (d10) and UTC 11 March (d11), one event each; rated 1 + 1 = 2 GB
    expect(download?.groups[0]?.byPeriod).toEqual([
      { start: "2026-03-10", events: 1 },
      { start: "2026-03-11", events: 1 },
    ]);
    expect(download?.groups[0]?.ratedQuantity).toBe("2");
    expect(download?.window).toMatchObject({ size: "day", timeZone: "UTC" });
    // a meter without windows keeps the contract's days: both on Los Angeles's 10 March, 2 + 2 = 4 GB
    expect(egress?.groups[0]?.byPeriod).toEqual([{ start: "2026-03-10", events: 2, quantity: "4" }]);
  });

  it("says whose days it lists", () => {
    const text = usageEvidenceText(usageEvidence(contract, events, "2026-03"));
    expect(text).toContain(
      "  listed by the days of its windows' zone, UTC, not the contract's America/Los_Angeles",
    );
  });

  it("lists hours in the windows' zone too (Kathmandu, +05:45, hours start at :15 UTC)", () => {
    const kathmandu = buildContract({
      meters: [
        {
          id: "m",
          eventType: "e",
          aggregation: "sum",
          valueProperty: "v",
          window: { size: "hour", aggregation: "max", timeZone: "Asia/Kathmandu" },
        },
      ],
    });
    const evidence = usageEvidence(
      kathmandu,
      [
        { id: "a", type: "e", customer: "cus", timestamp: "2026-03-10T00:10:00Z", properties: { v: "1" } },
        { id: "b", type: "e", customer: "cus", timestamp: "2026-03-10T00:20:00Z", properties: { v: "1" } },
      ],
      "2026-03",
      { by: "hour" },
    );
    // 00:10Z is 05:55 in Kathmandu (hour from 05:00+05:45 = 23:15Z), 00:20Z is 06:05 (from 00:15Z): two
    // windows, max 1 each, 1 + 1 = 2; by UTC hours both would be the hour from 00:00Z
    expect(evidence.meters[0]?.groups[0]?.byPeriod.map((part) => part.start)).toEqual([
      "2026-03-10T05:00+05:45",
      "2026-03-10T06:00+05:45",
    ]);
    expect(evidence.meters[0]?.groups[0]?.ratedQuantity).toBe("2");
  });
});
