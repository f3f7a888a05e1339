import type { ChargeTerms, Contract } from "../contracts/index.js";
import { InvariantError } from "../errors/index.js";
import { type AggregateUsageResult, sameList } from "../meters/index.js";
import { type Decimal, toFixedString, toPlainString, ZERO } from "../money/index.js";
import {
  type AllowanceLookup,
  groupDimensions,
  isFee,
  planAllowanceDraws,
  type RateChargeResult,
  rateCharge,
} from "../rating/index.js";
import { INVOICE_SCHEMA_VERSION, withDigest } from "../schema/index.js";
import {
  formatInstant,
  formatLocalDate,
  type Period,
  type ProrationRatio,
  prorationRatio,
  toLocalDate,
} from "../time/index.js";
import { applyCommitments } from "./applyCommitments.js";
import {
  applyCreditsAfterTax,
  applyCreditsBeforeTax,
  type CreditBalances,
  openGrants,
} from "./applyCredits.js";
import { applyDiscounts } from "./applyDiscounts.js";
import { applyTax } from "./applyTax.js";
import { advanceChargeIds, advanceFeeLines, feeTime, openingFeeLines, type RateFee } from "./fees.js";
import type { Invoice } from "./invoiceSchema.js";
import { label, type ServicePeriod } from "./resolveServicePeriod.js";
import { netOf } from "./spreadReduction.js";
import {
  chargeAt,
  chargeIndex,
  chargeKey,
  chargesAt,
  pieceSuffix,
  segmentsOf,
  withIdSuffix,
} from "./termsAt.js";
import { usageWarnings } from "./usageWarnings.js";

/**
 * Builds the invoice from aggregated usage: prices each charge, rounds each line once, sums the
 * rounded lines, and reports the usage (counted, excluded, per meter, carried state).
 */
