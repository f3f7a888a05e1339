import { expect } from "vitest";
import { Decimal } from "../../src/money/index.js";

// Wide enough for the exact product of two values at the working precision.
const WideDecimal = Decimal.clone({ precision: 200 });

import type { InvoiceLine, Step } from "../../src/invoice/index.js";

/**
 * Laws of one invoice line's breakdown (docs/invoice-format.md, "How the money steps add up"), checked
 * with exact arithmetic of its own (1,000 digits, so no sum or product here can round):
 * - a line has a numeric `unitPrice` exactly when its `priceKind` is `unit`, and quantity × unitPrice is P;
 * - the price steps re-add to the price's amount P, and each recomputes from its own fields
 *   (unit: quantity × price; package: whole packages × package price; tier: quantity × unit price;
 *   dynamic: event amounts × multiplier; proration: before × elapsed ÷ total, multiplied first);
 * - P flows through proration, line limit and unused time, each taking the previous amount as `before`;
 * - the last step rounds once, with the contract's mode, to the line's amount.
 */

/** Arithmetic wide enough to never round a sum or product of invoice figures. */
export const Exact = Decimal.clone({ precision: 1000, toExpNeg: -1100, toExpPos: 1100 });
export type Exact = InstanceType<typeof Exact>;

const PRICE_STEPS = new Set([
  "window_pricing",
  "flat",
  "unit",
  "package",
  "tier",
  "tier_package",
  "tier_flat_fee",
  "tier_minimum",
  "percentage",
  "fixed_fees",
  "per_event_limit",
  "threshold",
  "capacity",
  "dynamic",
]);

// The invoice's rounding mode names, read into decimal.js modes by this oracle itself rather than by
// src/money/rounding.ts, so a wrong mapping there would show here.
const ROUNDING = {
  half_even: Decimal.ROUND_HALF_EVEN,
  half_up: Decimal.ROUND_HALF_UP,
  half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
} as const;

/** `value` rounded to `decimals` places with a rounding mode named as on the invoice. */
export function roundedAs(value: string, decimals: number, mode: string): string {
  return new Exact(value)
    .toDecimalPlaces(decimals, ROUNDING[mode as keyof typeof ROUNDING])
    .toFixed(decimals);
}

/** `a` and `b` are the same number. */
export function same(a: string | Exact, b: string | Exact): boolean {
  return new Exact(a).equals(new Exact(b));
}

/** Significant digits ratecard computes with (src/money/decimal.ts). */
const WORKING_DIGITS = 50;

/**
 * `a` and `b` are the same number, or, when a figure filled ratecard's 50 significant digits (a
 * quantity divided by 3, a prorated amount), agree to 10^-46 of their size: ratecard computes at 50
 * significant digits, so a figure that does not terminate is rounded there, and the steps after it use
 * the rounded figure as shown. Every money amount is rounded to at most 12 decimals long before that.
 */
export function sameAtWorkingPrecision(a: string | Exact, b: string | Exact): boolean {
  const x = new Exact(a);
  const y = new Exact(b);
  if (x.equals(y)) return true;
  if (Math.max(x.precision(true), y.precision(true)) < WORKING_DIGITS - 2) return false;
  const size = Exact.max(x.abs(), y.abs(), 1);
  return x.minus(y).abs().lessThanOrEqualTo(size.times("1e-46"));
}

function amountOf(step: Step): Exact {
  return new Exact("amount" in step ? step.amount : "0");
}

// Each price step's amount recomputed from its own fields.
function expectStepArithmetic(step: Step, where: string): void {
  if (step.kind === "window_pricing") {
    // the windows listed (those with a quantity or an amount) add up to the step, exactly
    const sum = step.priced.reduce((total, window) => total.plus(window.amount), new Exact(0));
    expect(same(sum, step.amount), `${where}: Σ windows = window pricing`).toBe(true);
  } else if (step.kind === "unit" || step.kind === "tier") {
    // quantity × unit price (a tier of a graduated percentage: the part of the amount × the rate)
    expect(
      sameAtWorkingPrecision(new Exact(step.quantity).times(step.unitPrice), step.amount),
      `${where}: ${step.kind}`,
    ).toBe(true);
  } else if (step.kind === "package" || step.kind === "tier_package") {
    // packages = quantity ÷ package size, a partial package rounded up (or down when the price says so)
    const exact = new Exact(step.quantity).div(step.packageSize);
    const down = step.kind === "package" && step.partialPackage === "round_down";
    const packages = down ? exact.floor() : exact.ceil();
    expect(same(packages, step.packages), `${where}: whole packages`).toBe(true);
    expect(
      sameAtWorkingPrecision(new Exact(step.packages).times(step.packagePrice), step.amount),
      `${where}: packages`,
    ).toBe(true);
  } else if (step.kind === "dynamic") {
    expect(
      sameAtWorkingPrecision(new Exact(step.eventAmounts).times(step.multiplier), step.amount),
      `${where}: dynamic`,
    ).toBe(true);
  }
}

