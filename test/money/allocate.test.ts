import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { allocate, type Currency, Decimal } from "../../src/money/index.js";
import { thrown } from "../_support/thrown.js";

const USD: Currency = { code: "USD", minorUnits: 2 };
const JPY: Currency = { code: "JPY", minorUnits: 0 };
const BHD: Currency = { code: "BHD", minorUnits: 3 };

function split(amount: string, weights: ReadonlyArray<string | number>, currency: Currency): string[] {
  return allocate(
    new Decimal(amount),
    weights.map((w) => new Decimal(w)),
    currency,
  ).map((part) => part.toFixed(currency.minorUnits));
}

describe("allocate", () => {
  it("splits 10.00 USD over three equal weights as 3.34, 3.33, 3.33", () => {
    // 1000 cents / 3 = 333 rem 1 for each part; 1000 - 999 = 1 cent left over.
    // The remainders tie, so the earliest part gets it: 334, 333, 333 cents.
    expect(split("10.00", [1, 1, 1], USD)).toEqual(["3.34", "3.33", "3.33"]);
  });

  it("gives the leftover minor unit to the largest remainder, not the first part", () => {
    // 1000 cents over weights 1:2 (sum 3): 1000×1/3 = 333 rem 1, 1000×2/3 = 666 rem 2.
    // 333 + 666 = 999, one cent left; remainder 2 > 1, so the second part gets it: 3.33, 6.67.
    expect(split("10.00", [1, 2], USD)).toEqual(["3.33", "6.67"]);
  });

  it("splits whole yen for JPY, which has no minor unit", () => {
    // 100 yen / 3 = 33 rem 1 each; 1 yen left goes to the first part: 34, 33, 33.
    expect(split("100", [1, 1, 1], JPY)).toEqual(["34", "33", "33"]);
    // 1000 yen over 1:2:3:4 (sum 10) divides exactly: 100, 200, 300, 400.
    expect(split("1000", [1, 2, 3, 4], JPY)).toEqual(["100", "200", "300", "400"]);
  });

  it("splits in fils (three decimals) for BHD", () => {
    // 1.000 BHD = 1000 fils / 3 = 333 rem 1 each; the first part gets the leftover fils.
    expect(split("1.000", [1, 1, 1], BHD)).toEqual(["0.334", "0.333", "0.333"]);
  });

  it("splits a negative amount symmetrically, every part negative", () => {
    // -1000 cents: the magnitude 1000 splits as 334, 333, 333; each part takes the sign.
    expect(split("-10.00", [1, 1, 1], USD)).toEqual(["-3.34", "-3.33", "-3.33"]);
  });

  it("gives zero to a part whose weight is zero", () => {
    // weights 0, 1, 1 (sum 2): 1000 × 0/2 = 0, 1000 × 1/2 = 500, 500 cents.
    expect(split("10.00", [0, 1, 1], USD)).toEqual(["0.00", "5.00", "5.00"]);
    // Even with a leftover cent the zero-weight part stays at zero: 1 cent over 0, 1, 1:
    // floors 0, 0, 0; remainders 0, 1, 1; the leftover goes to the first of the tied ones (index 1).
    expect(split("0.01", [0, 1, 1], USD)).toEqual(["0.00", "0.01", "0.00"]);
  });

  it("splits zero into zeros", () => {
    expect(split("0.00", [2, 3], USD)).toEqual(["0.00", "0.00"]);
  });

  it("uses decimal weights exactly: 0.1, 0.2, 0.7 of 1.00 is 0.10, 0.20, 0.70", () => {
    // Weights scaled by 10 are 1, 2, 7 (sum 10): 100 cents × 1/10 = 10, × 2/10 = 20, × 7/10 = 70.
    expect(split("1.00", ["0.1", "0.2", "0.7"], USD)).toEqual(["0.10", "0.20", "0.70"]);
  });

  it("gives a single cent to the part with the largest decimal weight", () => {
    // 1 cent over 1:2:7 (sum 10): floors 0, 0, 0; remainders 1, 2, 7 → the third part gets it.
    expect(split("0.01", ["0.1", "0.2", "0.7"], USD)).toEqual(["0.00", "0.00", "0.01"]);
  });

  it("mixes weights with different numbers of decimals", () => {
    // Weights 1.5 and 0.25, scaled by 100: 150 and 25 (sum 175).
    // 1000 cents × 150/175 = 857 rem 25 (857×175 = 149975, 150000 - 149975 = 25);
    // 1000 × 25/175 = 142 rem 150 (142×175 = 24850, 25000 - 24850 = 150).
    // 857 + 142 = 999: one cent left, the larger remainder 150 wins → 8.57, 1.43.
    expect(split("10.00", ["1.5", "0.25"], USD)).toEqual(["8.57", "1.43"]);
  });

  it("gives the whole amount to a single weight", () => {
    expect(split("123.45", [7], USD)).toEqual(["123.45"]);
  });

  it("does not change its arguments", () => {
    const weights = Object.freeze([new Decimal(1), new Decimal(2)]);
    const amount = new Decimal("10.00");
    allocate(amount, weights, USD);
    expect(amount.toFixed()).toBe("10");
    expect(weights.map((w) => w.toFixed())).toEqual(["1", "2"]);
  });

  it("refuses an amount that is not a whole number of cents", () => {
    // 10.005 USD is 1000.5 cents.
    const error = thrown(() => allocate(new Decimal("10.005"), [new Decimal(1)], USD));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "amount_not_in_minor_units", path: "amount" });
  });

  it("refuses fractional yen", () => {
    // JPY has 0 decimals, so 10.5 is not a whole number of yen.
    expect(thrown(() => allocate(new Decimal("10.5"), [new Decimal(1)], JPY))).toMatchObject({
      code: "amount_not_in_minor_units",
      path: "amount",
    });
  });

  it("refuses weights that are all zero", () => {
    expect(thrown(() => allocate(new Decimal("10.00"), [new Decimal(0), new Decimal(0)], USD))).toMatchObject(
      { code: "invalid_allocation_weights", path: "weights" },
    );
  });

  it("refuses an empty list of weights", () => {
    expect(thrown(() => allocate(new Decimal("10.00"), [], USD))).toMatchObject({
      code: "invalid_allocation_weights",
      path: "weights",
    });
  });

  it("refuses a negative weight, naming its index", () => {
    expect(
      thrown(() => allocate(new Decimal("10.00"), [new Decimal(1), new Decimal("-0.5")], USD)),
    ).toMatchObject({ code: "invalid_allocation_weights", path: "weights[1]" });
  });

  it("refuses a NaN or infinite weight", () => {
    expect(thrown(() => allocate(new Decimal("1.00"), [new Decimal(Number.NaN)], USD))).toMatchObject({
      code: "invalid_allocation_weights",
      path: "weights[0]",
    });
    expect(
      thrown(() =>
        allocate(new Decimal("1.00"), [new Decimal(1), new Decimal(Number.POSITIVE_INFINITY)], USD),
      ),
    ).toMatchObject({ code: "invalid_allocation_weights", path: "weights[1]" });
  });

  it("says in each refusal what cannot be split and why, in words a specialist can act on", () => {
    // The codes and paths above tell the refusals apart for a program; the sentence tells a person. An
    // empty list and a list of zeros share code and path, so only their sentences say which one it was.
    const message = (fn: () => unknown) => (thrown(fn) as InputError).message;
    expect(message(() => allocate(new Decimal("10.005"), [new Decimal(1)], USD))).toBe(
      "Cannot split 10.005 USD: it is not a whole number of minor units (2 decimals).",
    );
    expect(message(() => allocate(new Decimal("1.00"), [], USD))).toBe(
      "Cannot split an amount over zero parts.",
    );
    expect(message(() => allocate(new Decimal("1.00"), [new Decimal(0)], USD))).toBe(
      "Cannot split an amount when every weight is zero.",
    );
    expect(message(() => allocate(new Decimal("1.00"), [new Decimal(1), new Decimal("-0.5")], USD))).toBe(
      "weights[1] is -0.5; weights must be zero or positive.",
    );
  });

  it("treats a weight of negative zero as zero", () => {
    // -0 is zero (0 × a negative price, say), not a negative weight: 1000 cents over 0, 1 → 0, 1000.
    const weights = [new Decimal(0).times(-1), new Decimal(1)];
    expect(allocate(new Decimal("10.00"), weights, USD).map((p) => p.toFixed(2))).toEqual(["0.00", "10.00"]);
  });
});
