import fc from "fast-check";
import { Decimal } from "../../src/money/index.js";
import type {
  GroupedTerms,
  MatrixTerms,
  PercentageTerms,
  PriceTerms,
  RatingContext,
  SimplePriceTerms,
  ThresholdTerms,
  TierTerms,
} from "../../src/pricing/index.js";

/** A non-negative decimal with up to `scale` decimals, below 10^digits. */
export function decimalArb(options: { digits?: number; scale?: number; min?: number } = {}) {
  const { digits = 7, scale = 4, min = 0 } = options;
  return fc
    .bigInt({ min: BigInt(min) * 10n ** BigInt(scale), max: 10n ** BigInt(digits + scale) - 1n })
    .map((units) => new Decimal(units.toString()).div(new Decimal(10).pow(scale)));
}

/** A quantity: whole or fractional, including zero, up to 10^9. */
export const quantityArb = fc.oneof(
  decimalArb({ digits: 9, scale: 0 }),
  decimalArb({ digits: 6, scale: 3 }),
  fc.constant(new Decimal(0)),
);

/** A unit price, possibly sub-minor (0.0000025). */
export const unitPriceArb = fc.oneof(
  decimalArb({ digits: 2, scale: 2 }),
  decimalArb({ digits: 1, scale: 7 }),
);

/** A unit price quoted per 10^k units, k from 0 to 12 ("0.30" per "1000000"). */
export const unitPerArb: fc.Arbitrary<PriceTerms> = fc
  .record({ unitPrice: unitPriceArb, exponent: fc.integer({ min: 0, max: 12 }) })
  .map(
    ({ unitPrice, exponent }): PriceTerms => ({
      model: "unit",
      unitPrice,
      per: new Decimal(10).pow(exponent),
    }),
  );

/** 1–5 tiers with strictly ascending upTo and an unbounded last tier; optional flat fees. */
export function tiersArb(options: { flatFees?: boolean } = {}): fc.Arbitrary<TierTerms[]> {
  return fc
    .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 4 })
    .chain((bounds) => {
      const sorted = [...bounds].sort((a, b) => a - b);
      const count = sorted.length + 1;
      return fc
        .tuple(
          fc.array(unitPriceArb, { minLength: count, maxLength: count }),
          fc.array(
            options.flatFees
              ? fc.option(decimalArb({ digits: 3, scale: 2 }), { nil: undefined })
              : fc.constant(undefined),
            {
              minLength: count,
              maxLength: count,
            },
          ),
        )
        .map(([prices, fees]) =>
          prices.map((unitPrice, index): TierTerms => {
            const upTo = index < sorted.length ? new Decimal(sorted[index] ?? 0) : undefined;
            const fee = fees[index];
            return {
              unitPrice,
              ...(upTo !== undefined ? { upTo } : {}),
              ...(fee !== undefined ? { flatFee: fee } : {}),
            };
          }),
        );
    });
}

/** Any price of the five original models (flat, unit, package, graduated, volume). */
export const classicPriceArb: fc.Arbitrary<PriceTerms> = fc.oneof(
  decimalArb({ digits: 4, scale: 2 }).map((amount): PriceTerms => ({ model: "flat", amount })),
  unitPriceArb.map((unitPrice): PriceTerms => ({ model: "unit", unitPrice })),
  fc
    .record({
      packageSize: decimalArb({ digits: 5, scale: 0, min: 1 }),
      packagePrice: decimalArb({ digits: 2, scale: 4 }),
      partialPackage: fc.constantFrom("round_up" as const, "round_down" as const),
    })
    .map((terms): PriceTerms => ({ model: "package", ...terms })),
  tiersArb({ flatFees: true }).map((tiers): PriceTerms => ({ model: "graduated", tiers })),
  tiersArb({ flatFees: true }).map((tiers): PriceTerms => ({ model: "volume", tiers })),
);

// ---------------------------------------------------------------------------------------------
// The newer models (tiered package, percentage, graduated percentage, threshold, tiered with
// minimum, dynamic, capacity, matrix, grouped) and the rating context some of them read.
// Every generated value is deep-frozen, Decimals included: the code under test must never mutate
// its inputs, and a frozen input makes a mutation throw instead of passing unnoticed.
// ---------------------------------------------------------------------------------------------