/** Asserts the breakdown laws of one line; `mode` and `minorUnits` are the invoice's rounding. */
export function expectLineLaws(line: InvoiceLine, minorUnits: number, mode: string): void {
  const where = `line ${line.id}`;
  const steps = line.steps;
  const last = steps.at(-1);
  expect(last?.kind, `${where}: the last step rounds`).toBe("rounding");
  if (last?.kind !== "rounding") return;
  expect(last.amount, `${where}: rounding gives the line amount`).toBe(line.amount);
  expect(last.minorUnits).toBe(minorUnits);
  expect(last.mode).toBe(mode);
  expect(roundedAs(last.before, minorUnits, mode), `${where}: rounded once, ${mode}`).toBe(line.amount);

  // A group's share of a charge rated across its groups (transform scope "charge") is no quantity × price.
  const share = steps.some((step) => step.kind === "group_share");
  expect(line.unitPrice !== undefined, `${where}: a unitPrice exactly when priceKind is unit`).toBe(
    line.priceKind === "unit" && !share,
  );
  const commitment = steps.find(
    (step) => step.kind === "commitment_true_up" || step.kind === "commitment_overage",
  );
  if (commitment !== undefined) {
    expect(same(amountOf(commitment), last.before), `${where}: the commitment step is what rounds`).toBe(
      true,
    );
    return;
  }
  const priced = steps.filter((step) => PRICE_STEPS.has(step.kind));
  for (const step of priced) expectStepArithmetic(step, where);
  let running = priced.reduce((sum, step) => sum.plus(amountOf(step)), new Exact(0));
  // A unit price is shown exactly when one price per unit rated the line, and then quantity × unitPrice
  // is what its price steps add up to (before proration, limits and rounding).
  if (line.unitPrice !== undefined)
    expect(
      sameAtWorkingPrecision(new Exact(line.quantity).times(line.unitPrice), running),
      `${where}: quantity × unitPrice`,
    ).toBe(true);
  for (const step of steps) {
    if (step.kind === "proration") {
      expect(sameAtWorkingPrecision(step.before, running), `${where}: proration takes the price`).toBe(true);
      // multiply exactly first, divide last at ratecard's working precision (documented: only the division
      // rounds; a product of two 50-digit values has up to 100 digits, so it is formed at a wider precision)
      const expected = same(step.elapsed, step.total)
        ? new Decimal(step.before)
        : new Decimal(new WideDecimal(step.before).times(step.elapsed).toFixed()).div(step.total);
      // A price that is a quotient cut at the working precision (a level's piece of a windowed average:
      // 146.2503333… × 0.79616) is prorated as the exact fraction and divided once, so its amount may
      // differ from the shown `before` × elapsed ÷ total in the last digit; an amount of fewer digits must
      // match exactly (sameAtWorkingPrecision allows the last digit only at the working precision).
      expect(sameAtWorkingPrecision(expected.toFixed(), step.amount), `${where}: proration ratio`).toBe(true);
      running = new Exact(step.amount);
    } else if (step.kind === "full_quantity_tiers") {
      expect(
        sameAtWorkingPrecision(step.before, running),
        `${where}: full-quantity tiers take the price`,
      ).toBe(true);
      const scaled = new Decimal(step.before)
        .minus(step.flatFees)
        .times(step.quantity)
        .div(step.full)
        .plus(step.flatFees);
      expect(
        sameAtWorkingPrecision(scaled.toFixed(), step.amount),
        `${where}: full-quantity tiers scale`,
      ).toBe(true);
      running = new Exact(step.amount);
    } else if (step.kind === "line_limit") {
      expect(
        sameAtWorkingPrecision(step.before, running),
        `${where}: the line limit takes the prorated price`,
      ).toBe(true);
      expect(same(new Exact(step.before).plus(step.amount), step.value), `${where}: limit re-adds`).toBe(
        true,
      );
      running = new Exact(step.value);
    } else if (step.kind === "group_share") {
      // The charge's amount rated on the groups' total, rounded once; the line's share of it is an
      // allocation over every group (checked where the lines are together), at most one minor unit off
      // its exact share total × weight ÷ total weight.
      expect(sameAtWorkingPrecision(step.before, running), `${where}: the share takes the total`).toBe(true);
      const exactShare = new Decimal(step.total).times(step.weight).div(step.totalWeight);
      expect(
        exactShare.minus(step.amount).abs().lessThan(new Decimal(10).pow(-minorUnits)),
        `${where}: a share within one minor unit of its exact share`,
      ).toBe(true);
      running = new Exact(step.amount);
    } else if (step.kind === "unused_time") {
      expect(sameAtWorkingPrecision(step.before, running), `${where}: unused time takes the amount`).toBe(
        true,
      );
      expect(same(new Exact(step.before).negated(), step.amount), `${where}: unused time negates`).toBe(true);
      running = new Exact(step.amount);
    } else if (step.kind === "unused_time_discount") {
      expect(sameAtWorkingPrecision(step.before, running), `${where}: the discount takes the credit`).toBe(
        true,
      );
      // before − before × percent (× elapsed ÷ total) ÷ 100: the share the discount took of the billed fee
      const share = new Decimal(step.before)
        .times(step.percent)
        .times(step.inForce?.elapsed ?? 1)
        .div(step.inForce?.total ?? 1)
        .div(100);
      expect(
        sameAtWorkingPrecision(new Decimal(step.before).minus(share).toFixed(), step.amount),
        `${where}: the credit is net of the discount's share`,
      ).toBe(true);
      running = new Exact(step.amount);
    }
  }
  expect(sameAtWorkingPrecision(last.before, running), `${where}: the steps add up to what is rounded`).toBe(
    true,
  );
}
