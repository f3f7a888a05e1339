import fc from "fast-check";
import { NOT_MONEY } from "../../src/contracts/index.js";
import { Decimal } from "../../src/money/index.js";
import { scalablePowers } from "./bounds.js";
import { carriesState, type MeterJson } from "./contractMeters.js";
import {
  capacityArb,
  classicPriceArb,
  dynamicArb,
  graduatedPercentageArb,
  groupedArb,
  matrixArb,
  percentageArb,
  thresholdArb,
  tieredPackageArb,
  tieredWithMinimumArb,
} from "./prices.js";
import { sometimes } from "./sometimes.js";

/**
 * Charges for whole generated contracts (test/_arbitraries/wholeContracts.ts), as contract JSON:
 * every price model of test/_arbitraries/prices.ts (written out as JSON, decimals as text), with its
 * money amounts scaled by a power of ten (sub-minor unit prices to six-figure fees), on a meter, on a
 * quantity the contract fixes (seats) or as a flat fee; billed in advance or in arrears; with or
 * without a transform, a line minimum or maximum; and now and then declared a credit with negative
 * prices. Every charge is valid on its own; cross-references are the caller's (wholeContracts.ts).
 */

/** A price as contract JSON. */
export type PriceJson = Record<string, unknown> & { readonly model: string };

/** A charge as contract JSON. */
export type ChargeJson = Record<string, unknown> & {
  readonly id: string;
  readonly name: string;
  readonly price: PriceJson;
  readonly meter?: string;
  readonly quantity?: string;
  readonly billed?: "in_advance" | "in_arrears";
  readonly credit?: boolean;
  readonly transform?: Record<string, unknown>;
};

/** The kinds of charge a contract can hold. */
type ChargeKind = "fee" | "seats" | "usage" | "grouped" | "capacity";

/** Names a specialist could meet: quotes, commas, percent signs, non-Latin text, emoji, a line break. */
const NAMES = [
  "Platform fee",
  'Bandwidth "EU", 50% off',
  "Überweisung — Gebühr",
  "流量 (亚太)",
  "Seats 🚀",
  "Line\nbreak",
  "  padded  ",
  "<b>html</b> & co",
] as const;

/** Decimals as JSON text, the way a contract file holds them (Decimal writes itself as text). */
export function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * Applies `change` to every money amount of a price written as JSON (not to the NOT_MONEY fields:
 * bounds, sizes, rates, limits and matrix matches), the way an override multiplier does.
 */
function mapMoney(price: PriceJson, change: (amount: Decimal) => Decimal): PriceJson {
  const walk = (node: unknown, key: string): unknown => {
    if (typeof node === "string" && key !== "model" && /^[+-]?[\d.]/.test(node))
      return NOT_MONEY.has(key) ? node : change(new Decimal(node)).toFixed();
    if (Array.isArray(node)) return node.map((child) => walk(child, key));
    if (node !== null && typeof node === "object") {
      if (NOT_MONEY.has(key)) return node;
      return Object.fromEntries(Object.entries(node).map(([name, child]) => [name, walk(child, name)]));
    }
    return node;
  };
  return walk(price, "") as PriceJson;
}

/** A power of ten that scales a price's money amounts: 10^-6 (sub-minor) to 10^5. */
const scaleArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 2, arbitrary: fc.integer({ min: -6, max: 5 }) },
);

/**
 * `arb`'s prices with their money amounts scaled by a power of ten, kept within the numeric bounds
 * (docs/decisions/numeric-bounds.md): the power is clamped to the range in which every amount stays
 * within its kind (a unit price of 7 decimals goes down to 10^-6 at most: 13 decimals of 15; a dynamic
 * multiplier of 3 decimals to 10^-3, and below 1,000).
 */
function scaled(arb: fc.Arbitrary<unknown>): fc.Arbitrary<PriceJson> {
  return fc.tuple(arb, scaleArb).map(([terms, drawn]) => {
    const price = toJson(terms as PriceJson);
    const { min, max } = scalablePowers(price);
    const power = Math.min(Math.max(drawn, min), max);
    return power === 0 ? price : mapMoney(price, (amount) => amount.times(new Decimal(10).pow(power)));
  });
}

/** A flat fee, prorated (default) or not. */
export const flatPriceArb: fc.Arbitrary<PriceJson> = fc
  .record(
    {
      amount: fc.constantFrom("0", "0.01", "9.99", "100", "500.005", "1234.5678", "0.0000001", "99999.99"),
      prorate: fc.boolean(),
    },
    { requiredKeys: ["amount"] },
  )
  .map((terms) => ({ model: "flat", ...terms }));

