import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract, ROUNDING_MODES, type RoundingMode, rateInvoice } from "../../src/index.js";
import { buildContractJson, type ChargeInput } from "../_support/contract.js";
import { fuzzParameters } from "../_support/fuzzRuns.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// One usage charge through the whole line pipeline (charge included units, transform, price model,
// minimum / maximum, zero floor, rounding to the currency's minor units with the contract's mode),
// against an oracle written from docs/pricing.md alone in exact fractions of BigInts: no Decimal, no
// ratecard code. Every model of one quantity, on tier bounds and one billionth either side, fractions
// with nine decimals, 10^13-sized totals, prices with up to 15 decimals, in JPY (0 decimals), USD (2)
// and BHD (3), with every rounding mode.

// ---- exact fractions ------------------------------------------------------------------------------
interface Q {
  readonly n: bigint;
  readonly d: bigint; // > 0
}
const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
const q = (n: bigint, d = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const ZERO = q(0n);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => (b.n < 0n ? q(-a.n * b.d, a.d * -b.n) : q(a.n * b.d, a.d * b.n));
const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const maxQ = (a: Q, b: Q) => (cmp(a, b) >= 0 ? a : b);
const minQ = (a: Q, b: Q) => (cmp(a, b) <= 0 ? a : b);
const isZero = (a: Q) => a.n === 0n;
const ceilQ = (a: Q) => q(roundFractionByHand(a.n, a.d, "ceiling"));
const floorQ = (a: Q) => q(roundFractionByHand(a.n, a.d, "floor"));
/** A decimal text ("-12.5", "0.000000001") as a fraction. */
function parse(text: string): Q {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  const n = BigInt(`${whole}${fraction}`) * (negative ? -1n : 1n);
  return q(n, 10n ** BigInt(fraction.length));
}
/** units × 10^-scale as decimal text. */
function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}
const roundTo = (a: Q, decimals: number, mode: RoundingMode) =>
  q(roundFractionByHand(a.n * 10n ** BigInt(decimals), a.d, mode), 10n ** BigInt(decimals));

// ---- prices and their oracles ---------------------------------------------------------------------
/** A price as JSON, the bounds a quantity is worth probing at, and what docs/pricing.md says it costs. */
interface Priced {
  readonly price: Record<string, unknown>;
  readonly bounds: ReadonlyArray<Q>;
  /** The exact amount for a billable quantity (and the transactions, for percentage). */
  readonly cost: (quantity: Q, values: ReadonlyArray<Q>) => Q;
  /** Whether the charge may take a transform (not percentage, docs/pricing.md#transform-the-billable-quantity). */
  readonly transformable: boolean;
  /** Whether the quantity may be negative (unit and dynamic multiply it; percentage reads each value). */
  readonly signed: boolean;
}

/** A decimal below 10^digits with exactly `scale` possible decimals, as [fraction, text]. */
const decimalArb = (digits: number, scale: number, min = 0n) =>
  fc.bigInt({ min, max: 10n ** BigInt(digits + scale) - 1n }).map((units) => text(units, scale));
/** A unit price (below 10^9, at most 15 decimals): cents, sub-minor, or 15 decimals. */
const unitPriceArb = fc.oneof(decimalArb(3, 2), decimalArb(1, 7), decimalArb(2, 15), decimalArb(8, 4));
/** A money amount (flat fee, band, minimum): below 10^15 with at most 12 decimals. */
const moneyArb = fc.oneof(decimalArb(4, 2), decimalArb(3, 3), decimalArb(2, 12));
/** Ascending bounds (1–3 of them), whole or with up to 3 decimals; the first need not be small. */
const boundsArb = fc
  .array(fc.oneof(decimalArb(4, 0, 1n), decimalArb(6, 3, 1n), decimalArb(12, 0, 1n)), {
    minLength: 1,
    maxLength: 3,
  })
  .map((texts) => [...new Set(texts)].sort((a, b) => cmp(parse(a), parse(b))));
const perArb = fc.option(fc.constantFrom("10", "1000", "1000000"), { nil: undefined });
const atZeroArb = fc.option(fc.boolean(), { nil: undefined });

