import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { EntityTerms, MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

const feb = (day: number, hour = 0) => Date.UTC(2026, 1, day, hour);

function instanceHours(entity: Partial<EntityTerms> = {}, extra: Partial<MeterTerms> = {}): MeterTerms {
  return {
    id: "instance_hours",
    eventType: EVENT_TYPE,
    aggregation: "sum",
    valueProperty: "seconds",
    entity: {
      property: "instance",
      divideBy: new Decimal(3600),
      round: "up",
      cap: new Decimal(720),
      ...entity,
    },
    ...extra,
  } as MeterTerms;
}

// i-a runs 3,600 s + 1,800 s = 5,400 s = 1.5 h; i-b runs 1,200 s = 0.333… h; i-c runs 2,880,000 s = 800 h.
const runs = [
  usageEvent("a1", feb(2), { instance: "i-a", seconds: 3600 }),
  usageEvent("a2", feb(3), { instance: "i-a", seconds: "1800" }),
  usageEvent("b1", feb(4), { instance: "i-b", seconds: 1200 }),
  usageEvent("c1", feb(5), { instance: "i-c", seconds: "2880000" }),
];

describe("per-entity rounding and caps", () => {
  it("bills each started hour and caps each instance at 720 hours", () => {
    // i-a 1.5 h → 2; i-b 0.333… h → 1; i-c 800 h → 720 (capped): 2 + 1 + 720 = 723 hours
    const result = aggregateFor([instanceHours()], runs);
    expect(result.meters[0]!.quantity.toFixed()).toBe("723");
    expect(result.meters[0]!.events).toBe(4);
    expect(result.meters[0]!.computation).toEqual({
      kind: "entities",
      entities: 3,
      divideBy: "3600",
      round: "up",
      cap: "720",
      capped: 1,
    });
  });

  it("rounds down when asked", () => {
    // i-a 1.5 → 1; i-b 0.333… → 0; i-c 800 → 720: 1 + 0 + 720 = 721
    expect(aggregateFor([instanceHours({ round: "down" })], runs).meters[0]!.quantity.toFixed()).toBe("721");
  });

  it("rounds each entity, not the total", () => {
    // without per-entity rounding the total 5,400 + 1,200 = 6,600 s = 1.833… h would round up to 2;
    // per entity it is 2 + 1 = 3
    expect(aggregateFor([instanceHours()], runs.slice(0, 3)).meters[0]!.quantity.toFixed()).toBe("3");
  });

  it("sums the divided quantities without rounding or cap when none is given", () => {
    // i-a 5,400 s and i-d 1,800 s: 1.5 + 0.5 = 2 hours
    const meter: MeterTerms = {
      id: "instance_hours",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      valueProperty: "seconds",
      entity: { property: "instance", divideBy: new Decimal(3600) },
    };
    const events = [...runs.slice(0, 2), usageEvent("d1", feb(6), { instance: "i-d", seconds: 1800 })];
    const result = aggregateFor([meter], events);
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.meters[0]!.computation).toMatchObject({ round: "none", cap: null, capped: 0 });
  });

  it("puts events without the entity property (or with null) into one entity of their own", () => {
    // 60 s with no instance + 60 s with instance null = 120 s → 1 started hour; + the 723 above = 724
    const events = [
      ...runs,
      usageEvent("n1", feb(7), { seconds: 60 }),
      usageEvent("n2", feb(8), { instance: null, seconds: 60 }),
    ];
    const result = aggregateFor([instanceHours()], events);
    expect(result.meters[0]!.quantity.toFixed()).toBe("724");
    // …and records them: 2 events (n1 without the property, n2 with null) in that one entity.
    expect(result.meters[0]!.computation).toMatchObject({
      entities: 4,
      withoutProperty: { property: "instance", events: 2 },
    });
  });

  it("records no withoutProperty when every event has the entity property", () => {
    expect(aggregateFor([instanceHours()], runs).meters[0]!.computation).not.toHaveProperty(
      "withoutProperty",
    );
  });

  it("keeps the number 4 and the text '4' as different entities", () => {
    // 60 s each, two entities: 1 + 1 = 2 started hours
    const events = [
      usageEvent("x1", feb(2), { instance: 4, seconds: 60 }),
      usageEvent("x2", feb(3), { instance: "4", seconds: 60 }),
    ];
    expect(aggregateFor([instanceHours()], events).meters[0]!.quantity.toFixed()).toBe("2");
  });

  it("caps at exactly the cap without counting it as capped", () => {
    // 720 h = 2,592,000 s → 720, not above the cap: capped 0
    const result = aggregateFor(
      [instanceHours()],
      [usageEvent("c", feb(2), { instance: "i", seconds: 2_592_000 })],
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("720");
    expect(result.meters[0]!.computation).toMatchObject({ capped: 0 });
  });

  it("runs a two-level aggregation per entity", () => {
    // sum of hourly maxima per instance, rounded up per instance, over Feb 2 00:00–02:00Z:
    // i-a: hour 0 max(1.2, 0.4) = 1.2, hour 1 max 0.3 → 1.5 → 2; i-b: hour 0 0.25 → 1; total 3
    const meter: MeterTerms = {
      id: "peaks",
      eventType: EVENT_TYPE,
      aggregation: "sum",
      valueProperty: "gb",
      window: { size: "hour", aggregation: "max" },
      entity: { property: "instance", round: "up" },
    };
    const events = [
      usageEvent("a1", feb(2, 0), { instance: "i-a", gb: "1.2" }),
      usageEvent("a2", feb(2, 0) + 60_000, { instance: "i-a", gb: "0.4" }),
      usageEvent("a3", feb(2, 1), { instance: "i-a", gb: "0.3" }),
      usageEvent("b1", feb(2, 0), { instance: "i-b", gb: "0.25" }),
    ];
    const result = aggregateFor([meter], events, { start: feb(2, 0), end: feb(2, 2) });
    expect(result.meters[0]!.quantity.toFixed()).toBe("3");
  });
});
