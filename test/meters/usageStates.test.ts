import { describe, expect, it } from "vitest";
import {
  type AggregateUsageOptions,
  aggregateUsage,
  aggregateUsageStates,
  type MeterRequest,
  mergeUsageStates,
  usageFromStates,
} from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { resultJson } from "../_arbitraries/meters.js";
import { thrown } from "../_support/thrown.js";

// Usage as mergeable states (src/meters/usageStates.ts, meterStatesSchema.ts, the reducers' `readState`),
// called directly: the states' JSON worked out by hand, read back, merged, and every broken envelope or
// meter state refused with its path (the hand-written fast paths must refuse what the zod schemas refuse).
// Meters and options are built inside each test (a fresh meter object: compileMeter keeps the reducer of
// one it has seen, which would hide a mutant from Stryker).
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const feb = (day: number) => Date.UTC(2026, 1, day);
const event = (
  id: string,
  timestamp: number,
  properties: UsageEvent["properties"],
  customer = "c",
): UsageEvent => ({
  id,
  type: "u",
  customer,
  timestamp,
  properties,
});

function setup(extra: Partial<AggregateUsageOptions> = {}) {
  const gb: MeterTerms = { id: "gb", eventType: "u", aggregation: "sum", valueProperty: "gb" };
  const calls: MeterTerms = { id: "calls", eventType: "u", aggregation: "count" };
  const requests = new Map<string, MeterRequest>([
    ["calls", { groupings: [["region"]], collectValues: false }],
  ]);
  const options: AggregateUsageOptions = {
    meters: [gb, calls],
    customer: "c",
    period: FEBRUARY,
    timeZone: "UTC",
    requests,
    ...extra,
  };
  return options;
}

// a and b count; a's copy is a duplicate; another customer reuses the id "a"; d has no readable gb
// (excluded from both meters); e is on March 1, outside the period.
const A = event("a", feb(2), { gb: "1.5", region: "eu" });
const B = event("b", feb(3), { gb: 2, region: "na" });
const A_COPY = { ...A };
const OTHER = event("a", feb(4), { gb: "9" }, "other");
const D = event("d", feb(5), { gb: "abc", region: "eu" });
const E = event("e", FEBRUARY.end, { gb: "1" });
const ALL = [A, B, A_COPY, OTHER, D, E];

// 6 read, 2 counted (a, b); gb 1.5 + 2 = 3.5 over 2 events; calls 2, one in eu and one in na
const EXPECTED = {
  eventsRead: 6,
  eventsCounted: 2,
  excluded: [
    { reason: "duplicate_id", events: 1, sampleIds: ["a"] },
    { reason: "other_customer", events: 1, sampleIds: ["a"] },
    { reason: "outside_period", events: 1, sampleIds: ["e"] },
    { reason: "invalid_value", events: 1, sampleIds: ["d"] },
  ],
  idsReusedByOtherCustomers: { ids: 1, sampleIds: ["a"] },
  meters: [
    { meter: "gb", total: { sum: "3.5", events: 2 } },
    {
      meter: "calls",
      total: { events: 2 },
      groups: [
        {
          dimensions: ["region"],
          buckets: [
            { group: ["eu"], state: { events: 1 } },
            { group: ["na"], state: { events: 1 } },
          ],
        },
      ],
    },
  ],
};