export function assembleInvoice(
  contract: Contract,
  resolved: ServicePeriod,
  usage: AggregateUsageResult,
  carriedCredits: { readonly balances?: CreditBalances; readonly startFull?: boolean } = {},
  segmentUsage?: (pieces: ReadonlyArray<Period>) => ReadonlyArray<AggregateUsageResult>,
  opening = false,
): Invoice {
  const rateFee: RateFee = (charge, index, time) => rateOne(contract, charge, index, { ...time, usage });
  const pooled = opening ? undefined : rateWithAllowances(contract, resolved, usage, segmentUsage);
  const rated = opening
    ? openingFeeLines(contract, resolved, rateFee)
    : [...(pooled?.rated ?? []), ...advanceFeeLines(contract, resolved, rateFee)];
  const allowances = pooled?.allowances;
  const discounted = applyDiscounts(
    contract,
    rated.flatMap((result) => result.lines),
    resolved,
  );
  // Commitments measure a period's spend, which the opening invoice (fees in advance only) does not close.
  const committed = opening
    ? { lines: discounted.lines, commitments: [] }
    : applyCommitments(contract, discounted.lines, resolved);
  const grants = openGrants(
    contract,
    resolved,
    carriedCredits.balances ?? {},
    carriedCredits.startFull === true,
  );
  const preTax = applyCreditsBeforeTax(contract, committed.lines, grants);
  const lines = preTax.lines;
  const warnings = [
    ...rated.flatMap((result) => result.warnings),
    ...usageWarnings(usage, contract.customer.id),
  ];
  // The subtotal is the exact sum of the rounded lines (true-up lines included): rounding happened
  // once per line, never again. Discounts and caps ride on the lines as adjustments, so the amount
  // before tax is the sum of the lines' nets.
  const subtotal = lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
  const afterDiscounts = lines.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
  const { minorUnits } = contract.currency;
  // Tax comes last, on each line's net: added on top (exclusive) or already inside it (inclusive).
  const tax =
    contract.tax === undefined
      ? undefined
      : applyTax(contract.tax, lines, afterDiscounts, contract.currency, contract.rounding);
  const total =
    tax !== undefined && tax.mode === "exclusive" ? afterDiscounts.plus(tax.total) : afterDiscounts;
  // Prepaid credits taxed when used (a wallet, a customer balance) pay the total after tax.
  const postTax = applyCreditsAfterTax(contract, total, grants);
  const credits = [...preTax.applied, ...postTax.applied];

  const content: Omit<Invoice, "digest"> = {
    schemaVersion: INVOICE_SCHEMA_VERSION,
    id: `${contract.id}:${formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone))}${opening ? ":opening" : ""}`,
    ...(opening ? { kind: "opening" as const } : {}),
    contractId: contract.id,
    contractDigest: contract.digest,
    customer: contract.customer,
    currency: { code: contract.currency.code, minorUnits },
    period: {
      start: formatInstant(resolved.service.start),
      end: formatInstant(resolved.service.end),
      timeZone: contract.timeZone,
      label: label(resolved.service, contract.timeZone),
    },
    rounding: { mode: contract.rounding, point: "line" },
    lines: [...lines],
    ...(allowances !== undefined ? { allowances: [...allowances] } : {}),
    subtotal: toFixedString(subtotal, minorUnits),
    ...(discounted.discounts.length > 0 ? { discounts: [...discounted.discounts] } : {}),
    ...(committed.commitments.length > 0 ? { commitments: [...committed.commitments] } : {}),
    ...(credits.length > 0 ? { creditBurnOrder: contract.creditBurnOrder, credits } : {}),
    ...(tax !== undefined ? { tax } : {}),
    total: toFixedString(total, minorUnits),
    ...(postTax.applied.length > 0 ? { amountDue: toFixedString(postTax.amountDue, minorUnits) } : {}),
    usage: {
      eventsRead: usage.eventsRead,
      eventsCounted: usage.eventsCounted,
      excluded: usage.excluded.map((entry) => ({ ...entry, sampleIds: [...entry.sampleIds] })),
      meters: usage.meters.map((entry) => ({
        meter: entry.meter.id,
        aggregation: entry.meter.aggregation,
        events: entry.events,
        quantity: toPlainString(entry.quantity),
        ...(entry.meter.unit !== undefined ? { unit: entry.meter.unit } : {}),
        ...(entry.daily
          ? { daily: entry.daily.map((day) => ({ date: day.date, quantity: toPlainString(day.quantity) })) }
          : {}),
      })),
      ...(Object.keys(usage.carryOut).length > 0 ? { carryOut: structuredCarry(usage.carryOut) } : {}),
    },
    warnings,
    ...(Object.keys(contract.metadata).length > 0 ? { metadata: { ...contract.metadata } } : {}),
  };
  // The digest seals the invoice as issued: a credit note refuses an invoice whose content was changed.
  return withDigest<Invoice>(content);
}

// Plain JSON in meter order of keys as produced (deterministic: meters are visited in contract order).
function structuredCarry(carry: AggregateUsageResult["carryOut"]) {
  return Object.fromEntries(
    Object.entries(carry).map(([meter, state]) => [
      meter,
      {
        ...(state.total !== undefined ? { total: state.total } : {}),
        ...(state.level !== undefined ? { level: state.level } : {}),
        ...(state.active !== undefined ? { active: [...state.active] } : {}),
      },
    ]),
  );
}

// Allowance pools (docs/contracts.md, step 1) reduce quantities, not money: rate once, plan each pooled
// line's draw from the billable quantities, then rate again with the draws. Without pools: one pass.
function rateWithAllowances(
  contract: Contract,
  resolved: ServicePeriod,
  usage: AggregateUsageResult,
  segmentUsage: ((pieces: ReadonlyArray<Period>) => ReadonlyArray<AggregateUsageResult>) | undefined,
) {
  if (contract.allowances.length === 0)
    return { rated: rateCharges(contract, resolved, usage, segmentUsage), allowances: undefined };
  // Both passes rate the same amendment pieces: aggregate them once.
  let known: ReadonlyArray<AggregateUsageResult> | undefined;
  const pieceUsage = segmentUsage && ((pieces: ReadonlyArray<Period>) => (known ??= segmentUsage(pieces)));
  const unpooled = rateCharges(contract, resolved, usage, pieceUsage);
  const plan = planAllowanceDraws(
    contract.allowances,
    unpooled.flatMap((result) => result.lines),
  );
  const rated = rateCharges(contract, resolved, usage, pieceUsage, (id) => plan.draws.get(id));
  return { rated, allowances: plan.pools };
}

