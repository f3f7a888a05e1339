import { describe, expect, it } from "vitest";
import type { MeterTerms } from "../../src/schema/index.js";
import { aggregateFor, EVENT_TYPE, usageEvent } from "../_arbitraries/meters.js";

// The examples are Lago's own (getlago/lago-api,
// spec/services/billable_metrics/prorated_aggregations/{sum,unique_count}_service_spec.rb).

const MAY_2023 = { start: Date.UTC(2023, 4, 1), end: Date.UTC(2023, 5, 1) };
const may = (day: number, hour = 0) => Date.UTC(2023, 4, day, hour);

const proratedSum: MeterTerms = {
  id: "units",
  eventType: EVENT_TYPE,
  aggregation: "sum",
  valueProperty: "total_count",
  persistent: true,
  prorated: true,
};

describe("a prorated persistent sum (Lago's recurring sum_agg, prorated charge)", () => {
  it("counts the carried total for the whole period and each event from its day to the last", () => {
    // Lago: 2 × 2.5 carried (5), 2 × 12 added on May 26 (from + 25 days): days May 26–31 = 6
    // (5 × 31 + 12 × 6 + 12 × 6) ÷ 31 = (155 + 72 + 72) ÷ 31 = 299 ÷ 31 = 9.6451612… → up to 9.64517
    const events = [
      usageEvent("a", may(26), { total_count: 12 }),
      usageEvent("b", may(26), { total_count: 12 }),
    ];
    const result = aggregateFor([proratedSum], events, MAY_2023, { carried: { units: { total: "5" } } });
    expect(result.meters[0]!.quantity.toFixed()).toBe("9.64517");
    expect(result.meters[0]!.computation).toEqual({
      kind: "persistent",
      carriedIn: "5",
      inPeriod: "24",
      carriedOut: "29",
      prorated: { full: "29", unitDays: "299", periodDays: 31 },
    });
    // The running total carries out unprorated: 5 + 24 = 29
    expect(result.carryOut).toEqual({ units: { total: "29" } });
  });

  it("counts an event on the last day for one day", () => {
    // Lago adds 4.5 on May 31 (from + 30 days): 9.64517 + 0.14516 = 9.79033
    // (299 + 4.5 × 1) ÷ 31 = 303.5 ÷ 31 = 9.7903225… → 9.79033
    const events = [
      usageEvent("a", may(26), { total_count: 12 }),
      usageEvent("b", may(26), { total_count: 12 }),
      usageEvent("c", may(31, 18), { total_count: "4.5" }),
    ];
    const result = aggregateFor([proratedSum], events, MAY_2023, { carried: { units: { total: "5" } } });
    expect(result.meters[0]!.quantity.toFixed()).toBe("9.79033");
  });

  it("prorates a removal (a negative value) from its day on", () => {
    // 10 carried, −6 on May 29: (10 × 31 − 6 × 3) ÷ 31 = 292 ÷ 31 = 9.4193548… → 9.41936
    const result = aggregateFor([proratedSum], [usageEvent("r", may(29), { total_count: -6 })], MAY_2023, {
      carried: { units: { total: "10" } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("9.41936");
    expect(result.carryOut).toEqual({ units: { total: "4" } });
  });

  it("counts days in the contract's time zone", () => {
    // 23:30 UTC on May 25 is May 26 in Paris (UTC+2): 6 days, not 7. (5 × 31 + 12 × 6) ÷ 31 = 227 ÷ 31
    // = 7.3225806… → 7.32259 (in UTC it would be (155 + 84) ÷ 31 = 7.7096774… → 7.70968)
    const paris = { start: Date.UTC(2023, 3, 30, 22), end: Date.UTC(2023, 4, 31, 22) };
    const event = usageEvent("a", Date.UTC(2023, 4, 25, 23, 30), { total_count: 12 });
    const result = aggregateFor([proratedSum], [event], paris, {
      carried: { units: { total: "5" } },
      timeZone: "Europe/Paris",
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("7.32259");
  });

  it("divides by the whole billing period's days when the contract covers part of it", () => {
    // Billing period May (31 days), contract from May 15: 10 carried for May 15–31 = 17 days
    // 10 × 17 ÷ 31 = 170 ÷ 31 = 5.4838709… → 5.48388 (Lago: (5 × 17.fdiv(31)).ceil(5) for 5 units)
    const result = aggregateFor(
      [proratedSum],
      [],
      { start: may(15), end: MAY_2023.end },
      {
        carried: { units: { total: "10" } },
        billingPeriod: MAY_2023,
      },
    );
    expect(result.meters[0]!.quantity.toFixed()).toBe("5.48388");
  });
});

// Lago's unique count examples run from 2022-07-09 to 2022-08-08 (31 days).
const PERIOD = { start: Date.UTC(2022, 6, 9), end: Date.UTC(2022, 7, 9) };
const day = (n: number, hour = 0) => PERIOD.start + (n - 1) * 86_400_000 + hour * 3_600_000;

const proratedSeats: MeterTerms = {
  id: "seats",
  eventType: EVENT_TYPE,
  aggregation: "unique_count",
  valueProperty: "unique_id",
  persistent: true,
  operationProperty: "operation_type",
  prorated: true,
};
const seat = (id: string, at: number, operation?: "add" | "remove") =>
  usageEvent(
    id,
    at,
    operation === undefined ? { unique_id: "s1" } : { unique_id: "s1", operation_type: operation },
  );

describe("a prorated persistent unique count (Lago's recurring unique_count_agg, prorated charge)", () => {
  it("bills a value held all period as 1 and one added on day 11 for its 21 days", () => {
    // Lago: (1 + 21.fdiv(31)).ceil(5); day 11 is July 19, active July 19 – August 8 = 21 days
    // (31 + 21) ÷ 31 = 52 ÷ 31 = 1.6774193… → 1.67742
    const result = aggregateFor([proratedSeats], [usageEvent("n", day(11), { unique_id: "s2" })], PERIOD, {
      carried: { seats: { active: ["s1"] } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("1.67742");
    expect(result.meters[0]!.computation).toMatchObject({
      prorated: { full: "2", unitDays: "52", periodDays: 31 },
    });
    expect(result.carryOut).toEqual({ seats: { active: ["s1", "s2"] } });
  });

  it("counts the day of the removal", () => {
    // Lago: removed at to − 15 days (July 24 23:59:59): July 9–24 = 16 days → 16.fdiv(31).ceil(5)
    // 16 ÷ 31 = 0.5161290… → 0.51613
    const removedAt = PERIOD.end - 1000 - 15 * 86_400_000;
    const result = aggregateFor([proratedSeats], [seat("r", removedAt, "remove")], PERIOD, {
      carried: { seats: { active: ["s1"] } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("0.51613");
    expect(result.carryOut).toEqual({ seats: { active: [] } });
  });

  it("bills a value removed on the last day as a whole unit", () => {
    // Lago: removed at to_datetime (August 8 23:59:59): 31 ÷ 31 = 1
    const result = aggregateFor([proratedSeats], [seat("r", PERIOD.end - 1000, "remove")], PERIOD, {
      carried: { seats: { active: ["s1"] } },
    });
    expect(result.meters[0]!.quantity.toFixed()).toBe("1");
  });

  it("counts both the day added and the day removed", () => {
    // Lago: added at from + 1 day (July 10), removed at to − 1 day (August 7 23:59:59): July 10 – August 7
    // = 29 days; 29 ÷ 31 = 0.9354838… → 0.93549
    const events = [seat("a", day(2), "add"), seat("r", PERIOD.end - 1000 - 86_400_000, "remove")];
    expect(aggregateFor([proratedSeats], events, PERIOD).meters[0]!.quantity.toFixed()).toBe("0.93549");
  });

  it("counts a day once however often the value is added and removed on it", () => {
    // Lago: add 01:00, remove 02:00, add 03:00, remove 04:00 on July 9: 1 day; 1 ÷ 31 = 0.0322580… → 0.03226
    const events = [
      seat("a1", day(1, 1), "add"),
      seat("r1", day(1, 2), "remove"),
      seat("a2", day(1, 3), "add"),
      seat("r2", day(1, 4), "remove"),
    ];
    expect(aggregateFor([proratedSeats], events, PERIOD).meters[0]!.quantity.toFixed()).toBe("0.03226");
  });

  it("adds up the separate days a value was active", () => {
    // Lago: added and removed within an hour on days 1, 6 and 11: 3 days; 3 ÷ 31 = 0.0967741… → 0.09678
    const events = [1, 6, 11].flatMap((n) => [
      seat(`a${n}`, day(n, 1), "add"),
      seat(`r${n}`, day(n, 2), "remove"),
    ]);
    expect(aggregateFor([proratedSeats], events, PERIOD).meters[0]!.quantity.toFixed()).toBe("0.09678");
  });

  it("ignores the removal of a value that is not active", () => {
    // nothing carried, "s1" removed on day 5: no value was active, 0
    const result = aggregateFor([proratedSeats], [seat("r", day(5), "remove")], PERIOD);
    expect(result.meters[0]!.quantity.toFixed()).toBe("0");
  });
});
