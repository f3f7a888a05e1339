import type { Contract } from "../../contracts/index.js";
import { InvariantError } from "../../errors/index.js";
import {
  addExactly,
  Decimal,
  type ExactQuotient,
  exactProduct,
  ONE,
  quotient,
  ZERO,
  ZERO_QUOTIENT,
} from "../../money/index.js";
import type { AllowanceDraw, AllowanceLookup } from "../../rating/index.js";
import { intersectPeriods, type Period, parseInstant } from "../../time/index.js";
import { type ChargeRun, chargeRuns } from "../chargeRuns.js";
import { contractRatio } from "../contractRatio.js";
import type { PeriodInForce, PeriodUsage } from "../draft.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { levelShare } from "../levelShare.js";
import { netOf } from "../spreadReduction.js";
import { chargeAt, chargePath, pieceSuffix } from "../termsAt.js";
import { afterTrial } from "./afterTrial.js";
import { rateOne, withoutMinimum } from "./rateCharges.js";

/**
 * What each line billed for the days of `window` (a discount's [from, until) with
 * `partialPeriod: "days_covered"`), as a part of its current net: never below 0, never above the net.
 * - A usage line (one with a usage step): its charge rated again on the usage of the pieces of the
 *   period inside the window only (the pieces step 0 cut at the discount's dates, each with its own
 *   usage and proration, as an amendment's pieces are rated, a level priced for the piece's share of
 *   the service period; without the charge's line minimum,
 *   which is no usage of those days; a pooled line's draw shared out to them by their billable units),
 *   as a share of the line's amount: net × covered ÷ amount, capped at the net.
 * - Any other line (a fee, billed in arrears or in advance): net × the share of the time the line
 *   billed (its period, after the free trial) inside the window, by the contract's proration basis.
 * @example 20 % until 17 March on 100 units on the 10th and 50 on the 20th at 1.00: bandwidth covers
 *   100.00 of its 150.00; a 31.00 monthly fee covers 31.00 × 16 ÷ 31 = 16.00
 */
export function coveredBases(
  contract: Contract,
  period: PeriodInForce,
  usage: PeriodUsage,
  window: Period,
  lines: ReadonlyArray<InvoiceLine>,
): ExactQuotient[] {
  const usageLines = lines.filter(isUsageLine);
  const covered =
    usageLines.length === 0
      ? new Map<string, Decimal>()
      : coveredUsage(contract, period, usage, window, usageLines);
  // Quotients, not yet divided: the discount adds them up and rounds the sum, which divided line by line
  // could come out a hair short of a minor unit it is exactly (1.00 × 9/28 + 27.00 × 9/28 = 9.00, not
  // 8.99 rounded down; exactQuotient.ts).
  return lines.map((line) => {
    const net = netOf(line);
    if (!net.greaterThan(0)) return ZERO_QUOTIENT;
    if (isUsageLine(line)) {
      const amount = new Decimal(line.amount);
      const part = covered.get(line.id) ?? ZERO;
      if (!part.greaterThan(0) || !amount.greaterThan(0)) return ZERO_QUOTIENT;
      return part.greaterThanOrEqualTo(amount)
        ? quotient(net, ONE)
        : quotient(exactProduct(net, part), amount);
    }
    // The time the fee billed: its period after the free trial (a 310.00 fee for March with a trial
    // until 15 March billed 15 March → 1 April, so a discount until 11 March covers none of it).
    const whole = afterTrial(contract, {
      start: parseInstant(line.period.start),
      end: parseInstant(line.period.end),
    });
    const part = whole === undefined ? undefined : intersectPeriods(whole, window);
    if (whole === undefined || part === undefined) return ZERO_QUOTIENT;
    const ratio = contractRatio(part, whole, contract);
    return quotient(exactProduct(net, ratio.elapsed), ratio.total);
  });
}

