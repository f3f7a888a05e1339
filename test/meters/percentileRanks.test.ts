import { describe, expect, it } from "vitest";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { rankedValue } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Which sample the 95th percentile bills, worked out by hand for the sample counts a month gives, and
// checked against the one vendor page that writes the rule down for every month length: Alibaba Cloud
// CDN's monthly 95th percentile (https://help.aliyun.com/zh/cdn/product-overview/billing-rules-of-basic-services,
// "月结95带宽峰值计费"): N = 288 × the days billed, M = N × 0.05 with the decimals dropped, "the M+1-th
// point is the month's 95 bandwidth" (8,928 → 446 → the 447th; 8,640 → 432 → the 433rd; 8,352 → 417 →
// the 418th; 8,064 → 403 → the 404th, highest first). ratecard's default `discard: "floor"` is that rule.

const RANK_95 = new Decimal(95);
// Samples 1, 2, …, n: the k-th lowest is k, so the billed value names its rank.
const oneTo = (n: number) => Array.from({ length: n }, (_, index) => new Decimal(index + 1));

describe("the 95th percentile's sample, by the number of samples (discard floor)", () => {
  it.each([
    // n, discarded = ⌊5 % × n⌋, billed = n − discarded (the (discarded + 1)-th highest)
    [1, 0, 1], //           5 % of 1 = 0.05 → 0: the only sample
    [2, 0, 2], //           0.1 → 0: the higher of two
    [19, 0, 19], //         0.95 → 0: the highest of 19
    [20, 1, 19], //         1 → the 2nd highest
    [21, 1, 20], //         1.05 → 1: the 2nd highest
    [8_640, 432, 8_208], // a 30-day month: 432 → the 433rd highest (Alibaba Cloud's example 2)
    [8_064, 403, 7_661], // February 2026: 403.2 → 403 → the 404th highest (Alibaba Cloud's example 4)
    [8_352, 417, 7_935], // a leap February: 417.6 → 417 → the 418th highest (example 3)
    [8_928, 446, 8_482], // a 31-day month: 446.4 → 446 → the 447th highest (example 1)
  ])("of %i samples discards %i and bills the sample ranked %i from the bottom", (n, discarded, billed) => {
    // The billed rank is also the nearest rank ⌈95 % × n⌉: at least 95 % of the samples are at or below it.
    expect(Math.ceil((95 * n) / 100)).toBe(billed);
    expect(rankedValue(oneTo(n), RANK_95, "floor")).toEqual({
      value: new Decimal(billed),
      samples: n,
      discarded,
    });
  });

  it("bills the value of equal samples, whichever of them is discarded", () => {
    // 20 samples: two of 100, eighteen of 7. 1 discarded (one 100): the other 100 is billed.
    const values = [...Array.from({ length: 18 }, () => new Decimal(7)), new Decimal(100), new Decimal(100)];
    expect(rankedValue(values, RANK_95, "floor").value.toFixed()).toBe("100");
    // 21 samples all 7: 1 discarded, 7 billed.
    expect(
      rankedValue(
        Array.from({ length: 21 }, () => new Decimal(7)),
        RANK_95,
        "floor",
      ).value.toFixed(),
    ).toBe("7");
  });
});

// One event of 5 megabits at noon on a day of DST change in New York, 5-minute samples of a daily contract.
function transitContract(emptyWindows: "zero" | "skip") {
  return buildContract({
    timeZone: "America/New_York",
    billing: { cadence: "daily" },
    meters: [
      {
        id: "p95",
        eventType: "transit",
        aggregation: "percentile",
        valueProperty: "megabits",
        window: { size: "5m", aggregation: "sum", emptyWindows },
        percentile: { rank: "95" },
      },
    ],
    charges: [{ id: "transit", name: "Transit", meter: "p95", price: { model: "unit", unitPrice: "1" } }],
  } as never);
}
const computationOf = (invoice: ReturnType<typeof rateInvoice>) =>
  (invoice.lines[0]!.steps[0] as { computation: Record<string, unknown> }).computation;