describe("usage states", () => {
  it("writes the states of the events as the JSON worked out by hand, in this key order", () => {
    expect(JSON.stringify(aggregateUsageStates(ALL, setup()))).toBe(JSON.stringify(EXPECTED));
  });

  it("leaves out the ids shared with other customers when there are none", () => {
    const states = aggregateUsageStates([A, B], setup());
    expect(Object.keys(states)).toEqual(["eventsRead", "eventsCounted", "excluded", "meters"]);
  });

  it("skips deduplication when told to: the copy of a counts twice", () => {
    const states = aggregateUsageStates([A, A_COPY], setup({ deduplicate: false }));
    // 1.5 + 1.5 = 3 over 2 events, nothing excluded, no shared id reported
    expect(states.eventsRead).toBe(2);
    expect(states.eventsCounted).toBe(2);
    expect(states.excluded).toEqual([]);
    expect(states.meters[0]).toEqual({ meter: "gb", total: { sum: "3", events: 2 } });
  });

  it("reads the states back into the result aggregateUsage gives for the events", () => {
    const options = setup();
    const result = usageFromStates(aggregateUsageStates(ALL, options), options, ["whole"]);
    expect(result.meters.map((meter) => [meter.meter.id, meter.quantity.toFixed(), meter.events])).toEqual([
      ["gb", "3.5", 2],
      ["calls", "2", 2],
    ]);
    expect(result.idsReusedByOtherCustomers).toEqual({ ids: 1, sampleIds: ["a"] });
    expect(resultJson(result)).toBe(resultJson(aggregateUsage(ALL, setup())));
  });

  it("merges two shards' states into the states of all their events", () => {
    const options = setup();
    // shards by id: every copy of an id in one shard
    const merged = mergeUsageStates(
      aggregateUsageStates([A, A_COPY, OTHER, E], options),
      aggregateUsageStates([B, D], options),
      options,
      [["a"], ["b"]],
    );
    expect(JSON.stringify(merged)).toBe(JSON.stringify(EXPECTED));
  });

  it("keeps the values and the days asked for, and reads them back", () => {
    const requests = new Map<string, MeterRequest>([["gb", { groupings: [], collectValues: true }]]);
    const options = setup({ requests, daily: true });
    const states = aggregateUsageStates([B, A], options);
    // values by time then id; days by index from Feb 1 (index 1 = Feb 2, index 2 = Feb 3)
    expect(states.meters).toEqual([
      {
        meter: "gb",
        total: { sum: "3.5", events: 2 },
        values: [
          [feb(2), "a", "1.5"],
          [feb(3), "b", "2"],
        ],
        daily: [
          [1, { sum: "1.5", events: 1 }],
          [2, { sum: "2", events: 1 }],
        ],
      },
      {
        meter: "calls",
        total: { events: 2 },
        daily: [
          [1, { events: 1 }],
          [2, { events: 1 }],
        ],
      },
    ]);
    const result = usageFromStates(states, options, []);
    expect(result.meters[0]!.values!.map((value) => value.toFixed())).toEqual(["1.5", "2"]);
    expect(result.meters[0]!.daily!.slice(0, 4).map((day) => day.quantity.toFixed())).toEqual([
      "0",
      "1.5",
      "2",
      "0",
    ]);
    // merged with itself: every figure twice
    const twice = mergeUsageStates(states, states, options, [["a"], ["b"]]);
    expect(twice.meters[0]).toEqual({
      meter: "gb",
      total: { sum: "7", events: 4 },
      values: [
        [feb(2), "a", "1.5"],
        [feb(2), "a", "1.5"],
        [feb(3), "b", "2"],
        [feb(3), "b", "2"],
      ],
      daily: [
        [1, { sum: "3", events: 2 }],
        [2, { sum: "4", events: 2 }],
      ],
    });
  });
});

/** The error usageFromStates throws for `states`, as code, path and message. */
function refusal(states: unknown, options = setup()) {
  const error = thrown(() => usageFromStates(states, options, ["whole"])) as {
    name: string;
    code: string;
    path: string;
    message: string;
  };
  return { name: error.name, code: error.code, path: error.path, message: error.message };
}

const valid = () => structuredClone(EXPECTED) as Record<string, unknown> & typeof EXPECTED;

describe("usage states that do not fit the rating", () => {
  it("refuses states of another number of meters", () => {
    const states = valid();
    states.meters = [states.meters[0]!] as typeof states.meters;
    expect(refusal(states)).toEqual({
      name: "InputError",
      code: "aggregates_mismatch",
      path: "whole.meters",
      message:
        "The usage aggregates were made for a contract with 1 meter, but this rating is for 2 meters; aggregate the usage again for this contract and period.",
    });
  });

  it("names the meter first: states of another meter in its place are refused as such", () => {
    const states = valid();
    states.meters = [states.meters[1], states.meters[0]] as typeof states.meters;
    expect(refusal(states)).toEqual({
      name: "InputError",
      code: "aggregates_mismatch",
      path: "whole.meters[0].meter",
      message:
        'The usage aggregates were made for meter 1 "calls", but this rating is for "gb" (the contract\'s meters, in its order); aggregate the usage again for this contract and period.',
    });
  });

  it("refuses a grouping the rating does not ask for, and a group of another length", () => {
    const sentence =
      'The usage aggregates of meter "calls" are grouped by ["region"], which no charge of this contract groups it by (or a group lists another number of values than the grouping has properties).';
    expect(refusal(valid(), setup({ requests: new Map() }))).toEqual({
      name: "InputError",
      code: "aggregates_mismatch",
      path: "whole.meters[1].groups",
      message: sentence,
    });
    const states = valid();
    states.meters[1]!.groups![0]!.buckets[0]!.group = ["eu", "x"];
    expect(refusal(states).path).toBe("whole.meters[1].groups");
    expect(refusal(states).message).toBe(sentence);
  });
});

