import type { Contract, DiscountTerms } from "../../contracts/index.js";
import {
  addQuotients,
  type ExactQuotient,
  exactProduct,
  ONE,
  quotient,
  quotientValue,
  roundReduction,
  roundTo,
  toFixedString,
  toPlainString,
  ZERO,
  ZERO_QUOTIENT,
} from "../../money/index.js";
import type { BilledFeeDiscount } from "../../rating/index.js";
import type { AppliedDiscount } from "../../schema/index.js";
import { applyRatio, intersectPeriods, isSamePeriod, type Period } from "../../time/index.js";
import { chargeScope } from "../chargeScope.js";
import { contractRatio } from "../contractRatio.js";
import type { InvoiceDraft, InvoiceKind, PeriodInForce, PeriodUsage } from "../draft.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { perBillingPeriod } from "../perBillingPeriod.js";
import type { ServicePeriod } from "../resolveServicePeriod.js";
import { netOf, spreadReduction } from "../spreadReduction.js";
import { coveredBases } from "./coveredDays.js";
import { inForceData, periodOfLine, proratedFrom, spanInForce } from "./discountEntry.js";
import { laterLineIds, laterLineReach, type Reach, shareInForce, windowOf } from "./discountReach.js";

// In force for all of the lines' periods.
const WHOLLY = { part: undefined } as const;

/** The lines after discounts, and the discounts as applied. */
export interface DiscountResult {
  readonly lines: ReadonlyArray<InvoiceLine>;
  readonly discounts: ReadonlyArray<AppliedDiscount>;
}

/**
 * Steps 5 and 6 of docs/contracts.md: line discounts (those naming charges), then invoice discounts;
 * within each, percentages before fixed amounts, each group in contract order. Each discount is
 * worked out on the current net of its lines (so two 10 % discounts take 19 %), rounded once, never
 * more than that base, and spread over the lines by largest remainder in proportion to their nets.
 * Fixed amounts are per billing period and prorated on a partial one. A discount whose from/until
 * cuts the invoice's period applies pro rata: its percent, or its fixed amount, times the share of the
 * period it is in force (the contract's proration basis), shown as `inForce` on its entry; with
 * `partialPeriod: "days_covered"`, only on what the days it covers billed (coveredDays.ts).
 */
