import { compareMessages, InputError } from "../errors/index.js";
import type { Invoice, InvoiceLine } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, roundTo, toFixedString, ZERO } from "../money/index.js";
import type { Attribution, DiffResult } from "./attribution.js";
import { amountOf, invoiceEffects } from "./invoiceEffects.js";
import { lineEffects, type RawEffect } from "./lineEffects.js";
import { requireComparable } from "./requireComparable.js";

/**
 * Attributes the change between two invoices of one currency (two periods of a contract, or the same
 * usage under two contracts) to its causes, largest first. Each cause is rounded half-even to the
 * minor unit and what the roundings leave is added to "rounding", so the attributions add up to the
 * change exactly (docs/diff-and-reconcile.md).
 * @param before the earlier (or reference) invoice, parsed with parseInvoice
 * @param after the later (or candidate) invoice
 * @returns the change of the amount due and its attributions
 * @throws InputError `currency_mismatch` when the invoices are in different currencies
 * @example
 * // January 1,000 GB at 0.10, February 1,200 GB at 0.10:
 * diff(january, february).attributions // [{ cause: "usage", amount: "20.00", … }]
 */
export function diff(before: Invoice, after: Invoice): DiffResult {
  requireComparable(before, "before", "diff");
  requireComparable(after, "after", "diff");
  if (
    before.currency.code !== after.currency.code ||
    before.currency.minorUnits !== after.currency.minorUnits
  )
    throw InputError.from(
      compareMessages.diffCurrencies(before.currency.code, after.currency.code),
      "currency",
    );
  const minor = after.currency.minorUnits;
  const change = exactDifference(amountOf(after), amountOf(before));
  const effects = [...pairedLineEffects(before, after), ...invoiceEffects(before, after)];
  const rounded = effects.map((effect) => ({ effect, amount: roundTo(effect.exact, minor, "half_even") }));
  const named = rounded.filter(({ effect }) => effect.cause !== "rounding");
  const explained = named.reduce((sum, { amount }) => addExactly(sum, amount), ZERO);
  const rounding = exactDifference(change, explained);
  const attributions: Attribution[] = named
    .filter(({ amount }) => !amount.isZero())
    .map(({ effect, amount }) => toAttribution(effect, amount, minor));
  if (!rounding.isZero())
    attributions.push({
      cause: "rounding",
      amount: toFixedString(rounding, minor),
      sentence: "Rounding: each line is rounded to the minor unit once, and so is each cause above.",
    });
  return {
    currency: { ...after.currency },
    before: summary(before),
    after: summary(after),
    change: toFixedString(change, minor),
    attributions: attributions.sort(largestFirst),
  };
}

// A rate that changed between two invoices of one contract changed by an amendment; between two
// contracts it is a price change. Two periods of one contract id are one contract even when its file
// gained an amendment in between (a new digest); one period rated under two versions of a contract (a
// what-if's proposal, which keeps the id of today's contract) is two contracts.
function oneContract(before: Invoice, after: Invoice): boolean {
  if (before.contractId !== after.contractId) return false;
  const samePeriod = before.period.start === after.period.start && before.period.end === after.period.end;
  return !samePeriod || before.contractDigest === after.contractDigest;
}

// Lines meet by id, then by charge and group (two contracts, or an amendment's split, may number them
// differently); a line left over was added or removed. Two lines of one invoice may share an id (an
// amendment's pieces once both read "c0"): each id keeps a queue of the earlier invoice's lines, met in
// document order, so no line is dropped. A map of one line per id lost one of the two, and its whole
// amount (50.500000 POINTS, FC_SEED=-1324157280) was left to "rounding".
function pairedLineEffects(before: Invoice, after: Invoice): RawEffect[] {
  const sameContract = oneContract(before, after);
  const byId = new Map<string, InvoiceLine[]>();
  for (const line of before.lines) {
    const same = byId.get(line.id);
    if (same === undefined) byId.set(line.id, [line]);
    else same.push(line);
  }
  const paired = new Set<InvoiceLine>();
  const pairs: Array<[InvoiceLine | undefined, InvoiceLine | undefined]> = [];
  const pending: InvoiceLine[] = [];
  for (const line of after.lines) {
    const twin = byId.get(line.id)?.find((candidate) => !paired.has(candidate));
    if (twin === undefined) pending.push(line);
    else {
      paired.add(twin);
      pairs.push([twin, line]);
    }
  }
  for (const line of pending) {
    const twin = before.lines.find((candidate) => !paired.has(candidate) && sameCharge(candidate, line));
    if (twin !== undefined) paired.add(twin);
    pairs.push([twin, line]);
  }
  for (const line of before.lines) if (!paired.has(line)) pairs.push([line, undefined]);
  return pairs.flatMap(([then, now]) => lineEffects(then, now, sameContract));
}

function sameCharge(a: InvoiceLine, b: InvoiceLine): boolean {
  return a.chargeId === b.chargeId && JSON.stringify(a.group ?? null) === JSON.stringify(b.group ?? null);
}

function toAttribution(effect: RawEffect, amount: Decimal, minor: number): Attribution {
  const { exact: _exact, ...rest } = effect;
  return { ...rest, amount: toFixedString(amount, minor) };
}

function summary(invoice: Invoice): DiffResult["before"] {
  const minor = invoice.currency.minorUnits;
  const stage = invoice.progressive;
  // The figures the amount compared is a difference of: the amount due when the invoice has one.
  const asked = (figures: { readonly total: string; readonly amountDue?: string | undefined }) =>
    toFixedString(
      new Decimal(invoice.amountDue === undefined ? figures.total : (figures.amountDue ?? figures.total)),
      minor,
    );
  return {
    id: invoice.id,
    contractId: invoice.contractId,
    customer: invoice.customer.id,
    period: invoice.period.label,
    amount: toFixedString(amountOf(invoice), minor),
    ...(stage === undefined
      ? {}
      : {
          progressive: {
            sequence: stage.sequence,
            stage: stage.stage,
            periodSoFar: asked(stage.cumulative),
            billedEarlier: asked(stage.billedEarlier),
          },
        }),
  };
}

// Largest magnitude first; ties in a fixed order (cause, line, source), so the output never varies.
function largestFirst(a: Attribution, b: Attribution): number {
  const size = new Decimal(b.amount).abs().comparedTo(new Decimal(a.amount).abs());
  if (size !== 0) return size;
  const key = (x: Attribution) => `${x.cause}\u0000${x.line ?? ""}\u0000${x.source ?? ""}`;
  const [ka, kb] = [key(a), key(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
