import { describe, expect, it } from "vitest";
import { InvariantError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import type { PriceTerms } from "../../src/pricing/index.js";
import { type OverrideInForce, overriddenPrice } from "../../src/rating/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
const unit = (price: string) => ({ model: "unit", unitPrice: d(price) }) as unknown as PriceTerms;
const unitPriceOf = (price: PriceTerms | undefined) =>
  (price as unknown as { unitPrice: Decimal } | undefined)?.unitPrice.toFixed();

const whole: OverrideInForce = { id: "whole", index: 0, multiplier: d("0.9") };
const euDiscount: OverrideInForce = { id: "eu80", index: 1, where: { region: "eu" }, multiplier: d("0.8") };
const euPrice: OverrideInForce = { id: "eu_list", index: 2, where: { region: "eu" }, price: unit("0.05") };
const naHalf: OverrideInForce = { id: "na50", index: 3, where: { region: "na" }, multiplier: d("0.5") };

describe("overriddenPrice", () => {
  it("leaves a price without overrides as it is, with no step", () => {
    const result = overriddenPrice(unit("0.10"), [], { region: "eu" });
    expect(unitPriceOf(result.price)).toBe("0.1");
    expect(result).toEqual({ price: result.price, steps: [] });
    expect("fromOverride" in result).toBe(false);
  });

  it("lists a whole-charge override as a step without changing the price again (it is already in it)", () => {
    const result = overriddenPrice(unit("0.10"), [whole], undefined);
    expect(unitPriceOf(result.price)).toBe("0.1");
    expect(result.steps).toEqual([{ kind: "override", override: "whole", multiplier: "0.9" }]);
  });

  it("multiplies the money of the matching group's price and says which override did", () => {
    // 0.10 × 0.8 = 0.08 for eu; na does not match eu80 and keeps 0.10.
    const eu = overriddenPrice(unit("0.10"), [euDiscount], { region: "eu" });
    expect(unitPriceOf(eu.price)).toBe("0.08");
    expect(eu.steps).toEqual([
      { kind: "override", override: "eu80", where: { region: "eu" }, multiplier: "0.8" },
    ]);
    const na = overriddenPrice(unit("0.10"), [euDiscount], { region: "na" });
    expect(unitPriceOf(na.price)).toBe("0.1");
    expect(na.steps).toEqual([]);
  });

  it("needs every value of `where` to match (a missing property is no match)", () => {
    const both: OverrideInForce = {
      id: "eu_gold",
      index: 0,
      where: { region: "eu", tier: "gold" },
      multiplier: d(2),
    };
    // 0.10 × 2 = 0.2 only where region and tier both match.
    expect(unitPriceOf(overriddenPrice(unit("0.10"), [both], { region: "eu", tier: "gold" }).price)).toBe(
      "0.2",
    );
    expect(unitPriceOf(overriddenPrice(unit("0.10"), [both], { region: "eu", tier: "basic" }).price)).toBe(
      "0.1",
    );
    expect(unitPriceOf(overriddenPrice(unit("0.10"), [both], { region: "eu" }).price)).toBe("0.1");
    // The number 1 and the text "1" are different values.
    const one: OverrideInForce = { id: "one", index: 0, where: { tier: 1 }, multiplier: d(3) };
    expect(unitPriceOf(overriddenPrice(unit("0.10"), [one], { tier: "1" }).price)).toBe("0.1");
    expect(unitPriceOf(overriddenPrice(unit("0.10"), [one], { tier: 1 }).price)).toBe("0.3");
  });

  it("applies multipliers in contract order, each on the price the one before left", () => {
    // 0.10 × 0.8 = 0.08, then × 0.5 would need na: eu only gets 0.08. Two eu multipliers compound:
    // 0.10 × 0.8 × 0.8 = 0.064.
    const again: OverrideInForce = { ...euDiscount, id: "eu80_again", index: 4 };
    const result = overriddenPrice(unit("0.10"), [euDiscount, naHalf, again], { region: "eu" });
    expect(unitPriceOf(result.price)).toBe("0.064");
    expect(result.steps.map((step) => step.override)).toEqual(["eu80", "eu80_again"]);
  });

  it("replaces the price, drops the steps before it and names the override it comes from", () => {
    // whole and eu80 come before eu_list's replacement: only eu_list's step remains, price 0.05.
    const result = overriddenPrice(unit("0.10"), [whole, euDiscount, euPrice], { region: "eu" }, undefined);
    expect(unitPriceOf(result.price)).toBe("0.05");
    expect(result.steps).toEqual([
      { kind: "override", override: "eu_list", where: { region: "eu" }, replaced: true },
    ]);
    expect(result.fromOverride).toBe(2);
  });

  it("multiplies a replaced price by a later multiplier", () => {
    // 0.05 (eu_list) × 0.8 (eu80 after it) = 0.04
    const later: OverrideInForce = { ...euDiscount, index: 5 };
    const result = overriddenPrice(unit("0.10"), [euPrice, later], { region: "eu" });
    expect(unitPriceOf(result.price)).toBe("0.04");
    expect(result.steps.map((step) => step.override)).toEqual(["eu_list", "eu80"]);
    expect(result.fromOverride).toBe(2);
  });

  it("gives a group without a price a price from a replacing override, but nothing to multiply", () => {
    expect(overriddenPrice(undefined, [euDiscount], { region: "eu" })).toEqual({
      price: undefined,
      steps: [],
    });
    const replaced = overriddenPrice(undefined, [euPrice], { region: "eu" });
    expect(unitPriceOf(replaced.price)).toBe("0.05");
  });

  it("keeps the whole-charge override the charge's price came from", () => {
    const result = overriddenPrice(unit("0.07"), [], undefined, 6);
    expect(result.fromOverride).toBe(6);
    // A group override that replaces the price names itself instead.
    expect(overriddenPrice(unit("0.07"), [euPrice], { region: "eu" }, 6).fromOverride).toBe(2);
    expect(overriddenPrice(unit("0.07"), [euPrice], { region: "na" }, 6).fromOverride).toBe(6);
  });

  it("refuses a group override on a charge with one line (the contract check refuses it first)", () => {
    const error = thrown(() => overriddenPrice(unit("0.10"), [euDiscount], undefined));
    expect(error).toBeInstanceOf(InvariantError);
    expect((error as Error).message).toContain("Override eu80 picks groups");
  });
});
