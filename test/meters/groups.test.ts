import { describe, expect, it } from "vitest";
import type { MeterRequest } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

const bandwidth: MeterTerms = { id: "bw", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const feb = (day: number) => Date.UTC(2026, 1, day);

// na/iad 1.5 + 2.5, na/sea 4, eu/fra 8, a region-less event 16, and region 1 (a number) vs "1" (text)
const events = [
  usageEvent("a", feb(2), { gb: "1.5", region: "na", pop: "iad" }),
  usageEvent("b", feb(3), { gb: "2.5", region: "na", pop: "iad" }),
  usageEvent("c", feb(4), { gb: "4", region: "na", pop: "sea" }),
  usageEvent("d", feb(5), { gb: "8", region: "eu", pop: "fra" }),
  usageEvent("e", feb(6), { gb: "16" }),
  usageEvent("f", feb(7), { gb: "32", region: 1, pop: "x" }),
  usageEvent("g", feb(8), { gb: "64", region: "1", pop: "x" }),
];

function grouped(groupings: string[][], collectValues = false) {
  const requests = new Map<string, MeterRequest>([["bw", { groupings, collectValues }]]);
  const result = aggregateFor([bandwidth], events, undefined, { requests });
  return result.groups.map((entry) => ({
    dimensions: entry.dimensions,
    groups: entry.groups.map((group) => [group.group, group.quantity.toFixed(), group.events]),
  }));
}

describe("group-by dimensions", () => {
  it("splits a meter by one property, ordered by the value as JSON, 1 and '1' apart", () => {
    // JSON order: "\"1\"" < "\"eu\"" < "\"na\"" < "1" < "null"
    // "1": 64; eu: 8; na: 1.5 + 2.5 + 4 = 8; 1: 32; no region (null): 16
    expect(grouped([["region"]])).toEqual([
      {
        dimensions: ["region"],
        groups: [
          [{ region: "1" }, "64", 1],
          [{ region: "eu" }, "8", 1],
          [{ region: "na" }, "8", 3],
          [{ region: 1 }, "32", 1],
          [{ region: null }, "16", 1],
        ],
      },
    ]);
  });

  it("splits a meter by two properties", () => {
    // ["1","x"] 64; ["eu","fra"] 8; ["na","iad"] 1.5 + 2.5 = 4; ["na","sea"] 4; [1,"x"] 32; [null,null] 16
    expect(grouped([["region", "pop"]])).toEqual([
      {
        dimensions: ["region", "pop"],
        groups: [
          [{ region: "1", pop: "x" }, "64", 1],
          [{ region: "eu", pop: "fra" }, "8", 1],
          [{ region: "na", pop: "iad" }, "4", 2],
          [{ region: "na", pop: "sea" }, "4", 1],
          [{ region: 1, pop: "x" }, "32", 1],
          [{ region: null, pop: null }, "16", 1],
        ],
      },
    ]);
  });

  it("keeps each group's values in event order when asked", () => {
    const requests = new Map<string, MeterRequest>([
      ["bw", { groupings: [["region"]], collectValues: true }],
    ]);
    const result = aggregateFor([bandwidth], [...events].reverse(), undefined, { requests });
    const na = result.groups[0]!.groups.find((group) => group.group.region === "na")!;
    // na's events in time order: a 1.5, b 2.5, c 4
    expect(na.values?.map((value) => value.toFixed())).toEqual(["1.5", "2.5", "4"]);
    // the meter total's values: all seven in time order
    expect(result.meters[0]!.values?.map((value) => value.toFixed())).toEqual([
      "1.5",
      "2.5",
      "4",
      "8",
      "16",
      "32",
      "64",
    ]);
  });
});
