import type { AllowanceTerms } from "../contracts/index.js";
import {
  Decimal,
  type ExactQuotient,
  ONE,
  quotient,
  quotientValue,
  subtractQuotients,
  toPlainString,
  ZERO,
  ZERO_QUOTIENT,
} from "../money/index.js";
import type { AppliedAllowance } from "../schema/index.js";
import type { RatedLine } from "./ratedLine.js";

/** What one line takes from its allowance pool. */
export interface AllowanceDraw {
  readonly pool: string;
  /** What was left in the pool when the line drew. */
  readonly available: Decimal;
  /** min(the line's billable quantity, available). */
  readonly drawn: Decimal;
  /**
   * `drawn` exactly, when it is a fraction that does not end (the line's quantity, or the pool's rest
   * after such a line); absent, `drawn` is exact.
   */
  readonly drawnExactly?: ExactQuotient;
}

/** Finds the draw of a line by its id (as rated, before an amendment piece's `@date` suffix is added). */
export type AllowanceLookup = (lineId: string) => AllowanceDraw | undefined;

/** Every pooled line's draw by line id, and each pool as the invoice shows it. */
export interface AllowancePlan {
  readonly draws: ReadonlyMap<string, AllowanceDraw>;
  readonly pools: ReadonlyArray<AppliedAllowance>;
}

/**
 * Plans the draws of allowance pools on lines rated without them (docs/contracts.md, step 1). Each
 * pool is drawn charge by charge in the order it lists them and, within a charge, line by line in
 * line-id order (groups, amendment pieces); each line takes min(its billable quantity, what is left).
 * A 1,000 GB pool on [egress, cdn] with egress eu 700 and na 500 and cdn 200: eu draws 700, na 300,
 * cdn 0; 0 left.
 * @param pools - the contract's pools; a charge is in one pool at most (the contract checks it)
 * @param lines - the lines as rated without pools; `quantity` is each line's billable quantity
 */
export function planAllowanceDraws(
  pools: ReadonlyArray<AllowanceTerms>,
  lines: ReadonlyArray<Pick<RatedLine, "id" | "chargeId" | "quantity" | "steps">>,
): AllowancePlan {
  const draws = new Map<string, AllowanceDraw>();
  // Each charge's lines, found in one pass (not one pass per pooled charge).
  const linesOf = new Map<string, (typeof lines)[number][]>();
  for (const line of lines) {
    if (!pricesQuantity(line)) continue;
    const known = linesOf.get(line.chargeId);
    if (known === undefined) linesOf.set(line.chargeId, [line]);
    else known.push(line);
  }
  const applied = pools.map((pool): AppliedAllowance => {
    // What is left, exactly: a line of 1/3 GB leaves 2/3 of a 1 GB pool, not 0.666…67, so the next line
    // draws 2/3 and bills what is left of its own quantity exactly (docs/meters.md, "Quotients").
    let left = quotient(pool.quantity, ONE);
    const drawn: { line: string; quantity: string }[] = [];
    for (const chargeId of pool.charges) {
      const charged = [...(linesOf.get(chargeId) ?? [])]
        // Code-unit order of the ids: deterministic and the same in every locale.
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const line of charged) {
        const billable = billableExactly(line);
        // A negative quantity (refunds outweighing usage) draws nothing: a pool never grows.
        // min(billable, left); a zero drawn is +0 whatever its sign (a pool sized "-0" draws nothing).
        const least = isBelow(left, billable) ? left : billable;
        const take = billable.numerator.isNegative() || least.numerator.isZero() ? ZERO_QUOTIENT : least;
        const taken = quotientValue(take);
        draws.set(line.id, {
          pool: pool.id,
          available: quotientValue(left),
          drawn: taken,
          drawnExactly: take,
        });
        if (taken.greaterThan(ZERO)) drawn.push({ line: line.id, quantity: toPlainString(taken) });
        left = subtractQuotients(left, take);
      }
    }
    return {
      id: pool.id,
      name: pool.name,
      quantity: toPlainString(pool.quantity),
      drawn,
      remaining: toPlainString(quotientValue(left)),
    };
  });
  return { draws, pools: applied };
}

// A line whose quantity is measured usage (it has a usage step); a pooled charge has no other kind,
// but a line without one has nothing a pool could reduce.
function pricesQuantity(line: Pick<RatedLine, "steps">): boolean {
  return line.steps.some((step) => step.kind === "usage");
}

/**
 * A line's billable quantity exactly: the fraction its usage step records when nothing after it
 * changed the quantity (no transform, no window pricing), else the quantity as written. A fraction of
 * more than 30 digits is not recorded, and is drawn at its 50 digits as before.
 */
export function billableExactly(line: Pick<RatedLine, "quantity" | "steps">): ExactQuotient {
  let fraction: ExactQuotient | undefined;
  for (const step of line.steps) {
    if (step.kind === "billable_quantity" || step.kind === "window_pricing") return asWritten(line);
    if (step.kind === "usage" && step.fraction !== undefined)
      fraction = quotient(new Decimal(step.fraction.numerator), new Decimal(step.fraction.denominator));
  }
  return fraction ?? asWritten(line);
}

function asWritten(line: Pick<RatedLine, "quantity">): ExactQuotient {
  return quotient(new Decimal(line.quantity), ONE);
}

// a < b, for quotients over positive denominators (a quantity's, a pool's); −0 is not below 0.
function isBelow(a: ExactQuotient, b: ExactQuotient): boolean {
  const difference = subtractQuotients(a, b).numerator;
  return difference.isNegative() && !difference.isZero();
}
