import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { Decimal } from "../../src/money/index.js";
import type { RatingContext, TermsOf } from "../../src/pricing/index.js";
import { capacity, NO_CONTEXT, ratePrice } from "../../src/pricing/index.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
// The model's own example: ≤ 100 GB and ≤ 1M requests for $20; ≤ 1,000 GB and ≤ 10M requests for $150.
const plans: TermsOf<"capacity"> = {
  model: "capacity",
  tiers: [
    {
      limits: [
        { meter: "storage", max: d(100) },
        { meter: "requests", max: d(1_000_000) },
      ],
      amount: d(20),
    },
    {
      limits: [
        { meter: "storage", max: d(1000) },
        { meter: "requests", max: d(10_000_000) },
      ],
      amount: d(150),
    },
  ],
};
// The same with an unlimited top tier at $900.
const withUnlimited: TermsOf<"capacity"> = { ...plans, tiers: [...plans.tiers, { amount: d(900) }] };

const usage = (storage: string | number, requests: string | number): RatingContext => ({
  eventValues: [],
  meterQuantities: new Map([
    ["storage", d(storage)],
    ["requests", d(requests)],
  ]),
});
// The charge's own quantity is not what capacity reads; pass something unrelated to show it.
const rate = (context: RatingContext, terms = plans) => capacity.rate(terms, d(7), context);

describe("capacity price", () => {
  it("charges the lowest tier whose every limit holds", () => {
    // 120 GB > 100 breaks tier 1 (although 0.5M requests ≤ 1M); tier 2: 120 ≤ 1,000 and 0.5M ≤ 10M → 150
    const result = rate(usage(120, 500_000));
    expect(result.amount.toFixed()).toBe("150");
    expect(result.priceKind).toBe("capacity");
    expect(result.unitPrice).toBeUndefined();
    expect(result.steps).toEqual([
      {
        kind: "capacity",
        tier: 2,
        limits: [
          { meter: "storage", quantity: "120", max: "1000" },
          { meter: "requests", quantity: "500000", max: "10000000" },
        ],
        amount: "150",
      },
    ]);
  });

  it("reads each limit's meter from the context, not the charge's quantity", () => {
    // storage 50 ≤ 100, requests 1,000 ≤ 1M → tier 1 → 20, whatever quantity the charge has
    expect(ratePrice(plans, d("1000000000000000"), usage(50, 1000)).amount.toFixed()).toBe("20");
  });

  it("treats a meter with no usage as zero, so zero usage gets the first tier", () => {
    // nothing measured: 0 ≤ 100 and 0 ≤ 1M → tier 1 → 20
    const result = rate(NO_CONTEXT);
    expect(result.amount.toFixed()).toBe("20");
    expect(result.steps[0]).toMatchObject({
      tier: 1,
      limits: [
        { meter: "storage", quantity: "0", max: "100" },
        { meter: "requests", quantity: "0", max: "1000000" },
      ],
    });
  });

  it("bills nothing with flatFeeAtZeroUsage false only when there is no usage at all, as Kill Bill", () => {
    const skip: TermsOf<"capacity"> = { ...plans, flatFeeAtZeroUsage: false };
    // charge quantity 0 and every limited meter at 0: tier 1 is found, amount 0
    const idle = capacity.rate(skip, d(0), usage(0, 0));
    expect(idle.amount.toFixed()).toBe("0");
    expect(idle.steps[0]).toMatchObject({ tier: 1, amount: "0" });
    // charge quantity 0 but 50 GB and 1,000 requests measured: usage exists → tier 1 → 20
    expect(capacity.rate(skip, d(0), usage(50, 1000)).amount.toFixed()).toBe("20");
    // any usage of the charge's meter bills the tier: 0.5 → tier 1 → 20
    expect(capacity.rate(skip, d("0.5"), usage(50, 1000)).amount.toFixed()).toBe("20");
  });

  it("keeps usage exactly at every limit in that tier (limits are inclusive maxima)", () => {
    // 100 ≤ 100 and 1,000,000 ≤ 1,000,000 → tier 1 → 20
    expect(rate(usage(100, 1_000_000)).amount.toFixed()).toBe("20");
  });

  it("moves to the next tier when any one limit is passed by one unit", () => {
    // 1,000,001 requests > 1M breaks tier 1 though storage 100 holds → tier 2 → 150
    expect(rate(usage(100, 1_000_001)).amount.toFixed()).toBe("150");
  });

  it("moves to the next tier for a fractional excess", () => {
    // 100.5 GB > 100 → tier 2 → 150
    expect(rate(usage("100.5", 0)).amount.toFixed()).toBe("150");
  });

  it("refuses usage above every tier with capacity_exceeded", () => {
    // 1,001 GB > 1,000: no tier holds, and the last tier has limits
    const error = thrown(() => rate(usage(1001, 0)));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "capacity_exceeded", path: "" });
  });

  it("names the usage of every limited meter of the last tier when it refuses", () => {
    // 1,001 GB > 1,000 GB and 5 requests: the last tier's meters, in its order, with what they measured
    expect((thrown(() => rate(usage(1001, 5))) as InputError).message).toBe(
      "Usage (storage 1001, requests 5) exceeds the limits of every capacity tier; add a larger tier to the contract.",
    );
  });

  it("names the meters of the last tier, not of another, when a contract has three tiers", () => {
    // the last tier limits storage and requests; the middle one storage alone
    const three: TermsOf<"capacity"> = {
      model: "capacity",
      tiers: [
        { limits: [{ meter: "storage", max: d(100) }], amount: d(20) },
        { limits: [{ meter: "storage", max: d(500) }], amount: d(80) },
        plans.tiers[1]!,
      ],
    };
    expect((thrown(() => rate(usage(2000, 5), three)) as InputError).message).toBe(
      "Usage (storage 2000, requests 5) exceeds the limits of every capacity tier; add a larger tier to the contract.",
    );
  });

  it("bills the tier with flatFeeAtZeroUsage false when any one limited meter has usage", () => {
    // charge quantity 0 and 0 GB, but 1,000 requests: there is usage → tier 1 → 20
    const skip: TermsOf<"capacity"> = { ...plans, flatFeeAtZeroUsage: false };
    expect(capacity.rate(skip, d(0), usage(0, 1000)).amount.toFixed()).toBe("20");
  });

  it("charges an unlimited top tier for any usage, even 10^15", () => {
    // 10^15 requests break tiers 1 and 2; tier 3 has no limits → 900
    const result = rate(usage(0, "1000000000000000"), withUnlimited);
    expect(result.amount.toFixed()).toBe("900");
    expect(result.steps).toEqual([{ kind: "capacity", tier: 3, limits: [], amount: "900" }]);
  });
});
