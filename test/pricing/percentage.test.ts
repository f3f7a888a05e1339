import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import type { RatingContext, TermsOf } from "../../src/pricing/index.js";
import { percentage, ratePrice } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
/** A context carrying only the transactions' values, in event order. */
const transactions = (...values: ReadonlyArray<string | number>): RatingContext => ({
  eventValues: values.map(d),
  meterQuantities: new Map(),
});
const total = (context: RatingContext) => context.eventValues.reduce((sum, value) => sum.plus(value), d(0));
const rate = (terms: TermsOf<"percentage">, ...values: ReadonlyArray<string | number>) => {
  const context = transactions(...values);
  return percentage.rate(terms, total(context), context);
};

// Card payments: 2.9 % + $0.30 per transaction.
const cards: TermsOf<"percentage"> = { model: "percentage", percent: d("2.9"), fixedFee: d("0.3") };

describe("percentage: a total without its transactions", () => {
  it("is refused, since fixed fees and per-transaction limits need each transaction's value", () => {
    // 125 in total, but no values: 3 transactions of 100, 20 and 5 or one of 125 bill differently
    const error = thrown(() =>
      percentage.rate(cards, d(125), { eventValues: [], meterQuantities: new Map() }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      code: "invalid_field",
      path: "",
      message:
        "A percentage price needs each transaction's value, not only the total 125; rate it through a contract or pass context.eventValues.",
    });
  });

  it("rates a total of zero with no transactions as nothing", () => {
    expect(
      percentage.rate(cards, d(0), { eventValues: [], meterQuantities: new Map() }).amount.toFixed(),
    ).toBe("0");
  });
});

describe("percentage: rate and fixed fee", () => {
  it("charges the percentage of each transaction plus the fixed fee per transaction", () => {
    // $100: 100 × 0.029 = 2.9 + 0.3 = 3.2; $20: 0.58 + 0.3 = 0.88; $5: 0.145 + 0.3 = 0.445;
    // total 3.2 + 0.88 + 0.445 = 4.525 (= 125 × 0.029 = 3.625 plus 3 × 0.3 = 0.9)
    const result = rate(cards, 100, 20, 5);
    expect(result.amount.toFixed()).toBe("4.525");
    expect(result.priceKind).toBe("percentage");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      {
        kind: "percentage",
        refunds: 0,
        events: 3,
        freeEvents: 0,
        total: "125",
        free: "0",
        rate: "0.029",
        amount: "3.625",
      },
      { kind: "fixed_fees", events: 3, fixedFee: "0.3", amount: "0.9" },
    ]);
  });

  it("gives the same result for a rate in basis points as for the same rate in percent", () => {
    // 290 basis points = 290 ÷ 10,000 = 0.029 = 2.9 %: again 4.525
    const inBasisPoints: TermsOf<"percentage"> = {
      model: "percentage",
      basisPoints: d(290),
      fixedFee: d("0.3"),
    };
    const result = rate(inBasisPoints, 100, 20, 5);
    expect(result.amount.toFixed()).toBe("4.525");
    expect(result.steps[0]).toMatchObject({ rate: "0.029" });
  });

  it("charges nothing when there are no transactions", () => {
    // no events: 0 × 0.029 + 0 × 0.3 = 0
    expect(rate(cards).amount.toFixed()).toBe("0");
  });

  it("charges the fixed fee on a zero-value transaction", () => {
    // $0: 0 × 0.029 + 0.3 = 0.3
    expect(rate(cards, 0).amount.toFixed()).toBe("0.3");
  });

  it("keeps the percentage of a fractional transaction exact", () => {
    // $0.01 at 2.9 % with no fee: 0.01 × 0.029 = 0.00029
    expect(rate({ model: "percentage", percent: d("2.9") }, "0.01").amount.toFixed()).toBe("0.00029");
  });

  it("rates a 10^15 transaction exactly", () => {
    // 10^15 × 0.029 = 29,000,000,000,000 + 0.3 = 29,000,000,000,000.3
    expect(rate(cards, "1000000000000000").amount.toFixed()).toBe("29000000000000.3");
  });

  it("is rated from the context's transactions through ratePrice too", () => {
    // 1 % of 250 + 1 % of 750 = 2.5 + 7.5 = 10
    const context = transactions(250, 750);
    expect(ratePrice({ model: "percentage", percent: d(1) }, d(1000), context).amount.toFixed()).toBe("10");
  });
});

