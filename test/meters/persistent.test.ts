import { describe, expect, it } from "vitest";
import { safeParseContract } from "../../src/contracts/index.js";
import { RatecardError } from "../../src/errors/index.js";
import type { MeterRequest } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";
import { buildContractJson, type MeterInput } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const JANUARY = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 1, 1) };
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const JAN_FEB = { start: JANUARY.start, end: FEBRUARY.end };
const jan = (day: number) => Date.UTC(2026, 0, day);
const feb = (day: number) => Date.UTC(2026, 1, day);

const runningSeats: MeterTerms = {
  id: "seats",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "delta",
  persistent: true,
};
const domainsCount: MeterTerms = {
  id: "domains",
  eventType: EVENT_TYPE,
  aggregation: "count",
  persistent: true,
};
const activeUsers: MeterTerms = {
  id: "users",
  eventType: EVENT_TYPE,
  aggregation: "unique_count",
  valueProperty: "user",
  persistent: true,
  operationProperty: "op",
};

describe("persistent sum and count", () => {
  // January: +3, +2, −1 seats; February: +5 seats
  const events = [
    usageEvent("j1", jan(5), { delta: 3 }),
    usageEvent("j2", jan(10), { delta: "2" }),
    usageEvent("j3", jan(20), { delta: "-1" }),
    usageEvent("f1", feb(3), { delta: "5" }),
  ];

  it("adds the period's events to the carried total and carries the new total out", () => {
    // 10 carried + (3 + 2 − 1) = 10 + 4 = 14
    const result = aggregateFor([runningSeats], events, JANUARY, { carried: { seats: { total: "10" } } });
    expect(result.meters[0]!.quantity.toFixed()).toBe("14");
    expect(result.meters[0]!.events).toBe(3);
    expect(result.meters[0]!.computation).toEqual({
      kind: "persistent",
      carriedIn: "10",
      inPeriod: "4",
      carriedOut: "14",
    });
    expect(result.carryOut).toEqual({ seats: { total: "14" } });
  });

  it("starts from 0 without a carried total", () => {
    // 0 + 4 = 4
    expect(aggregateFor([runningSeats], events, JANUARY).meters[0]!.quantity.toFixed()).toBe("4");
  });

  it("gives over two periods in sequence the total of both as one period", () => {
    const january = aggregateFor([runningSeats], events, JANUARY, { carried: { seats: { total: "10" } } });
    const february = aggregateFor([runningSeats], events, FEBRUARY, { carried: january.carryOut });
    const both = aggregateFor([runningSeats], events, JAN_FEB, { carried: { seats: { total: "10" } } });
    // February: 14 carried + 5 = 19; Jan–Feb at once: 10 + (3 + 2 − 1 + 5) = 19
    expect(february.meters[0]!.quantity.toFixed()).toBe("19");
    expect(both.meters[0]!.quantity.toFixed()).toBe("19");
    expect(february.carryOut).toEqual(both.carryOut);
  });

  it("holds the carried total through a period without events", () => {
    // nothing in March: 19 stays 19
    const march = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    const result = aggregateFor([runningSeats], [], march, { carried: { seats: { total: "19" } } });
    expect(result.meters[0]!.quantity.toFixed()).toBe("19");
    expect(result.carryOut).toEqual({ seats: { total: "19" } });
  });

  it("counts events onto a carried count", () => {
    // 7 domains carried + 3 registered in January = 10
    const registrations = [1, 2, 3].map((n) => usageEvent(`d${n}`, jan(n + 1), {}));
    const result = aggregateFor([domainsCount], registrations, JANUARY, {
      carried: { domains: { total: "7" } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("10");
    expect(result.carryOut).toEqual({ domains: { total: "10" } });
  });
});

describe("persistent unique_count with add and remove", () => {
  // January: alice added Jan 2, bob Jan 3, alice removed Jan 10, carol added Jan 20 and removed Jan 25
  const january = [
    usageEvent("u1", jan(2), { user: "alice", op: "add" }),
    usageEvent("u2", jan(3), { user: "bob" }),
    usageEvent("u3", jan(10), { user: "alice", op: "remove" }),
    usageEvent("u4", jan(20), { user: "carol", op: "add" }),
    usageEvent("u5", jan(25), { user: "carol", op: "remove" }),
  ];
  // February: dave added Feb 5, bob removed Feb 6
  const february = [
    usageEvent("u6", feb(5), { user: "dave", op: "add" }),
    usageEvent("u7", feb(6), { user: "bob", op: "remove" }),
  ];

  it("bills every value active at some point and carries out those active at the end", () => {
    // active at some point: alice, bob, carol → 3; active at the end: bob
    const result = aggregateFor([activeUsers], january, JANUARY);
    expect(result.meters[0]!.quantity.toFixed()).toBe("3");
    expect(result.meters[0]!.computation).toEqual({
      kind: "persistent",
      carriedIn: "0",
      inPeriod: "3",
      carriedOut: "1",
    });
    expect(result.carryOut.users?.active).toHaveLength(1);
  });

  it("bills the carried values in the next period, even one removed in it", () => {
    const first = aggregateFor([activeUsers], january, JANUARY);
    const second = aggregateFor([activeUsers], february, FEBRUARY, { carried: first.carryOut });
    // bob (carried in, removed Feb 6) + dave (added Feb 5) = 2; active at the end: dave only
    expect(second.meters[0]!.quantity.toFixed()).toBe("2");
    expect(second.meters[0]!.computation).toEqual({
      kind: "persistent",
      carriedIn: "1",
      inPeriod: "1",
      carriedOut: "1",
    });
    // carrying February's state on: dave alone is active in March (no events) → 1
    const march = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
    const third = aggregateFor([activeUsers], [], march, { carried: second.carryOut });
    expect(third.meters[0]!.quantity.toFixed()).toBe("1");
    // the two months in one period end in the same state: dave
    const both = aggregateFor([activeUsers], [...january, ...february], JAN_FEB);
    expect(second.carryOut).toEqual(both.carryOut);
  });

  it("counts a value re-added after removal once, comparing values as text", () => {
    // the number 5 and the text "5" are the same text "5": added, removed, re-added → one value;
    // "x" removed without ever being added: nothing
    const events = [
      usageEvent("a", jan(2), { user: 5, op: "add" }),
      usageEvent("b", jan(3), { user: "5", op: "remove" }),
      usageEvent("c", jan(4), { user: "5", op: "add" }),
      usageEvent("d", jan(5), { user: "x", op: "remove" }),
    ];
    const result = aggregateFor([activeUsers], events, JANUARY);
    // billed: "5" → 1; active at the end: "5" → 1
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.meters[0]!.computation).toMatchObject({ carriedOut: "1" });
    expect(result.carryOut).toEqual({ users: { active: ["5"] } });
  });

  it("orders an add and a remove at the same instant by id", () => {
    // both at Jan 9: "r1" (add) before "r2" (remove) → erin billed (1), not active at the end (0)
    const events = [
      usageEvent("r2", jan(9), { user: "erin", op: "remove" }),
      usageEvent("r1", jan(9), { user: "erin", op: "add" }),
    ];
    const result = aggregateFor([activeUsers], events, JANUARY);
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.carryOut).toEqual({ users: { active: [] } });
  });

  it("reads carried values as the values themselves (CarriedMeterState.active: 'the values active')", () => {
    // A carried state written by hand, as its documentation describes it: alice active at the start.
    // In January alice is added again (a no-op) and bob is added: billed {alice, bob} = 2;
    // active at the end: alice and bob. Today the carried "alice" and the event's alice are kept as
    // two values ("alice" and the internal key "s:alice"), billing 3.
    const events = [
      usageEvent("a", jan(2), { user: "alice", op: "add" }),
      usageEvent("b", jan(3), { user: "bob", op: "add" }),
    ];
    const result = aggregateFor([activeUsers], events, JANUARY, {
      carried: { users: { active: ["alice"] } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.carryOut.users?.active).toHaveLength(2);
  });
});

describe("carried state and groups", () => {
  // Carried state (a running total, a level) is kept per meter, not per group: groups count only the
  // period's own events, and the contract refuses a grouped or matrix charge on such a meter, so no
  // invoice can bill a group without its history.
  const requests = new Map<string, MeterRequest>([
    ["seats", { groupings: [["plan"]], collectValues: false }],
  ]);

  it("applies the carried total to the meter, while its groups hold the period's own events", () => {
    // carried 10 seats; January adds 2 on plan "pro": the meter is 10 + 2 = 12, the group "pro" 2
    const events = [usageEvent("p1", jan(5), { delta: "2", plan: "pro" })];
    const result = aggregateFor([runningSeats], events, JANUARY, {
      carried: { seats: { total: "10" } },
      requests,
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("12");
    expect(result.groups[0]!.groups.map((group) => group.quantity.toFixed())).toEqual(["2"]);
  });

  it("refuses a grouped charge on a persistent or weighted_sum meter", () => {
    for (const meter of [
      { id: "seats", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "delta", persistent: true },
      { id: "seats", eventType: EVENT_TYPE, aggregation: "weighted_sum", valueProperty: "delta" },
    ]) {
      const result = safeParseContract(
        buildContractJson({
          meters: [meter as MeterInput],
          charges: [
            {
              id: "per_plan",
              name: "Seats per plan",
              meter: "seats",
              price: { model: "grouped", groupBy: ["plan"], price: { model: "unit", unitPrice: "10" } },
            },
          ],
        }),
      );
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.error).toMatchObject({ code: "invalid_field", path: "charges[0].meter" });
    }
  });
});

describe("a malformed carried state", () => {
  // The carried state is input (a previous invoice's usage.carryOut, possibly edited or built by hand):
  // CONVENTIONS — user input errors are typed RatecardErrors with a path, never a bare library error.
  it.each([
    ["a weighted level", { storage: { level: "12 GB" } }],
    ["a persistent total", { seats: { total: "n/a" } }],
  ])("refuses %s that is not a decimal with a RatecardError", (_name, carried) => {
    const storage: MeterTerms = {
      id: "storage",
      eventType: EVENT_TYPE,
      aggregation: "weighted_sum",
      valueProperty: "gb",
    };
    const error = thrown(() => aggregateFor([storage, runningSeats], [], JANUARY, { carried }));
    expect(error).toBeInstanceOf(RatecardError);
  });
});

describe("a persistent unique count's active values and operations", () => {
  const seats = (fields: Partial<MeterTerms> = {}): MeterTerms => ({
    id: "seats",
    eventType: EVENT_TYPE,
    aggregation: "unique_count",
    valueProperty: "user",
    persistent: true,
    ...fields,
  });

  it("carries the active values out in text order, not in the order they became active", () => {
    // u2 carried in, u1 added on Feb 2: active {u2, u1}, carried out sorted as u1, u2; 2 billed
    for (const prorated of [false, true]) {
      const result = aggregateFor(
        [seats({ prorated })],
        [usageEvent("a", feb(2), { user: "u1" })],
        FEBRUARY,
        {
          carried: { seats: { active: ["u2"] } },
        },
      );
      expect(result.carryOut).toEqual({ seats: { active: ["u1", "u2"] } });
    }
  });

  it("adds every value of a meter without an operation property, whatever the event's other properties", () => {
    // no operationProperty: a property named "undefined" saying "remove" is just a property; u1 is added
    const result = aggregateFor(
      [seats()],
      [usageEvent("a", feb(2), { user: "u1", undefined: "remove" })],
      FEBRUARY,
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
    expect(result.carryOut).toEqual({ seats: { active: ["u1"] } });
  });
});
