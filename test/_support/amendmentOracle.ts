import fc from "fast-check";
import {
  centsText,
  dayNumber,
  daysLater,
  monthsLater,
  ORACLE_ZONES,
  type OracleDate,
  shareOf,
} from "./calendarOracle.js";
import { roundFractionByHand } from "./roundByHand.js";

// The hand-worked side of the amendment oracles (test/invoice/amendmentsOracle.property.test.ts,
// amendedGroupingOracle.property.test.ts): a price as tiers in cents, its amount by hand, and a billing
// period drawn on any cadence and alignment. Nothing here asks ratecard for a number.

/** A single price: [width in units, cents a unit] tiers, a line minimum and maximum in cents. */
export interface Terms {
  readonly model: "unit" | "graduated" | "volume";
  readonly tiers: ReadonlyArray<readonly [number, number]>;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
}
const tiersArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 500 })), {
  minLength: 1,
  maxLength: 3,
});
export const termsArb: fc.Arbitrary<Terms> = fc.record({
  model: fc.constantFrom("graduated" as const, "volume" as const),
  tiers: tiersArb,
  minimum: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
  maximum: fc.option(fc.integer({ min: 20_000, max: 40_000 }), { nil: undefined }),
});
/** A matrix cell's price: a unit price (its one tier) or graduated tiers, no line limits. */
export const cellTermsArb: fc.Arbitrary<Terms> = fc.oneof(
  fc.integer({ min: 0, max: 500 }).map((cents) => ({
    model: "unit" as const,
    tiers: [[1, cents] as const],
    minimum: undefined,
    maximum: undefined,
  })),
  tiersArb.map((tiers) => ({ model: "graduated" as const, tiers, minimum: undefined, maximum: undefined })),
);

// Tier bounds: the running sum of the widths, the last tier open.
const boundsOf = (terms: Terms) => {
  let upTo = 0;
  return terms.tiers.map(([width, cents], i) => {
    upTo += width;
    return { upTo: i === terms.tiers.length - 1 ? Number.POSITIVE_INFINITY : upTo, cents: BigInt(cents) };
  });
};
/** The price as contract JSON. */
export const priceOf = (terms: Terms) =>
  terms.model === "unit"
    ? { model: "unit" as const, unitPrice: centsText(BigInt(terms.tiers[0]![1])) }
    : {
        model: terms.model,
        tiers: boundsOf(terms).map(({ upTo, cents }) =>
          Number.isFinite(upTo)
            ? { upTo: String(upTo), unitPrice: centsText(cents) }
            : { unitPrice: centsText(cents) },
        ),
      };
/**
 * Cents for `quantity` units: a unit price times the quantity; graduated fills each tier in turn;
 * volume prices them all at the tier the quantity falls in (upTo inclusive).
 */
export function amountOf(terms: Terms, quantity: number): bigint {
  const bounds = boundsOf(terms);
  if (terms.model !== "graduated")
    return BigInt(quantity) * bounds.find(({ upTo }) => quantity <= upTo)!.cents;
  let amount = 0n;
  let from = 0;
  for (const { upTo, cents } of bounds) {
    amount += BigInt(Math.max(0, Math.min(quantity, upTo) - from)) * cents;
    from = upTo;
  }
  return amount;
}
/** Charge `use` on meter `m` at a single price, with its line limits. */
export const singleCharge = (terms: Terms) => ({
  id: "use",
  name: "Use",
  meter: "m",
  price: priceOf(terms),
  ...(terms.minimum === undefined ? {} : { minimum: centsText(BigInt(terms.minimum)) }),
  ...(terms.maximum === undefined ? {} : { maximum: centsText(BigInt(terms.maximum)) }),
});

/**
 * A stretch's amount by hand: `quantity` priced by `terms`, raised to the stretch's share of the
 * minimum, cut to its share of the maximum (fractions over the share's total), rounded half-even once.
 */
export function stretchCents(
  terms: Terms,
  quantity: number,
  [elapsed, total]: readonly [bigint, bigint],
): bigint {
  let scaled = amountOf(terms, quantity) * total;
  if (terms.minimum !== undefined && scaled < BigInt(terms.minimum) * elapsed)
    scaled = BigInt(terms.minimum) * elapsed;
  if (terms.maximum !== undefined && scaled > BigInt(terms.maximum) * elapsed)
    scaled = BigInt(terms.maximum) * elapsed;
  return roundFractionByHand(scaled, total, "half_even");
}

type Cadence = "weekly" | "monthly" | "quarterly" | "annual";
const MONTHS: Partial<Record<Cadence, number>> = { monthly: 1, quarterly: 3, annual: 12 };
// Calendar alignment on day `anchorDay` of January, or anniversary from `start`; boundary n counted
// from boundary 0 (weekly: anniversary only here, every 7 days from the start).
function boundary(cadence: Cadence, reference: OracleDate, n: number): OracleDate {
  const months = MONTHS[cadence];
  return months === undefined
    ? daysLater(reference, 7 * n)
    : monthsLater(reference.y, reference.m, n * months, reference.d);
}

/** A zone, a billing cadence and alignment, a term start, which period of the term, a proration basis. */
export const billingArb = fc.record({
  zone: fc.constantFrom(...ORACLE_ZONES),
  cadence: fc.constantFrom<Cadence>("weekly", "monthly", "quarterly", "annual"),
  anniversary: fc.boolean(),
  anchorDay: fc.integer({ min: 1, max: 31 }),
  startDay: fc.integer({ min: 0, max: 400 }),
  later: fc.integer({ min: 0, max: 2 }),
  basis: fc.constantFrom("second" as const, "day" as const),
});

/**
 * The drawn billing period by hand: the contract's `billing` and term start, and the period `start` to
 * `end` (the first one that starts in the term, then 0–2 later); `dayAt(f)` a day of it but its first.
 */
export function periodOf(drawn: BillingDraw) {
  const { cadence } = drawn;
  const anniversary = drawn.anniversary || cadence === "weekly";
  const termStart = daysLater({ y: 2025, m: 1, d: 1 }, drawn.startDay);
  const reference = anniversary ? termStart : { y: termStart.y, m: 1, d: drawn.anchorDay };
  let n = -13;
  while (dayNumber(boundary(cadence, reference, n)) < dayNumber(termStart)) n += 1;
  n += drawn.later;
  const start = boundary(cadence, reference, n);
  const end = boundary(cadence, reference, n + 1);
  return {
    termStart,
    start,
    end,
    billing: {
      cadence,
      alignment: anniversary ? ("anniversary" as const) : ("calendar" as const),
      ...(anniversary ? {} : { anchorDay: drawn.anchorDay }),
      ...(drawn.basis === "day" ? { proration: "day" as const } : {}),
    },
    dayAt: (fraction: number) =>
      daysLater(start, 1 + Math.floor(fraction * (dayNumber(end) - dayNumber(start) - 1))),
    share: (part: readonly [number, number], whole: readonly [number, number]) =>
      shareOf(drawn.basis, part, whole, drawn.zone),
  };
}
type BillingDraw = typeof billingArb extends fc.Arbitrary<infer T> ? T : never;