/** A price of one quantity: what a contract quantity (seats) may use. */
export const quantityPriceArb: fc.Arbitrary<PriceJson> = scaled(
  fc.oneof(
    classicPriceArb.filter((terms) => terms.model !== "flat"),
    tieredPackageArb,
    thresholdArb,
    tieredWithMinimumArb,
    graduatedPercentageArb,
    dynamicArb,
  ),
);

/** A price of a metered quantity: a quantity price, or a percentage of each transaction. */
export const usagePriceArb: fc.Arbitrary<PriceJson> = fc.oneof(
  { weight: 4, arbitrary: quantityPriceArb },
  { weight: 1, arbitrary: scaled(percentageArb) },
);

/** A matrix (region × service) or grouped (project, region) price. */
export const groupingPriceArb: fc.Arbitrary<PriceJson> = scaled(fc.oneof(matrixArb, groupedArb));

/** A capacity price whose limits name the contract's meters. */
function capacityPriceArb(meterIds: ReadonlyArray<string>): fc.Arbitrary<PriceJson> {
  const names = ["storage", "requests", "seats"];
  return scaled(capacityArb).map((price) =>
    toJson({
      ...price,
      tiers: (price.tiers as Array<{ limits?: Array<{ meter: string }> }>).map((tier) =>
        tier.limits === undefined
          ? tier
          : {
              ...tier,
              limits: tier.limits
                .map((limit) => ({
                  ...limit,
                  meter: meterIds[names.indexOf(limit.meter) % meterIds.length]!,
                }))
                // two limits on one meter would be one meter listed twice: keep the first
                .filter((limit, at, all) => all.findIndex((other) => other.meter === limit.meter) === at),
            },
      ),
    }),
  );
}

/**
 * How a measured or fixed quantity becomes billable: divide, take off included units, round. A divisor
 * whose quotients need not end (3, 3,600) comes with a rounding, as the contract schema asks.
 */
const transformArb: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      divideBy: fc.constantFrom("1000", "1024", "0.5", "3", "3600", "1e9"),
      included: fc.constantFrom("0", "10", "0.5", "1000", "1e6"),
      round: fc.constantFrom("up", "down", "none"),
      unit: fc.constantFrom("GB", "hours", "units"),
    },
    { requiredKeys: [] },
  )
  .map((transform) =>
    (transform.divideBy === "3" || transform.divideBy === "3600") &&
    (transform.round === undefined || transform.round === "none")
      ? { ...transform, round: "up" }
      : transform,
  );

