import { describe, expect, it } from "vitest";
import { projectsLinearly } from "../../src/invoice/projectUsage.js";
import type { MeterTerms } from "../../src/schema/index.js";

// Which meters a preview projects to the period's end (docs/preview.md): a plain sum or count grows with
// time; anything else is held as measured. Each condition alone makes a sum a held meter.
const sum = { id: "m", eventType: "e", aggregation: "sum", valueProperty: "v" } as unknown as MeterTerms;
const meter = (change: object) => ({ ...sum, ...change }) as MeterTerms;
const measured = {};

describe("projectsLinearly", () => {
  it("projects a plain sum and a plain count", () => {
    expect(projectsLinearly(sum, measured)).toBe(true);
    expect(projectsLinearly(meter({ aggregation: "count" }), measured)).toBe(true);
    expect(projectsLinearly(meter({ persistent: false }), measured)).toBe(true);
  });

  it.each([
    ["a peak", { aggregation: "max" }],
    ["a distinct count", { aggregation: "unique_count" }],
    ["a running total", { persistent: true }],
    ["a windowed sum", { window: { size: "day", aggregation: "max" } }],
    ["a per-entity sum", { entity: { property: "host" } }],
  ])("holds %s", (_, change) => {
    expect(projectsLinearly(meter(change), measured)).toBe(false);
  });

  it("holds a sum whose events keep their values (a percentage price)", () => {
    expect(projectsLinearly(sum, { values: [] })).toBe(false);
  });
});