/** Tier i's lower bound (the previous upTo; 0 for the first) and upper bound (undefined: open). */
const range = (bounds: ReadonlyArray<Q>, i: number) => ({
  from: i === 0 ? ZERO : bounds[i - 1]!,
  upTo: bounds[i],
});
/** The units of `quantity` in `(from, upTo]`. */
const inTier = (quantity: Q, from: Q, upTo: Q | undefined) =>
  maxQ(ZERO, sub(upTo === undefined ? quantity : minQ(quantity, upTo), from));
/** The first tier whose upTo the quantity does not exceed (bounds inclusive). */
const tierOf = (bounds: ReadonlyArray<Q>, quantity: Q) => {
  const found = bounds.findIndex((upTo) => cmp(quantity, upTo) <= 0);
  return found === -1 ? bounds.length : found;
};
/** Whether tier i is reached: tier 1 always (also at 0), a later tier once the quantity passes its from. */
const reached = (bounds: ReadonlyArray<Q>, quantity: Q, i: number) =>
  i === 0 || cmp(quantity, range(bounds, i).from) > 0;

const unitArb: fc.Arbitrary<Priced> = fc
  .record({ unitPrice: unitPriceArb, per: perArb })
  .map(({ unitPrice, per }) => ({
    price: { model: "unit", unitPrice, ...(per === undefined ? {} : { per }) },
    bounds: [],
    // quantity × unitPrice ÷ per
    cost: (quantity) => div(mul(quantity, parse(unitPrice)), parse(per ?? "1")),
    transformable: true,
    signed: true,
  }));

const packageArb: fc.Arbitrary<Priced> = fc
  .record({
    packageSize: fc.oneof(decimalArb(5, 0, 1n), decimalArb(2, 3, 1n)),
    packagePrice: unitPriceArb,
    partialPackage: fc.option(fc.constantFrom("round_up", "round_down"), { nil: undefined }),
  })
  .map(({ packageSize, packagePrice, partialPackage }) => ({
    price: { model: "package", packageSize, packagePrice, ...(partialPackage ? { partialPackage } : {}) },
    bounds: [parse(packageSize), mul(parse(packageSize), q(3n))],
    // ⌈quantity ÷ size⌉ (or ⌊…⌋) × price
    cost: (quantity) => {
      const packages = div(quantity, parse(packageSize));
      return mul(partialPackage === "round_down" ? floorQ(packages) : ceilQ(packages), parse(packagePrice));
    },
    transformable: true,
    signed: false,
  }));

/**
 * A list of 1–4 tiers (or bands) over ascending bounds, the last unbounded, each drawn from `tierArb`,
 * with `flatFeeAtZeroUsage` maybe set; `cost` is the oracle given the tiers, their bounds and the option.
 * With `extendable`, the last tier may carry a bound and `"aboveLastTier": "extend"`: a quantity above
 * it costs what the same list without that bound charges (docs/pricing.md#bounded-last-tiers-abovelasttier).
 */
function tierListArb<T extends Record<string, string | undefined>>(
  model: string,
  list: "tiers" | "bands",
  tierArb: fc.Arbitrary<T>,
  cost: (tiers: ReadonlyArray<T>, upTos: ReadonlyArray<Q>, atZero: boolean | undefined) => (quantity: Q) => Q,
  extendable = false,
): fc.Arbitrary<Priced> {
  return fc.tuple(boundsArb, extendable ? fc.boolean() : fc.constant(false)).chain(([bounds, extend]) => {
    const count = extend ? bounds.length : bounds.length + 1;
    return fc
      .record({ tiers: fc.array(tierArb, { minLength: count, maxLength: count }), atZero: atZeroArb })
      .map(({ tiers, atZero }) => {
        const upTos = bounds.map(parse);
        // JSON drops the fields left undefined
        const written = tiers.map((tier, i) => JSON.parse(JSON.stringify({ ...tier, upTo: bounds[i] })));
        return {
          price: {
            model,
            [list]: written,
            ...(atZero === undefined ? {} : { flatFeeAtZeroUsage: atZero }),
            ...(extend ? { aboveLastTier: "extend" } : {}),
          },
          bounds: upTos,
          cost: cost(tiers, extend ? upTos.slice(0, -1) : upTos, atZero),
          transformable: true,
          signed: false,
        };
      });
  });
}

