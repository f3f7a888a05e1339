import { describe, expect, it } from "vitest";
import { usageEvidence } from "../../src/index.js";
import { buildContract, type ChargeInput } from "../_support/contract.js";

// Every expected figure below is worked out from the events by hand. The evidence is computed inside
// each test (not in the describe body) so that mutation testing ties the code it runs to the test.

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

// UTC, so February 2026 is 2026-02-01T00:00Z to 2026-03-01T00:00Z and a local day is a UTC day.
const contract = buildContract({
  meters: [{ id: "bw", name: "Bandwidth", eventType: "cdn", aggregation: "sum", valueProperty: "gb" }],
  charges: [byDimension("by_region", "bw", "region")],
});

const cdn = (id: string, timestamp: string, properties: object, customer = "cus") => ({
  id,
  type: "cdn",
  customer,
  timestamp,
  properties,
});

describe("usageEvidence: repeated ids", () => {
  it("counts an id sent twice once, lists repeated ids in id order, and caps the sample at the limit", () => {
    const events = [
      // z1 arrives first but sorts after a1; both are sent twice with the same payload.
      cdn("z1", "2026-02-03T00:00:00Z", { region: "eu", gb: "4" }),
      cdn("z1", "2026-02-03T00:00:00Z", { region: "eu", gb: "4" }),
      cdn("a1", "2026-02-04T00:00:00Z", { region: "eu", gb: "1" }),
      cdn("a1", "2026-02-04T00:00:00Z", { region: "eu", gb: "1" }),
      cdn("a1", "2026-02-04T00:00:00Z", { region: "eu", gb: "1" }),
    ];
    const all = usageEvidence(contract, events, "2026-02");
    // One copy each: 4 + 1 = 5 GB.
    expect(all.meters[0]?.groups[0]).toMatchObject({ events: 2, quantity: "5", ratedQuantity: "5" });
    expect(all.duplicates).toStrictEqual({
      ids: 2,
      countedOnce: 2,
      notCounted: 0,
      sample: [
        { id: "a1", copies: 3, counted: true },
        { id: "z1", copies: 2, counted: true },
      ],
    });
    const one = usageEvidence(contract, events, "2026-02", { limit: 1 });
    // Still two ids in the counts; only the first by id in the sample.
    expect(one.duplicates).toStrictEqual({
      ids: 2,
      countedOnce: 2,
      notCounted: 0,
      sample: [{ id: "a1", copies: 3, counted: true }],
    });
  });

  it("counts neither copy of a conflicting duplicate, and says why", () => {
    const events = [
      cdn("c1", "2026-02-05T00:00:00Z", { region: "eu", gb: "1" }),
      cdn("c1", "2026-02-05T00:00:00Z", { region: "eu", gb: "2" }),
      cdn("ok", "2026-02-05T00:00:00Z", { region: "eu", gb: "3" }),
    ];
    const evidence = usageEvidence(contract, events, "2026-02");
    // Only "ok": 3 GB.
    expect(evidence.meters[0]?.groups[0]).toMatchObject({ events: 1, quantity: "3" });
    expect(evidence.duplicates).toStrictEqual({
      ids: 1,
      countedOnce: 0,
      notCounted: 1,
      sample: [{ id: "c1", copies: 2, counted: false, reason: "conflicting_duplicate" }],
    });
  });

  it("does not blame this customer's repeated id on another customer's event with the same id", () => {
    const events = [
      cdn("d1", "2026-02-06T00:00:00Z", { region: "eu", gb: "2" }),
      cdn("d1", "2026-02-06T00:00:00Z", { region: "eu", gb: "2" }),
      cdn("d1", "2026-02-06T00:00:00Z", { region: "eu", gb: "9" }, "someone_else"),
    ];
    const evidence = usageEvidence(contract, events, "2026-02");
    expect(evidence.excluded).toContainEqual({ reason: "other_customer", events: 1, sampleIds: ["d1"] });
    // d1 of "cus" is counted once (2 GB); the other customer's copy gives it no reason.
    expect(evidence.meters[0]?.groups[0]).toMatchObject({ events: 1, quantity: "2" });
    expect(evidence.duplicates.sample).toStrictEqual([{ id: "d1", copies: 2, counted: true }]);
  });
});

