import { describe, expect, it } from "vitest";
import {
  aggregateForRating,
  parseContract,
  prepareRating,
  RatecardError,
  rateFromAggregates,
} from "../../src/index.js";

// Hand-written aggregates for a grouped charge (egress per project at $0.05 a GB), wrong in ways that
// used to rate quietly: without the grouping the charge billed nothing ($0.00 for 15 GB), and a group
// listed twice billed its usage twice.
const contract = parseContract({
  schemaVersion: 1,
  id: "ctr_projects",
  customer: { id: "cus_example", name: "Example Co" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly", alignment: "calendar" },
  term: { start: "2026-01-01" },
  meters: [{ id: "egress", eventType: "egress", aggregation: "sum", valueProperty: "gb", unit: "GB" }],
  charges: [
    {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "grouped", groupBy: ["project"], price: { model: "unit", unitPrice: "0.05" } },
    },
  ],
});
const event = (id: string, project: string, gb: string) => ({
  id,
  type: "egress",
  customer: "cus_example",
  timestamp: "2026-02-03T00:00:00Z",
  properties: { project, gb },
});

type Meter = { groups?: { buckets: unknown[] }[] };
function edited(edit: (meter: Meter) => void): unknown {
  const prepared = prepareRating(contract, "2026-02");
  const aggregates = JSON.parse(
    JSON.stringify(aggregateForRating(prepared, [event("e1", "p1", "10"), event("e2", "p2", "5")])),
  ) as { whole: { meters: Meter[] } };
  const [meter] = aggregates.whole.meters;
  if (meter !== undefined) edit(meter);
  return aggregates;
}

function refusal(aggregates: unknown): { code: string; path: string | undefined } {
  try {
    rateFromAggregates(prepareRating(contract, "2026-02"), aggregates);
  } catch (error) {
    if (error instanceof RatecardError) return { code: error.code, path: error.path };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("rateFromAggregates and a grouped charge's buckets", () => {
  it("rates the aggregates ratecard writes: p1 10 GB, p2 5 GB", () => {
    const invoice = rateFromAggregates(
      prepareRating(contract, "2026-02"),
      edited(() => {}),
    );
    // (10 + 5) GB × $0.05 = $0.75
    expect(invoice.total).toBe("0.75");
  });

  it("refuses states without the grouping a charge asks for, rather than billing nothing", () => {
    const found = refusal(
      edited((meter) => {
        delete meter.groups;
      }),
    );
    expect(found).toEqual({ code: "aggregates_mismatch", path: "whole.meters[0].groups" });
  });

  it("refuses a group listed twice in one grouping, rather than billing it twice", () => {
    const found = refusal(
      edited((meter) => {
        const grouping = meter.groups?.[0];
        if (grouping !== undefined) grouping.buckets.push(grouping.buckets[0]);
      }),
    );
    expect(found).toEqual({ code: "invalid_field", path: "whole.meters[0].groups[0].buckets[2].group" });
  });

  it("refuses it in a grouping of only two buckets too (p1 listed twice, p2 dropped)", () => {
    const found = refusal(
      edited((meter) => {
        const grouping = meter.groups?.[0];
        if (grouping !== undefined) grouping.buckets[1] = grouping.buckets[0];
      }),
    );
    expect(found).toEqual({ code: "invalid_field", path: "whole.meters[0].groups[0].buckets[1].group" });
  });

  it('says a bucket field this meter does not keep is to be left out, in words (not zod\'s "a never")', () => {
    let message = "";
    try {
      rateFromAggregates(
        prepareRating(contract, "2026-02"),
        edited((meter) => {
          const bucket = meter.groups?.[0]?.buckets[0] as Record<string, unknown> | undefined;
          if (bucket !== undefined) bucket.values = ["p1"];
        }),
      );
    } catch (error) {
      if (!(error instanceof RatecardError)) throw error;
      expect([error.code, error.path]).toEqual([
        "invalid_field",
        "whole.meters[0].groups[0].buckets[0].values",
      ]);
      message = error.message;
    }
    expect(message).toContain("must be left out");
    expect(message).not.toContain("a never");
  });

  // The buckets of a grouping split the meter's counted events: p1 10 GB (1 event) + p2 5 GB (1 event)
  // = the total's 15 GB over 2 events. Buckets that add up to more (or less) would bill the grouped
  // charge on other usage than the meter's total.
  type Bucket = { group: unknown[]; state: { sum: string; events: number } };
  const bucketsOf = (meter: Meter) => (meter.groups?.[0]?.buckets ?? []) as Bucket[];

  it("rates a bucket of the null group too: the events without the property (p1 10 GB + none 5 GB)", () => {
    const prepared = prepareRating(contract, "2026-02");
    const aggregates = JSON.parse(
      JSON.stringify(
        aggregateForRating(prepared, [
          event("e1", "p1", "10"),
          { ...event("e2", "p2", "5"), properties: { gb: "5" } },
        ]),
      ),
    );
    // 10 GB × $0.05 + 5 GB × $0.05 = $0.50 + $0.25 = $0.75
    expect(rateFromAggregates(prepared, aggregates).total).toBe("0.75");
  });

  it("refuses buckets whose sums add up to more than the total (p2 5 GB made 50 GB)", () => {
    let message = "";
    try {
      rateFromAggregates(
        prepareRating(contract, "2026-02"),
        edited((meter) => {
          const p2 = bucketsOf(meter)[1];
          if (p2 !== undefined) p2.state.sum = "50";
        }),
      );
    } catch (error) {
      if (!(error instanceof RatecardError)) throw error;
      expect([error.code, error.path]).toEqual(["aggregates_mismatch", "whole.meters[0].groups[0]"]);
      message = error.message;
    }
    // 10 + 50 = 60 against the total's 10 + 5 = 15.
    expect(message).toContain(
      'split its usage by ["project"] into groups that sum to 60, where the meter\'s total is 15',
    );
  });

  it("refuses buckets whose events add up to other than the total's (p1 counted 3 times, sums kept)", () => {
    const found = refusal(
      edited((meter) => {
        const p1 = bucketsOf(meter)[0];
        if (p1 !== undefined) p1.state.events = 3;
      }),
    );
    expect(found).toEqual({ code: "aggregates_mismatch", path: "whole.meters[0].groups[0]" });
  });

  it("refuses a grouping that lost a bucket (p2 dropped: 10 GB over 1 event against 15 GB over 2)", () => {
    const found = refusal(
      edited((meter) => {
        bucketsOf(meter).pop();
      }),
    );
    expect(found).toEqual({ code: "aggregates_mismatch", path: "whole.meters[0].groups[0]" });
  });

  it('accepts sums written another way that are equal ("10.000" for 10)', () => {
    const invoice = rateFromAggregates(
      prepareRating(contract, "2026-02"),
      edited((meter) => {
        const p1 = bucketsOf(meter)[0];
        if (p1 !== undefined) p1.state.sum = "10.000";
      }),
    );
    expect(invoice.total).toBe("0.75");
  });
});
