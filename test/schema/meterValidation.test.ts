import { describe, expect, it } from "vitest";
import { parseContract, safeParseContract } from "../../src/contracts/index.js";
import type { ContractError } from "../../src/errors/index.js";
import type { InputProblem } from "../../src/schema/index.js";

/** A valid contract whose only meter is `meter` (charged per unit, so the meter is used). */
function contractWith(meter: Record<string, unknown>) {
  return {
    schemaVersion: 1,
    id: "ctr_meters",
    customer: { id: "cus_a" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly", anchorDay: 1 },
    term: { start: "2026-01-01" },
    meters: [{ id: "m", eventType: "usage", ...meter }],
    charges: [{ id: "c", name: "Usage", meter: "m", price: { model: "unit", unitPrice: "1" } }],
  };
}

function problems(meter: Record<string, unknown>) {
  const result = safeParseContract(contractWith(meter));
  if (result.success) throw new Error("expected the meter to be refused");
  const error = result.error as ContractError;
  return (error.details.problems as ReadonlyArray<InputProblem>).map(({ code, path }) => ({ code, path }));
}

const window5m = { size: "5m", aggregation: "sum" };

describe("meter validation: valid meters", () => {
  it.each([
    ["a sum", { aggregation: "sum", valueProperty: "gb" }],
    ["a count", { aggregation: "count" }],
    [
      "a p95 of 5-minute sums",
      { aggregation: "percentile", valueProperty: "bytes", window: window5m, percentile: { rank: "95" } },
    ],
    [
      "a p95 with every setting",
      {
        aggregation: "percentile",
        valueProperty: "bytes",
        window: { size: "5m", aggregation: "sum", perSecond: true, emptyWindows: "skip" },
        percentile: {
          rank: "95",
          discard: "ceil",
          direction: { property: "dir", combine: "higher_percentile" },
        },
      },
    ],
    [
      "an average of daily peaks",
      { aggregation: "avg", valueProperty: "gb", window: { size: "day", aggregation: "max" } },
    ],
    [
      "a weighted_sum per hour",
      { aggregation: "weighted_sum", valueProperty: "gb", weighted: { per: "hour", values: "change" } },
    ],
    ["a persistent sum", { aggregation: "sum", valueProperty: "seats", persistent: true }],
    [
      "a persistent unique_count",
      { aggregation: "unique_count", valueProperty: "user", persistent: true, operationProperty: "op" },
    ],
    [
      "an entity meter",
      {
        aggregation: "sum",
        valueProperty: "s",
        entity: { property: "instance", divideBy: "3600", round: "up", cap: "720" },
      },
    ],
    ["a numeric filter", { aggregation: "count", filters: [{ property: "size", op: "gte", value: "10" }] }],
  ])("accepts %s", (_name, meter) => {
    expect(() => parseContract(contractWith(meter))).not.toThrow();
  });

  it("parses percentile and entity decimals into Decimals", () => {
    const contract = parseContract(
      contractWith({
        aggregation: "percentile",
        valueProperty: "bytes",
        window: window5m,
        percentile: { rank: "99.9" },
        entity: { property: "link", cap: "1000" },
      }),
    );
    // "99.9" → 99.9, "1000" → 1000
    expect(contract.meters[0]!.percentile?.rank.toFixed()).toBe("99.9");
    expect(contract.meters[0]!.entity?.cap?.toFixed()).toBe("1000");
  });
});

describe("meter validation: refused meters, with codes and paths", () => {
  it("refuses a percentile meter without percentile settings or a window", () => {
    expect(problems({ aggregation: "percentile", valueProperty: "bytes" })).toEqual([
      { code: "missing_field", path: "meters[0].percentile" },
      { code: "missing_field", path: "meters[0].window" },
    ]);
  });

  it("refuses a percentile meter with settings but no window", () => {
    expect(
      problems({ aggregation: "percentile", valueProperty: "bytes", percentile: { rank: "95" } }),
    ).toEqual([{ code: "missing_field", path: "meters[0].window" }]);
  });

  it("refuses a window on a count meter", () => {
    expect(problems({ aggregation: "count", window: window5m })).toEqual([
      { code: "invalid_field", path: "meters[0].window" },
    ]);
  });

  it.each(["unique_count", "latest"])("refuses a window on a %s meter", (aggregation) => {
    expect(problems({ aggregation, valueProperty: "v", window: window5m })).toEqual([
      { code: "invalid_field", path: "meters[0].window" },
    ]);
  });

  it("refuses a persistent max meter", () => {
    expect(problems({ aggregation: "max", valueProperty: "v", persistent: true })).toEqual([
      { code: "invalid_field", path: "meters[0].persistent" },
    ]);
  });

  it("refuses a persistent meter with a window", () => {
    expect(problems({ aggregation: "sum", valueProperty: "v", persistent: true, window: window5m })).toEqual([
      { code: "invalid_field", path: "meters[0].persistent" },
    ]);
  });

  it("refuses operationProperty on a unique_count that is not persistent", () => {
    expect(problems({ aggregation: "unique_count", valueProperty: "user", operationProperty: "op" })).toEqual(
      [{ code: "invalid_field", path: "meters[0].operationProperty" }],
    );
  });

  it("refuses operationProperty on a persistent sum", () => {
    expect(
      problems({ aggregation: "sum", valueProperty: "seats", persistent: true, operationProperty: "op" }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].operationProperty" }]);
  });

  it("refuses weighted settings on a sum meter", () => {
    expect(problems({ aggregation: "sum", valueProperty: "gb", weighted: { per: "hour" } })).toEqual([
      { code: "invalid_field", path: "meters[0].weighted" },
    ]);
  });

  it("refuses percentile settings on a max meter", () => {
    expect(
      problems({ aggregation: "max", valueProperty: "gb", window: window5m, percentile: { rank: "95" } }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].percentile" }]);
  });

  it("refuses a window or an entity on a weighted_sum meter", () => {
    expect(problems({ aggregation: "weighted_sum", valueProperty: "gb", window: window5m })).toEqual([
      { code: "invalid_field", path: "meters[0].window" },
      { code: "invalid_field", path: "meters[0].aggregation" },
    ]);
    expect(
      problems({ aggregation: "weighted_sum", valueProperty: "gb", entity: { property: "bucket" } }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].aggregation" }]);
  });

  it.each(["7x", "0m", "5", "m5", "days", "5 m", ""])("refuses the window size %j", (size) => {
    expect(
      problems({ aggregation: "sum", valueProperty: "v", window: { size, aggregation: "sum" } }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].window.size" }]);
  });

  // unique_count runs in a window since 6 December 2026 (distinct values per hour); a time-weighted sum
  // or a percentile of a window's own events do not.
  it.each(["weighted_sum", "percentile"])("refuses the inner window aggregation %s", (inner) => {
    expect(
      problems({
        aggregation: "avg",
        valueProperty: "v",
        window: { size: "day", aggregation: inner },
      }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].window.aggregation" }]);
  });

  it.each([
    ["0", "invalid_field"],
    ["100.5", "decimal_out_of_range"],
    ["-5", "invalid_field"],
  ])("refuses the rank %s (%s)", (rank, code) => {
    expect(
      problems({ aggregation: "percentile", valueProperty: "v", window: window5m, percentile: { rank } }),
    ).toEqual([{ code, path: "meters[0].percentile.rank" }]);
  });

  it("refuses a meter without valueProperty unless it counts", () => {
    expect(problems({ aggregation: "max" })).toEqual([
      { code: "value_property_required", path: "meters[0].valueProperty" },
    ]);
  });

  it("refuses unknown fields in window and percentile settings", () => {
    expect(
      problems({
        aggregation: "percentile",
        valueProperty: "v",
        window: { size: "5m", aggregation: "sum", interval: "5m" },
        percentile: { rank: "95", discardTop: "5" },
      }),
    ).toEqual([
      { code: "unknown_field", path: "meters[0].window.interval" },
      { code: "unknown_field", path: "meters[0].percentile.discardTop" },
    ]);
  });

  it("refuses a numeric filter whose bound is not a number", () => {
    expect(
      problems({ aggregation: "count", filters: [{ property: "size", op: "gt", value: "ten" }] }),
    ).toEqual([{ code: "invalid_field", path: "meters[0].filters[0].value" }]);
  });

  it("refuses an entity divisor whose quotients need not end unless it rounds them (3,600 s → hours)", () => {
    const meter = (extra: Record<string, unknown>) => ({
      aggregation: "sum",
      valueProperty: "s",
      entity: { property: "i", ...extra },
    });
    const entity = (extra: Record<string, unknown>) => problems(meter(extra));
    const accepted = (extra: Record<string, unknown>) =>
      safeParseContract(contractWith(meter(extra))).success;
    expect(entity({ divideBy: "3600" })).toEqual([
      { code: "invalid_field", path: "meters[0].entity.divideBy" },
    ]);
    expect(entity({ divideBy: "60", round: "none" })).toEqual([
      { code: "invalid_field", path: "meters[0].entity.divideBy" },
    ]);
    expect(accepted({ divideBy: "3600", round: "up" })).toBe(true);
    expect(accepted({ divideBy: "1000" })).toBe(true);
  });

  it("refuses a negative entity cap and a zero divideBy", () => {
    expect(
      problems({
        aggregation: "sum",
        valueProperty: "s",
        entity: { property: "i", cap: "-1", divideBy: "0" },
      }),
    ).toEqual([
      { code: "invalid_field", path: "meters[0].entity.divideBy" },
      { code: "invalid_field", path: "meters[0].entity.cap" },
    ]);
  });
});
