import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText, rateInvoice } from "../../src/index.js";
import { falseEquations, figureOf, MONEY } from "../_laws/explainArithmetic.js";
import { localMidnight, localMinuteOfDay, monthsLater } from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  decimalArb,
  instantOf,
  outcomesOf,
  type Ratio,
  ratio,
  ratioOfText,
  ratioOfUnits,
  rawEventsArb,
  unitsOf,
} from "../_support/meterOracle.js";

// Time-of-day buckets with commitments (docs/window-pricing.md, Flexprice's window commitments) from
// events to the line, against an oracle on BigInts, in currencies of 0, 2 and 3 minor units: hourly
// windows of a local month (from local midnight, across DST), each window's sum (or that ÷ 3,600 s, a
// fraction that need not end, with perSecond) through the charge's
// transform (÷ 1,000, rounded up or down, or ÷ 4 rounded down), a peak bucket 08:00–20:00 of the
// contract's zone at 0.137 a unit held to a commitment per window (an amount of 5, or 3 units priced at
// 0.137), U ≥ C bills C + (U − C) × the overage factor, U < C bills C with a true-up, else U; the other
// windows at the charge's graduated tiers (up to 1 at 0.37, up to 5 at 0.11, then 0.05); empty windows
// counted as 0 (trued up in the bucket) or skipped; each window rounded first, or the line once, half
// even or half up. (windowPricingOracle.property.test.ts covers the tiers without buckets.)

type Transform = "none" | "thousand" | "thousand_up" | "four_down";
interface Setup {
  readonly zone: string;
  readonly month: number;
  readonly currency: "USD" | "JPY" | "BHD";
  readonly mode: "half_even" | "half_up";
  readonly rounding: "line" | "each_window";
  readonly empty: "zero" | "skip";
  /** Each window's sum ÷ 3,600 s: a rate, a fraction that need not end. */
  readonly perSecond: boolean;
  readonly transform: Transform;
  readonly commitment: "amount" | "quantity";
  readonly factor: "1" | "1.5" | "0";
  readonly trueUp: boolean;
}
const setupArb: fc.Arbitrary<Setup> = fc.record({
  zone: fc.constantFrom("UTC", "America/New_York", "Asia/Kathmandu"),
  month: fc.constantFrom(3, 11),
  currency: fc.constantFrom("USD" as const, "JPY" as const, "BHD" as const),
  mode: fc.constantFrom("half_even" as const, "half_up" as const),
  rounding: fc.constantFrom("line" as const, "each_window" as const),
  empty: fc.constantFrom("zero" as const, "skip" as const),
  perSecond: fc.boolean(),
  transform: fc.constantFrom<Transform>("none", "thousand", "thousand_up", "four_down"),
  commitment: fc.constantFrom("amount" as const, "quantity" as const),
  factor: fc.constantFrom("1" as const, "1.5" as const, "0" as const),
  trueUp: fc.boolean(),
});

const MINOR = { USD: 2, JPY: 0, BHD: 3 } as const;
const TRANSFORMS = {
  none: undefined,
  thousand: { divideBy: "1000" },
  thousand_up: { divideBy: "1000", round: "up" },
  four_down: { divideBy: "4", round: "down" },
} as const;

function contractOf(setup: Setup) {
  const commitment = {
    ...(setup.commitment === "amount" ? { amount: "5" } : { quantity: "3" }),
    overageFactor: setup.factor,
    trueUp: setup.trueUp,
  };
  return buildContract({
    currency: setup.currency,
    timeZone: setup.zone,
    rounding: { mode: setup.mode },
    meters: [
      {
        id: "w",
        eventType: "t",
        aggregation: "sum",
        valueProperty: "v",
        window: { size: "hour", aggregation: "sum", emptyWindows: setup.empty, perSecond: setup.perSecond },
      },
    ],
    charges: [
      {
        id: "gpu",
        name: "GPU",
        meter: "w",
        ...(TRANSFORMS[setup.transform] === undefined ? {} : { transform: TRANSFORMS[setup.transform] }),
        price: {
          model: "graduated",
          tiers: [{ upTo: "1", unitPrice: "0.37" }, { upTo: "5", unitPrice: "0.11" }, { unitPrice: "0.05" }],
        },
        windows: {
          tiers: "each_window",
          rounding: setup.rounding,
          buckets: [
            {
              id: "peak",
              from: "08:00",
              until: "20:00",
              price: { model: "unit", unitPrice: "0.137" },
              commitment,
            },
          ],
        },
      },
    ],
  } as never);
}