export function applyDiscounts(
  contract: Contract,
  lines: ReadonlyArray<InvoiceLine>,
  resolved: PeriodInForce,
  usage: PeriodUsage,
  kind: InvoiceKind = "closing",
): DiscountResult {
  // No discount, nothing to order or copy (issue 14: four lists, a map and a copy of the lines per invoice).
  if (contract.discounts.length === 0) return { lines, discounts: [] };
  const share = new Map(
    contract.discounts.map((discount) => [discount.id, shareInForce(discount, contract, resolved)]),
  );
  // A percentage reaches a fee billed in advance for the next period by that period (discountReach.ts).
  const later = laterLineIds(lines, resolved);
  const active = contract.discounts.filter((discount) => takesPeriodAmount(discount, kind));
  const ordered = [
    ...active.filter((d) => d.charges !== undefined && d.percent !== undefined),
    ...active.filter((d) => d.charges !== undefined && d.amount !== undefined),
    ...active.filter((d) => d.charges === undefined && d.percent !== undefined),
    ...active.filter((d) => d.charges === undefined && d.amount !== undefined),
  ];
  const minor = contract.currency.minorUnits;
  let current = [...lines];
  const applied: AppliedDiscount[] = [];
  for (const discount of ordered) {
    const inScope = chargeScope(discount.charges);
    const ownReach = share.get(discount.id);
    // A fixed amount is the period's, taken off the invoice's in-scope lines whatever their period; a
    // percentage reaches each line by the line's own period.
    const laterOf = discount.percent === undefined ? undefined : laterReach(contract, discount, lines, later);
    // Where its dates cut the period, a percentage also reaches a piece of it (an amendment's) by the
    // piece's own dates, not by the invoice's share (piecesReach, below).
    const pieceOf = piecesReach(contract, discount, ownReach, lines, later, resolved);
    const reachOf = (line: InvoiceLine): Reach =>
      laterOf?.has(line.id) === true
        ? laterOf.get(line.id)
        : pieceOf.has(line.id)
          ? pieceOf.get(line.id)
          : ownReach;
    const eligible = current.filter(
      (line) => inScope(line.chargeId) && netOf(line).greaterThan(0) && reachOf(line) !== undefined,
    );
    const laterEligible = eligible.some((line) => laterOf?.has(line.id) === true);
    // Lines reached by their own dates (a later period's, or a piece's) rather than the invoice's share.
    const byOwnDates = laterEligible || eligible.some((line) => pieceOf.has(line.id));
    // In force for none of this invoice's lines (out of its periods, or its dates miss them all).
    if (ownReach === undefined && !laterEligible) continue;
    const base = eligible.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
    // Lines of two periods (or pieces), some in force for part of theirs: each line's part (below). All
    // wholly in force: the whole base, whatever part of the invoice's own period the discount covers.
    const spansPeriods = byOwnDates && eligible.some((line) => reachOf(line)!.part !== undefined);
    const inForce = byOwnDates ? WHOLLY : ownReach!; // defined: the check above
    // On the days it covers, or over lines of two periods not all wholly in force: each line's part
    // (coveredDays.ts, discountReach.ts) replaces its net.
    const coveredParts =
      spansPeriods || (discount.partialPeriod === "days_covered" && inForce.part !== undefined)
        ? partsInForce(contract, resolved, usage, discount, eligible, reachOf)
        : undefined;
    const days = coveredParts?.map(quotientValue);
    // What the covered days billed, rounded down to the minor unit: the figure the invoice shows, the
    // percent is taken of and the discount never exceeds, so the entry can be redone from its own fields.
    // The parts are added as fractions and divided once (exactQuotient.ts).
    const covered =
      coveredParts === undefined
        ? undefined
        : roundTo(
            quotientValue(coveredParts.reduce((sum, part) => addQuotients(sum, part), ZERO_QUOTIENT)),
            minor,
            "down",
          );
    // A fixed amount is per billing period: scaled by the share its dates cover, or by the share of the
    // billing period a partial period is (a term that starts inside it).
    const fixedRatio =
      discount.amount === undefined ? undefined : (inForce.part?.ofBillingPeriod ?? resolved.proration);
    const fixed =
      discount.amount === undefined
        ? undefined
        : perBillingPeriod(discount.amount, fixedRatio, contract, true);
    // A percentage in force for part of the invoice's period: percent × its share of the period, with
    // every multiplication before the one division (20 % for 15 of 31 days on 1,000.00 → 96.77); on
    // the days it covers, percent × what those days billed.
    // Rounded as the figure taken off (negative), so ceiling and floor keep their direction (roundReduction).
    const wanted =
      discount.percent !== undefined
        ? roundReduction(
            covered !== undefined
              ? exactProduct(covered, discount.percent).div(100)
              : inForce.part === undefined
                ? exactProduct(base, discount.percent).div(100)
                : applyRatio(exactProduct(base, discount.percent), inForce.part.ofService).div(100),
            minor,
            contract.rounding,
          )
        : fixed!;
    // Never more than the lines' nets, nor (on the days it covers) than what those days billed.
    const cap = covered ?? base;
    const amount = wanted.greaterThan(cap) ? cap : wanted;
    const spread = spreadReduction(
      current,
      eligible,
      amount,
      contract.currency,
      "discount",
      discount.id,
      days,
    );
    current = spread.lines;
    const entryInForce = spansPeriods
      ? spanInForce(contract, discount, eligible, covered!, minor)
      : inForce.part !== undefined
        ? inForceData(inForce.part, discount, cap, covered !== undefined, minor)
        : undefined;
    applied.push({
      id: discount.id,
      name: discount.name,
      ...(discount.percent !== undefined ? { percent: toPlainString(discount.percent) } : {}),
      ...(fixed !== undefined ? { fixed: toFixedString(fixed, minor) } : {}),
      ...(fixedRatio !== undefined ? { prorated: proratedFrom(discount.amount!, fixedRatio, minor) } : {}),
      ...(entryInForce !== undefined ? { inForce: entryInForce } : {}),
      base: toFixedString(base, minor),
      amount: toFixedString(amount.negated(), minor),
      allocation: spread.allocation,
    });
  }
  return { lines: current, discounts: applied };
}

/**
 * False for a fixed amount on the opening invoice. A fixed amount is per billing period, and the term's
 * first billing period has two invoices when fees are billed in advance: the opening one (its fees)
 * and its own (its usage and the next period's fees). Its own invoice takes the amount, once, as it
 * measures the period's commitments; taken on both, the first period got it twice (a 31.00 a month
 * discount for two periods from 17 March gave 15.00 + 15.00 + 31.00, where fees in arrears got
 * 15.00 + 31.00). A percentage scales the lines it is taken of, so it applies on every invoice.
 */
function takesPeriodAmount(discount: DiscountTerms, kind: InvoiceKind): boolean {
  return discount.amount === undefined || kind !== "opening";
}

/**
 * The percentage discounts that took a share of charge `chargeId`'s line on the invoice of `service`,
 * in the order that invoice applied them (line discounts, then invoice discounts, contract order), each
 * with the share it was in force: what `"creditBasis": "net_of_discount"` takes off the unused-time
 * credit for `credited`. The share of the invoice's period, as that invoice scaled it; for a
 * `"days_covered"` discount whose dates cut that period, the share of `credited` its dates cover, as
 * that invoice discounted the fee by the days of the fee's own period (coveredDays.ts). Fixed amounts
 * are not among them: parseContract refuses them beside that basis.
 */
