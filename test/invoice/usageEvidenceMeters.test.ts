import { describe, expect, it } from "vitest";
import { parseUsageEvent, usageEvidence, usageEvidenceAsync } from "../../src/index.js";
import { buildContract, type ChargeInput, type MeterInput } from "../_support/contract.js";

// Every expected figure below is worked out from the events by hand; the evidence is computed inside
// each test so that mutation testing ties the code it runs to the test.

const unit = (id: string, meter: string): ChargeInput => ({
  id,
  name: id,
  meter,
  price: { model: "unit", unitPrice: "1" },
});
const byDimension = (id: string, meter: string, dimension: string): ChargeInput => ({
  id,
  name: id,
  meter,
  price: {
    model: "matrix",
    dimensions: [dimension],
    cells: [],
    defaultPrice: { model: "unit", unitPrice: "1" },
  },
});
const event = (id: string, type: string, timestamp: string, properties: object) => ({
  id,
  type,
  customer: "cus",
  timestamp,
  properties,
});

describe("usageEvidence: what each kind of meter lists", () => {
  const meters: MeterInput[] = [
    { id: "gb", name: "Bandwidth", eventType: "e", aggregation: "sum", valueProperty: "v", unit: "GB" },
    { id: "calls", eventType: "e", aggregation: "count" },
    { id: "peak", eventType: "e", aggregation: "max", valueProperty: "v" },
    { id: "users", eventType: "e", aggregation: "unique_count", valueProperty: "user" },
    {
      id: "daily",
      eventType: "e",
      aggregation: "sum",
      valueProperty: "v",
      window: { size: "day", aggregation: "max" },
    },
    { id: "hosts", eventType: "e", aggregation: "sum", valueProperty: "v", entity: { property: "host" } },
    { id: "seats", eventType: "e", aggregation: "sum", valueProperty: "v", persistent: true },
    // No charge uses it: it is one line's worth of events all the same.
    { id: "spare", eventType: "e", aggregation: "sum", valueProperty: "v" },
  ];
  const contract = buildContract({
    meters,
    charges: meters.filter((meter) => meter.id !== "spare").map((meter) => unit(`c_${meter.id}`, meter.id)),
  });
  const events = [
    event("a", "e", "2026-02-02T00:00:00Z", { v: "3", user: "ann", host: "h1" }),
    event("b", "e", "2026-02-02T06:00:00Z", { v: "5", user: "bob", host: "h1" }),
  ];

  it("gives a quantity per group and per day only for sum and count meters without window, entity or persistence", () => {
    const evidence = usageEvidence(contract, events, "2026-02");
    const summary = evidence.meters.map((meter) => {
      const group = meter.groups[0];
      return [meter.meter, group?.events, group?.quantity, group?.byPeriod[0]?.quantity];
    });
    expect(summary).toStrictEqual([
      // 3 + 5 = 8; two events.
      ["gb", 2, "8", "8"],
      ["calls", 2, "2", "2"],
      ["peak", 2, undefined, undefined],
      ["users", 2, undefined, undefined],
      ["daily", 2, undefined, undefined],
      ["hosts", 2, undefined, undefined],
      ["seats", 2, undefined, undefined],
      ["spare", 2, "8", "8"],
    ]);
    for (const meter of evidence.meters.slice(2, 7)) {
      expect("quantity" in (meter.groups[0] ?? {})).toBe(false);
      expect("quantity" in (meter.groups[0]?.byPeriod[0] ?? {})).toBe(false);
    }
  });

  it("names a meter and its unit only when the contract does, and a count's events carry no value", () => {
    const evidence = usageEvidence(contract, events, "2026-02", { limit: 1 });
    const [gb, calls, , users] = evidence.meters;
    expect(gb).toMatchObject({
      meter: "gb",
      name: "Bandwidth",
      aggregation: "sum",
      unit: "GB",
      dimensions: [],
    });
    expect(Object.keys(calls ?? {})).toEqual(["meter", "aggregation", "dimensions", "groups"]);
    expect(calls?.groups[0]?.firstEvents).toStrictEqual([{ id: "a", timestamp: "2026-02-02T00:00:00.000Z" }]);
    // A unique count's value is the id counted, written as is.
    expect(users?.groups[0]?.firstEvents).toStrictEqual([
      { id: "a", timestamp: "2026-02-02T00:00:00.000Z", value: "ann" },
    ]);
  });

  it("states the service period as local dates and as instants", () => {
    const inKolkata = buildContract({
      timeZone: "Asia/Kolkata",
      meters: [meters[0] as MeterInput],
      charges: [unit("c_gb", "gb")],
    });
    // Midnight in Kolkata (+05:30) is 18:30 UTC the day before.
    expect(usageEvidence(inKolkata, [], "2026-02").period).toStrictEqual({
      label: "2026-02-01/2026-03-01",
      start: "2026-01-31T18:30:00.000Z",
      end: "2026-02-28T18:30:00.000Z",
    });
  });

  it("gives the same evidence for streamed events", async () => {
    const streamed = await usageEvidenceAsync(
      contract,
      async function* () {
        yield* events.map((input) => parseUsageEvent(input));
      },
      "2026-02",
    );
    expect(streamed).toStrictEqual(usageEvidence(contract, events, "2026-02"));
    expect(streamed.eventsCounted).toBe(2);
  });
});