describe("percentage: minimum and maximum per transaction", () => {
  // 1 % + $0.10 per transaction, at least $0.50 and at most $5.00 each.
  const clamped: TermsOf<"percentage"> = {
    model: "percentage",
    percent: d(1),
    fixedFee: d("0.1"),
    minimumPerEvent: d("0.5"),
    maximumPerEvent: d(5),
  };

  it("raises a small transaction to the minimum and lowers a large one to the maximum", () => {
    // $10: 0.1 + 0.1 = 0.2 → raised to 0.5 (+0.3)
    // $100: 1 + 0.1 = 1.1 (inside the limits)
    // $1,000: 10 + 0.1 = 10.1 → lowered to 5 (−5.1)
    // $40: 0.4 + 0.1 = 0.5 (exactly the minimum: unchanged)
    // $490: 4.9 + 0.1 = 5 (exactly the maximum: unchanged)
    // total 0.5 + 1.1 + 5 + 0.5 + 5 = 12.1
    // steps: 1,640 × 0.01 = 16.4; 5 × 0.1 = 0.5; +0.3; −5.1 → 16.4 + 0.5 + 0.3 − 5.1 = 12.1
    const result = rate(clamped, 10, 100, 1000, 40, 490);
    expect(result.amount.toFixed()).toBe("12.1");
    expect(result.steps).toEqual([
      {
        kind: "percentage",
        refunds: 0,
        events: 5,
        freeEvents: 0,
        total: "1640",
        free: "0",
        rate: "0.01",
        amount: "16.4",
      },
      { kind: "fixed_fees", events: 5, fixedFee: "0.1", amount: "0.5" },
      { kind: "per_event_limit", limit: "minimum", events: 1, perEvent: "0.5", amount: "0.3" },
      { kind: "per_event_limit", limit: "maximum", events: 1, perEvent: "5", amount: "-5.1" },
    ]);
  });

  it("clamps after adding the fixed fee, not before", () => {
    // $45: 0.45 + 0.1 = 0.55 ≥ 0.5 → 0.55 (clamping first would give max(0.45, 0.5) + 0.1 = 0.6)
    expect(rate(clamped, 45).amount.toFixed()).toBe("0.55");
    // $495: 4.95 + 0.1 = 5.05 > 5 → 5 (clamping first would give 4.95 + 0.1 = 5.05)
    expect(rate(clamped, 495).amount.toFixed()).toBe("5");
  });

  it("raises a zero-value transaction to the minimum", () => {
    // $0: 0 + 0.1 = 0.1 → 0.5
    expect(rate(clamped, 0).amount.toFixed()).toBe("0.5");
  });

  it("caps a 10^15 transaction at the maximum", () => {
    // 10^15 × 0.01 + 0.1 = 10,000,000,000,000.1 → 5
    expect(rate(clamped, "1000000000000000").amount.toFixed()).toBe("5");
  });
});

