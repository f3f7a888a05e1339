import { describe, expect, it } from "vitest";
import { checkGroupTotals } from "../../src/meters/checkGroupTotals.js";
import { ExactSum } from "../../src/money/index.js";
import { thrown } from "../_support/thrown.js";

// A grouping's buckets against the meter's total (usage aggregates read back): every counted event is in
// exactly one bucket, so the buckets' events and sums add up to the total's.
const sumOf = (text: string) => {
  const sum = new ExactSum();
  sum.add(text);
  return sum;
};
const sumState = (sum: string, events: number) => ({ sum: sumOf(sum), events });
const grouping = (...states: unknown[]) => ({
  dimensions: ["region"],
  buckets: states.map((state) => ({ state })),
});
const path = () => ["whole", "meters", 0, "groups", 1];
const check =
  (total: unknown, ...states: unknown[]) =>
  () =>
    checkGroupTotals("bandwidth", total, grouping(...states), path);

describe("checkGroupTotals", () => {
  it("accepts sums that add up exactly: 10.5 + 4.25 + 0.25 = 15 over 1 + 2 + 1 = 4 events", () => {
    expect(
      check(sumState("15", 4), sumState("10.5", 1), sumState("4.25", 2), sumState("0.25", 1)),
    ).not.toThrow();
  });

  it("accepts negative parts (credits metered as negative GB): 20 + (−5) = 15", () => {
    expect(check(sumState("15", 3), sumState("20", 2), sumState("-5", 1))).not.toThrow();
  });

  it("refuses sums that add up to more, at the grouping, saying both", () => {
    // 10.5 + 9.5 = 20 against 15.
    const error = thrown(check(sumState("15", 2), sumState("10.5", 1), sumState("9.5", 1))) as {
      code: string;
      path: string;
      message: string;
    };
    expect([error.code, error.path]).toEqual(["aggregates_mismatch", "whole.meters[0].groups[1]"]);
    expect(error.message).toContain('meter "bandwidth"');
    expect(error.message).toContain(
      'by ["region"] into groups that sum to 20, where the meter\'s total is 15',
    );
  });

  it("refuses sums one billionth short: 7.000000001 + 3 against 10.000000002", () => {
    expect(
      thrown(check(sumState("10.000000002", 2), sumState("7.000000001", 1), sumState("3", 1))),
    ).toMatchObject({
      code: "aggregates_mismatch",
    });
  });

  it("refuses events that add up to other than the total's, before the sums", () => {
    // 1 + 2 = 3 events against 4; the sums agree (6 + 4 = 10).
    const error = thrown(check(sumState("10", 4), sumState("6", 1), sumState("4", 2))) as { message: string };
    expect(error.message).toContain(
      "into groups that count 3 events, where the meter's total counts 4 events",
    );
  });

  it("checks counts alone for a state without a sum (count, unique count)", () => {
    expect(check({ events: 5 }, { events: 2 }, { events: 3 })).not.toThrow();
    expect(thrown(check({ events: 5 }, { events: 2 }, { events: 2 }))).toMatchObject({
      code: "aggregates_mismatch",
    });
  });

  it("refuses a grouping with no bucket under a total that counted events, and accepts it under none", () => {
    expect(thrown(check(sumState("3", 1)))).toMatchObject({ code: "aggregates_mismatch" });
    expect(check(sumState("0", 0))).not.toThrow();
  });

  it("leaves states without an event count alone (windows, entities, instants)", () => {
    expect(check(new Map([[0, 1]]), new Map([[0, 5]]))).not.toThrow();
    expect(check([{ at: 1 }], [{ at: 2 }])).not.toThrow();
    expect(check(null, null)).not.toThrow();
    // A bucket of another shape than its total: not comparable, left to the schema that read them.
    expect(check({ events: 1 }, "x")).not.toThrow();
    // Nor a state that is not there (the function takes any value: undefined has no events to read).
    expect(check({ events: 1 }, undefined)).not.toThrow();
  });
});