/** A line minimum and/or maximum (minimum ≤ maximum). */
const lineLimitsArb = sometimes(
  fc.tuple(
    fc.option(fc.constantFrom("0", "5", "50.5", "100"), { nil: undefined }),
    fc.option(fc.constantFrom("0", "1", "75", "1000"), { nil: undefined }),
  ),
  3,
).map((limits) => {
  if (limits === undefined) return {};
  const [minimum, extra] = limits;
  const maximum = extra === undefined ? undefined : new Decimal(minimum ?? "0").plus(extra).toFixed();
  return {
    ...(minimum !== undefined ? { minimum } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
  };
});

/** A quantity the contract fixes (seats, licences): whole or fractional, zero included. */
const contractQuantityArb = fc.constantFrom("0", "1", "3", "10", "2.5", "250", "0.001");

const MODELS_WITHOUT_TRANSFORM = new Set(["percentage", "capacity", "flat"]);

/** The models of a price and of the prices nested in it (matrix cells, the grouped price). */
function modelsOf(price: PriceJson): string[] {
  const nested =
    price.model === "matrix"
      ? [
          ...(price.cells as Array<{ price: PriceJson }>).map((cell) => cell.price),
          ...(price.defaultPrice ? [price.defaultPrice as PriceJson] : []),
        ]
      : price.model === "grouped"
        ? [price.price as PriceJson]
        : [];
  return [price.model, ...nested.map((inner) => inner.model)];
}

/** True when a charge's price can rate a transformed quantity (and so draw from an allowance pool). */
export function takesTransform(price: PriceJson): boolean {
  return !modelsOf(price).some((model) => MODELS_WITHOUT_TRANSFORM.has(model));
}

/** Options of {@link chargeArb}. */
export interface ChargeOptions {
  /** The kinds to choose from (default: every kind). */
  readonly kinds?: ReadonlyArray<ChargeKind>;
  /** Force the billing timing (an amendment keeps a charge's timing). */
  readonly billed?: "in_advance" | "in_arrears";
}

/**
 * One charge of any kind, valid on its own against `meters`. A charge billed in advance is a fee or
 * seats (the only charges that can be); a credit charge has its money amounts negated.
 */
export function chargeArb(
  id: string,
  meters: ReadonlyArray<MeterJson>,
  options: ChargeOptions = {},
): fc.Arbitrary<ChargeJson> {
  const groupable = meters.filter((meter) => !carriesState(meter));
  const allowed = (options.kinds ?? ["fee", "seats", "usage", "usage", "grouped", "capacity"]).filter(
    (kind) =>
      (options.billed !== "in_advance" || kind === "fee" || kind === "seats") &&
      (kind !== "grouped" || groupable.length > 0),
  );
  const meterIdArb = fc.constantFrom(...meters.map((meter) => meter.id));
  return fc
    .record({
      kind: fc.constantFrom(...allowed),
      name: fc.constantFrom(...NAMES),
      meter: meterIdArb,
      groupMeter: groupable.length > 0 ? fc.constantFrom(...groupable.map((m) => m.id)) : meterIdArb,
      flat: flatPriceArb,
      quantityPrice: quantityPriceArb,
      usagePrice: usagePriceArb,
      groupingPrice: groupingPriceArb,
      capacityPrice: capacityPriceArb(meters.map((meter) => meter.id)),
      quantity: contractQuantityArb,
      transform: sometimes(transformArb, 3),
      limits: lineLimitsArb,
      inAdvance: fc.boolean(),
      credit: sometimes(fc.boolean(), 6),
    })
    .map((drawn): ChargeJson => {
      const { kind } = drawn;
      const price: PriceJson =
        kind === "fee"
          ? drawn.flat
          : kind === "seats"
            ? drawn.quantityPrice
            : kind === "usage"
              ? drawn.usagePrice
              : kind === "grouped"
                ? drawn.groupingPrice
                : drawn.capacityPrice;
      const fee = kind === "fee" || kind === "seats";
      const billed = options.billed ?? (fee && drawn.inAdvance ? "in_advance" : undefined);
      const credit = drawn.credit === true;
      const grouping = kind === "grouped";
      return {
        id,
        name: drawn.name,
        ...(kind === "usage" || kind === "capacity" ? { meter: drawn.meter } : {}),
        ...(grouping ? { meter: drawn.groupMeter } : {}),
        price: credit ? negatedPrice(price) : price,
        ...(kind === "seats" ? { quantity: drawn.quantity } : {}),
        ...(drawn.transform !== undefined && kind !== "fee" && takesTransform(price)
          ? { transform: drawn.transform }
          : {}),
        ...(grouping ? {} : credit ? negatedLimits(drawn.limits) : drawn.limits),
        ...(billed !== undefined ? { billed } : {}),
        ...(drawn.credit !== undefined ? { credit: drawn.credit } : {}),
      };
    });
}

/**
 * A credit charge's price: every money amount negated, and a percentage's per-event minimum and maximum
 * swapped so that the minimum stays below the maximum.
 */
function negatedPrice(price: PriceJson): PriceJson {
  const swap = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(swap);
    if (node === null || typeof node !== "object") return node;
    const entries = Object.fromEntries(Object.entries(node).map(([key, child]) => [key, swap(child)]));
    if (entries.model !== "percentage") return entries;
    const { minimumPerEvent, maximumPerEvent, ...rest } = entries;
    return {
      ...rest,
      ...(maximumPerEvent !== undefined ? { minimumPerEvent: maximumPerEvent } : {}),
      ...(minimumPerEvent !== undefined ? { maximumPerEvent: minimumPerEvent } : {}),
    };
  };
  return swap(mapMoney(price, (amount) => amount.negated())) as PriceJson;
}

// A credit charge's limits are negative too, the maximum still above the minimum.
function negatedLimits(limits: { minimum?: string; maximum?: string }) {
  const { minimum, maximum } = limits;
  return {
    ...(maximum !== undefined ? { minimum: new Decimal(maximum).negated().toFixed() } : {}),
    ...(minimum !== undefined ? { maximum: new Decimal(minimum).negated().toFixed() } : {}),
  };
}
