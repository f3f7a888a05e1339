import type { ChargeTerms, Contract } from "../../contracts/index.js";
import { InvariantError, type Warning } from "../../errors/index.js";
import { type AggregateUsageResult, sameList } from "../../meters/index.js";
import { type Decimal, ZERO } from "../../money/index.js";
import {
  type AllowanceLookup,
  type BilledFeeDiscount,
  type ChargeInForce,
  groupDimensions,
  isFee,
  planAllowanceDraws,
  type RateChargeResult,
  type RatedLine,
  rateCharge,
} from "../../rating/index.js";
import { type PropertyValue, perObject } from "../../schema/index.js";
import type { Period, ProrationRatio } from "../../time/index.js";
import { type ChargeRun, chargeRuns, groupedRuns, keepsTerms } from "../chargeRuns.js";
import { contractRatio } from "../contractRatio.js";
import type { InvoiceDraft, PeriodInForce, PeriodUsage } from "../draft.js";
import { levelShare } from "../levelShare.js";
import { type MeterQuantityOf, poolsInForce } from "../poolSizes.js";
import { withPriceBook } from "../pricedByBook.js";
import { chargeAt, chargeKey, chargePath, chargesAt, pieceSuffix, withIdSuffix } from "../termsAt.js";
import { usageWarnings } from "../usageWarnings.js";
import { advanceChargeIds, advanceFeeLines, feeTime, openingFeeLines, type RateFee } from "./fees.js";
import { readsRunningTotal, runningTotalNote } from "./runningTotals.js";
import { billsWhole, wholeFeeNote } from "./wholeFees.js";

/**
 * Steps 1–4: every charge in force becomes its lines (usage, billable quantity, allowance pools, the
 * price, proration, line minimum and maximum, rounding: rating does 3 and 4 per line, since a line is
 * rounded once, after its limits). The opening invoice rates only the first fees billed in advance;
 * the closing invoice rates usage and fees in arrears, then the fees billed in advance.
 */
export function rateChargesStage(draft: InvoiceDraft, usage: PeriodUsage): InvoiceDraft {
  const { contract, period } = draft;
  const rateFee: RateFee = (charge, path, time) =>
    rateOne(contract, charge, path, { ...time, usage: usage.whole });
  if (draft.kind === "opening") return withRated(draft, openingFeeLines(contract, period, rateFee), usage);
  const progressive = draft.kind === "progressive";
  const pooled = rateWithAllowances(contract, period, usage, progressive);
  // A progressive invoice bills usage only: every fee, in advance or in arrears, waits for the close.
  const rated = progressive ? pooled.rated : [...pooled.rated, ...advanceFeeLines(contract, period, rateFee)];
  // Without allowance pools, the draft as withRated makes it: no second copy (issue 14).
  const withLines = withRated(draft, rated, usage);
  return pooled.allowances ? { ...withLines, allowances: pooled.allowances } : withLines;
}

function withRated(
  draft: InvoiceDraft,
  rated: ReadonlyArray<RateChargeResult>,
  usage: PeriodUsage,
): InvoiceDraft {
  // Plain loops: flatMap made an array per charge, then copied them all (issue 14).
  const lines: RatedLine[] = [];
  const warnings: Warning[] = [];
  for (const result of rated) {
    for (const line of result.lines) lines.push(line);
    for (const warning of result.warnings) warnings.push(warning);
  }
  for (const warning of usageWarnings(usage.whole, draft.contract, draft.period.service))
    warnings.push(warning);
  return { ...draft, lines, warnings };
}

/** The results of one charge id: one result, or one per piece of a split period (and a note). */
interface ChargeResults {
  readonly id: string;
  readonly results: ReadonlyArray<RateChargeResult>;
}

// Allowance pools (docs/contracts.md, step 1) reduce quantities, not money: rate every charge once,
// plan each pooled line's draw from the billable quantities, then rate again only the charges that
// draw from a pool, with their draws. A charge in no pool keeps its first (and only) rating.
function rateWithAllowances(
  contract: Contract,
  period: PeriodInForce,
  usage: PeriodUsage,
  progressive: boolean,
): { rated: RateChargeResult[]; allowances?: ReturnType<typeof planAllowanceDraws>["pools"] } {
  const first = rateCharges(contract, period, usage, { progressive });
  if (contract.allowances.length === 0) return { rated: resultsOf(first) };
  // Each pool at its size for this period (dated resizes weighted by their days: poolSizes.ts).
  const sized = poolsInForce(contract, period.service, meterQuantityOf(usage));
  const plan = planAllowanceDraws(
    sized.map((entry) => entry.pool),
    first.flatMap((entry) => entry.results.flatMap((result) => result.lines)),
  );
  const pooled = new Set(contract.allowances.flatMap((pool) => pool.charges));
  const again = new Map(
    rateCharges(contract, period, usage, {
      progressive,
      only: pooled,
      allowance: (id) => plan.draws.get(id),
    }).map((entry) => [entry.id, entry.results]),
  );
  const rated = first.flatMap((entry) => [...(again.get(entry.id) ?? entry.results)]);
  const allowances = plan.pools.map((pool, at) => {
    const { schedule, growth } = sized[at]!;
    return {
      ...pool,
      ...(schedule === undefined ? {} : { schedule }),
      ...(growth === undefined ? {} : { growth }),
    };
  });
  return { rated, allowances };
}