/** Freezes `value` and everything reachable from it (objects and arrays; functions are left alone). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A read-only map whose `set`, `delete` and `clear` throw, so a mutation by the code under test fails. */
export function frozenMap<K, V>(entries: Iterable<readonly [K, V]>): ReadonlyMap<K, V> {
  const map = new Map<K, V>(entries);
  const refuse = () => {
    throw new TypeError("the rating context's meter quantities must not be mutated");
  };
  Object.assign(map, { set: refuse, delete: refuse, clear: refuse });
  for (const value of map.values()) deepFreeze(value);
  return Object.freeze(map);
}

/** 0–4 strictly ascending whole-number tier bounds below 10^6 (a list of n bounds makes n + 1 tiers). */
const tierBoundsArb: fc.Arbitrary<ReadonlyArray<Decimal>> = fc
  .uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 0, maxLength: 4 })
  .map((bounds) => [...bounds].sort((a, b) => a - b).map((bound) => new Decimal(bound)));

/**
 * Tiers built from ascending bounds: one body per tier from `bodyArb`, the last tier unbounded.
 * `bodyArb` gives everything but `upTo`.
 */
function boundedTiersArb<T extends object>(
  bodyArb: fc.Arbitrary<T>,
): fc.Arbitrary<Array<T & { upTo?: Decimal }>> {
  return tierBoundsArb.chain((bounds) =>
    fc.array(bodyArb, { minLength: bounds.length + 1, maxLength: bounds.length + 1 }).map((bodies) =>
      bodies.map((body, index) => {
        const upTo = bounds[index];
        return upTo === undefined ? { ...body } : { ...body, upTo };
      }),
    ),
  );
}

/** A money amount with cents, below 10^4. */
const moneyAmountArb = decimalArb({ digits: 4, scale: 2 });

/** A positive package size: whole (1–9,999) or with one decimal (0.1–999.9). */
const packageSizeArb = fc.oneof(
  decimalArb({ digits: 4, scale: 0, min: 1 }),
  decimalArb({ digits: 3, scale: 1 }).filter((size) => !size.isZero()),
);

/**
 * Tiered package terms, graduated or volume, as a contract may hold them: every bounded tier spans a
 * whole number of its blocks (upTo = previous upTo + blocks × packageSize).
 */