const add = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const times = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[0], a[1] * b[1]);
const below = (a: Ratio, b: Ratio) => a[0] * b[1] < b[0] * a[1];
const ZERO: Ratio = [0n, 1n];

// The graduated tiers of the charge, in currency units.
function graduated([n, d]: Ratio): Ratio {
  const part = (from: bigint, to: bigint | undefined) => {
    const low = n > from * d ? n - from * d : 0n;
    const width = to === undefined ? low : (to - from) * d;
    return low < width ? low : width;
  };
  return ratio(37n * part(0n, 1n) + 11n * part(1n, 5n) + 5n * part(5n, undefined), 100n * d);
}

// A non-negative amount rounded to `decimals`, half even or half up, as units of 10^-decimals.
function rounded([n, d]: Ratio, decimals: number, mode: Setup["mode"]): bigint {
  const scaled = n * 10n ** BigInt(decimals);
  const truncated = scaled / d;
  const twice = (scaled - truncated * d) * 2n;
  const up = twice > d || (twice === d && (mode === "half_up" || truncated % 2n !== 0n));
  return up ? truncated + 1n : truncated;
}
const textOf = (units: bigint, decimals: number) => {
  if (decimals === 0) return String(units);
  const digits = String(units).padStart(decimals + 1, "0");
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
};

function billable(value: Ratio, transform: Transform): Ratio {
  if (transform === "none") return value;
  const divisor = transform === "four_down" ? 4n : 1000n;
  const [n, d] = ratio(value[0], value[1] * divisor);
  if (transform === "thousand") return [n, d];
  const floor = n / d;
  return [transform === "thousand_up" && floor * d !== n ? floor + 1n : floor, 1n];
}

// Flexprice's window commitment, in currency units.
function peakCharge(quantity: Ratio, setup: Setup): Ratio {
  const usage = times(quantity, [137n, 1000n]);
  const committed: Ratio = setup.commitment === "amount" ? [5n, 1n] : times([3n, 1n], [137n, 1000n]);
  if (!below(usage, committed)) {
    const factor: Ratio = setup.factor === "1.5" ? [3n, 2n] : [BigInt(setup.factor), 1n];
    return add(committed, times(add(usage, [-committed[0], committed[1]]), factor));
  }
  return setup.trueUp ? committed : usage;
}

// The part of a peak window's price above its commitment (U − C when U ≥ C, else 0), which the overage
// bills × the factor in place of its price.
function aboveCommitment(quantity: Ratio, setup: Setup): Ratio {
  const usage = times(quantity, [137n, 1000n]);
  const committed: Ratio = setup.commitment === "amount" ? [5n, 1n] : times([3n, 1n], [137n, 1000n]);
  return below(usage, committed) ? ZERO : add(usage, [-committed[0], committed[1]]);
}

const scenarioArb = setupArb.chain((setup) => {
  const from = localMidnight({ y: 2026, m: setup.month, d: 1 }, setup.zone);
  const to = localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone);
  return fc.record({
    setup: fc.constant(setup),
    events: rawEventsArb({
      ids: ["a", "b", "c", "d", "e", "f", "g", "h"],
      type: "t",
      instants: fc.oneof(
        fc.constantFrom(from, to - 1, from - 1, to),
        fc.integer({ min: from, max: to - 1 }),
        // the hours around the bucket's edges on the first days: 07:00–09:00 and 19:00–21:00 local
        fc
          .tuple(
            fc.integer({ min: 0, max: 2 }),
            fc.constantFrom(7, 8, 19, 20),
            fc.integer({ min: 0, max: 3_599_999 }),
          )
          .map(([day, hour, within]) => from + (day * 24 + hour) * 3_600_000 + within),
      ),
      properties: fc.record({ v: decimalArb({ negative: false, digits: 5 }) }),
      conflict: { v: "7" },
      maxLength: 10,
    }),
  });
});