// A line priced from measured usage: it has a usage step (a fee has none).
function isUsageLine(line: InvoiceLine): boolean {
  return line.steps.some((step) => step.kind === "usage");
}

// Each usage line's amount over the pieces inside the window, by line id: a piece's lines carry the
// piece's `@date` suffix when the invoice rated the charge per piece (an amendment changed it), else
// none (the charge was rated over the whole period).
function coveredUsage(
  contract: Contract,
  period: PeriodInForce,
  usage: PeriodUsage,
  window: Period,
  lines: ReadonlyArray<InvoiceLine>,
): Map<string, Decimal> {
  const pieces = usage.pieces;
  if (pieces === undefined || pieces.length !== period.pieces.length)
    throw new InvariantError("A discount on the days it covers was applied without its pieces' usage.");
  const byId = new Map(lines.map((line) => [line.id, line]));
  const charges = [...new Set(lines.map((line) => line.chargeId).filter((id) => id !== undefined))];
  const amounts = new Map<string, Decimal>();
  const runs = new Map<string, ChargeRun[]>();
  const runsOf = (id: string) => {
    const known = runs.get(id) ?? chargeRuns(contract, period.pieces, id);
    runs.set(id, known);
    return known;
  };
  period.pieces.forEach((piece, at) => {
    if (intersectPeriods(piece, window) === undefined) return;
    const proration = contractRatio(piece, period.billingPeriod, contract);
    // A level (a peak, an average) is priced for the piece's share of the period, as rating does.
    const share = levelShare(piece, period.service, contract);
    for (const id of charges) {
      const charge = chargeAt(contract, piece.start, id);
      if (charge === undefined) continue;
      // The piece's lines carry the suffix of the run of pieces the charge was rated over (chargeRuns.ts).
      const run = runsOf(id).find((candidate) => candidate.first <= at && at <= candidate.last);
      const suffix = pieceSuffix(contract, (run?.period ?? piece).start);
      const keyOf = (lineId: string) => (byId.has(`${lineId}${suffix}`) ? `${lineId}${suffix}` : lineId);
      const rate = (allowance?: AllowanceLookup) =>
        rateOne(
          contract,
          withoutMinimum(charge),
          chargePath(contract, id, piece.start),
          { period: piece, usage: pieces[at]!, proration, levelShare: share },
          allowance,
        );
      const unpooled = rate();
      const shares = poolShares(unpooled.lines, (lineId) => byId.get(keyOf(lineId)));
      const rated = shares.size === 0 ? unpooled : rate((lineId) => shares.get(lineId));
      for (const line of rated.lines) {
        const key = keyOf(line.id);
        amounts.set(key, addExactly(amounts.get(key) ?? ZERO, new Decimal(line.amount)));
      }
    }
  });
  return amounts;
}

// The covered days' share of each pooled line's draw: the draw × the covered billable units ÷ the line's
// billable units before its draw (the pool is the period's, so every unit of the line is equally free).
// 252 GB drawn by a 1,600 GB line: 1,000 covered GB get 252 × 1,000 ÷ 1,600 = 157.5 GB of it.
function poolShares(
  covered: ReadonlyArray<{ readonly id: string; readonly quantity: string }>,
  lineOf: (lineId: string) => InvoiceLine | undefined,
): Map<string, AllowanceDraw> {
  const shares = new Map<string, AllowanceDraw>();
  for (const part of covered) {
    const step = lineOf(part.id)?.steps.find((candidate) => candidate.kind === "allowance");
    if (step === undefined) continue;
    const drawn = new Decimal(step.drawn);
    const before = new Decimal(step.quantity).plus(drawn);
    const units = new Decimal(part.quantity);
    if (!before.greaterThan(0) || !units.greaterThan(0) || drawn.isZero()) continue;
    const share = Decimal.min(exactProduct(drawn, units).div(before), units);
    shares.set(part.id, { pool: step.pool, available: share, drawn: share });
  }
  return shares;
}