describe("percentage: free allowance", () => {
  // 2 % + $0.25 per transaction.
  const base: TermsOf<"percentage"> = { model: "percentage", percent: d(2), fixedFee: d("0.25") };

  it("with freeEvents only, leaves the first N transactions free whatever their value", () => {
    // freeEvents 2: $50 and $60 free; $70 pays 70 × 0.02 + 0.25 = 1.4 + 0.25 = 1.65
    const result = rate({ ...base, freeEvents: 2 }, 50, 60, 70);
    expect(result.amount.toFixed()).toBe("1.65");
    expect(result.steps).toEqual([
      {
        kind: "percentage",
        refunds: 0,
        events: 3,
        freeEvents: 2,
        total: "180",
        free: "110",
        rate: "0.02",
        amount: "1.4",
      },
      { kind: "fixed_fees", events: 1, fixedFee: "0.25", amount: "0.25" },
    ]);
  });

  it("with freeAmount only, charges the transaction that crosses it on the part above, plus the fixed fee", () => {
    // freeAmount 100: $30 free (70 left), $50 free (20 left);
    // $40 crosses: 40 − 20 = 20 × 0.02 = 0.4 + 0.25 = 0.65; $10 pays 0.2 + 0.25 = 0.45; total 1.1
    // steps: chargeable 20 + 10 = 30 × 0.02 = 0.6; fixed fees 2 × 0.25 = 0.5; free = 130 − 30 = 100
    const result = rate({ ...base, freeAmount: d(100) }, 30, 50, 40, 10);
    expect(result.amount.toFixed()).toBe("1.1");
    expect(result.steps).toEqual([
      {
        kind: "percentage",
        refunds: 0,
        events: 4,
        freeEvents: 2,
        total: "130",
        free: "100",
        rate: "0.02",
        amount: "0.6",
      },
      { kind: "fixed_fees", events: 2, fixedFee: "0.25", amount: "0.5" },
    ]);
  });

  it("leaves free the transaction that uses up the free amount exactly", () => {
    // freeAmount 80: $30 free (50 left), $50 free (0 left, no fee); $10 pays 0.2 + 0.25 = 0.45
    expect(rate({ ...base, freeAmount: d(80) }, 30, 50, 10).amount.toFixed()).toBe("0.45");
  });

  it("charges a zero-value transaction after the free amount is used up exactly: its fixed fee", () => {
    // freeAmount 80: $30 free (50 left), $50 free (0 left); $0 finds nothing left, so it pays
    // 0 × 0.02 + 0.25 = 0.25 and is no free transaction (2 free, 1 paying)
    const result = rate({ ...base, freeAmount: d(80) }, 30, 50, 0);
    expect(result.amount.toFixed()).toBe("0.25");
    expect(result.steps).toContainEqual({ kind: "fixed_fees", events: 1, fixedFee: "0.25", amount: "0.25" });
    expect(result.steps[0]).toMatchObject({ kind: "percentage", events: 3, freeEvents: 2 });
  });

  it("with both limits, ends the allowance when the free events run out first", () => {
    // freeEvents 1, freeAmount 1,000: $30 free; $50 pays in full 50 × 0.02 + 0.25 = 1.25
    // although 970 of free amount is left
    expect(rate({ ...base, freeEvents: 1, freeAmount: d(1000) }, 30, 50).amount.toFixed()).toBe("1.25");
  });

  it("with both limits, ends the allowance when the free amount runs out first", () => {
    // freeEvents 5, freeAmount 60: $30 free (30 left); $50 crosses: 20 × 0.02 + 0.25 = 0.65;
    // $10 pays 0.2 + 0.25 = 0.45 although it is only the third of five free events; total 1.1
    expect(rate({ ...base, freeEvents: 5, freeAmount: d(60) }, 30, 50, 10).amount.toFixed()).toBe("1.1");
  });

  it("counts the crossing transaction as one of the free events", () => {
    // freeEvents 2, freeAmount 100: $120 crosses (event 1 of 2): 20 × 0.02 + 0.25 = 0.65, amount used up;
    // $10 pays 0.2 + 0.25 = 0.45; total 1.1
    expect(rate({ ...base, freeEvents: 2, freeAmount: d(100) }, 120, 10).amount.toFixed()).toBe("1.1");
  });

  it("gives nothing free with freeEvents 0 or freeAmount 0", () => {
    // $10 and $20: 0.2 + 0.25 + 0.4 + 0.25 = 1.1 either way
    expect(rate({ ...base, freeEvents: 0 }, 10, 20).amount.toFixed()).toBe("1.1");
    expect(rate({ ...base, freeAmount: d(0) }, 10, 20).amount.toFixed()).toBe("1.1");
  });

  it("clamps the crossing transaction's charge to the per-event minimum", () => {
    // freeAmount 100, minimum 1: $90 free (10 left); $20 crosses: 10 × 0.02 + 0.25 = 0.45 → raised to 1
    const terms: TermsOf<"percentage"> = { ...base, freeAmount: d(100), minimumPerEvent: d(1) };
    const result = rate(terms, 90, 20);
    expect(result.amount.toFixed()).toBe("1");
    // 0.45 + (1 − 0.45 = 0.55) = 1
    expect(result.steps).toContainEqual({
      kind: "per_event_limit",
      limit: "minimum",
      events: 1,
      perEvent: "1",
      amount: "0.55",
    });
  });

  it("does not raise a free transaction to the minimum", () => {
    // freeEvents 1, minimum 1: the one $50 transaction is free → 0
    expect(rate({ ...base, freeEvents: 1, minimumPerEvent: d(1) }, 50).amount.toFixed()).toBe("0");
  });

  it("crosses a 10^15 free amount exactly", () => {
    // freeAmount 10^15: a transaction of 10^15 + 1 pays 1 × 0.02 + 0.25 = 0.27
    expect(rate({ ...base, freeAmount: d("1000000000000000") }, "1000000000000001").amount.toFixed()).toBe(
      "0.27",
    );
  });
});