// checkGroupStates (src/meters/checkGroupStates.ts), reached through usageFromStates: docs/testing-mutation.md,
// "Session 12" (its other tests are in test/invoice, which the meters target does not run).
describe("groupings of usage states checked against the rating", () => {
  // calls grouped by region and by tier: eu/a and na/b, one event each (1 + 1 = 2, the total's 2)
  const twoGroupings = () => {
    const states = valid();
    states.meters[1]!.groups!.push({
      dimensions: ["tier"],
      buckets: [
        { group: ["a"], state: { events: 1 } },
        { group: ["b"], state: { events: 1 } },
      ],
    });
    return states;
  };
  const askingTwo = () =>
    setup({ requests: new Map([["calls", { groupings: [["region"], ["tier"]], collectValues: false }]]) });

  it("reads states holding every grouping asked for, in two groupings", () => {
    const result = usageFromStates(twoGroupings(), askingTwo(), ["whole"]);
    expect(result.meters[1]!.events).toBe(2);
  });

  it("refuses states without a grouping asked for, at the meter's groups", () => {
    const states = valid();
    // asked: region and tier; held: region only
    expect(refusal(states, askingTwo())).toMatchObject({
      code: "aggregates_mismatch",
      path: "whole.meters[1].groups",
    });
    expect(refusal(states, askingTwo()).message).toContain('["tier"]');
  });

  it("refuses a group listed twice in a grouping of two buckets, at the second one's group", () => {
    const states = valid();
    // eu twice, one event each: 1 + 1 = 2 is the total's count, so only the repeat is wrong
    states.meters[1]!.groups![0]!.buckets[1]!.group = ["eu"];
    expect(refusal(states)).toMatchObject({
      code: "invalid_field",
      path: "whole.meters[1].groups[0].buckets[1].group",
    });
  });

  it("refuses a grouping whose groups do not add up to the total, at that grouping", () => {
    const states = twoGroupings();
    // tier b counts 3: 1 + 3 = 4 events, where the total counts 2
    states.meters[1]!.groups![1]!.buckets[1]!.state = { events: 3 };
    expect(refusal(states, askingTwo())).toMatchObject({
      code: "aggregates_mismatch",
      path: "whole.meters[1].groups[1]",
    });
  });
});

describe("broken usage states are refused with their path", () => {
  // Each case breaks one field of valid states; the path is where the field is.
  const cases: [string, (states: ReturnType<typeof valid>) => void, string][] = [
    ["eventsRead below 0", (s) => Object.assign(s, { eventsRead: -1 }), "whole.eventsRead"],
    ["eventsCounted not whole", (s) => Object.assign(s, { eventsCounted: 1.5 }), "whole.eventsCounted"],
    ["meters not a list", (s) => Object.assign(s, { meters: {} }), "whole.meters"],
    ["excluded not a list", (s) => Object.assign(s, { excluded: {} }), "whole.excluded"],
    [
      "an unknown reason",
      (s) => Object.assign(s.excluded[0]!, { reason: "lost" }),
      "whole.excluded[0].reason",
    ],
    ["a negative count", (s) => Object.assign(s.excluded[1]!, { events: -1 }), "whole.excluded[1].events"],
    [
      "six sample ids",
      (s) => Object.assign(s.excluded[0]!, { sampleIds: ["a", "b", "c", "d", "e", "f"] }),
      "whole.excluded[0].sampleIds",
    ],
    [
      "a sample id not a text",
      (s) => Object.assign(s.excluded[0]!, { sampleIds: [7] }),
      "whole.excluded[0].sampleIds[0]",
    ],
    [
      "shared ids below 0",
      (s) => Object.assign(s, { idsReusedByOtherCustomers: { ids: -1, sampleIds: [] } }),
      "whole.idsReusedByOtherCustomers.ids",
    ],
    [
      "shared sample ids not a list",
      (s) => Object.assign(s, { idsReusedByOtherCustomers: { ids: 1, sampleIds: "a" } }),
      "whole.idsReusedByOtherCustomers.sampleIds",
    ],
    [
      "a sum not a decimal",
      (s) => Object.assign(s.meters[0]!.total, { sum: "x" }),
      "whole.meters[0].total.sum",
    ],
    [
      "a sum's events below 0",
      (s) => Object.assign(s.meters[0]!.total, { events: -2 }),
      "whole.meters[0].total.events",
    ],
    [
      "a count not whole",
      (s) => Object.assign(s.meters[1]!.total, { events: 2.5 }),
      "whole.meters[1].total.events",
    ],
    ["a meter named by a number", (s) => Object.assign(s.meters[0]!, { meter: 5 }), "whole.meters[0].meter"],
  ];
  it.each(cases)("%s", (_name, breakIt, path) => {
    const states = valid();
    breakIt(states);
    const error = refusal(states);
    expect(error.name).toBe("InputError");
    expect(error.path).toBe(path);
  });

  it("reads a sum written as a JSON number as its decimal: the fast path leaves it to the schema", () => {
    const states = valid();
    Object.assign(states.meters[0]!.total, { sum: 3.5 });
    expect(usageFromStates(states, setup(), []).meters[0]!.quantity.toFixed()).toBe("3.5");
  });

  it("refuses an unknown field of the envelope, of an exclusion, of the shared ids and of a state", () => {
    const withField = (place: (s: ReturnType<typeof valid>) => object) => {
      const states = valid();
      Object.assign(place(states), { extra: 1 });
      return refusal(states);
    };
    expect(withField((s) => s).name).toBe("InputError");
    expect(withField((s) => s.excluded[0]!).name).toBe("InputError");
    expect(withField((s) => s.idsReusedByOtherCustomers).name).toBe("InputError");
    expect(withField((s) => s.meters[0]!.total).name).toBe("InputError");
    expect(withField((s) => s.meters[0]!).name).toBe("InputError");
    expect(refusal(null).name).toBe("InputError");
  });
});