// Rates every charge in force. When amendments take effect inside the period, a charge whose terms
// change is rated per piece (its own usage, its own proration, line ids "charge@2026-02-17"); a
// charge they leave unchanged is rated over the whole period, so an amendment that changes nothing
// changes nothing on the invoice. The pieces are aggregated in time order, each opening with the
// state the previous one closed with, so a weighted_sum piece starts from the level in force then.
function rateCharges(
  contract: Contract,
  resolved: ServicePeriod,
  usage: AggregateUsageResult,
  segmentUsage: ((pieces: ReadonlyArray<Period>) => ReadonlyArray<AggregateUsageResult>) | undefined,
  allowance?: AllowanceLookup,
) {
  const segments = segmentsOf(contract, resolved.service);
  const whole = { period: resolved.service, usage, proration: resolved.proration };
  const index = chargeIndex(contract);
  // Fees billed in advance have lines of their own (fees.ts); a trial makes a fee free until it ends.
  const advance = advanceChargeIds(contract);
  const rate = (
    charge: ChargeTerms,
    index: number,
    piece: Parameters<typeof rateOne>[3],
    lookup: AllowanceLookup | undefined = allowance,
  ) =>
    advance.has(charge.id)
      ? { lines: [], warnings: [] }
      : rateOne(
          contract,
          charge,
          index,
          isFee(charge) && contract.trialEnd !== undefined
            ? { ...piece, ...feeTime(contract, piece.period, resolved.billingPeriod) }
            : piece,
          lookup,
        );
  if (segments.length === 1) {
    return chargesAt(contract, resolved.service.start).map((charge) => rate(charge, index(charge.id), whole));
  }
  // Rating the whole period at its first terms would be silently wrong: every caller that can split a
  // period hands in the pieces' usage.
  if (segmentUsage === undefined)
    throw new InvariantError(
      "A period split by amendments or overrides was rated without its pieces' usage.",
    );
  const usages = segmentUsage(segments);
  const pieces = segments.map((period, at) => ({
    period,
    usage: usages[at]!,
    proration: prorationRatio(period, resolved.billingPeriod, contract.proration, contract.timeZone),
    charges: chargesAt(contract, period.start),
  }));
  const ids = [...new Set(pieces.flatMap((piece) => piece.charges.map((charge) => charge.id)))];
  return ids.flatMap((id) => {
    const versions = pieces.map((piece) => chargeAt(contract, piece.period.start, id));
    const first = versions[0];
    if (
      first !== undefined &&
      versions.every((version) => version !== undefined && chargeKey(version) === chargeKey(first))
    ) {
      return [rate(first, index(id), whole)];
    }
    const last = pieces.length - 1;
    const rated = pieces.flatMap((piece, at) => {
      const charge = versions[at];
      if (charge === undefined) return [];
      // A running total is one reading at the period's end: the terms in force then price all of it,
      // once, on a line without a piece suffix; the earlier versions bill nothing (docs/contracts.md, step 0).
      if (readsRunningTotal(contract, charge)) return at === last ? [rate(charge, index(id), whole)] : [];
      const suffix = pieceSuffix(contract, piece.period.start);
      const result = rate(charge, index(id), piece, allowance && ((line) => allowance(`${line}${suffix}`)));
      return [withIdSuffix(result, suffix)];
    });
    const note = runningTotalNote(contract, resolved, id, versions, pieces);
    return note === undefined ? rated : [...rated, { lines: [], warnings: [note] }];
  });
}

// True when the charge reads a persistent meter (a running total or an active set since the contract start).
function readsRunningTotal(contract: Contract, charge: ChargeTerms): boolean {
  return charge.meter !== undefined && persistentMeters(contract).has(charge.meter);
}

const persistentMeterIds = new WeakMap<Contract, ReadonlySet<string>>();

// The ids of the contract's persistent meters, found once per contract (not once per charge).
function persistentMeters(contract: Contract): ReadonlySet<string> {
  let ids = persistentMeterIds.get(contract);
  if (ids === undefined) {
    ids = new Set(contract.meters.filter((meter) => meter.persistent === true).map((meter) => meter.id));
    persistentMeterIds.set(contract, ids);
  }
  return ids;
}

