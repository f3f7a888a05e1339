import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUNDING_MODES, type RoundingMode } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ChargeInput, usageEvent } from "../_support/contract.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// The oracle: an average meter's quantity is the fraction Σ values ÷ events, and a unit, graduated or
// volume price of it is a fraction too; worked out here on BigInt numerators and denominators, apart from
// decimal.js, and rounded to cents by src's rounding modes as test/_support/roundByHand.ts reads them.
// ratecard's line must be that rounding, to the cent, in every mode (docs/meters.md, "Quotients").

interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}
const fraction = (n: bigint, d = 1n): Fraction => ({ n, d });
const plus = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const minus = (a: Fraction, b: Fraction): Fraction => plus(a, { n: -b.n, d: b.d });
const times = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });
const atMost = (a: Fraction, b: Fraction) => a.n * b.d <= b.n * a.d;
// A decimal text of the generators below ("12.34", "0.0075") as a fraction over a power of ten.
function ofText(text: string): Fraction {
  const [whole, decimals = ""] = text.split(".");
  return { n: BigInt(`${whole}${decimals}`), d: 10n ** BigInt(decimals.length) };
}
const text = (units: number, decimals: number) =>
  decimals === 0 ? String(units) : (units / 10 ** decimals).toFixed(decimals);

type Shape = "unit" | "graduated" | "volume" | "tiered_with_minimum";

// The priced amount of quantity q, as the price models define it (docs/pricing.md); a tiered minimum
// tops the graduated amount up to the minimum of the highest tier reached.
function amountOf(
  shape: Shape,
  q: Fraction,
  upTo: Fraction,
  [first, rest]: readonly [Fraction, Fraction],
  minimums: readonly [Fraction, Fraction],
): Fraction {
  if (shape === "unit") return times(q, first);
  if (atMost(q, upTo))
    return shape === "tiered_with_minimum" ? atLeast(times(q, first), minimums[0]) : times(q, first);
  if (shape === "volume") return times(q, rest);
  const graduated = plus(times(upTo, first), times(minus(q, upTo), rest));
  return shape === "tiered_with_minimum" ? atLeast(graduated, minimums[1]) : graduated;
}
const atLeast = (a: Fraction, b: Fraction) => (atMost(b, a) ? a : b);

function priceOf(
  shape: Shape,
  upTo: string,
  first: string,
  rest: string,
  minimums: readonly [string, string],
): ChargeInput["price"] {
  if (shape === "unit") return { model: "unit", unitPrice: first };
  if (shape === "tiered_with_minimum")
    return {
      model: shape,
      tiers: [
        { upTo, unitPrice: first, minimum: minimums[0] },
        { unitPrice: rest, minimum: minimums[1] },
      ],
    };
  return { model: shape, tiers: [{ upTo, unitPrice: first }, { unitPrice: rest }] };
}

const scenario = fc
  .record({
    // Values in cents of a GB, 1–9 of them: averages over 3, 6, 7 or 9 events do not end.
    values: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 }),
    // Whole GB half the time, so that with a price on a cent (below) the amount is a whole number of cents.
    wholeGb: fc.boolean(),
    shape: fc.constantFrom<Shape>("unit", "graduated", "volume", "tiered_with_minimum"),
    // A tiered minimum's two minimums, in cents.
    minimumCents: fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 3_000 })),
    upTo: fc.integer({ min: 1, max: 60 }),
    // Half the prices are a whole number of cents × the number of events, so that with whole GB the
    // amount of the unit price, or of the units above the tier, is a whole number of cents: the amounts
    // a 50-digit quotient got wrong (0.0099…9 rounded down). The other half are any price, 4 decimals.
    onCent: fc.boolean(),
    cents: fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })),
    anyPrice: fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 })),
    mode: fc.constantFrom<RoundingMode>(...ROUNDING_MODES),
  })
  .map((drawn) => {
    const events = drawn.values.length;
    const values = drawn.wholeGb ? drawn.values.map((cents) => (cents % 100) * 100) : drawn.values;
    const [first, rest] = drawn.onCent
      ? drawn.cents.map((cents) => text(cents * events, 2))
      : drawn.anyPrice.map((units) => text(units, 4));
    const minimums = drawn.minimumCents.map((cents) => text(cents, 2)) as [string, string];
    return { ...drawn, values, first: first!, rest: rest!, upTo: String(drawn.upTo), minimums };
  });