describe("the hand-written reading of usage states refuses what the schema refuses, alone", () => {
  // One exclusion and no shared ids: the fast path decides on this field alone (with other, valid
  // samples around, a mutant that accepts the broken one would still be sent to the schema by them).
  const lone = (exclusion: Record<string, unknown>) => {
    const states = valid() as Record<string, unknown>;
    delete states.idsReusedByOtherCustomers;
    states.excluded = [{ reason: "duplicate_id", events: 1, sampleIds: [], ...exclusion }];
    return refusal(states);
  };
  it.each([
    ["an unknown reason", { reason: "lost" }, "whole.excluded[0].reason"],
    ["a negative count", { events: -1 }, "whole.excluded[0].events"],
    ["only a number as sample id", { sampleIds: [7] }, "whole.excluded[0].sampleIds[0]"],
    ["a number after a text id", { sampleIds: ["a", 7] }, "whole.excluded[0].sampleIds[1]"],
    ["six sample ids", { sampleIds: ["a", "b", "c", "d", "e", "f"] }, "whole.excluded[0].sampleIds"],
  ])("%s", (_name, exclusion, path) => {
    const error = lone(exclusion);
    expect([error.name, error.code, error.path]).toEqual(["InputError", "invalid_field", path]);
  });

  it("refuses meters that are no list as a malformed field, not as another contract's", () => {
    const states = valid() as Record<string, unknown>;
    states.meters = {};
    expect(refusal(states).code).not.toBe("aggregates_mismatch");
  });
});

describe("usage states: what only the schema may decide", () => {
  it("reads events given as any iterable, not only an array", () => {
    const options = setup();
    expect(JSON.stringify(aggregateUsageStates(new Set(ALL), options))).toBe(JSON.stringify(EXPECTED));
  });

  it("refuses a meter's states that are null, or that name no meter, as malformed", () => {
    const nulled = valid();
    (nulled.meters as unknown[])[1] = null;
    expect(refusal(nulled)).toMatchObject({
      name: "InputError",
      code: "invalid_field",
      path: "whole.meters[1]",
    });
    const unnamed = valid();
    delete (unnamed.meters[0] as { meter?: string }).meter;
    expect(refusal(unnamed)).toMatchObject({
      name: "InputError",
      code: "missing_field",
      path: "whole.meters[0].meter",
    });
  });

  it("refuses states without the values or days the rating keeps", () => {
    const requests = new Map<string, MeterRequest>([["gb", { groupings: [], collectValues: true }]]);
    const options = setup({ requests, daily: true });
    const withoutValues = aggregateUsageStates([A, B], options) as unknown as {
      meters: Record<string, unknown>[];
    };
    delete withoutValues.meters[0]!.values;
    expect(refusal(withoutValues, options)).toMatchObject({
      code: "missing_field",
      path: "whole.meters[0].values",
    });
    const withoutDays = aggregateUsageStates([A, B], options) as unknown as {
      meters: Record<string, unknown>[];
    };
    delete withoutDays.meters[1]!.daily;
    expect(refusal(withoutDays, options)).toMatchObject({
      code: "missing_field",
      path: "whole.meters[1].daily",
    });
  });
});