/** Each reached tier's units in `(from, upTo]` (tier 1 also at 0), with its index. */
const walk = (upTos: ReadonlyArray<Q>, count: number, quantity: Q) =>
  Array.from({ length: count }, (_, i) => i)
    .filter((i) => reached(upTos, quantity, i))
    .map((i) => ({ i, units: inTier(quantity, range(upTos, i).from, range(upTos, i).upTo) }));

const tieredArb = (model: "graduated" | "volume"): fc.Arbitrary<Priced> =>
  tierListArb(
    model,
    "tiers",
    fc.record({ unitPrice: unitPriceArb, per: perArb, flatFee: fc.option(moneyArb, { nil: undefined }) }),
    (tiers, upTos, atZero) => {
      const priceOf = (i: number) => div(parse(tiers[i]!.unitPrice), parse(tiers[i]!.per ?? "1"));
      const feeOf = (i: number, quantity: Q) =>
        tiers[i]!.flatFee === undefined || (isZero(quantity) && atZero === false)
          ? ZERO
          : parse(tiers[i]!.flatFee!);
      return (quantity) => {
        if (model === "volume") {
          // every unit at the reached tier's price, plus that tier's flat fee
          const i = tierOf(upTos, quantity);
          return add(mul(quantity, priceOf(i)), feeOf(i, quantity));
        }
        // each tier's units at its price, plus every reached tier's flat fee
        return walk(upTos, tiers.length, quantity).reduce(
          (amount, { i, units }) => add(add(amount, mul(units, priceOf(i))), feeOf(i, quantity)),
          ZERO,
        );
      };
    },
    true,
  );

