import { describe, expect, it } from "vitest";
import { compareText, sameList } from "../../src/meters/index.js";

describe("compareText", () => {
  it("orders by code unit, before, after or equal, whatever the locale", () => {
    expect(compareText("a", "b")).toBe(-1);
    expect(compareText("b", "a")).toBe(1);
    expect(compareText("a", "a")).toBe(0);
    // "Z" (U+005A) sorts before "a" (U+0061), as code units do and a locale's collation would not
    expect(compareText("Z", "a")).toBe(-1);
    expect(["b", "a", "Z", "a"].sort(compareText)).toEqual(["Z", "a", "a", "b"]);
  });
});

describe("sameList", () => {
  it("is true only for the same texts in the same order", () => {
    expect(sameList([], [])).toBe(true);
    expect(sameList(["region", "service"], ["region", "service"])).toBe(true);
    expect(sameList(["region", "service"], ["service", "region"])).toBe(false);
    expect(sameList(["region", "service"], ["region", "pop"])).toBe(false);
    expect(sameList(["region"], ["region", "service"])).toBe(false);
    expect(sameList(["region", "service"], ["region"])).toBe(false);
  });
});