describe("5-minute samples of a day the clocks change", () => {
  it("counts 23 × 12 = 276 samples on 8 March and 25 × 12 = 300 on 1 November 2026 in New York", () => {
    const contract = transitContract("zero");
    for (const [day, samples, discarded] of [
      // 8 March: 00:00 EST (05:00Z) to 00:00 EDT on the 9th (04:00Z), 23 hours; 5 % of 276 = 13.8 → 13
      ["2026-03-08", 276, 13],
      // 1 November: 00:00 EDT (04:00Z) to 00:00 EST on the 2nd (05:00Z), 25 hours; 5 % of 300 = 15
      ["2026-11-01", 300, 15],
    ] as const) {
      const events = [usageEvent("a", "transit", `${day}T12:00:00-05:00`, { megabits: 5 })];
      const next = day === "2026-03-08" ? "2026-03-09" : "2026-11-02";
      const invoice = rateInvoice(contract, events, `${day}/${next}`);
      // One sample of 5 among 276 (or 300) is discarded with the top 13 (or 15): the 14th highest is 0.
      expect(invoice.lines[0]!.quantity).toBe("0");
      expect(computationOf(invoice)).toMatchObject({ samples, discarded });
    }
  });

  it("leaves the empty samples out with emptyWindows skip: the one sample is billed", () => {
    // 1 sample, 5 % of 1 = 0.05 → 0 discarded: 5 Mbit (the invoice's quantity), 5.00.
    const invoice = rateInvoice(
      transitContract("skip"),
      [usageEvent("a", "transit", "2026-03-08T12:00:00-04:00", { megabits: 5 })],
      "2026-03-08/2026-03-09",
    );
    expect(invoice.lines[0]).toMatchObject({ quantity: "5", amount: "5.00" });
    expect(computationOf(invoice)).toMatchObject({ samples: 1, discarded: 0 });
  });
});

describe("a late sample in a window already past", () => {
  it("re-ranks the period: a late 110 in the 03:00 hour moves the billed sample from 80 to 90", () => {
    // 10 February 2026, a daily UTC contract, hourly samples: 24, 5 % = 1.2 → 1 discarded.
    // Issued: hour 00 = 90, hour 01 = 80, 22 hours of 10 → discard 90, bill 80 × 1.00 = 80.00.
    // Late: 100 more in hour 03 (10 + 100 = 110) → 110, 90, 80, …: discard 110, bill 90 = 90.00; the
    // correction reverses 80.00 and books 90.00: +10.00.
    const contract = buildContract({
      billing: { cadence: "daily" },
      meters: [
        {
          id: "p95",
          eventType: "transit",
          aggregation: "percentile",
          valueProperty: "mbps",
          window: { size: "hour", aggregation: "sum" },
          percentile: { rank: "95" },
        },
      ],
      charges: [{ id: "transit", name: "Transit", meter: "p95", price: { model: "unit", unitPrice: "1" } }],
    } as never);
    const hour = (h: number) => `2026-02-10T${String(h).padStart(2, "0")}:30:00Z`;
    const usage = Array.from({ length: 24 }, (_, h) =>
      usageEvent(`h${h}`, "transit", hour(h), { mbps: h === 0 ? 90 : h === 1 ? 80 : 10 }),
    );
    const issued = rateInvoice(contract, usage, "2026-02-10/2026-02-11");
    expect(issued.lines[0]).toMatchObject({ quantity: "80", amount: "80.00" });
    const late = [usageEvent("late", "transit", "2026-02-10T03:45:00Z", { mbps: 100 })];
    const correction = correctLateUsage(contract, issued, usage, late, { billOn: "2026-02-11/2026-02-12" });
    if (correction.mode !== "next_invoice") throw new Error("expected delta lines");
    expect(correction.total).toBe("10.00");
    expect(correction.rerated.lines[0]).toMatchObject({ quantity: "90", amount: "90.00" });
  });
});