// Every charge's results, in charge order (a loop: a spread copy per charge was 2 % of rating from
// aggregates, issue 14).
function resultsOf(charges: ReadonlyArray<ChargeResults>): RateChargeResult[] {
  const results: RateChargeResult[] = [];
  for (const entry of charges) for (const result of entry.results) results.push(result);
  return results;
}

// A pool that grows with a meter reads the meter's quantity over the whole service period, whatever
// pieces amendments cut it into (the pool is one per period).
function meterQuantityOf(usage: PeriodUsage): MeterQuantityOf {
  const quantities = new Map(usage.whole.meters.map((entry) => [entry.meter.id, entry.quantity]));
  return (meter) => quantities.get(meter) ?? ZERO;
}

/** Which charges a rating pass rates, and the allowance draws it applies. */
interface RatePassOptions {
  /** Rate only these charge ids (the second pass of allowance pools); default: every charge. */
  readonly only?: ReadonlySet<string>;
  readonly allowance?: AllowanceLookup;
  /**
   * Rating a progressive invoice's usage so far (docs/progressive-billing.md): only the charges that
   * read a meter and are no fee, without their line minimum, which the period's close settles.
   */
  readonly progressive: boolean;
}

// Rates every charge in force. When amendments take effect inside the period, a charge whose terms
// change is rated per piece (its own usage, its own proration, line ids "charge@2026-02-17"); a
// charge they leave unchanged is rated over the whole period, so an amendment that changes nothing
// changes nothing on the invoice. The pieces were aggregated in time order, each opening with the
// state the previous one closed with, so a weighted_sum piece starts from the level in force then.
function rateCharges(
  contract: Contract,
  resolved: PeriodInForce,
  usage: PeriodUsage,
  { only, allowance, progressive }: RatePassOptions,
): ChargeResults[] {
  const whole = { period: resolved.service, usage: usage.whole, proration: resolved.proration };
  const wanted = (id: string) => only === undefined || only.has(id);
  // Fees billed in advance have lines of their own (fees.ts); a trial makes a fee free until it ends
  // (feeTime: without a trial, the same period and proration the piece has).
  const advance = advanceChargeIds(contract);
  const rate = (
    charge: ChargeTerms,
    at: number,
    piece: Parameters<typeof rateOne>[3],
    lookup: AllowanceLookup | undefined = allowance,
    groups?: GroupFilter,
  ) =>
    advance.has(charge.id) || (progressive && !billsProgressively(charge))
      ? { lines: [], warnings: [] }
      : rateOne(
          contract,
          progressive ? withoutMinimum(charge) : charge,
          chargePath(contract, charge.id, at),
          isFee(charge) ? { ...piece, ...feeTime(contract, piece.period, resolved.billingPeriod) } : piece,
          lookup,
          groups,
        );
  if (usage.pieces === undefined) {
    const start = resolved.service.start;
    // A plain loop: filter and map made a list and a closure call per charge (issue 14).
    const results: ChargeResults[] = [];
    for (const charge of chargesAt(contract, start))
      if (wanted(charge.id)) results.push({ id: charge.id, results: [rate(charge, start, whole)] });
    return results;
  }
  if (usage.pieces.length !== resolved.pieces.length)
    throw new InvariantError(
      "A period split by amendments or overrides was rated without its pieces' usage.",
    );
  const pieceUsage = usage.pieces;
  const pieces = resolved.pieces.map((period, at) => ({
    period,
    usage: pieceUsage[at]!,
    proration: contractRatio(period, resolved.billingPeriod, contract),
    levelShare: levelShare(period, resolved.service, contract),
    charges: chargesAt(contract, period.start),
  }));
  const ids = [...new Set(pieces.flatMap((piece) => piece.charges.map((charge) => charge.id)))];
  return ids.filter(wanted).map((id) => {
    const versions = pieces.map((piece) => chargeAt(contract, piece.period.start, id));
    const first = versions[0];
    if (
      first !== undefined &&
      versions.every((version) => version !== undefined && chargeKey(version) === chargeKey(first))
    ) {
      const at = pieces.length - 1; // maybe renamed (chargeKey): the name in force at the end
      return { id, results: [rate(versions[at]!, pieces[at]!.period.start, whole)] };
    }
    const last = pieces.length - 1;
    const runs = chargeRuns(contract, resolved.pieces, id);
    // A fee billed whole is one fee per billing period: the last terms in force bill it once, over the
    // whole period, on a line without a piece suffix; the earlier terms bill nothing (wholeFees.ts).
    const final = runs[runs.length - 1]!;
    const finalTerms = versions[final.first]!;
    if (runs.length > 1 && billsWhole(finalTerms))
      return {
        id,
        results: [
          rate(finalTerms, final.period.start, whole),
          { lines: [], warnings: [wholeFeeNote(contract, resolved.service, id, final.period.start)] },
        ],
      };
    // A group whose terms hold all period (an override with `where` cut the period for other groups)
    // is rated over the whole period, on a line without a suffix (chargeRuns.ts, keepsTerms).
    // Only when every version prices per group: a version that prices one line (a matrix amended to a
    // unit price) has no groups for the filter to pass, and would bill its terms over the whole period
    // beside its own piece (110.00 for 50.00); its runs are rated as those of any other charge.
    // A charge that starts inside the period (absent from the first piece) is grouped as well: its
    // groups' runs start where it does, and none is steady (until this was so, every cell of a matrix
    // added on the 3rd restarted its tiers at a later repricing of another cell: 8.00 + 8.00 for 10.60).
    const grouped = versions.every((version) => isGrouped(version));
    const steady = (group: Group) => keepsTerms(versions, group);
    // The other groups are rated over runs of their own terms: an override on other groups does not
    // restart their tiers either (chargeRuns.ts, groupedRuns).
    const byGroup = grouped ? groupedRuns(resolved.pieces, versions) : undefined;
    const changing = (run: ChargeRun) =>
      byGroup && ((group: Group) => !steady(group) && byGroup.isRunOf(run, group));
    // At the terms of the end (a steady group's are the same all period; the name may be new): no group
    // is steady when the charge ends inside the period, and its first terms rate none.
    const endAt = versions[last] === undefined ? 0 : last;
    const steadyLines =
      grouped && first !== undefined
        ? [rate(versions[endAt]!, pieces[endAt]!.period.start, whole, allowance, steady)]
        : [];
    // Rated once per run of pieces with the same terms: a cut made by another term does not restart
    // this charge's tiers (chargeRuns.ts).
    const rated = (byGroup?.runs ?? runs).flatMap((run, at, all) => {
      const charge = versions[run.last]!; // renamed inside the run: the name in force at its end
      // A running total is one reading at the period's end: the terms in force then price all of it,
      // once, on a line without a piece suffix; the earlier versions bill nothing (docs/contracts.md, step 0).
      if (readsRunningTotal(contract, charge))
        return run.last === last && !all.slice(at + 1).some((later) => later.last === last)
          ? [rate(charge, run.period.start, whole)]
          : [];
      const suffix = pieceSuffix(contract, run.period.start);
      const lookup = allowance && ((line: string) => allowance(`${line}${suffix}`));
      const slice = run.first === run.last ? pieces[run.first]! : spanSlice(contract, resolved, usage, run);
      return [
        withIdSuffix(rate(charge, pieces[run.last]!.period.start, slice, lookup, changing(run)), suffix),
      ];
    });
    const note = runningTotalNote(contract, resolved, id, versions, pieces);
    const results = [...steadyLines, ...rated];
    return { id, results: note === undefined ? results : [...results, { lines: [], warnings: [note] }] };
  });
}