export const tieredPackageArb: fc.Arbitrary<PriceTerms> = fc
  .record({
    mode: fc.constantFrom("graduated" as const, "volume" as const),
    tiers: fc.array(
      fc.record({
        packageSize: packageSizeArb,
        packagePrice: moneyAmountArb,
        blocks: fc.integer({ min: 1, max: 1000 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  })
  .map(({ mode, tiers }): PriceTerms => {
    let from = new Decimal(0);
    const built = tiers.map(({ packageSize, packagePrice, blocks }, index) => {
      if (index === tiers.length - 1) return { packageSize, packagePrice };
      const upTo = from.plus(packageSize.times(blocks));
      from = upTo;
      return { upTo, packageSize, packagePrice };
    });
    return deepFreeze({ model: "tiered_package", mode, tiers: built });
  });

/** `flatFeeAtZeroUsage` left out, true or false. */
const zeroUsageOptionArb = fc
  .option(fc.boolean(), { nil: undefined })
  .map((flag) => (flag === undefined ? {} : { flatFeeAtZeroUsage: flag }));

/** A rate in percent with up to 3 decimals, 0–100. */
export const percentArb = fc
  .integer({ min: 0, max: 100_000 })
  .map((thousandths) => new Decimal(thousandths).div(1000));

/** Percentage terms: the rate as percent or basis points, and any mix of fee, limits and allowance. */
export const percentageArb: fc.Arbitrary<PercentageTerms> = fc
  .record({
    rate: percentArb,
    inBasisPoints: fc.boolean(),
    fixedFee: fc.option(decimalArb({ digits: 1, scale: 2 }), { nil: undefined }),
    limits: fc.option(fc.tuple(decimalArb({ digits: 1, scale: 2 }), decimalArb({ digits: 2, scale: 2 })), {
      nil: undefined,
    }),
    limitKind: fc.constantFrom("both", "minimum", "maximum"),
    freeEvents: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    freeAmount: fc.option(decimalArb({ digits: 3, scale: 2 }), { nil: undefined }),
  })
  .map(({ rate, inBasisPoints, fixedFee, limits, limitKind, freeEvents, freeAmount }): PercentageTerms => {
    const [low, high] =
      limits === undefined ? [undefined, undefined] : [limits[0], limits[0].plus(limits[1])];
    return deepFreeze({
      model: "percentage",
      ...(inBasisPoints ? { basisPoints: rate.times(100) } : { percent: rate }),
      ...(fixedFee !== undefined ? { fixedFee } : {}),
      ...(low !== undefined && limitKind !== "maximum" ? { minimumPerEvent: low } : {}),
      ...(high !== undefined && limitKind !== "minimum" ? { maximumPerEvent: high } : {}),
      ...(freeEvents !== undefined ? { freeEvents } : {}),
      ...(freeAmount !== undefined ? { freeAmount } : {}),
    });
  });

/** Graduated percentage terms: a percent per tier and an optional flat fee per tier. */
export const graduatedPercentageArb: fc.Arbitrary<PriceTerms> = fc
  .tuple(
    boundedTiersArb(
      fc
        .record({ percent: percentArb, flatFee: fc.option(moneyAmountArb, { nil: undefined }) })
        .map(({ percent, flatFee }) => (flatFee === undefined ? { percent } : { percent, flatFee })),
    ),
    zeroUsageOptionArb,
  )
  .map(([tiers, option]): PriceTerms => deepFreeze({ model: "graduated_percentage", tiers, ...option }));

/** Threshold terms: a flat amount per band. */
export const thresholdArb: fc.Arbitrary<ThresholdTerms> = fc
  .tuple(boundedTiersArb(fc.record({ amount: moneyAmountArb })), zeroUsageOptionArb)
  .map(([bands, option]): ThresholdTerms => deepFreeze({ model: "threshold", bands, ...option }));

/** Tiered-with-minimum terms: a unit price per tier and an optional minimum per tier. */
export const tieredWithMinimumArb: fc.Arbitrary<PriceTerms> = fc
  .tuple(
    boundedTiersArb(
      fc
        .record({ unitPrice: unitPriceArb, minimum: fc.option(moneyAmountArb, { nil: undefined }) })
        .map(({ unitPrice, minimum }) => (minimum === undefined ? { unitPrice } : { unitPrice, minimum })),
    ),
    zeroUsageOptionArb,
  )
  .map(([tiers, option]): PriceTerms => deepFreeze({ model: "tiered_with_minimum", tiers, ...option }));

/** Dynamic terms, with or without a multiplier (non-negative). */
export const dynamicArb: fc.Arbitrary<PriceTerms> = fc
  .option(decimalArb({ digits: 1, scale: 3 }), { nil: undefined })
  .map((multiplier): PriceTerms => deepFreeze({ model: "dynamic", ...(multiplier ? { multiplier } : {}) }));

/** The meters capacity limits name in generated terms and contexts. */
export const CAPACITY_METERS = ["storage", "requests", "seats"] as const;

/** Capacity terms: 1–4 tiers, each with limits on 1–3 distinct meters; the last may be unlimited. */
export const capacityArb: fc.Arbitrary<PriceTerms> = fc
  .tuple(
    fc.array(
      fc.record({
        limits: fc.uniqueArray(
          fc.record({
            meter: fc.constantFrom(...CAPACITY_METERS),
            max: decimalArb({ digits: 6, scale: 0 }),
          }),
          { minLength: 1, maxLength: 3, selector: (limit) => limit.meter },
        ),
        amount: moneyAmountArb,
      }),
      { minLength: 1, maxLength: 4 },
    ),
    fc.option(moneyAmountArb, { nil: undefined }),
  )
  .map(
    ([tiers, unlimitedAmount]): PriceTerms =>
      deepFreeze({
        model: "capacity",
        tiers: unlimitedAmount === undefined ? tiers : [...tiers, { amount: unlimitedAmount }],
      }),
  );

/** Any price that rates one quantity (the models a matrix cell or a grouped price may use). */
export const simplePriceArb: fc.Arbitrary<SimplePriceTerms> = fc.oneof(
  classicPriceArb.map((terms) => deepFreeze(terms) as SimplePriceTerms),
  tieredPackageArb as fc.Arbitrary<SimplePriceTerms>,
  percentageArb,
  graduatedPercentageArb as fc.Arbitrary<SimplePriceTerms>,
  thresholdArb,
  tieredWithMinimumArb as fc.Arbitrary<SimplePriceTerms>,
  dynamicArb as fc.Arbitrary<SimplePriceTerms>,
);

/**
 * Every model that `ratePrice` rates directly: the simple ones and capacity. Matrix and grouped are
 * left out on purpose: they are rated per group through the rating layer (their `rate` throws an
 * InvariantError), so their laws live in test/rating.
 */
export const ratablePriceArb: fc.Arbitrary<PriceTerms> = fc.oneof(simplePriceArb, capacityArb);

/**
 * Any price `ratePrice` can rate from a bare quantity, deep-frozen: every ratable model but
 * percentage, which needs each transaction's value (it refuses a bare non-zero total; its laws run
 * with a context in test/_laws/contextPriceModelLaws.ts).
 */
export const priceArb: fc.Arbitrary<PriceTerms> = ratablePriceArb.filter(
  (terms) => terms.model !== "percentage",
);

/** A transaction amount with cents, below 10^5. */
const transactionValueArb = decimalArb({ digits: 5, scale: 2 });

/** 0–8 transaction values, frozen. */
export const eventValuesArb: fc.Arbitrary<ReadonlyArray<Decimal>> = fc
  .array(transactionValueArb, { maxLength: 8 })
  .map((values) => deepFreeze(values));

/** The quantity a meter would report for events, and the context carrying them and other meters. */
export interface RatedInput {
  readonly quantity: Decimal;
  readonly context: RatingContext;
}

/**
 * A quantity with its context: the event values (the quantity is their sum, as a sum meter gives)
 * and a quantity for each capacity meter, some left out (read as zero).
 */
export const ratedInputArb: fc.Arbitrary<RatedInput> = fc
  .record({
    values: eventValuesArb,
    meters: fc.array(fc.tuple(fc.constantFrom(...CAPACITY_METERS), decimalArb({ digits: 6, scale: 1 })), {
      maxLength: 3,
    }),
  })
  .map(({ values, meters }) =>
    deepFreeze({
      quantity: values.reduce((sum, value) => sum.plus(value), new Decimal(0)),
      context: { eventValues: values, meterQuantities: frozenMap(meters) },
    }),
  );

const REGION_VALUES = ["na", "eu", "apac"] as const;
const SERVICE_VALUES = ["http", "video"] as const;

/** Matrix terms over region (× service): cells for distinct combinations, an optional default. */
export const matrixArb: fc.Arbitrary<MatrixTerms> = fc
  .record({
    twoDimensions: fc.boolean(),
    cells: fc.uniqueArray(
      fc.record({
        region: fc.constantFrom(...REGION_VALUES),
        service: fc.constantFrom(...SERVICE_VALUES),
        price: simplePriceArb,
      }),
      { maxLength: 6, selector: (cell) => `${cell.region}/${cell.service}` },
    ),
    defaultPrice: fc.option(simplePriceArb, { nil: undefined }),
    onUnpriced: fc.option(fc.constantFrom("error" as const, "warn" as const), { nil: undefined }),
  })
  .map(({ twoDimensions, cells, defaultPrice, onUnpriced }): MatrixTerms => {
    const dimensions = twoDimensions ? ["region", "service"] : ["region"];
    const kept = twoDimensions
      ? cells
      : cells.filter((cell, index) => cells.findIndex((other) => other.region === cell.region) === index);
    return deepFreeze({
      model: "matrix",
      dimensions,
      cells: kept.map((cell) => ({
        match: twoDimensions ? { region: cell.region, service: cell.service } : { region: cell.region },
        price: cell.price,
      })),
      ...(defaultPrice !== undefined ? { defaultPrice } : {}),
      ...(onUnpriced !== undefined ? { onUnpriced } : {}),
    });
  });

/** Grouped terms: one simple price per value of one or two properties. */
export const groupedArb: fc.Arbitrary<GroupedTerms> = fc
  .record({
    groupBy: fc.constantFrom<string[]>(["project"], ["project", "region"]),
    price: simplePriceArb,
  })
  .map(({ groupBy, price }): GroupedTerms => deepFreeze({ model: "grouped", groupBy, price }));

/** {@link quantityArb}, each Decimal frozen. */
export const frozenQuantityArb: fc.Arbitrary<Decimal> = quantityArb.map((quantity) => deepFreeze(quantity));