describe("percentage: refunds (negative values)", () => {
  const base: TermsOf<"percentage"> = { model: "percentage", percent: d(2), fixedFee: d("0.25") };

  it("charges a refund nothing and leaves it out of the total", () => {
    // 2.9 % + 0.30 on 100, −20 (a refund: nothing), 5: 3.2 + 0 + 0.445 = 3.645
    // steps: total 100 + 5 = 105 × 0.029 = 3.045; fees 2 × 0.3 = 0.6; 3.045 + 0.6 = 3.645
    const result = rate(cards, 100, -20, 5);
    expect(result.amount.toFixed()).toBe("3.645");
    expect(result.steps).toEqual([
      {
        kind: "percentage",
        refunds: 1,
        events: 3,
        freeEvents: 0,
        total: "105",
        free: "0",
        rate: "0.029",
        amount: "3.045",
      },
      { kind: "fixed_fees", events: 2, fixedFee: "0.3", amount: "0.6" },
    ]);
  });

  it("does not raise a refund to the per-event minimum", () => {
    // minimum 1: the refund −50 costs 0, not 1; 10 → 0.2 + 0.25 = 0.45 → raised to 1; total 1
    expect(rate({ ...base, minimumPerEvent: d(1) }, -50, 10).amount.toFixed()).toBe("1");
  });

  it("neither uses nor adds to the free allowance", () => {
    // freeEvents 1, freeAmount 100: −50 skipped; 80 free (1 event used, 20 left); 40 pays in full:
    // 40 × 0.02 + 0.25 = 1.05 (the free transactions ran out, not the amount)
    expect(rate({ ...base, freeEvents: 1, freeAmount: d(100) }, -50, 80, 40).amount.toFixed()).toBe("1.05");
    // freeAmount 100 only: −50 does not raise it to 150: 80 free (20 left); 90 crosses: 70 × 0.02 + 0.25 = 1.65
    expect(rate({ ...base, freeAmount: d(100) }, -50, 80, 90).amount.toFixed()).toBe("1.65");
  });
});

describe("percentage: event order", () => {
  const base: TermsOf<"percentage"> = { model: "percentage", percent: d(2), fixedFee: d("0.25") };

  it("depends on the order of the given values when a free amount is crossed", () => {
    // freeAmount 100, order 30, 50, 40, 10 → 1.1 (see above).
    // Order 10, 40, 50, 30: 10 free (90 left), 40 free (50), 50 free (0); 30 pays 0.6 + 0.25 = 0.85
    const terms: TermsOf<"percentage"> = { ...base, freeAmount: d(100) };
    expect(rate(terms, 30, 50, 40, 10).amount.toFixed()).toBe("1.1");
    expect(rate(terms, 10, 40, 50, 30).amount.toFixed()).toBe("0.85");
  });

  it("does not depend on order without an allowance", () => {
    // 2.9 % + 0.30 on 5, 20, 100 = 0.445 + 0.88 + 3.2 = 4.525, as in the order 100, 20, 5
    expect(rate(cards, 5, 20, 100).amount.toFixed()).toBe("4.525");
  });
});