describe("usageEvidence: a meter whose value is a formula", () => {
  it("lists the value the formula gives, not a property", () => {
    const contract = buildContract({
      meters: [
        {
          id: "work",
          eventType: "fn",
          aggregation: "sum",
          value: { multiply: [{ property: "memory_mb" }, { property: "duration_ms" }] },
        },
      ],
      charges: [unit("c_work", "work")],
    });
    const events = [
      event("f1", "fn", "2026-02-02T00:00:00Z", { memory_mb: "2", duration_ms: "3" }),
      event("f2", "fn", "2026-02-03T00:00:00Z", { memory_mb: "4", duration_ms: "5" }),
    ];
    const group = usageEvidence(contract, events, "2026-02").meters[0]?.groups[0];
    // 2 × 3 = 6 and 4 × 5 = 20: 26 in all.
    expect(group).toMatchObject({ ratedQuantity: "26", quantity: "26" });
    expect(group?.firstEvents.map((listed) => listed.value)).toEqual(["6", "20"]);
  });
});

describe("usageEvidence: meters split by several properties", () => {
  // Two meters split by region, and one of them also by tier (a second charge on the same meter).
  const contract = buildContract({
    meters: [
      { id: "up", eventType: "up", aggregation: "sum", valueProperty: "v" },
      { id: "down", eventType: "down", aggregation: "sum", valueProperty: "v" },
    ],
    charges: [
      byDimension("up_region", "up", "region"),
      byDimension("up_tier", "up", "tier"),
      byDimension("down_region", "down", "region"),
    ],
  });
  const events = [
    event("u1", "up", "2026-02-02T00:00:00Z", { v: "1", region: "eu", tier: "gold" }),
    event("u2", "up", "2026-02-02T00:00:00Z", { v: "2", region: "us", tier: "gold" }),
    event("d1", "down", "2026-02-02T00:00:00Z", { v: "10", region: "eu" }),
  ];

  it("lists each meter's own lines for each way its charges split them", () => {
    const lines = usageEvidence(contract, events, "2026-02").meters.map((meter) => [
      meter.meter,
      meter.dimensions,
      meter.groups.map((group) => [group.group, group.ratedQuantity, group.quantity]),
    ]);
    expect(lines).toEqual([
      // up by region: eu 1, us 2; up by tier: gold 1 + 2 = 3; down by region: eu 10.
      [
        "up",
        ["region"],
        [
          [{ region: "eu" }, "1", "1"],
          [{ region: "us" }, "2", "2"],
        ],
      ],
      ["up", ["tier"], [[{ tier: "gold" }, "3", "3"]]],
      ["down", ["region"], [[{ region: "eu" }, "10", "10"]]],
    ]);
  });

  it("lists no groups when no events came", () => {
    const evidence = usageEvidence(contract, [], "2026-02");
    expect(evidence.meters.map((meter) => meter.groups)).toEqual([[], [], []]);
  });
});
