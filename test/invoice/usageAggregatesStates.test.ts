import { describe, expect, it } from "vitest";
import { aggregateForRating, prepareRating, RatecardError, rateFromAggregates } from "../../src/index.js";
import { buildContract, type MeterInput, unitCharge, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Aggregates edited by hand (or written by a warehouse query) whose meter states no events could give:
// a sum of 40 GB over no event, a peak of 30 GB over no event, 2 distinct users among 1 event, a user
// written twice. Each is a state of the right shape, so it rated, and billed usage its own count denies.
// A state must be one that counting events can produce (docs/scale.md, "The aggregates JSON").
const meter = (
  id: string,
  eventType: string,
  aggregation: MeterInput["aggregation"],
  valueProperty: string,
) => ({
  id,
  eventType,
  aggregation,
  valueProperty,
});
// Each meter's charge, named as the meter, at a unit price.
const PRICES = { egress: "0.05", peak: "1", users: "2", level: "0.10", mean: "0.01" };
const contract = buildContract({
  meters: [
    meter("egress", "egress", "sum", "gb"),
    meter("peak", "egress", "max", "gb"),
    meter("users", "api.call", "unique_count", "user"),
    meter("level", "egress", "latest", "gb"),
    meter("mean", "egress", "avg", "gb"),
  ],
  charges: Object.entries(PRICES).map(([id, unitPrice]) => unitCharge(id, id, id, unitPrice)),
});
const prepared = prepareRating(contract, "2026-02");
const event = (id: string, type: string, properties: Record<string, string>, day = "10") =>
  usageEvent(id, type, `2026-02-${day}T00:00:00Z`, properties);
// g1 10 GB on the 10th, g2 30 GB on the 11th; u1 calls twice, u2 once.
const made = aggregateForRating(prepared, [
  event("a1", "api.call", { user: "u1" }),
  event("a2", "api.call", { user: "u2" }),
  event("a3", "api.call", { user: "u1" }),
  event("g1", "egress", { gb: "10" }),
  event("g2", "egress", { gb: "30" }, "11"),
]) as unknown as { whole: { meters: Array<{ meter: string; total: unknown }> } };

/** The aggregates with meter `index`'s total replaced. */
function withTotal(index: number, total: unknown): unknown {
  const edited = structuredClone(made);
  const meter = edited.whole.meters[index];
  if (meter === undefined) throw new Error(`no meter ${index}`);
  meter.total = total;
  return edited;
}

function refusal(aggregates: unknown): { code: string; path: string } {
  const error = thrown(() => rateFromAggregates(prepared, aggregates));
  if (!(error instanceof RatecardError)) throw error;
  return { code: error.code, path: error.path };
}

describe("rateFromAggregates and meter states no events could give", () => {
  it("rates the states ratecard wrote", () => {
    // egress 10 + 30 = 40 GB × 0.05 = 2.00; peak 30 × 1 = 30.00; users u1, u2: 2 × 2 = 4.00;
    // level (g2, the later) 30 × 0.10 = 3.00; mean 40 / 2 = 20 × 0.01 = 0.20. 2 + 30 + 4 + 3 + 0.20 = 39.20.
    expect(rateFromAggregates(prepared, made).total).toBe("39.20");
  });

  it.each([
    ["a sum over no event that is not 0", 0, { sum: "40", events: 0 }, "whole.meters[0].total.sum"],
    [
      "an average's sum over no event that is not 0",
      4,
      { sum: "40", events: 0 },
      "whole.meters[4].total.sum",
    ],
    ["a largest value over no event", 1, { best: "30", events: 0 }, "whole.meters[1].total.best"],
    ["no largest value over 2 events", 1, { best: null, events: 2 }, "whole.meters[1].total.best"],
    [
      "more distinct values than events",
      2,
      { values: ["s:u1", "s:u2", "s:u3"], events: 2 },
      "whole.meters[2].total.values",
    ],
    ["no value over 3 events", 2, { values: [], events: 3 }, "whole.meters[2].total.values"],
    ["a value written twice", 2, { values: ["s:u1", "s:u1"], events: 3 }, "whole.meters[2].total.values"],
    [
      "a latest value over no event",
      3,
      { timestamp: 1770768000000, id: "g2", value: "30", events: 0 },
      "whole.meters[3].total.events",
    ],
  ])("refuses %s, at its path", (_, index, total, path) => {
    expect(refusal(withTotal(index, total))).toEqual({ code: "invalid_field", path });
  });

  it("refuses a meter counting more events than the aggregates counted in all, at its total", () => {
    // 5 events counted (a1, a2, a3, g1, g2): egress's 40 GB "from 6 events", or 3 users among 6 calls,
    // would be an invoice whose usage report contradicts itself
    expect(refusal(withTotal(0, { sum: "40", events: 6 }))).toEqual({
      code: "invalid_field",
      path: "whole.meters[0].total",
    });
    expect(refusal(withTotal(2, { values: ["s:u1", "s:u2", "s:u3"], events: 6 }))).toEqual({
      code: "invalid_field",
      path: "whole.meters[2].total",
    });
    // as many as were counted is possible (every counted event an egress event, say): still rated
    expect(rateFromAggregates(prepared, withTotal(0, { sum: "40", events: 5 })).total).toBe("39.20");
  });

  it("still reads the empty states ratecard writes for a meter with no event", () => {
    const none = aggregateForRating(prepared, []);
    // Nothing counted: every line 0.00.
    expect(rateFromAggregates(prepared, none).total).toBe("0.00");
  });
});
