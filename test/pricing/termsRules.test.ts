import { describe, expect, it } from "vitest";
import { priceSchema } from "../../src/pricing/index.js";

// The rules a price's terms must keep, each refused at the field that breaks it, with a sentence that
// says what to change. `issues` lists every refusal as path, ratecard code and sentence.
function issues(price: unknown): Array<{ path: string; code: unknown; message: string }> {
  const result = priceSchema.safeParse(price);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join("."),
    code: (issue as { params?: { code?: unknown } }).params?.code,
    message: issue.message,
  }));
}

const unit = (price: string) => ({ model: "unit", unitPrice: price });

describe("tier rules", () => {
  it("names the bounded tier that should come last and the unbounded one that should not come first", () => {
    // tier 1 has no upTo but is not last; the last tier has upTo 10, so quantities above 10 have no price
    expect(
      issues({ model: "graduated", tiers: [{ unitPrice: "1" }, { upTo: "10", unitPrice: "2" }] }),
    ).toEqual([
      {
        path: "tiers.0.upTo",
        code: "only_last_tier_unbounded",
        message: "only the last tier may be unbounded; give tier 1 an upTo",
      },
      {
        path: "tiers.1.upTo",
        code: "last_tier_must_be_unbounded",
        // a graduated list may bound its last tier, but only with aboveLastTier saying what lies above it
        message:
          'the last tier is bounded (upTo 10) but aboveLastTier does not say what a larger quantity costs; set aboveLastTier to "refuse" or "extend", or remove upTo 10',
      },
    ]);
  });

  it("names the previous upTo a tier's upTo must exceed", () => {
    const tiers = [{ upTo: "10", unitPrice: "1" }, { upTo: "5", unitPrice: "2" }, { unitPrice: "3" }];
    expect(issues({ model: "volume", tiers })).toEqual([
      {
        path: "tiers.1.upTo",
        code: "tier_up_to_not_increasing",
        message: "must be greater than 10, the previous tier's upTo",
      },
    ]);
  });
});

describe("capacity rules", () => {
  it("names the tier before the last that has no limits", () => {
    const price = { model: "capacity", tiers: [{ amount: "20" }, { amount: "150" }] };
    expect(issues(price)).toEqual([
      {
        path: "tiers.0.limits",
        code: "only_last_tier_unbounded",
        message: "only the last tier may have no limits",
      },
    ]);
  });
});

describe("tiered package rules", () => {
  const tieredPackage = (tiers: unknown) => ({ model: "tiered_package", mode: "graduated", tiers });

  it("measures each bounded tier from the previous upTo, not from zero", () => {
    // tier 1: 0–100, packages of 50 (2 packages); tier 2: 100–130 spans 30 units, one package of 30,
    // although 130 itself is no multiple of 30
    const tiers = [
      { upTo: "100", packageSize: "50", packagePrice: "5" },
      { upTo: "130", packageSize: "30", packagePrice: "4" },
      { packageSize: "10", packagePrice: "1" },
    ];
    expect(issues(tieredPackage(tiers))).toEqual([]);
  });

  it("names the tier whose span is no whole number of packages, its span and its package size", () => {
    // tier 2 spans 140 − 100 = 40 units: not a whole number of packages of 30
    const tiers = [
      { upTo: "100", packageSize: "50", packagePrice: "5" },
      { upTo: "140", packageSize: "30", packagePrice: "4" },
      { packageSize: "10", packagePrice: "1" },
    ];
    expect(issues(tieredPackage(tiers))).toEqual([
      {
        path: "tiers.1.upTo",
        code: "invalid_field",
        message: "tier 2 spans 40 units, not a whole number of packages of 30; make its upTo a multiple",
      },
    ]);
  });
});

describe("matrix rules", () => {
  it("accepts cells that name the dimensions in any order, whatever order the dimensions are listed in", () => {
    const price = {
      model: "matrix",
      dimensions: ["service", "region"],
      cells: [{ match: { region: "eu", service: "cdn" }, price: unit("1") }],
    };
    expect(issues(price)).toEqual([]);
  });

  it("names the dimensions a cell must match, and the earlier cell a repeated combination repeats", () => {
    const price = {
      model: "matrix",
      dimensions: ["region", "service"],
      cells: [
        { match: { region: "eu", service: "cdn" }, price: unit("1") },
        { match: { region: "eu" }, price: unit("2") },
        { match: { service: "cdn", region: "eu" }, price: unit("3") },
      ],
    };
    expect(issues(price)).toEqual([
      {
        path: "cells.1.match",
        code: "invalid_field",
        message: "must give a value for exactly the dimensions region, service",
      },
      { path: "cells.2.match", code: "duplicate_id", message: "repeats the combination of cells[0]" },
    ]);
  });
});

describe("percentage rules", () => {
  it("asks for exactly one of percent and basis points", () => {
    expect(issues({ model: "percentage", percent: "2", basisPoints: "200" })).toEqual([
      {
        path: "percent",
        code: "invalid_field",
        message: "give the rate as exactly one of percent or basisPoints",
      },
    ]);
  });

  it("compares the per-transaction limits only when both are given, naming the minimum", () => {
    expect(issues({ model: "percentage", percent: "2", minimumPerEvent: "0.50" })).toEqual([]);
    expect(issues({ model: "percentage", percent: "2", maximumPerEvent: "0.50" })).toEqual([]);
    expect(issues({ model: "percentage", percent: "2", minimumPerEvent: "5", maximumPerEvent: "2" })).toEqual(
      [{ path: "maximumPerEvent", code: "invalid_field", message: "must not be below minimumPerEvent 5" }],
    );
  });
});
