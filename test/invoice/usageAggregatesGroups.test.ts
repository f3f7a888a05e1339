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
});