describe("an average priced by a unit, graduated, volume or tiered-minimum price is rounded from the exact fraction", () => {
  it("matches the BigInt oracle to the cent in every rounding mode", () => {
    fc.assert(
      fc.property(scenario, ({ values, shape, upTo, first, rest, minimums, mode }) => {
        const contract = buildContract({
          meters: [{ id: "gauge", eventType: "g", aggregation: "avg", valueProperty: "v" }],
          charges: [
            { id: "c", name: "Gauge", meter: "gauge", price: priceOf(shape, upTo, first, rest, minimums) },
          ],
          rounding: { mode },
        });
        const events = values.map((cents, at) =>
          usageEvent(`e${at}`, "g", `2026-02-0${at + 1}T00:00:00Z`, { v: text(cents, 2) }),
        );
        const line = rateInvoice(contract, events, "2026-02").lines.find((entry) => entry.chargeId === "c")!;

        const sum = values.reduce((total, cents) => total + BigInt(cents), 0n);
        const quantity = fraction(sum, 100n * BigInt(values.length));
        const amount = amountOf(
          shape,
          quantity,
          ofText(upTo),
          [ofText(first), ofText(rest)],
          [ofText(minimums[0]), ofText(minimums[1])],
        );
        const cents = roundFractionByHand(amount.n * 100n, amount.d, mode);
        expect(line.amount).toBe(text(Number(cents), 2));
      }),
    );
  });

  it("a time-weighted level (GB-month over February's 672 hours) matches the oracle in every mode", () => {
    // Levels set at whole hours from 0 GB: the quantity is Σ level × hours held ÷ 672. Half the prices
    // are a whole number of cents × 672 ÷ a divisor of 672, so that many amounts end on a cent.
    const levels = fc.array(
      fc.record({ hour: fc.integer({ min: 0, max: 671 }), gb: fc.integer({ min: 0, max: 50 }) }),
      { minLength: 1, maxLength: 6 },
    );
    const price = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(1, 2, 3, 4, 6, 7, 8, 12, 14, 21, 24, 28, 42))
        .map(([cents, part]) => text((cents * 672) / part, 2)),
      fc.integer({ min: 1, max: 20_000 }).map((units) => text(units, 4)),
    );
    const mode = fc.constantFrom<RoundingMode>(...ROUNDING_MODES);
    fc.assert(
      fc.property(levels, price, mode, (drawn, unitPrice, rounding) => {
        // One level per hour (the last drawn for an hour wins), in time order.
        const byHour = new Map(drawn.map((level) => [level.hour, level.gb]));
        const hours = [...byHour.keys()].sort((a, b) => a - b);
        const contract = buildContract({
          meters: [{ id: "gauge", eventType: "g", aggregation: "weighted_sum", valueProperty: "v" }],
          charges: [{ id: "c", name: "Storage", meter: "gauge", price: { model: "unit", unitPrice } }],
          rounding: { mode: rounding },
        });
        const start = Date.UTC(2026, 1, 1);
        const events = hours.map((hour) =>
          usageEvent(`h${hour}`, "g", new Date(start + hour * 3_600_000).toISOString(), {
            v: String(byHour.get(hour)),
          }),
        );
        const line = rateInvoice(contract, events, "2026-02").lines.find((entry) => entry.chargeId === "c")!;

        // Σ level × hours: each level holds from its hour to the next one's, the last to hour 672.
        const gbHours = hours.reduce(
          (total, hour, at) => total + BigInt(byHour.get(hour)!) * BigInt((hours[at + 1] ?? 672) - hour),
          0n,
        );
        const amount = times(fraction(gbHours, 672n), ofText(unitPrice));
        const cents = roundFractionByHand(amount.n * 100n, amount.d, rounding);
        expect(line.amount).toBe(text(Number(cents), 2));
      }),
    );
  });

  it("hourly averages less a free allowance per hour, less a pool, match the oracle in every mode", () => {
    // Readings in 1–4 hours of 2 February, 1–6 in each: each hour's average is Σ ÷ readings, less the
    // allowance per hour (never below 0); the hours add up; a pool, when there is one, takes what it
    // holds of the sum. Half the prices are a whole number of cents × 60, so that many amounts end on a
    // cent (averages over 3, 4, 5 or 6 readings, less allowances in hundredths).
    const hour = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 6 });
    const scenario = fc.record({
      hours: fc.array(hour, { minLength: 1, maxLength: 4 }),
      allowanceCents: fc.integer({ min: 0, max: 300 }),
      poolCents: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
      price: fc.oneof(
        fc.integer({ min: 1, max: 40 }).map((cents) => text(cents * 60, 2)),
        fc.integer({ min: 1, max: 20_000 }).map((units) => text(units, 4)),
      ),
      mode: fc.constantFrom<RoundingMode>(...ROUNDING_MODES),
    });
    fc.assert(
      fc.property(scenario, ({ hours, allowanceCents, poolCents, price, mode }) => {
        const allowance = text(allowanceCents, 2);
        const contract = buildContract({
          meters: [
            {
              id: "gauge",
              eventType: "g",
              aggregation: "sum",
              valueProperty: "v",
              window: { size: "hour", aggregation: "avg", allowance },
            },
          ],
          charges: [{ id: "c", name: "Cache", meter: "gauge", price: { model: "unit", unitPrice: price } }],
          ...(poolCents === undefined
            ? {}
            : { allowances: [{ id: "pool", name: "Pool", quantity: text(poolCents, 2), charges: ["c"] }] }),
          rounding: { mode },
        });
        const events = hours.flatMap((readings, at) =>
          readings.map((cents, index) =>
            usageEvent(`h${at}r${index}`, "g", `2026-02-02T0${at}:${String(index).padStart(2, "0")}:00Z`, {
              v: text(cents, 2),
            }),
          ),
        );
        const line = rateInvoice(contract, events, "2026-02").lines.find((entry) => entry.chargeId === "c")!;

        const free = ofText(allowance);
        const billed = hours.reduce((total, readings) => {
          const sum = readings.reduce((all, cents) => all + BigInt(cents), 0n);
          const average = fraction(sum, 100n * BigInt(readings.length));
          return atMost(average, free) ? total : plus(total, minus(average, free));
        }, fraction(0n));
        const pool = poolCents === undefined ? undefined : fraction(BigInt(poolCents), 100n);
        const left =
          pool === undefined || atMost(billed, pool)
            ? pool === undefined
              ? billed
              : fraction(0n)
            : minus(billed, pool);
        const amount = times(left, ofText(price));
        const cents = roundFractionByHand(amount.n * 100n, amount.d, mode);
        expect(line.amount).toBe(text(Number(cents), 2));
      }),
    );
  });

  it("two averages sharing a pool: the second draws the pool's exact rest, and both match the oracle in every mode", () => {
    // Pool P on [a, b], drawn a first: a takes min(qa, P), b takes min(qb, P − that); each bills its
    // quantity less its draw at its unit price. qa averages 3 readings of whole GB (a third when it does
    // not end), the pool is whole GB and the price a multiple of 3 cents, so b's amount ends on a cent
    // exactly: at 50 digits the pool's rest of 2/3 was 0.666…67, and b's amount 0.0099…99 rounded down.
    const scenario = fc.record({
      a: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
      b: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 2 }),
      poolCents: fc.integer({ min: 0, max: 6 }).map((gb) => gb * 100),
      price: fc.integer({ min: 1, max: 40 }).map((threes) => text(threes * 3, 2)),
      mode: fc.constantFrom(...ROUNDING_MODES),
    });
    fc.assert(
      fc.property(scenario, ({ a, b, poolCents, price, mode }) => {
        const meter = (id: string) => ({
          id,
          eventType: id,
          aggregation: "avg" as const,
          valueProperty: "v",
        });
        const unit = (id: string): ChargeInput => ({
          id,
          name: id,
          meter: id,
          price: { model: "unit", unitPrice: price },
        });
        const contract = buildContract({
          meters: [meter("a"), meter("b")],
          charges: [unit("a"), unit("b")],
          allowances: [{ id: "pool", name: "Pool", quantity: text(poolCents, 2), charges: ["a", "b"] }],
          rounding: { mode },
        });
        const readings = (type: string, values: ReadonlyArray<number>) =>
          values.map((cents, at) =>
            usageEvent(`${type}${at}`, type, `2026-02-0${at + 1}T00:00:00Z`, { v: String(cents) }),
          );
        const invoice = rateInvoice(contract, [...readings("a", a), ...readings("b", b)], "2026-02");

        const average = (values: ReadonlyArray<number>) =>
          fraction(
            values.reduce((total, gb) => total + BigInt(gb), 0n),
            BigInt(values.length),
          );
        const least = (x: Fraction, y: Fraction) => (atMost(x, y) ? x : y);
        let rest = fraction(BigInt(poolCents), 100n);
        for (const [id, values] of [
          ["a", a],
          ["b", b],
        ] as const) {
          const quantity = average(values);
          const drawn = least(quantity, rest);
          rest = minus(rest, drawn);
          const amount = times(minus(quantity, drawn), ofText(price));
          const cents = roundFractionByHand(amount.n * 100n, amount.d, mode);
          const line = invoice.lines.find((entry) => entry.chargeId === id)!;
          expect(line.amount).toBe(text(Number(cents), 2));
        }
      }),
    );
  });
});
