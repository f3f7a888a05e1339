import type { Amendment, ChargeTerms, Contract, CreditBasis } from "../../contracts/index.js";
import { InputError, invoiceMessages } from "../../errors/index.js";
import { ZERO } from "../../money/index.js";
import type { BilledFeeDiscount, RateChargeResult } from "../../rating/index.js";
import { perObject } from "../../schema/index.js";
import {
  FIRST_YEAR,
  intersectPeriods,
  isSamePeriod,
  isSupportedInstant,
  LAST_YEAR,
  type Period,
  type ProrationRatio,
  periodOf,
} from "../../time/index.js";
import { contractRatio } from "../contractRatio.js";
import type { PeriodInForce } from "../draft.js";
import { type ServicePeriod, servicePeriodOf, termPeriod } from "../resolveServicePeriod.js";
import {
  allCharges,
  chargeAt,
  chargeKey,
  chargePath,
  chargesAt,
  pieceSuffix,
  piecesOf,
  withIdSuffix,
} from "../termsAt.js";
import { afterTrial } from "./afterTrial.js";
import { percentDiscountsOn } from "./discounts.js";

/** How a fee is rated over a stretch of time: its share of the billing period, net of the trial. */
export interface FeeTime {
  readonly period: Period;
  /** Share of the billing period billed; undefined when it is all of it and no trial overlaps. */
  readonly proration: ProrationRatio | undefined;
  /** The trial's end, when the trial overlaps `period` (the time before it is free). */
  readonly trialEnd?: number;
  /** The fee was billed in advance: credit the time (`unused`) or bill it (`billed`). */
  readonly unused?: boolean;
  /** With `unused`: the percentage discounts the billed fee had, taken off the credit too. */
  readonly unusedDiscounts?: ReadonlyArray<BilledFeeDiscount>;
  readonly billed?: "in_advance";
}

/**
 * Rates one charge over a stretch of time (the rating stage's, handed in to keep one path); `path` is
 * where the charge's definition sits in the contract, for error paths.
 */
export type RateFee = (charge: ChargeTerms, path: string, time: FeeTime) => RateChargeResult;

/**
 * The share of `billingPeriod` a fee bills for `period`: the time after the contract's free trial (Lago:
 * the trial covers the subscription fee only, usage is billed), measured with the contract's proration
 * basis. Wholly inside the trial: a share of 0.
 */
export function feeTime(contract: Contract, period: Period, billingPeriod: Period): FeeTime {
  const trialEnd = contract.trialEnd;
  if (trialEnd === undefined || trialEnd <= period.start) {
    const proration = isSamePeriod(period, billingPeriod)
      ? undefined
      : contractRatio(period, billingPeriod, contract);
    return { period, proration };
  }
  const whole = contractRatio(billingPeriod, billingPeriod, contract);
  const proration =
    trialEnd >= period.end
      ? { ...whole, elapsed: ZERO }
      : contractRatio({ start: trialEnd, end: period.end }, billingPeriod, contract);
  return { period, proration, trialEnd };
}

/** Whether a charge is billed in advance. */
export function inAdvance(charge: ChargeTerms): boolean {
  return charge.billed === "in_advance";
}

/**
 * The ids of the charges billed in advance at any time of the contract (a charge keeps its timing for
 * the whole term: parseContract refuses an amendment that switches it). Worked out once per contract,
 * not twice per invoice (issue 14: 2.5 % of rating from aggregates went to listing every charge and its
 * overridden prices again for each invoice); a contract is never changed after parsing, so the set stays
 * right while the contract lives.
 */
export const advanceChargeIds: (contract: Contract) => ReadonlySet<string> = perObject(
  (contract: Contract) =>
    new Set(
      allCharges(contract)
        .filter(inAdvance)
        .map((charge) => charge.id),
    ),
);

