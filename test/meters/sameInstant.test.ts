import { describe, expect, it } from "vitest";
import {
  type AggregateUsageOptions,
  aggregateUsage,
  aggregateUsageStates,
  type MeterRequest,
} from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";

// Events at the same instant are ordered by id, whatever order they came in: the meters that order
// their events (weighted levels, persistent adds and removes, latest, per-transaction values, the
// states' JSON) must give the same result for [b, a] as for [a, b]. Each test feeds the events with
// the larger id first, so a sort that ignored the id would keep that order and show it.
// Meters are built inside each test (compileMeter keeps the reducer of a meter object it has seen).
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const T = Date.UTC(2026, 1, 15); // Feb 15 00:00: 14 of February's 28 days are left
const event = (id: string, properties: UsageEvent["properties"], timestamp = T): UsageEvent => ({
  id,
  type: "u",
  customer: "c",
  timestamp,
  properties,
});
const options = (meter: MeterTerms, extra: Partial<AggregateUsageOptions> = {}): AggregateUsageOptions => ({
  meters: [meter],
  customer: "c",
  period: FEBRUARY,
  timeZone: "UTC",
  ...extra,
});
const both = (meter: () => MeterTerms, events: UsageEvent[], extra: Partial<AggregateUsageOptions> = {}) => [
  aggregateUsage(events, options(meter(), extra)),
  aggregateUsage([...events].reverse(), options(meter(), extra)),
];

describe("events at the same instant, ordered by id", () => {
  it("weighted_sum: the level set by the larger id holds after the instant", () => {
    const storage = (): MeterTerms => ({
      id: "gb",
      eventType: "u",
      aggregation: "weighted_sum",
      valueProperty: "gb",
    });
    // a sets 10 then b sets 20 at Feb 15: 0 GB for 14 days, 20 GB for 14 days → 20 × 14 ÷ 28 = 10 GB-month
    for (const result of both(storage, [event("b", { gb: "20" }), event("a", { gb: "10" })])) {
      expect(result.meters[0]!.quantity.toFixed()).toBe("10");
      expect(result.carryOut).toEqual({ gb: { level: "20" } });
    }
  });

  it("persistent unique count: an add and a remove at one instant apply in id order", () => {
    const seats = (): MeterTerms => ({
      id: "seats",
      eventType: "u",
      aggregation: "unique_count",
      valueProperty: "user",
      persistent: true,
      operationProperty: "op",
    });
    // a adds u1, then b removes it: u1 was active (billed 1), none is active at the end
    for (const result of both(seats, [
      event("b", { user: "u1", op: "remove" }),
      event("a", { user: "u1" }),
    ])) {
      expect(result.meters[0]!.quantity.toFixed()).toBe("1");
      expect(result.carryOut).toEqual({ seats: { active: [] } });
    }
    // b adds u2 after a removed it: u2 stays active
    for (const result of both(seats, [
      event("b", { user: "u2" }),
      event("a", { user: "u2", op: "remove" }),
    ])) {
      expect(result.carryOut).toEqual({ seats: { active: ["u2"] } });
    }
  });

  it("prorated persistent unique count: the same order by id decides what carries out", () => {
    const seats = (): MeterTerms => ({
      id: "seats",
      eventType: "u",
      aggregation: "unique_count",
      valueProperty: "user",
      persistent: true,
      prorated: true,
      operationProperty: "op",
    });
    // a adds u1 on Feb 15 and b removes it the same instant: active on Feb 15 only → 1 ÷ 28 =
    // 0.0357142… → rounded up to 5 decimals 0.03572; nothing carries out
    for (const result of both(seats, [
      event("b", { user: "u1", op: "remove" }),
      event("a", { user: "u1" }),
    ])) {
      expect(result.meters[0]!.quantity.toFixed()).toBe("0.03572");
      expect(result.carryOut).toEqual({ seats: { active: [] } });
    }
  });

  it("latest: the value of the larger id", () => {
    const last = (): MeterTerms => ({ id: "v", eventType: "u", aggregation: "latest", valueProperty: "v" });
    for (const result of both(last, [event("b", { v: "20" }), event("a", { v: "10" })]))
      expect(result.meters[0]!.quantity.toFixed()).toBe("20");
  });

  it("per-transaction values: listed by time, then id", () => {
    const gb = (): MeterTerms => ({ id: "gb", eventType: "u", aggregation: "sum", valueProperty: "gb" });
    const requests = new Map<string, MeterRequest>([
      ["gb", { groupings: [["region"]], collectValues: true }],
    ]);
    const events = [
      event("c", { gb: "3", region: "eu" }, T + 1),
      event("b", { gb: "2", region: "eu" }),
      event("a", { gb: "1", region: "eu" }),
    ];
    for (const result of both(gb, events, { requests })) {
      expect(result.meters[0]!.values!.map((value) => value.toFixed())).toEqual(["1", "2", "3"]);
      expect(result.groups[0]!.groups[0]!.values!.map((value) => value.toFixed())).toEqual(["1", "2", "3"]);
    }
  });

  it("writes the states of time-ordered meters in time, then id order, whatever the event order", () => {
    const storage: MeterTerms = {
      id: "gb",
      eventType: "u",
      aggregation: "weighted_sum",
      valueProperty: "gb",
    };
    const requests = new Map<string, MeterRequest>([["gb", { groupings: [], collectValues: true }]]);
    const events = [event("b", { gb: "20" }), event("a", { gb: "10" }), event("c", { gb: "5" }, T - 1)];
    const states = aggregateUsageStates(events, options(storage, { requests }));
    // c first (a millisecond earlier), then a and b at T by id
    expect(states.meters[0]).toEqual({
      meter: "gb",
      total: [
        { timestamp: T - 1, id: "c", value: "5" },
        { timestamp: T, id: "a", value: "10" },
        { timestamp: T, id: "b", value: "20" },
      ],
      values: [
        [T - 1, "c", "5"],
        [T, "a", "10"],
        [T, "b", "20"],
      ],
    });
  });

  it("writes a persistent unique count's operations and a prorated sum's points in a canonical order", () => {
    const seats: MeterTerms = {
      id: "seats",
      eventType: "u",
      aggregation: "unique_count",
      valueProperty: "user",
      persistent: true,
    };
    const running: MeterTerms = {
      id: "total",
      eventType: "v",
      aggregation: "sum",
      valueProperty: "n",
      persistent: true,
      prorated: true,
    };
    const events = [
      event("b", { user: "u2" }),
      event("a", { user: "u1" }),
      { ...event("y", { n: "7" }), type: "v" },
      { ...event("x", { n: "-3" }), type: "v" },
      { ...event("w", { n: "9" }, T - 1), type: "v" },
    ];
    const states = aggregateUsageStates(events, {
      meters: [seats, running],
      customer: "c",
      period: FEBRUARY,
      timeZone: "UTC",
    });
    // operations by time then id; points by time then value as text ("-3" before "7")
    expect(states.meters).toEqual([
      {
        meter: "seats",
        total: [
          { timestamp: T, id: "a", key: "u1", remove: false },
          { timestamp: T, id: "b", key: "u2", remove: false },
        ],
      },
      {
        meter: "total",
        total: [
          { timestamp: T - 1, value: "9" },
          { timestamp: T, value: "-3" },
          { timestamp: T, value: "7" },
        ],
      },
    ]);
  });
});
