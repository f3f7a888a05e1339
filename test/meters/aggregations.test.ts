import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import type { FilterTerms, MeterTerms, PropertyValue } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";

const day = (n: number, hour = 0) => Date.UTC(2026, 1, n, hour);

function meter(aggregation: MeterTerms["aggregation"], extra: Partial<MeterTerms> = {}): MeterTerms {
  return {
    id: "m",
    eventType: EVENT_TYPE,
    aggregation,
    ...(aggregation === "count" ? {} : { valueProperty: "v" }),
    ...extra,
  } as MeterTerms;
}

/** Events on Feb 2, 3, 4 … with the given values of `v`. */
function valued(values: ReadonlyArray<PropertyValue>) {
  return values.map((v, index) => usageEvent(`e${index + 1}`, day(index + 2), { v }));
}

const only = (result: ReturnType<typeof aggregateFor>) => result.meters[0]!;

describe("sum", () => {
  it("adds decimal strings and numbers exactly", () => {
    // 0.1 + 0.2 + "1e-7" + "-0.05" + 1000 = 1000.2500001
    const result = aggregateFor([meter("sum")], valued([0.1, "0.2", "1e-7", "-0.05", 1000]));
    expect(only(result).quantity.toFixed()).toBe("1000.2500001");
    expect(only(result).events).toBe(5);
  });

  it("is 0 with no events", () => {
    expect(only(aggregateFor([meter("sum")], [])).quantity.toFixed()).toBe("0");
  });
});

describe("count", () => {
  it("counts events whatever their value property", () => {
    // 3 events, one with no properties at all: 3
    const events = [
      usageEvent("a", day(2), {}),
      usageEvent("b", day(3), { v: "n/a" }),
      usageEvent("c", day(4), { v: 7 }),
    ];
    expect(only(aggregateFor([meter("count")], events)).quantity.toFixed()).toBe("3");
  });
});

describe("unique_count", () => {
  it("compares JSON numbers by value and text exactly (user 0012 is not user 12)", () => {
    // numbers by value: 5 and 5.0 → one value; the texts "5", "5.0", "5e0", "05" → four more values
    // (an id written as text is an id, not a number); 6 → one; "abc", "ABC", "abc " → three
    // total 1 + 4 + 1 + 3 = 9
    const result = aggregateFor(
      [meter("unique_count")],
      valued([5, 5.0, "5", "5.0", "5e0", "05", 6, "abc", "ABC", "abc "]),
    );
    expect(only(result).quantity.toFixed()).toBe("9");
    expect(only(result).events).toBe(10);
  });

  it("treats the numbers -0 and 0 as one value, and the texts as themselves", () => {
    // numbers: 0 and -0 → one; texts "-0" and "0.000" → two more: 3
    expect(
      only(aggregateFor([meter("unique_count")], valued(["-0", 0, "0.000", -0]))).quantity.toFixed(),
    ).toBe("3");
  });

  it("excludes an event without the value and reports it", () => {
    // "alice" counted; the event with no user is invalid_value → 1 unique value
    const result = aggregateFor(
      [meter("unique_count")],
      [...valued(["alice"]), usageEvent("none", day(9), {})],
    );
    expect(only(result).quantity.toFixed()).toBe("1");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["none"] }]);
  });
});

describe("min and max", () => {
  const values = ["-3.5", 2, "1e2", "0.0000001", "99.99999999999"];
  it("takes the largest value by number, not by text", () => {
    // "1e2" = 100 is the largest ("99.99…" is larger as text)
    expect(only(aggregateFor([meter("max")], valued(values))).quantity.toFixed()).toBe("100");
  });

  it("takes the smallest value", () => {
    // −3.5 < 0.0000001 < 2 < 99.99… < 100
    expect(only(aggregateFor([meter("min")], valued(values))).quantity.toFixed()).toBe("-3.5");
  });

  it("is 0 with no events", () => {
    expect(only(aggregateFor([meter("max")], [])).quantity.toFixed()).toBe("0");
    expect(only(aggregateFor([meter("min")], [])).quantity.toFixed()).toBe("0");
  });
});

describe("latest", () => {
  it("takes the value of the last event in the period", () => {
    // Feb 20 is after Feb 5 and Feb 10 → 30, even though it was sent first
    const events = [
      usageEvent("c", day(20), { v: "30" }),
      usageEvent("a", day(5), { v: "10" }),
      usageEvent("b", day(10), { v: "20" }),
    ];
    expect(only(aggregateFor([meter("latest")], events)).quantity.toFixed()).toBe("30");
  });

  it("breaks a tie in time by the larger id", () => {
    // both at Feb 20 12:00: ids "evt-b" > "evt-a" → evt-b's 7; the earlier "evt-z" loses on time
    const events = [
      usageEvent("evt-b", day(20, 12), { v: 7 }),
      usageEvent("evt-a", day(20, 12), { v: 9 }),
      usageEvent("evt-z", day(20, 11), { v: 1 }),
    ];
    expect(only(aggregateFor([meter("latest")], events)).quantity.toFixed()).toBe("7");
    expect(only(aggregateFor([meter("latest")], [...events].reverse())).quantity.toFixed()).toBe("7");
  });

  it("ignores an event after the period even though it is later", () => {
    // the Mar 1 00:00 event is outside [Feb 1, Mar 1) → latest is Feb 27's 4
    const events = [usageEvent("a", day(27), { v: 4 }), usageEvent("b", FEBRUARY_UTC.end, { v: 99 })];
    const result = aggregateFor([meter("latest")], events);
    expect(only(result).quantity.toFixed()).toBe("4");
    expect(result.excluded).toEqual([{ reason: "outside_period", events: 1, sampleIds: ["b"] }]);
  });
});