// The warning a specialist needs when a charge on a running total changes inside the period: which
// terms priced the period's reading, or that no terms did because the charge stopped reading it.
function runningTotalNote(
  contract: Contract,
  resolved: ServicePeriod,
  id: string,
  versions: ReadonlyArray<ChargeTerms | undefined>,
  pieces: ReadonlyArray<{ readonly period: Period }>,
): string | undefined {
  const date = (at: number) => formatLocalDate(toLocalDate(pieces[at]!.period.start, contract.timeZone));
  const final = versions[versions.length - 1];
  if (final !== undefined && readsRunningTotal(contract, final)) {
    let from = versions.length - 1;
    while (
      from > 0 &&
      versions[from - 1] !== undefined &&
      chargeKey(versions[from - 1]!) === chargeKey(final)
    )
      from -= 1;
    return `Charge ${id} has new terms from ${date(from)}; its meter "${final.meter}" is a running total read at the end of the period, so those terms price the whole period's reading (${label(resolved.service, contract.timeZone)}).`;
  }
  // The last piece whose terms read a running total (-1: none did, nothing to say).
  const earlier = Math.max(
    ...versions.map((version, at) =>
      version !== undefined && readsRunningTotal(contract, version) ? at : -1,
    ),
  );
  if (earlier === -1) return undefined;
  const meter = versions[earlier]!.meter;
  const change = date(earlier + 1);
  const how = versions[earlier + 1] === undefined ? `ends on ${change}` : `no longer reads it from ${change}`;
  return `Charge ${id} read the running total of meter "${meter}", which is read at the end of the period, but ${how}: it bills nothing for that reading in ${label(resolved.service, contract.timeZone)}.`;
}

interface UsageIndex {
  readonly totals: ReadonlyMap<string, AggregateUsageResult["meters"][number]>;
  readonly meterQuantities: ReadonlyMap<string, Decimal>;
  readonly groupings: ReadonlyMap<string, ReadonlyArray<AggregateUsageResult["groups"][number]>>;
}

const usageIndexes = new WeakMap<AggregateUsageResult, UsageIndex>();

// A usage result's meters and groupings by meter id, built once per result rather than once per
// charge: with a meter per charge, rebuilding them for every charge made rating quadratic.
function usageIndex(usage: AggregateUsageResult): UsageIndex {
  let index = usageIndexes.get(usage);
  if (index === undefined) {
    const groupings = new Map<string, AggregateUsageResult["groups"][number][]>();
    for (const grouping of usage.groups) {
      const known = groupings.get(grouping.meter);
      if (known === undefined) groupings.set(grouping.meter, [grouping]);
      else known.push(grouping);
    }
    index = {
      totals: new Map(usage.meters.map((entry) => [entry.meter.id, entry])),
      meterQuantities: new Map(usage.meters.map((entry) => [entry.meter.id, entry.quantity])),
      groupings,
    };
    usageIndexes.set(usage, index);
  }
  return index;
}

function rateOne(
  contract: Contract,
  charge: ChargeTerms,
  index: number,
  piece: {
    readonly period: Period;
    readonly usage: AggregateUsageResult;
    readonly proration: ProrationRatio | undefined;
    readonly trialEnd?: number | undefined;
    readonly unused?: boolean | undefined;
    readonly billed?: "in_advance" | undefined;
  },
  allowance?: AllowanceLookup,
): RateChargeResult {
  const { totals, meterQuantities, groupings } = usageIndex(piece.usage);
  const meter = charge.meter;
  const dimensions = groupDimensions(charge);
  const groups =
    meter === undefined || dimensions === undefined
      ? undefined
      : groupings.get(meter)?.find((grouping) => sameList(grouping.dimensions, dimensions));
  return rateCharge({
    charge,
    index,
    usage: meter === undefined ? undefined : totals.get(meter),
    groups: groups?.groups ?? [],
    meterQuantities,
    period: piece.period,
    proration: piece.proration,
    currency: contract.currency,
    rounding: contract.rounding,
    trialEnd: piece.trialEnd,
    unused: piece.unused,
    billed: piece.billed,
    allowance,
  });
}
