import { describe, expect, it } from "vitest";
import { aggregateUsage } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";

// The filters of src/meters/matchesFilters.ts at their edges: a property that is null, and a property
// named like a member of Object.prototype that the event does not have. Meters are built per test.
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const event = (id: string, properties: UsageEvent["properties"]): UsageEvent => ({
  id,
  type: "u",
  customer: "c",
  timestamp: Date.UTC(2026, 1, 2),
  properties,
});
const summed = (filters: MeterTerms["filters"], events: UsageEvent[]) =>
  aggregateUsage(events, {
    meters: [{ id: "gb", eventType: "u", aggregation: "sum", valueProperty: "gb", filters }],
    customer: "c",
    period: FEBRUARY,
    timeZone: "UTC",
  }).meters[0]!.quantity.toFixed();

// gb 1 with region null, 10 with region "eu", 100 without a region
const EVENTS = [
  event("null", { gb: 1, region: null }),
  event("eu", { gb: 10, region: "eu" }),
  event("none", { gb: 100 }),
];

describe("filters at their edges", () => {
  it("does not count a null property as existing", () => {
    // only eu has a region that is not null: 10
    expect(summed([{ property: "region", op: "exists" }], EVENTS)).toBe("10");
  });

  it("lets null and a missing property pass not_equals", () => {
    // null ≠ "eu" and a missing region ≠ "eu": 1 + 100 = 101
    expect(summed([{ property: "region", op: "not_equals", value: "eu" }], EVENTS)).toBe("101");
  });

  it("does not find Object.prototype's members on an event: exists constructor needs the event's own", () => {
    const events = [event("own", { gb: 1, constructor: "x" }), event("inherited", { gb: 10 })];
    // only the event with its own "constructor": 1
    expect(summed([{ property: "constructor", op: "exists" }], events)).toBe("1");
  });

  it("needs every filter to hold: one failing is enough to leave an event out", () => {
    // gb > 5 alone: 10 + 100 = 110; with exists region too, only eu: 10
    expect(summed([{ property: "gb", op: "gt", value: new Decimal(5) }], EVENTS)).toBe("110");
    const both: MeterTerms["filters"] = [
      { property: "region", op: "exists" },
      { property: "gb", op: "gt", value: new Decimal(5) },
    ];
    expect(summed(both, EVENTS)).toBe("10");
  });
});