describe("window commitments in time-of-day buckets against a BigInt oracle (property)", () => {
  it("bills each window at its bucket's commitment or the charge's tiers, in every currency's minor units", () => {
    fc.assert(
      fc.property(scenarioArb, ({ setup, events }) => {
        const from = localMidnight({ y: 2026, m: setup.month, d: 1 }, setup.zone);
        const to = localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone);
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["t"],
          period: [from, to],
          isRead: (event) => event.type === "t",
          isReadable: (event) => unitsOf(event.properties.v) !== undefined,
        });
        const sums = new Map<number, bigint>();
        events.forEach((event, i) => {
          if (outcomes[i] !== "counted") return;
          const index = Math.floor((instantOf(event.timestamp) - from) / 3_600_000);
          sums.set(index, (sums.get(index) ?? 0n) + unitsOf(event.properties.v)!);
        });
        const decimals = MINOR[setup.currency];
        let quantity = ZERO;
        let exact = ZERO;
        let settled = 0n;
        let above = ZERO;
        for (let index = 0; index * 3_600_000 < to - from; index += 1) {
          const sum = sums.get(index);
          if (sum === undefined && setup.empty === "skip") continue;
          const value = ratioOfUnits(sum ?? 0n);
          const windowQuantity = billable(
            setup.perSecond ? ratio(value[0], value[1] * 3600n) : value,
            setup.transform,
          );
          const minute = localMinuteOfDay(from + index * 3_600_000, setup.zone);
          const peak = minute >= 8 * 60 && minute < 20 * 60;
          const amount = peak ? peakCharge(windowQuantity, setup) : graduated(windowQuantity);
          if (peak) above = add(above, aboveCommitment(windowQuantity, setup));
          quantity = add(quantity, windowQuantity);
          exact = add(exact, amount);
          settled += rounded(amount, decimals, setup.mode);
        }
        const expected = setup.rounding === "line" ? rounded(exact, decimals, setup.mode) : settled;

        const invoice = rateInvoice(
          contractOf(setup),
          events,
          `2026-${String(setup.month).padStart(2, "0")}`,
        );
        const line = invoice.lines.find((candidate) => candidate.chargeId === "gpu")!;
        // The windows' billable quantities added as fractions and divided once, to 50 digits when they
        // do not end (1 ÷ 3,600 ÷ 1,000 = 0.000000277…78): within 10⁻⁴⁵ of the exact sum.
        const [shownN, shownD] = ratioOfText(line.quantity ?? "0");
        const gap = shownN * quantity[1] - quantity[0] * shownD;
        expect((gap < 0n ? -gap : gap) * 10n ** 45n < shownD * quantity[1]).toBe(true);
        expect(line.amount).toBe(textOf(expected, decimals));
        // The peak bucket's sentence: its sums hold, and the part it says the overage took the place of
        // is Σ (U − C) over the windows at or above their commitment (none: no such part is named).
        const text = explainText(invoice);
        expect(falseEquations(text)).toEqual([]);
        const sentence = text
          .split(/(?<=\.) (?=[A-Z])/)
          .find((candidate) => candidate.startsWith("Bucket peak: "));
        const named = new RegExp(`in place of the (${MONEY}) priced above the commitments`).exec(
          sentence ?? "",
        );
        if (above[0] === 0n) expect(named).toBeNull();
        else {
          expect(named).not.toBeNull();
          if (!named![1]!.endsWith("…"))
            expect(figureOf(named![1]!).value.times(above[1].toString()).equals(above[0].toString())).toBe(
              true,
            );
        }
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
