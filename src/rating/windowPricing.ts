import type { WindowBucketTerms, WindowPricingTerms } from "../contracts/index.js";
import { bucketHolds } from "../contracts/index.js";
import type { WindowQuantity } from "../meters/index.js";
import {
  addExactly,
  addQuotients,
  type Decimal,
  type ExactQuotient,
  fractionAbove,
  ONE,
  quotient,
  quotientValue,
  type RoundingMode,
  roundTo,
  scaleQuotient,
  toPlainString,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";
import { extendedBound, type PriceTerms } from "../pricing/index.js";
import type { PricedWindow, WindowBucketTotal, WindowPricingStep } from "../schema/index.js";
import { formatInstant, minuteOfDay } from "../time/index.js";

/** What pricing window by window needs: the windows, how a price rates a quantity, the line's rounding. */
export interface WindowPricingInput {
  readonly terms: WindowPricingTerms;
  readonly price: PriceTerms;
  readonly windows: ReadonlyArray<WindowQuantity>;
  /**
   * A window's billable quantity (the charge's transform, applied window by window), and it as a
   * fraction when it is a quotient that does not end (a rate per second, docs/meters.md "Quotients").
   */
  readonly billable: (window: WindowQuantity) => {
    readonly quantity: Decimal;
    readonly fraction?: ExactQuotient;
  };
  /** The exact amount a price gives a quantity, priced as its fraction when it has one. */
  readonly rate: (price: PriceTerms, quantity: Decimal, fraction?: ExactQuotient) => ExactQuotient;
  readonly minorUnits: number;
  readonly rounding: RoundingMode;
  /** The contract's zone: a window's time of day, for the buckets. */
  readonly timeZone: string;
}

/** The line's quantity and exact amount when priced window by window, and the step that shows how. */
export interface WindowPricingResult {
  readonly quantity: Decimal;
  /** The line's exact amount: the windows' amounts added as fractions, divided once when rounded. */
  readonly amount: ExactQuotient;
  readonly step: WindowPricingStep;
  /**
   * The largest quantity priced above a bounded last tier (`aboveLastTier: "extend"`): a window's own
   * quantity, or with `running_total` the period's total; undefined when every quantity fits the tiers.
   */
  readonly aboveLastTier?: ExtendedQuantity;
}

/** A quantity priced above its price's bounded last tier, the bound, and the window it was priced in. */
export interface ExtendedQuantity {
  readonly quantity: Decimal;
  readonly upTo: Decimal;
  /** The start of the window (each_window pricing); absent for the running total of the period. */
  readonly window?: number;
}

interface WindowCharge {
  readonly amount: ExactQuotient;
  readonly usage: ExactQuotient;
  readonly committed?: Decimal;
  readonly trueUp: ExactQuotient;
  readonly overage: ExactQuotient;
}

// A window that adds nothing to a running total.
const NOTHING: WindowCharge = {
  amount: ZERO_QUOTIENT,
  usage: ZERO_QUOTIENT,
  trueUp: ZERO_QUOTIENT,
  overage: ZERO_QUOTIENT,
};

/**
 * Prices a windowed meter window by window (docs/window-pricing.md). `each_window` rates every
 * window's quantity through the price from zero (Flexprice's bucketed max: buckets of 9 and 15 at
 * $0.10 up to 10, then $0.05, bill $0.90 + $1.25 = $2.15); `running_total` bills each window
 * P(total after it) − P(total before it), the tiers its running total falls in (Tencent CDN's hourly
 * settlement of monthly tiers: 3 TB, then 3 TB, then 7 TB bill 620, 600 and 1,340 yuan). A window in a
 * time-of-day bucket is rated with the bucket's price and held to its commitment. Each window's amount
 * is rounded to minor units first with `rounding: "each_window"`; the line's amount is their exact sum.
 */
export function priceByWindow(input: WindowPricingInput): WindowPricingResult {
  const { terms } = input;
  const roundEach = terms.rounding === "each_window";
  const priced: PricedWindow[] = [];
  const totals = new Map<string | null, BucketSum>();
  let sum: Decimal = ZERO;
  // The running total as a fraction too, when a window's quantity is one (a rate per second).
  let total: ExactQuotient = ZERO_QUOTIENT;
  let fractional = false;
  // The running total shown and priced: the fractions added and divided once (3 × 1/300 is 0.01, where
  // the windows' 50-digit values add up to 0.0099…99), or the decimals added exactly.
  let quantity: Decimal = ZERO;
  let amount: ExactQuotient = ZERO_QUOTIENT;
  let billedSoFar: ExactQuotient = ZERO_QUOTIENT;
  let extended: ExtendedQuantity | undefined;
  // An empty window (quantity 0, most of a month of 5-minute windows) is priced once per bucket, not
  // once per window: a month's 8,928 windows each walked the tiers for 0 (meter10, 5 December 2026).
  const emptyCharges = new Map<string | null, WindowCharge>();
  let ratedOnce = false;
  for (const window of input.windows) {
    const billable = input.billable(window);
    const windowQuantity = billable.quantity;
    const empty = windowQuantity.isZero() && billable.fraction === undefined;
    if (!empty) {
      sum = addExactly(sum, windowQuantity);
      if (billable.fraction !== undefined) fractional = true;
      total = addQuotients(total, billable.fraction ?? quotient(windowQuantity, ONE));
      quantity = fractional ? quotientValue(total) : sum;
    }
    const bucket = bucketOf(terms.buckets, window.start, input.timeZone);
    let charge: WindowCharge;
    if (terms.tiers === "running_total") {
      // The first window bills P(its total) in full, so Σ windows = P(period total), a flat fee included;
      // an empty one after it leaves the total, and so P(total), where they were.
      if (empty && ratedOnce) charge = NOTHING;
      else {
        const upTo = fractional
          ? input.rate(input.price, quantity, total)
          : input.rate(input.price, quantity);
        const usage = minus(upTo, billedSoFar);
        billedSoFar = upTo;
        charge = { amount: usage, usage, trueUp: ZERO_QUOTIENT, overage: ZERO_QUOTIENT };
        ratedOnce = true;
      }
    } else {
      const key = bucket?.id ?? null;
      const known = empty ? emptyCharges.get(key) : undefined;
      charge = known ?? chargeWindow(input, bucket, windowQuantity, billable.fraction);
      if (empty && known === undefined) emptyCharges.set(key, charge);
      extended = largerExtension(extended, bucket?.price ?? input.price, windowQuantity, window.start);
    }
    const windowAmount = roundEach
      ? quotient(roundTo(quotientValue(charge.amount), input.minorUnits, input.rounding), ONE)
      : charge.amount;
    amount = plus(amount, windowAmount);
    addToBucket(totals, bucket?.id ?? null, windowQuantity, charge, windowAmount);
    if (windowQuantity.isZero() && windowAmount.numerator.isZero() && charge.committed === undefined)
      continue;
    priced.push({
      start: formatInstant(window.start),
      quantity: toPlainString(windowQuantity),
      ...(terms.tiers === "running_total" ? { total: toPlainString(quantity) } : {}),
      ...(bucket === undefined ? {} : { bucket: bucket.id }),
      ...(charge.committed === undefined
        ? {}
        : { usage: shown(charge.usage), committed: toPlainString(charge.committed) }),
      amount: shown(windowAmount),
    });
  }
  const step: WindowPricingStep = {
    kind: "window_pricing",
    tiers: terms.tiers,
    rounding: terms.rounding ?? "line",
    windows: input.windows.length,
    quantity: toPlainString(quantity),
    priced,
    ...(terms.buckets === undefined ? {} : { buckets: bucketTotals(terms.buckets, totals) }),
    amount: shown(amount),
  };
  if (terms.tiers === "running_total")
    extended = largerExtension(undefined, input.price, quantity, undefined);
  return { quantity, amount, step, ...(extended === undefined ? {} : { aboveLastTier: extended }) };
}

// The larger of two quantities priced above a bounded last tier (the first window on a tie).
function largerExtension(
  known: ExtendedQuantity | undefined,
  price: PriceTerms,
  quantity: Decimal,
  window: number | undefined,
): ExtendedQuantity | undefined {
  const upTo = extendedBound(price, quantity);
  if (upTo === undefined) return known;
  if (known !== undefined && !quantity.greaterThan(known.quantity)) return known;
  return { quantity, upTo, ...(window === undefined ? {} : { window }) };
}

// Flexprice's window commitment: at or above the committed amount, the commitment plus the excess ×
// the overage factor; below it, the usage, or the commitment with a true-up.
function chargeWindow(
  input: WindowPricingInput,
  bucket: WindowBucketTerms | undefined,
  quantity: Decimal,
  fraction: ExactQuotient | undefined,
): WindowCharge {
  const price = bucket?.price ?? input.price;
  const usage = input.rate(price, quantity, fraction);
  const commitment = bucket?.commitment;
  if (commitment === undefined)
    return { amount: usage, usage, trueUp: ZERO_QUOTIENT, overage: ZERO_QUOTIENT };
  // A committed quantity is a decimal, so its price ends.
  const committed = commitment.amount ?? quotientValue(input.rate(price, commitment.quantity!));
  // usage − committed, exactly: (n − committed × d) ÷ d.
  const above = fractionAbove(usage, committed);
  if (!above.numerator.isNegative() || above.numerator.isZero()) {
    const overage = scaleQuotient(above, commitment.overageFactor ?? ONE, ONE);
    return {
      amount: addQuotients(quotient(committed, ONE), overage),
      usage,
      committed,
      trueUp: ZERO_QUOTIENT,
      overage,
    };
  }
  if (commitment.trueUp === true)
    return {
      amount: quotient(committed, ONE),
      usage,
      committed,
      trueUp: negated(above),
      overage: ZERO_QUOTIENT,
    };
  return { amount: usage, usage, committed, trueUp: ZERO_QUOTIENT, overage: ZERO_QUOTIENT };
}

// a + b, exactly; a itself when b is zero (the empty windows of a month add nothing, 8,928 times).
function plus(a: ExactQuotient, b: ExactQuotient): ExactQuotient {
  return b.numerator.isZero() ? a : addQuotients(a, b);
}

// a − b, exactly.
function minus(a: ExactQuotient, b: ExactQuotient): ExactQuotient {
  return addQuotients(a, negated(b));
}

function negated(value: ExactQuotient): ExactQuotient {
  return { numerator: value.numerator.negated(), denominator: value.denominator };
}

// An exact amount as the invoice writes it: divided once (a whole denominator of 1 divides nothing).
function shown(value: ExactQuotient): string {
  return toPlainString(quotientValue(value));
}

function bucketOf(
  buckets: ReadonlyArray<WindowBucketTerms> | undefined,
  start: number,
  timeZone: string,
): WindowBucketTerms | undefined {
  if (buckets === undefined) return undefined;
  const minute = minuteOfDay(start, timeZone);
  return buckets.find((bucket) => bucketHolds(bucket, minute));
}

interface BucketSum {
  windows: number;
  quantity: Decimal;
  usage: ExactQuotient;
  trueUp: ExactQuotient;
  overage: ExactQuotient;
  amount: ExactQuotient;
}

function addToBucket(
  totals: Map<string | null, BucketSum>,
  id: string | null,
  quantity: Decimal,
  charge: WindowCharge,
  amount: ExactQuotient,
): void {
  const sum = totals.get(id) ?? {
    windows: 0,
    quantity: ZERO,
    usage: ZERO_QUOTIENT,
    trueUp: ZERO_QUOTIENT,
    overage: ZERO_QUOTIENT,
    amount: ZERO_QUOTIENT,
  };
  sum.windows += 1;
  if (!quantity.isZero()) sum.quantity = addExactly(sum.quantity, quantity);
  sum.usage = plus(sum.usage, charge.usage);
  sum.trueUp = plus(sum.trueUp, charge.trueUp);
  sum.overage = plus(sum.overage, charge.overage);
  sum.amount = plus(sum.amount, amount);
  totals.set(id, sum);
}

// The buckets in the contract's order, then the windows in none (when there are any).
function bucketTotals(
  buckets: ReadonlyArray<WindowBucketTerms>,
  totals: ReadonlyMap<string | null, BucketSum>,
): WindowBucketTotal[] {
  const ids: (string | null)[] = [...buckets.map((bucket) => bucket.id), ...(totals.has(null) ? [null] : [])];
  return ids.map((id) => {
    const sum = totals.get(id);
    return {
      id,
      windows: sum?.windows ?? 0,
      quantity: toPlainString(sum?.quantity ?? ZERO),
      usage: shown(sum?.usage ?? ZERO_QUOTIENT),
      trueUp: shown(sum?.trueUp ?? ZERO_QUOTIENT),
      overage: shown(sum?.overage ?? ZERO_QUOTIENT),
      amount: shown(sum?.amount ?? ZERO_QUOTIENT),
    };
  });
}