/**
 * The lines of the fees billed in advance on the invoice that closes a period (docs/contracts.md,
 * "Subscriptions and seats"), as Stripe, Lago and Orb bill them:
 * - each change inside the period (an amendment, an override, a cancellation) credits the unused time
 *   of the terms billed in advance and bills the new terms for the same time, each its own line
 *   (`seats:unused@2026-03-17`, `seats@2026-03-17`), unless the amendment says `"proration": "none"`;
 * - when the invoice closes its billing period, the fee for the next period, at the terms in force when
 *   it starts (prorated if the term ends inside it, free while a trial lasts).
 */
export function advanceFeeLines(
  contract: Contract,
  resolved: PeriodInForce,
  rate: RateFee,
): RateChargeResult[] {
  const advance = advanceChargeIds(contract);
  if (advance.size === 0) return [];
  const results: RateChargeResult[] = [];
  const pieces = walkedPieces(contract, resolved);
  for (const id of advance) {
    let before = versionAt(contract, id, pieces[0]!.start);
    let beforeStart = pieces[0]!.start;
    // The terms the rest of the period was last billed at: moves on only with a prorated change.
    let billed = before;
    let billedStart = beforeStart;
    for (const piece of pieces.slice(1)) {
      const after = versionAt(contract, id, piece.start);
      const rest: Period = { start: piece.start, end: settledUntil(contract, resolved.billingPeriod) };
      const changed =
        (before === undefined ? "" : chargeKey(before)) !== (after === undefined ? "" : chargeKey(after));
      if (changed && prorates(contract, id, piece.start)) {
        // A change before the invoice's start was settled by the invoice of that part of the period.
        const accrued = afterTrial(contract, rest);
        if (piece.start >= resolved.service.start && accrued !== undefined) {
          const suffix = pieceSuffix(contract, piece.start);
          const time = { ...feeTime(contract, rest, resolved.billingPeriod), billed: "in_advance" as const };
          const basis = creditBasisAt(contract, id, piece.start);
          const lastBilled = basis !== "list_price";
          const credited = lastBilled ? billed : before;
          const creditedStart = lastBilled ? billedStart : beforeStart;
          const unusedDiscounts =
            basis === "net_of_discount"
              ? percentDiscountsOn(
                  contract,
                  id,
                  billingInvoiceOf(contract, resolved, creditedStart),
                  accrued,
                  // billed by a change earlier in this period: a line of its own, from that change
                  creditedStart > resolved.pieces[0]!.start
                    ? { start: creditedStart, end: rest.end }
                    : undefined,
                )
              : undefined;
          if (credited !== undefined)
            results.push(
              withIdSuffix(
                rate(credited, chargePath(contract, id, creditedStart), {
                  ...time,
                  unused: true,
                  ...(unusedDiscounts === undefined ? {} : { unusedDiscounts }),
                }),
                `:unused${suffix}`,
              ),
            );
          if (after !== undefined)
            results.push(withIdSuffix(rate(after, chargePath(contract, id, piece.start), time), suffix));
        }
        billed = after;
        billedStart = piece.start;
      }
      before = after;
      beforeStart = piece.start;
    }
  }
  return [...results, ...nextPeriodFees(contract, resolved, rate)];
}

/**
 * The stretches between the changes to walk: the invoice's pieces, or, for an invoice that starts inside
 * a billing period after the term's start (`2026-04-16/2026-05-01`), the pieces from the billing
 * period's start (or the term's) to the invoice's end. The fee was billed for the whole billing period
 * and an earlier invoice settled each change before this one's start ({@link settledUntil}), so the walk
 * starts where the fee was billed: a change on the day the invoice starts is this invoice's to settle,
 * and the terms last billed (`"creditBasis": "last_billed"`) follow the changes before it.
 */
function walkedPieces(contract: Contract, resolved: PeriodInForce): ReadonlyArray<Period> {
  const billedSince = Math.max(resolved.billingPeriod.start, contract.term.start);
  return billedSince < resolved.service.start
    ? piecesOf(contract, { start: billedSince, end: resolved.service.end })
    : resolved.pieces;
}