describe("avg", () => {
  it("divides the exact sum by the number of events", () => {
    // (1 + 2 + 6) ÷ 3 = 3
    expect(only(aggregateFor([meter("avg")], valued(["1", "2", "6"]))).quantity.toFixed()).toBe("3");
    // (0.1 + 0.2) ÷ 2 = 0.15
    expect(only(aggregateFor([meter("avg")], valued([0.1, 0.2]))).quantity.toFixed()).toBe("0.15");
  });

  it("is 0 with no events", () => {
    expect(only(aggregateFor([meter("avg")], [])).quantity.toFixed()).toBe("0");
  });
});

describe("numeric filters", () => {
  // size values: 5, "10", "10.0", 15, "1e1", and four that are not numbers
  const sizes: ReadonlyArray<PropertyValue | undefined> = [
    5,
    "10",
    "10.0",
    15,
    "1e1",
    "n/a",
    true,
    null,
    undefined,
  ];
  const events = sizes.map((size, index) =>
    usageEvent(`s${index}`, day(index + 2), { v: index + 1, ...(size === undefined ? {} : { size }) }),
  );
  const filtered = (op: "gt" | "gte" | "lt" | "lte", bound: string) => {
    const filters: FilterTerms[] = [{ property: "size", op, value: new Decimal(bound) }];
    return aggregateFor([meter("sum", { filters })], events);
  };

  it("gt 10 keeps only 15", () => {
    // 15 is event s3 with v = 4
    const result = filtered("gt", "10");
    expect(only(result).quantity.toFixed()).toBe("4");
    // the other 8 are filtered out: 4 numeric ones ≤ 10 and 4 that are not numbers
    expect(result.excluded).toEqual([
      { reason: "filtered_out", events: 8, sampleIds: ["s0", "s1", "s2", "s4", "s5"] },
    ]);
  });

  it("gte 10 keeps '10', '10.0', 15 and '1e1'", () => {
    // s1 (v 2) + s2 (v 3) + s3 (v 4) + s4 (v 5) = 14
    expect(only(filtered("gte", "10")).quantity.toFixed()).toBe("14");
  });

  it("lt 10 keeps only 5", () => {
    // s0: v 1
    expect(only(filtered("lt", "10")).quantity.toFixed()).toBe("1");
  });

  it("lte 10 keeps 5, '10', '10.0' and '1e1'", () => {
    // s0 1 + s1 2 + s2 3 + s4 5 = 11
    expect(only(filtered("lte", "10")).quantity.toFixed()).toBe("11");
  });

  it("never matches a value that is not a number, whatever the bound", () => {
    // "n/a", true, null and a missing size fail gt −10^9 and lt 10^9 alike: each keeps the 5 numeric ones
    // 1 + 2 + 3 + 4 + 5 = 15
    expect(only(filtered("gt", "-1000000000")).quantity.toFixed()).toBe("15");
    expect(only(filtered("lt", "1000000000")).quantity.toFixed()).toBe("15");
  });

  it("compares decimals exactly: 0.30000000000000004 is above 0.3", () => {
    // 0.1 + 0.2 as a float is 0.30000000000000004 > 0.3 ; "0.3" is not
    const result = aggregateFor(
      [meter("count", { filters: [{ property: "size", op: "gt", value: new Decimal("0.3") }] })],
      [usageEvent("float", day(2), { size: 0.1 + 0.2 }), usageEvent("text", day(3), { size: "0.3" })],
    );
    expect(only(result).quantity.toFixed()).toBe("1");
  });
});

describe("values out of Decimal's range", () => {
  // ratecard's Decimal has maxE 9e15: "1e9999999999999999" is not representable (decimal.js makes it
  // Infinity) and "1e-9999999999999999" underflows to 0. safeParseDecimal refuses both
  // (decimal_out_of_range); a meter must not turn them into a number either (CONVENTIONS: never
  // turn invalid input into a number; DESIGN: bad values are reported, never silently dropped).
  it("excludes a value too large to represent as invalid_value instead of summing to Infinity", () => {
    const result = aggregateFor([meter("sum")], valued(["1", "1e9999999999999999"]));
    // expected: only "1" counts → 1, and e2 is reported as invalid_value
    expect(only(result).quantity.toFixed()).toBe("1");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["e2"] }]);
  });

  it("excludes a value too small to represent instead of counting it as 0", () => {
    const result = aggregateFor([meter("max")], valued(["-1", "1e-9999999999999999"]));
    // expected: only −1 counts → max −1, and e2 is reported as invalid_value
    expect(only(result).quantity.toFixed()).toBe("-1");
    expect(result.excluded).toEqual([{ reason: "invalid_value", events: 1, sampleIds: ["e2"] }]);
  });
});
