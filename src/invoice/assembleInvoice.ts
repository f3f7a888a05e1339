import type { AggregateUsageResult } from "../meters/index.js";
import { toFixedString, toPlainString, ZERO } from "../money/index.js";
import { groupDimensions, rateCharge } from "../rating/index.js";
import { type Contract, INVOICE_SCHEMA_VERSION, type Invoice } from "../schema/index.js";
import { formatInstant, formatLocalDate, toLocalDate } from "../time/index.js";
import { applyCommitments } from "./applyCommitments.js";
import {
  applyCreditsAfterTax,
  applyCreditsBeforeTax,
  type CreditBalances,
  openGrants,
} from "./applyCredits.js";
import { applyDiscounts } from "./applyDiscounts.js";
import { applyTax } from "./applyTax.js";
import { label, type ServicePeriod } from "./resolveServicePeriod.js";

/**
 * Builds the invoice from aggregated usage: prices each charge, rounds each line once, sums the
 * rounded lines, and reports the usage (counted, excluded, per meter, carried state).
 */
export function assembleInvoice(
  contract: Contract,
  resolved: ServicePeriod,
  usage: AggregateUsageResult,
  creditBalances: CreditBalances = {},
): Invoice {
  const totals = new Map(usage.meters.map((entry) => [entry.meter.id, entry]));
  const meterQuantities = new Map(usage.meters.map((entry) => [entry.meter.id, entry.quantity]));
  const rated = contract.charges.map((charge, index) => {
    const meter = charge.meter;
    const groups = usage.groups.find(
      (grouping) => grouping.meter === meter && sameList(grouping.dimensions, groupDimensions(charge)),
    );
    return rateCharge({
      charge,
      index,
      usage: meter === undefined ? undefined : totals.get(meter),
      groups: groups?.groups ?? [],
      meterQuantities,
      period: resolved.service,
      proration: resolved.proration,
      currency: contract.currency,
      rounding: contract.rounding,
    });
  });
  const discounted = applyDiscounts(
    contract,
    rated.flatMap((result) => result.lines),
    resolved,
  );
  const committed = applyCommitments(contract, discounted.lines, resolved);
  const grants = openGrants(contract, resolved, creditBalances);
  const preTax = applyCreditsBeforeTax(contract, committed.lines, grants);
  const lines = preTax.lines;
  const warnings = rated.flatMap((result) => result.warnings);
  // The subtotal is the exact sum of the rounded lines (true-up lines included): rounding happened
  // once per line, never again. Discounts and caps ride on the lines as adjustments, so the amount
  // before tax is the sum of the lines' nets.
  const subtotal = lines.reduce((sum, line) => sum.plus(line.amount), ZERO);
  const afterDiscounts = lines.reduce((sum, line) => sum.plus(line.net ?? line.amount), ZERO);
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

  return {
    schemaVersion: INVOICE_SCHEMA_VERSION,
    id: `${contract.id}:${formatLocalDate(toLocalDate(resolved.service.start, contract.timeZone))}`,
    contractId: contract.id,
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
    subtotal: toFixedString(subtotal, minorUnits),
    ...(discounted.discounts.length > 0 ? { discounts: [...discounted.discounts] } : {}),
    ...(committed.commitments.length > 0 ? { commitments: [...committed.commitments] } : {}),
    ...(credits.length > 0 ? { credits } : {}),
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

function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string> | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((value, index) => value === b[index]);
}