const tieredPackageArb: fc.Arbitrary<Priced> = fc
  .record({
    mode: fc.constantFrom("graduated", "volume"),
    // each bounded tier spans a whole number of its blocks (docs/pricing.md#tiered_package)
    tiers: fc.array(
      fc.record({
        packageSize: fc.oneof(decimalArb(3, 0, 1n), decimalArb(1, 2, 1n)),
        blocks: fc.integer({ min: 1, max: 20 }),
        packagePrice: unitPriceArb,
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ mode, tiers }) => {
    let upTo = ZERO;
    const upTos = tiers.slice(0, -1).map(({ packageSize, blocks }) => {
      upTo = add(upTo, mul(parse(packageSize), q(BigInt(blocks))));
      return upTo;
    });
    const blocksOf = (units: Q, i: number) => ceilQ(div(units, parse(tiers[i]!.packageSize)));
    return {
      price: {
        model: "tiered_package",
        mode,
        tiers: tiers.map(({ packageSize, packagePrice }, i) => ({
          ...(i < upTos.length ? { upTo: text(upTos[i]!.n * (10n ** 2n / upTos[i]!.d), 2) } : {}),
          packageSize,
          packagePrice,
        })),
      },
      bounds: upTos,
      cost: (quantity: Q) => {
        if (mode === "volume") {
          // the reached tier's blocks for every unit
          const i = tierOf(upTos, quantity);
          return mul(blocksOf(quantity, i), parse(tiers[i]!.packagePrice));
        }
        let amount = ZERO;
        tiers.forEach(({ packagePrice }, i) => {
          const { from, upTo: to } = range(upTos, i);
          amount = add(amount, mul(blocksOf(inTier(quantity, from, to), i), parse(packagePrice)));
        });
        return amount;
      },
      transformable: true,
      signed: false,
    };
  });

// Each tier's part × its percent ÷ 100, plus the flat fee of every tier reached; at zero, tier 1's flat
// fee only with flatFeeAtZeroUsage: true (Lago's default: nothing).
const graduatedPercentageArb = tierListArb(
  "graduated_percentage",
  "tiers",
  fc.record({
    percent: fc.oneof(decimalArb(2, 0), decimalArb(1, 6)),
    flatFee: fc.option(moneyArb, { nil: undefined }),
  }),
  (tiers, upTos, atZero) => (quantity) =>
    walk(upTos, tiers.length, quantity).reduce((amount, { i, units }) => {
      const { percent, flatFee } = tiers[i]!;
      const fee = flatFee !== undefined && (!isZero(quantity) || atZero === true) ? parse(flatFee) : ZERO;
      return add(add(amount, div(mul(units, parse(percent!)), q(100n))), fee);
    }, ZERO),
  true,
);

// The amount of the band the quantity falls in; 0 at zero with flatFeeAtZeroUsage: false.
const thresholdArb = tierListArb(
  "threshold",
  "bands",
  fc.record({ amount: moneyArb }),
  (bands, upTos, atZero) => (quantity) =>
    isZero(quantity) && atZero === false ? ZERO : parse(bands[tierOf(upTos, quantity)]!.amount),
);

// Graduated, topped up to the highest reached tier's minimum (not at zero with flatFeeAtZeroUsage: false).
const tieredWithMinimumArb = tierListArb(
  "tiered_with_minimum",
  "tiers",
  fc.record({ unitPrice: unitPriceArb, minimum: fc.option(moneyArb, { nil: undefined }) }),
  (tiers, upTos, atZero) => (quantity) => {
    const reachedTiers = walk(upTos, tiers.length, quantity);
    const amount = reachedTiers.reduce(
      (sum, { i, units }) => add(sum, mul(units, parse(tiers[i]!.unitPrice))),
      ZERO,
    );
    const minimum = tiers[reachedTiers[reachedTiers.length - 1]!.i]!.minimum;
    if (minimum === undefined || (isZero(quantity) && atZero === false)) return amount;
    return maxQ(amount, parse(minimum));
  },
);

const dynamicArb: fc.Arbitrary<Priced> = fc
  .option(fc.oneof(decimalArb(1, 1), decimalArb(3, 6)), { nil: undefined })
  .map((multiplier) => ({
    price: { model: "dynamic", ...(multiplier === undefined ? {} : { multiplier }) },
    bounds: [],
    // the events' amounts × multiplier (default 1)
    cost: (quantity) => mul(quantity, parse(multiplier ?? "1")),
    transformable: false,
    signed: true,
  }));

const percentageArb: fc.Arbitrary<Priced> = fc
  .record({
    rate: fc.oneof(
      decimalArb(1, 3).map((percent) => ({ percent, fraction: div(parse(percent), q(100n)) })),
      decimalArb(3, 4).map((basisPoints) => ({ basisPoints, fraction: div(parse(basisPoints), q(10_000n)) })),
    ),
    fixedFee: fc.option(decimalArb(1, 2), { nil: undefined }),
    minimumPerEvent: fc.option(decimalArb(1, 2), { nil: undefined }),
    maximumPerEvent: fc.option(decimalArb(2, 2, 1000n), { nil: undefined }),
    freeEvents: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    freeAmount: fc.option(decimalArb(3, 2), { nil: undefined }),
  })
  .map(({ rate, fixedFee, minimumPerEvent, maximumPerEvent, freeEvents, freeAmount }) => {
    const { fraction, ...given } = rate;
    const max =
      maximumPerEvent !== undefined &&
      minimumPerEvent !== undefined &&
      cmp(parse(maximumPerEvent), parse(minimumPerEvent)) < 0
        ? undefined
        : maximumPerEvent;
    return {
      price: {
        model: "percentage",
        ...given,
        ...(fixedFee === undefined ? {} : { fixedFee }),
        ...(minimumPerEvent === undefined ? {} : { minimumPerEvent }),
        ...(max === undefined ? {} : { maximumPerEvent: max }),
        ...(freeEvents === undefined ? {} : { freeEvents }),
        ...(freeAmount === undefined ? {} : { freeAmount }),
      },
      bounds: [],
      // transaction by transaction in event order (docs/pricing.md#percentage): a refund costs nothing
      // and uses no allowance; while the allowance is open a transaction uses one free transaction and
      // its value of the free amount, entirely free if the amount left covers it; a paying part costs
      // part × rate + fixed fee, raised to the minimum or lowered to the maximum
      cost: (_quantity, values) => {
        let eventsLeft = freeEvents === undefined ? undefined : BigInt(freeEvents);
        let amountLeft = freeAmount === undefined ? undefined : parse(freeAmount);
        let total = ZERO;
        for (const value of values) {
          if (value.n < 0n) continue;
          let paying = value;
          const open =
            (eventsLeft !== undefined || amountLeft !== undefined) &&
            (eventsLeft === undefined || eventsLeft > 0n) &&
            (amountLeft === undefined || !isZero(amountLeft));
          if (open) {
            if (eventsLeft !== undefined) eventsLeft -= 1n;
            if (amountLeft === undefined || cmp(amountLeft, value) >= 0) {
              if (amountLeft !== undefined) amountLeft = sub(amountLeft, value);
              continue;
            }
            paying = sub(value, amountLeft);
            amountLeft = ZERO;
          }
          let cost = add(mul(paying, fraction), parse(fixedFee ?? "0"));
          if (minimumPerEvent !== undefined) cost = maxQ(cost, parse(minimumPerEvent));
          if (max !== undefined) cost = minQ(cost, parse(max));
          total = add(total, cost);
        }
        return total;
      },
      transformable: false,
      signed: true,
    };
  });

// ---- the charge around the price ------------------------------------------------------------------
type QuantityRound = "up" | "down" | "none" | { mode: string; decimals?: number; increment?: string };
interface Transform {
  readonly divideBy?: string | undefined;
  readonly included?: string | undefined;
  readonly round?: QuantityRound | undefined;
}
// Bytes to GB (10^9, or 2^30 for GiB: powers of ten and of two divide exactly), per thousand, and
// seconds to hours (3,600, which must be rounded: docs/pricing.md#transform-the-billable-quantity).
const transformArb: fc.Arbitrary<Transform | undefined> = fc.option(
  fc
    .record({
      divideBy: fc.option(fc.constantFrom("1000", "1000000000", "1073741824", "3600"), { nil: undefined }),
      included: fc.option(fc.oneof(decimalArb(2, 0), decimalArb(1, 3)), { nil: undefined }),
      round: fc.option(
        fc.oneof(
          fc.constantFrom<QuantityRound>("up", "down", "none"),
          fc.record({
            mode: fc.constantFrom("up", "down", "half_up", "half_even"),
            decimals: fc.integer({ min: 0, max: 4 }),
          }),
          fc.record({
            mode: fc.constantFrom("up", "down", "half_up", "half_even"),
            increment: fc.constantFrom("0.5", "6", "0.001"),
          }),
        ),
        { nil: undefined },
      ),
    })
    .map((transform) =>
      transform.divideBy === "3600" && (transform.round === undefined || transform.round === "none")
        ? { ...transform, round: "up" as const }
        : transform,
    ),
  { nil: undefined },
);

/** The billable quantity: divide, take off the allowance (not below 0), round (docs/decisions/quantity-transforms.md). */
function billable(measured: Q, transform: Transform | undefined): Q {
  if (transform === undefined) return measured;
  let quantity = div(measured, parse(transform.divideBy ?? "1"));
  if (transform.included !== undefined) quantity = maxQ(ZERO, sub(quantity, parse(transform.included)));
  const round = transform.round;
  if (round === undefined || round === "none") return quantity;
  if (round === "up" || round === "down") return round === "up" ? ceilQ(quantity) : floorQ(quantity);
  const mode = round.mode as RoundingMode;
  if (round.increment !== undefined) {
    const step = parse(round.increment);
    return mul(q(roundFractionByHand(div(quantity, step).n, div(quantity, step).d, mode)), step);
  }
  return roundTo(quantity, round.decimals ?? 0, mode);
}

/** The value on one case in five, undefined otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });

const CURRENCIES = [
  { code: "JPY", decimals: 0 },
  { code: "USD", decimals: 2 },
  { code: "BHD", decimals: 3 },
];

const pricedArb = fc.oneof(
  unitArb,
  packageArb,
  tieredArb("graduated"),
  tieredArb("volume"),
  tieredPackageArb,
  graduatedPercentageArb,
  thresholdArb,
  tieredWithMinimumArb,
  dynamicArb,
  percentageArb,
);

const ONE_BILLIONTH = q(1n, 1_000_000_000n);
const inBounds = (value: Q) => value.n >= 0n && cmp(value, q(10n ** 14n)) < 0;
/** Event values for a price: near its bounds (on, a billionth and a unit either side), fractions, huge. */
function valuesArb(priced: Priced, transform: Transform | undefined): fc.Arbitrary<string[]> {
  const scale = transform?.divideBy === undefined ? ZERO : parse(transform.divideBy);
  const near = priced.bounds.flatMap((bound) => {
    const measured = isZero(scale) ? bound : mul(bound, scale);
    return [measured, add(measured, ONE_BILLIONTH), sub(measured, ONE_BILLIONTH), add(measured, q(1n))];
  });
  const asText = (value: Q) => {
    const rounded = roundTo(value, 9, "floor"); // 9 decimals, as usage values allow
    return text((rounded.n * 10n ** 9n) / rounded.d, 9);
  };
  const one = fc.oneof(
    fc.constant("0"),
    decimalArb(6, 9),
    decimalArb(13, 0),
    decimalArb(4, 2),
    // below 10^14 each, so that four stay a quantity (below 10^15, docs/decisions/numeric-bounds.md)
    ...(near.some(inBounds) ? [fc.constantFrom(...near.filter(inBounds).map(asText))] : []),
  );
  const signed = priced.signed
    ? fc.tuple(one, fc.boolean()).map(([v, negative]) => (negative && v !== "0" ? `-${v}` : v))
    : one;
  const probes = near.filter(inBounds).map(asText);
  // Often the period's whole usage is one probe (with an event of 0 beside it), so that totals land on
  // a bound, a billionth either side and a unit past it, not only near them.
  return probes.length === 0
    ? fc.array(signed, { minLength: 0, maxLength: 4 })
    : fc.oneof(
        fc.array(signed, { minLength: 0, maxLength: 4 }),
        fc.tuple(fc.constantFrom(...probes), fc.boolean()).map(([v, zero]) => (zero ? [v, "0"] : [v])),
      );
}

const caseArb = fc
  .record({
    priced: pricedArb,
    currency: fc.constantFrom(...CURRENCIES),
    mode: fc.constantFrom(...ROUNDING_MODES),
    transform: transformArb,
    // line limits on one case in five, so that they hide few prices
    limits: fc.record({
      minimum: rarely(decimalArb(3, 2)),
      maximum: rarely(decimalArb(5, 3, 1000n)),
    }),
  })
  .chain((c) => {
    const transform = c.priced.transformable ? c.transform : undefined;
    return fc.record({
      ...Object.fromEntries(Object.entries(c).map(([key, value]) => [key, fc.constant(value)])),
      transform: fc.constant(transform),
      values: valuesArb(c.priced, transform),
    }) as fc.Arbitrary<typeof c & { transform: Transform | undefined; values: string[] }>;
  });

describe("a usage line against an oracle in exact fractions, every model, currency and rounding mode", () => {
  it("bills what docs/pricing.md says, rounded once to the currency's minor units", () => {
    fc.assert(
      fc.property(caseArb, ({ priced, currency: { code, decimals }, mode, transform, limits, values }) => {
        const minimum = limits.minimum;
        const maximum =
          limits.maximum !== undefined &&
          minimum !== undefined &&
          cmp(parse(limits.maximum), parse(minimum)) < 0
            ? undefined
            : limits.maximum;
        const charge = {
          id: "use",
          name: "Use",
          meter: "m",
          price: priced.price,
          ...(transform === undefined ? {} : { transform: JSON.parse(JSON.stringify(transform)) }),
          ...(minimum === undefined ? {} : { minimum }),
          ...(maximum === undefined ? {} : { maximum }),
        } as ChargeInput;
        const contract = parseContract(
          buildContractJson({ currency: code, rounding: { mode }, charges: [charge] }),
        );
        const events = values.map((v, i) => ({
          id: `e${i}`,
          type: "e",
          customer: "cus",
          timestamp: `2026-03-0${i + 1}T12:00:00Z`,
          properties: { v },
        }));
        const line = rateInvoice(contract, events, "2026-03").lines[0]!;

        const parsed = values.map(parse);
        const measured = parsed.reduce(add, ZERO);
        let amount = priced.cost(billable(measured, transform), parsed);
        if (minimum !== undefined) amount = maxQ(amount, parse(minimum));
        if (maximum !== undefined) amount = minQ(amount, parse(maximum));
        amount = maxQ(amount, ZERO); // not a credit: never below zero
        const expected = roundTo(amount, decimals, mode);
        expect(
          { amount: line.amount, equal: cmp(parse(line.amount), expected) === 0 },
          JSON.stringify({ price: priced.price, transform, minimum, maximum, values, code, mode }),
        ).toEqual({ amount: line.amount, equal: true });
      }),
      fuzzParameters(300),
    );
  }, 60_000);
});