describe("usageEvidence: groups, bounds and samples", () => {
  it("puts events without the dimension in a group whose value is null", () => {
    const events = [
      cdn("n1", "2026-02-07T00:00:00Z", { gb: "5" }),
      cdn("n2", "2026-02-07T01:00:00Z", { region: "eu", gb: "6" }),
      cdn("n3", "2026-02-07T02:00:00Z", { region: null, gb: "7" }),
    ];
    const groups = usageEvidence(contract, events, "2026-02").meters[0]?.groups;
    expect(groups?.map((group) => [group.group, group.events, group.quantity])).toEqual([
      [{ region: "eu" }, 1, "6"],
      // n1 (no region) and n3 (region null): 5 + 7 = 12.
      [{ region: null }, 2, "12"],
    ]);
    // --where region=null selects the event whose region is null (n3), not the one without a region;
    // "undefined" is the text of no value, so it selects nothing.
    const nulls = usageEvidence(contract, events, "2026-02", { where: { region: "null" } });
    expect(nulls.meters[0]?.groups.map((group) => group.events)).toEqual([1]);
    const none = usageEvidence(contract, events, "2026-02", { where: { region: "undefined" } });
    expect(none.meters[0]?.groups).toEqual([]);
  });

  it("takes from as inclusive and to as exclusive, to the millisecond", () => {
    const events = [
      cdn("b0", "2026-02-09T23:59:59.999Z", { region: "eu", gb: "1" }),
      cdn("b1", "2026-02-10T00:00:00.000Z", { region: "eu", gb: "2" }),
      cdn("b2", "2026-02-10T11:59:59.999Z", { region: "eu", gb: "4" }),
      cdn("b3", "2026-02-10T12:00:00.000Z", { region: "eu", gb: "8" }),
    ];
    const evidence = usageEvidence(contract, events, "2026-02", {
      from: "2026-02-10",
      to: "2026-02-10T12:00:00Z",
    });
    // b1 (at from) and b2 (just before to): 2 + 4 = 6; b0 is before from, b3 is at to.
    expect(evidence.meters[0]?.groups[0]).toMatchObject({ ratedQuantity: "15", events: 2, quantity: "6" });
  });

  it("samples the first events by time, then by id, whatever order they arrive in", () => {
    // s2 before s3 and s1 last at the same instant; a0 is last by time though first by id.
    const events = [
      cdn("s4", "2026-02-12T00:00:00Z", { region: "eu", gb: "4" }),
      cdn("s2", "2026-02-11T00:00:00Z", { region: "eu", gb: "2" }),
      cdn("s3", "2026-02-11T00:00:00Z", { region: "eu", gb: "3" }),
      cdn("s1", "2026-02-11T00:00:00Z", { region: "eu", gb: "1e0" }),
      cdn("a0", "2026-02-13T00:00:00Z", { region: "eu", gb: "5" }),
    ];
    const first = (limit: number) =>
      usageEvidence(contract, events, "2026-02", { limit }).meters[0]?.groups[0]?.firstEvents;
    // At 2026-02-11 s1 < s2 < s3 by id, then s4 and a0 on the next days; "1e0" is written as the plain "1".
    expect(first(3)).toStrictEqual([
      { id: "s1", timestamp: "2026-02-11T00:00:00.000Z", value: "1" },
      { id: "s2", timestamp: "2026-02-11T00:00:00.000Z", value: "2" },
      { id: "s3", timestamp: "2026-02-11T00:00:00.000Z", value: "3" },
    ]);
    expect(first(0)).toStrictEqual([]);
    expect(first(10)?.map((event) => event.id)).toEqual(["s1", "s2", "s3", "s4", "a0"]);
  });

  it("puts an event on the hour boundary in the hour it starts", () => {
    const events = [
      cdn("h1", "2026-02-13T10:30:00Z", { region: "eu", gb: "1" }),
      cdn("h2", "2026-02-13T11:00:00Z", { region: "eu", gb: "2" }),
      cdn("h3", "2026-02-13T10:59:59.999Z", { region: "eu", gb: "4" }),
    ];
    const byPeriod = usageEvidence(contract, events, "2026-02", { by: "hour" }).meters[0]?.groups[0]
      ?.byPeriod;
    expect(byPeriod).toStrictEqual([
      { start: "2026-02-13T10:00+00:00", events: 2, quantity: "5" },
      { start: "2026-02-13T11:00+00:00", events: 1, quantity: "2" },
    ]);
  });
});
