import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/money/index.js";
import { billableQuantity } from "../../src/rating/index.js";

const d = (value: string | number) => new Decimal(value);
const GB = d("1000000000");

describe("billableQuantity", () => {
  it("passes the measured quantity through, with no step, when there is no transform", () => {
    const result = billableQuantity(d("2500000000"), undefined);
    expect(result.quantity.toFixed()).toBe("2500000000");
    expect(result.step).toBeUndefined();
  });

  it("divides, subtracts the included units, then rounds up", () => {
    // 2,500,000,000 bytes ÷ 10^9 = 2.5 GB; minus 1 included = 1.5; up → 2
    const result = billableQuantity(d("2500000000"), { divideBy: GB, included: d(1), round: "up" });
    expect(result.quantity.toFixed()).toBe("2");
    expect(result.step).toEqual({
      kind: "billable_quantity",
      measured: "2500000000",
      divideBy: "1000000000",
      included: "1",
      round: "up",
      billable: "2",
    });
  });

  it("rounds the same quantity down, or not at all", () => {
    // 1.5 down → 1; none → 1.5
    expect(
      billableQuantity(d("2500000000"), { divideBy: GB, included: d(1), round: "down" }).quantity.toFixed(),
    ).toBe("1");
    expect(
      billableQuantity(d("2500000000"), { divideBy: GB, included: d(1), round: "none" }).quantity.toFixed(),
    ).toBe("1.5");
  });

  it("does not round when round is left out", () => {
    // 2.5 − 1 = 1.5, left as is
    const result = billableQuantity(d("2500000000"), { divideBy: GB, included: d(1) });
    expect(result.quantity.toFixed()).toBe("1.5");
    expect(result.step).toMatchObject({ round: "none", billable: "1.5" });
  });

  it("divides before subtracting the allowance (the allowance is in divided units)", () => {
    // 3,000,000,000 ÷ 10^9 = 3 GB − 1 = 2 → up 2
    // (subtracting first would give (3,000,000,000 − 1) ÷ 10^9 = 2.999999999 → up 3)
    expect(
      billableQuantity(d("3000000000"), { divideBy: GB, included: d(1), round: "up" }).quantity.toFixed(),
    ).toBe("2");
  });

  it("rounds after subtracting the allowance, not before", () => {
    // 1.4 − 0.5 = 0.9 → up 1 (rounding first would give ceil(1.4) − 0.5 = 1.5)
    expect(billableQuantity(d("1.4"), { included: d("0.5"), round: "up" }).quantity.toFixed()).toBe("1");
  });

  it("never goes below zero when the allowance exceeds the usage", () => {
    // 500,000,000 ÷ 10^9 = 0.5 − 1 = −0.5 → 0 (then up: 0)
    const result = billableQuantity(d("500000000"), { divideBy: GB, included: d(1), round: "up" });
    expect(result.quantity.toFixed()).toBe("0");
    expect(result.step).toMatchObject({ billable: "0" });
  });

  it("bills the allowance boundary as zero and one unit past it as one", () => {
    // 1 GB − 1 = 0; 1.000000001 GB (1,000,000,001 bytes) − 1 = 0.000000001 → up 1
    expect(billableQuantity(GB, { divideBy: GB, included: d(1), round: "up" }).quantity.toFixed()).toBe("0");
    expect(
      billableQuantity(d("1000000001"), { divideBy: GB, included: d(1), round: "up" }).quantity.toFixed(),
    ).toBe("1");
  });

  it("keeps zero at zero", () => {
    // 0 ÷ 10^9 = 0 − 1 → 0
    expect(billableQuantity(d(0), { divideBy: GB, included: d(1), round: "up" }).quantity.toFixed()).toBe(
      "0",
    );
  });

  it("divides 10^15 exactly", () => {
    // 10^15 bytes ÷ 10^9 = 10^6 GB
    expect(billableQuantity(d("1000000000000000"), { divideBy: GB }).quantity.toFixed()).toBe("1000000");
  });

  it("rounds up a quantity a hair above a whole number", () => {
    // 2.0000001 → 3; 2 stays 2
    expect(billableQuantity(d("2.0000001"), { round: "up" }).quantity.toFixed()).toBe("3");
    expect(billableQuantity(d(2), { round: "up" }).quantity.toFixed()).toBe("2");
  });

  it("subtracts the charge's included units with no transform, and shows them in the step", () => {
    // 12,000,000 requests − 10,000,000 included = 2,000,000; nothing divided, nothing rounded
    const result = billableQuantity(d("12000000"), undefined, d("10000000"));
    expect(result.quantity.toFixed()).toBe("2000000");
    expect(result.step).toEqual({
      kind: "billable_quantity",
      measured: "12000000",
      includedMeasured: "10000000",
      divideBy: null,
      included: null,
      round: "none",
      billable: "2000000",
    });
  });

  it("rounds to an increment that only ends like a power of ten as to any other increment", () => {
    // 15 ÷ 10.01 = 1.4985… → up 2 increments = 20.02 (not 15 rounded to 3 decimals)
    expect(billableQuantity(d(15), { round: { mode: "up", increment: d("10.01") } }).quantity.toFixed()).toBe(
      "20.02",
    );
    // 1 ÷ 0.15 = 6.66… → up 7 increments = 1.05 (not 1 rounded to 2 decimals)
    expect(billableQuantity(d(1), { round: { mode: "up", increment: d("0.15") } }).quantity.toFixed()).toBe(
      "1.05",
    );
  });
});
