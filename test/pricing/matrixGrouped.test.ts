import { describe, expect, it } from "vitest";
import { InvariantError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import type { TermsOf } from "../../src/pricing/index.js";
import { cellPrice, grouped, matrix, NO_CONTEXT, pricesIn, ratePrice } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
const na = { model: "unit" as const, unitPrice: d("0.08") };
const eu = { model: "unit" as const, unitPrice: d("0.06") };
const fallback = { model: "unit" as const, unitPrice: d("0.1") };
const bandwidth: TermsOf<"matrix"> = {
  model: "matrix",
  dimensions: ["region", "service"],
  cells: [
    { match: { region: "na", service: "http" }, price: na },
    { match: { service: "http", region: "eu" }, price: eu },
  ],
};
const perProject: TermsOf<"grouped"> = {
  model: "grouped",
  groupBy: ["project"],
  price: { model: "graduated", tiers: [{ upTo: d(10_000), unitPrice: d("0.08") }, { unitPrice: d("0.06") }] },
};

describe("matrix price model", () => {
  it("finds the cell whose values equal the group's, whatever the key order in the cell", () => {
    expect(cellPrice(bandwidth, { region: "na", service: "http" })).toBe(na);
    expect(cellPrice(bandwidth, { region: "eu", service: "http" })).toBe(eu);
  });

  it("falls back to the default price for a combination no cell lists, else to none", () => {
    expect(cellPrice(bandwidth, { region: "na", service: "video" })).toBeUndefined();
    expect(cellPrice({ ...bandwidth, defaultPrice: fallback }, { region: "na", service: "video" })).toBe(
      fallback,
    );
  });

  it("does not match a missing property (null) to any cell", () => {
    expect(cellPrice(bandwidth, { region: "na", service: null })).toBeUndefined();
  });

  it("does not match a number to the same digits written as text", () => {
    const numeric: TermsOf<"matrix"> = {
      model: "matrix",
      dimensions: ["tier"],
      cells: [{ match: { tier: 1 }, price: na }],
    };
    expect(cellPrice(numeric, { tier: 1 })).toBe(na);
    expect(cellPrice(numeric, { tier: "1" })).toBeUndefined();
  });

  it("groups by its dimensions and treats an unpriced combination as an error unless told to warn", () => {
    expect(matrix.grouping?.dimensions(bandwidth)).toEqual(["region", "service"]);
    expect(matrix.grouping?.onUnpriced(bandwidth)).toBe("error");
    expect(matrix.grouping?.onUnpriced({ ...bandwidth, onUnpriced: "warn" })).toBe("warn");
  });

  it("cannot be rated as a single quantity: it is rated per combination, through its grouping", () => {
    const error = thrown(() => ratePrice(bandwidth, d(10), NO_CONTEXT));
    expect(error).toBeInstanceOf(InvariantError);
    expect(error).toMatchObject({ code: "invariant_violated", path: "" });
  });
});

describe("grouped price model", () => {
  it("prices every group with its one inner price and groups by groupBy", () => {
    expect(grouped.grouping?.dimensions(perProject)).toEqual(["project"]);
    expect(grouped.grouping?.priceFor(perProject, { project: "a" })).toBe(perProject.price);
    expect(grouped.grouping?.priceFor(perProject, { project: null })).toBe(perProject.price);
  });

  it("cannot be rated as a single quantity: it is rated per group, through its grouping", () => {
    expect(thrown(() => grouped.rate(perProject, d(10), NO_CONTEXT))).toMatchObject({
      code: "invariant_violated",
    });
  });
});

// What the contract checks and rating read of a grouped or matrix price besides its rating: the prices
// nested in it (each checked like a charge's own), the answer for an unpriced group, and the price an
// override puts on every group. Inputs are built inside each test.
describe("the parts of a grouped or matrix price other code reads", () => {
  const unitAt = (price: string) => ({ model: "unit" as const, unitPrice: d(price) });

  it("lists the prices nested in a matrix (its cells, then its default) and in a grouped price", () => {
    const [na, eu, fallback] = [unitAt("0.08"), unitAt("0.06"), unitAt("0.1")];
    const cells = [
      { match: { region: "na" }, price: na },
      { match: { region: "eu" }, price: eu },
    ];
    const withDefault: TermsOf<"matrix"> = {
      model: "matrix",
      dimensions: ["region"],
      cells,
      defaultPrice: fallback,
    };
    expect(pricesIn(withDefault)).toEqual([withDefault, na, eu, fallback]);
    const cellsOnly: TermsOf<"matrix"> = { model: "matrix", dimensions: ["region"], cells };
    expect(pricesIn(cellsOnly)).toEqual([cellsOnly, na, eu]);
    const inner = unitAt("0.05");
    const perProject: TermsOf<"grouped"> = { model: "grouped", groupBy: ["project"], price: inner };
    expect(pricesIn(perProject)).toEqual([perProject, inner]);
  });

  it("treats a group with no price as an error for a grouped price (its one price prices every group)", () => {
    const perProject: TermsOf<"grouped"> = { model: "grouped", groupBy: ["project"], price: unitAt("0.05") };
    expect(grouped.grouping?.onUnpriced(perProject)).toBe("error");
  });

  it("prices every group with an override's price: the grouped price replaced, the matrix left only a default", () => {
    const override = unitAt("0.04");
    const perProject: TermsOf<"grouped"> = { model: "grouped", groupBy: ["project"], price: unitAt("0.05") };
    expect(grouped.grouping?.withEveryGroupPricedBy(perProject, override)).toEqual({
      model: "grouped",
      groupBy: ["project"],
      price: override,
    });
    const byRegion: TermsOf<"matrix"> = {
      model: "matrix",
      dimensions: ["region"],
      cells: [{ match: { region: "na" }, price: unitAt("0.08") }],
      onUnpriced: "warn",
    };
    const overridden = matrix.grouping?.withEveryGroupPricedBy(byRegion, override);
    expect(overridden).toEqual({
      model: "matrix",
      dimensions: ["region"],
      cells: [],
      onUnpriced: "warn",
      defaultPrice: override,
    });
    // Every combination, a listed cell's included, now finds the override.
    expect(cellPrice(overridden!, { region: "na" })).toBe(override);
    expect(cellPrice(overridden!, { region: "eu" })).toBe(override);
  });

  it("says why a grouped or matrix price cannot be rated as one quantity", () => {
    const perProject: TermsOf<"grouped"> = { model: "grouped", groupBy: ["project"], price: unitAt("0.05") };
    expect(thrown(() => grouped.rate(perProject, d(10), NO_CONTEXT))).toMatchObject({
      message: "A grouped price is rated per group, through its grouping.",
    });
    const byRegion: TermsOf<"matrix"> = { model: "matrix", dimensions: ["region"], cells: [] };
    expect(thrown(() => matrix.rate(byRegion, d(10), NO_CONTEXT))).toMatchObject({
      message: "A matrix price is rated per combination of its dimensions, through its grouping.",
    });
  });
});