// A version in force that prices per group (a matrix, a grouped price); absent (the charge ended) counts
// as grouped, since it rates no line.
function isGrouped(version: ChargeInForce | undefined): boolean {
  return version === undefined || groupDimensions(version) !== undefined;
}

// The usage and proration of a run of several pieces, aggregated over the whole run (PeriodUsage.spans).
function spanSlice(contract: Contract, resolved: PeriodInForce, usage: PeriodUsage, run: ChargeRun) {
  const at = resolved.spans.findIndex(
    (span) => span.start === run.period.start && span.end === run.period.end,
  );
  const spanUsage = at === -1 ? undefined : usage.spans?.[at];
  if (spanUsage === undefined)
    throw new InvariantError(
      "A charge rated over a stretch of pieces was rated without that stretch's usage.",
    );
  return {
    period: run.period,
    usage: spanUsage,
    proration: contractRatio(run.period, resolved.billingPeriod, contract),
    levelShare: levelShare(run.period, resolved.service, contract),
  };
}

// A progressive invoice bills a charge's usage so far: a charge that reads a meter and is no fee.
function billsProgressively(charge: ChargeTerms): boolean {
  return charge.meter !== undefined && !isFee(charge);
}

// A line minimum is owed for the whole period: progressive invoices leave it to the closing invoice.
export function withoutMinimum(charge: ChargeTerms): ChargeTerms {
  const { minimum: _settledAtClose, ...rest } = charge;
  return rest;
}