export function percentDiscountsOn(
  contract: Contract,
  chargeId: string,
  service: ServicePeriod,
  credited: Period,
  billedPiece?: Period,
): BilledFeeDiscount[] {
  const found: BilledFeeDiscount[] = [];
  for (const lineDiscounts of [true, false])
    for (const discount of contract.discounts) {
      if (discount.percent === undefined || (discount.charges !== undefined) !== lineDiscounts) continue;
      if (!chargeScope(discount.charges)(chargeId)) continue;
      const inForce = billedFor(discount, contract, service, credited, billedPiece);
      if (inForce === undefined) continue;
      const part = inForce.part;
      if (part === undefined || discount.partialPeriod !== "days_covered") {
        found.push({ id: discount.id, percent: discount.percent, inForce: part?.ofService });
        continue;
      }
      const covered = intersectPeriods(credited, part.window);
      if (covered === undefined) continue; // none of the credited days had it
      found.push({
        id: discount.id,
        percent: discount.percent,
        inForce: isSamePeriod(covered, credited) ? undefined : contractRatio(covered, credited, contract),
      });
    }
  return found;
}

/**
 * A percentage's reach over each line that is a piece of the invoice's period (an amendment's or an
 * override's: its own period lies inside the service period and is not all of it), by line id, when the
 * discount's dates cut the period: the reach over the piece's own period, so a discount from the 17th
 * takes the piece from the 17th whole and the piece before it not at all ("Which lines a percentage
 * reaches", docs/contracts.md). Empty for a fixed amount (the period's, not a line's), with
 * `days_covered` (which rates each line's covered days already), and where the dates cover the period
 * wholly or miss it (every piece is then reached as the period is).
 */
function piecesReach(
  contract: Contract,
  discount: DiscountTerms,
  ownReach: Reach,
  lines: ReadonlyArray<InvoiceLine>,
  later: ReadonlySet<string>,
  resolved: PeriodInForce,
): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  if (discount.percent === undefined || discount.partialPeriod === "days_covered") return reach;
  if (ownReach?.part === undefined) return reach;
  const service = resolved.service;
  for (const line of lines) {
    if (later.has(line.id)) continue;
    const own = periodOfLine(line);
    const inside = own.start >= service.start && own.end <= service.end;
    if (!inside || isSamePeriod(own, service)) continue;
    reach.set(line.id, shareInForce(discount, contract, { ...resolved, service: own }));
  }
  return reach;
}

// A percentage's reach over each in-scope line of a later billing period, by line id.
function laterReach(
  contract: Contract,
  discount: DiscountTerms,
  lines: ReadonlyArray<InvoiceLine>,
  later: ReadonlySet<string>,
): Map<string, Reach> {
  const inScope = chargeScope(discount.charges);
  const reach = new Map<string, Reach>();
  for (const line of lines)
    if (later.has(line.id) && inScope(line.chargeId))
      reach.set(line.id, laterLineReach(discount, contract, periodOfLine(line)));
  return reach;
}

// The reach the invoice that billed a fee gave it: of the fee's own period when that invoice billed it in
// advance for a later billing period (discountReach.ts), or as a piece of its period from a change
// earlier in it (`billedPiece`, {@link piecesReach}); else of that invoice's period.
function billedFor(
  discount: DiscountTerms,
  contract: Contract,
  service: ServicePeriod,
  credited: Period,
  billedPiece: Period | undefined,
): Reach {
  if (credited.start >= service.billingPeriod.end) return laterLineReach(discount, contract, credited);
  const reach = shareInForce(discount, contract, service);
  if (billedPiece === undefined || reach?.part === undefined || discount.partialPeriod === "days_covered")
    return reach;
  return shareInForce(discount, contract, { ...service, service: billedPiece });
}

/**
 * Each eligible line's part in force, as an exact fraction (docs/contracts.md, "Which lines a percentage
 * reaches"): a line the discount covers all its period, its net; one it covers in part, its net × the
 * part's share of the line's period (`period_share`), or what the covered days billed (`days_covered`,
 * coveredDays.ts). Used on the days it covers, and when the invoice holds lines of two billing periods
 * not all wholly in force.
 */
function partsInForce(
  contract: Contract,
  resolved: PeriodInForce,
  usage: PeriodUsage,
  discount: DiscountTerms,
  eligible: ReadonlyArray<InvoiceLine>,
  reachOf: (line: InvoiceLine) => Reach,
): ExactQuotient[] {
  const cut = eligible.filter((line) => reachOf(line)!.part !== undefined);
  const byDays =
    discount.partialPeriod === "days_covered"
      ? coveredBases(contract, resolved, usage, windowOf(discount, contract), cut)
      : undefined;
  const dayPart = new Map(cut.map((line, index) => [line.id, byDays?.[index]]));
  return eligible.map((line) => {
    const part = reachOf(line)!.part;
    const net = netOf(line);
    if (part === undefined) return quotient(net, ONE);
    return dayPart.get(line.id) ?? quotient(exactProduct(net, part.ofService.elapsed), part.ofService.total);
  });
}

/** Steps 5–6: line discounts, then invoice discounts, on the rated lines; their records on the draft. */
export function discountsStage(draft: InvoiceDraft, usage: PeriodUsage): InvoiceDraft {
  const { lines, discounts } = applyDiscounts(draft.contract, draft.lines, draft.period, usage, draft.kind);
  return { ...draft, lines, discounts };
}