/**
 * Where a change to a fee billed in advance is settled up to: the end of the billing period, or the
 * term's end inside it. Not the invoice's end: the fee was billed for the whole billing period, so an
 * invoice for part of it (`2026-04-01/2026-04-16`) that holds the change credits the old terms and
 * bills the new ones for the rest of the billing period. Settled only to the invoice's end, the time
 * after it kept the old terms on no invoice at all (the invoice for the rest of the period starts
 * under the new terms and sees no change).
 */
function settledUntil(contract: Contract, billingPeriod: Period): number {
  return Math.min(billingPeriod.end, termPeriod(contract).end);
}

// The fee for the billing period after this one, billed now; only on the invoice that closes the
// billing period, and only when the next period starts inside the term.
function nextPeriodFees(contract: Contract, resolved: ServicePeriod, rate: RateFee): RateChargeResult[] {
  if (resolved.service.end !== resolved.billingPeriod.end) return [];
  const next = periodOf(contract.cycle, resolved.billingPeriod.end);
  if (!isSupportedInstant(next.end))
    throw InputError.from(invoiceMessages.advanceFeesOutsideYears(FIRST_YEAR, LAST_YEAR), "period");
  const service = intersectPeriods(next, termPeriod(contract));
  return service === undefined ? [] : periodFeeLines(contract, service, next, rate);
}

/**
 * The lines of the opening invoice: the fees billed in advance for the term's first billing period,
 * at the terms in force at the term start, prorated when the period is partial, free while a trial lasts.
 */
export function openingFeeLines(
  contract: Contract,
  resolved: ServicePeriod,
  rate: RateFee,
): RateChargeResult[] {
  return periodFeeLines(contract, resolved.service, resolved.billingPeriod, rate);
}

function periodFeeLines(
  contract: Contract,
  service: Period,
  billingPeriod: Period,
  rate: RateFee,
): RateChargeResult[] {
  return chargesAt(contract, service.start)
    .filter(inAdvance)
    .map((charge) =>
      rate(charge, chargePath(contract, charge.id, service.start), {
        ...feeTime(contract, service, billingPeriod),
        billed: "in_advance",
      }),
    );
}

// False when an amendment effective at `instant` that changes or removes charge `id` says
// `"proration": "none"` (Stripe's proration_behavior=none): the period keeps the fee billed for it.
function prorates(contract: Contract, id: string, instant: number): boolean {
  return !changesAt(contract, id, instant).some((amendment) => amendment.proration === "none");
}

// What the unused-time credit of the change at `instant` to charge `id` is worked on: "last_billed",
// the terms last billed, which differ from those just before it when an earlier change in the period
// was not prorated; "net_of_discount", those terms less the percentage discounts the billed fee had.
function creditBasisAt(contract: Contract, id: string, instant: number): CreditBasis {
  const bases = changesAt(contract, id, instant).map((amendment) => amendment.creditBasis);
  return bases.find((basis) => basis !== undefined) ?? "list_price";
}

// The invoice that billed the time from `billedStart` to the period's end: this one, when a prorated
// change inside the period billed it; otherwise the one that billed the period in advance, the opening
// invoice for the term's first period and the invoice closing the previous period after it.
function billingInvoiceOf(contract: Contract, resolved: PeriodInForce, billedStart: number): ServicePeriod {
  if (billedStart > resolved.pieces[0]!.start) return resolved;
  const period = resolved.billingPeriod;
  if (period.start <= contract.term.start) return servicePeriodOf(contract, period);
  return servicePeriodOf(contract, periodOf(contract.cycle, period.start - 1));
}

// The amendments effective at `instant` that change or remove charge `id`.
function changesAt(contract: Contract, id: string, instant: number): ReadonlyArray<Amendment> {
  return contract.amendments.filter(
    (amendment) =>
      amendment.effective === instant &&
      (amendment.remove.includes(id) || amendment.charges.some((charge) => charge.id === id)),
  );
}

function versionAt(contract: Contract, id: string, instant: number): ChargeTerms | undefined {
  return chargeAt(contract, instant, id);
}