/** A group's values, `{ region: "eu" }`. */
type Group = Readonly<Record<string, PropertyValue>>;
/** Which groups of a matrix or grouped charge a rating makes lines for (all when not given). */
type GroupFilter = (group: Group) => boolean;

interface UsageIndex {
  readonly totals: ReadonlyMap<string, AggregateUsageResult["meters"][number]>;
  readonly meterQuantities: ReadonlyMap<string, Decimal>;
  readonly groupings: ReadonlyMap<string, ReadonlyArray<AggregateUsageResult["groups"][number]>>;
}

// A usage result's meters and groupings by meter id.
function buildIndex(usage: AggregateUsageResult): UsageIndex {
  const groupings = new Map<string, AggregateUsageResult["groups"][number][]>();
  for (const grouping of usage.groups) {
    const known = groupings.get(grouping.meter);
    if (known === undefined) groupings.set(grouping.meter, [grouping]);
    else known.push(grouping);
  }
  return {
    totals: new Map(usage.meters.map((entry) => [entry.meter.id, entry])),
    meterQuantities: new Map(usage.meters.map((entry) => [entry.meter.id, entry.quantity])),
    groupings,
  };
}

// Built once per usage result rather than once per charge: with a meter per charge, rebuilding the
// index for every charge made rating quadratic.
const indexPerObject = perObject(buildIndex);

// The index of the usage result rated last comes first: an invoice rates its charges over one usage
// result, new on every invoice, and an entry for each in a WeakMap (dropped only by the collector) was
// 4 % of rating from aggregates (issue 14). A usage result of a few meters and groupings whose index is
// not the last one is indexed again (a bounded cost: rating stays linear); a larger one keeps its index
// (indexPerObject). A usage result is never changed, so its index stays right.
const SMALL_USAGE = 16;
let lastUsage: AggregateUsageResult | undefined;
let lastIndex: UsageIndex | undefined;

function usageIndex(usage: AggregateUsageResult): UsageIndex {
  if (usage === lastUsage && lastIndex !== undefined) return lastIndex;
  const small = usage.meters.length + usage.groups.length <= SMALL_USAGE;
  const index = small ? buildIndex(usage) : indexPerObject(usage);
  lastUsage = usage;
  lastIndex = index;
  return index;
}

/** Rates one charge over a period or a piece of it, with that stretch's usage and proration. */
export function rateOne(
  contract: Contract,
  charge: ChargeTerms,
  path: string,
  piece: {
    readonly period: Period;
    readonly usage: AggregateUsageResult;
    readonly proration: ProrationRatio | undefined;
    /** A piece's share of the service period, for a level meter's price (levelShare.ts). */
    readonly levelShare?: ProrationRatio | undefined;
    readonly trialEnd?: number | undefined;
    readonly unused?: boolean | undefined;
    readonly unusedDiscounts?: ReadonlyArray<BilledFeeDiscount> | undefined;
    readonly billed?: "in_advance" | undefined;
  },
  allowance?: AllowanceLookup,
  only?: GroupFilter,
): RateChargeResult {
  const { totals, meterQuantities, groupings } = usageIndex(piece.usage);
  const meter = charge.meter;
  const dimensions = groupDimensions(charge);
  const groups =
    meter === undefined || dimensions === undefined
      ? undefined
      : groupings.get(meter)?.find((grouping) => sameList(grouping.dimensions, dimensions));
  const rated = rateCharge({
    charge,
    path,
    usage: meter === undefined ? undefined : totals.get(meter),
    groups: only === undefined ? (groups?.groups ?? []) : (groups?.groups ?? []).filter((g) => only(g.group)),
    meterQuantities,
    period: piece.period,
    proration: piece.proration,
    levelShare: piece.levelShare,
    currency: contract.currency,
    rounding: contract.rounding,
    trialEnd: piece.trialEnd,
    unused: piece.unused,
    unusedDiscounts: piece.unusedDiscounts,
    billed: piece.billed,
    allowance,
    timeZone: contract.timeZone,
  });
  return withPriceBook(contract, charge.id, piece.period.start, rated);
}
