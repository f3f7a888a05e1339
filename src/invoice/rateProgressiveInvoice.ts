import type { Contract } from "../contracts/index.js";
import { InputError, periodMessages } from "../errors/index.js";
import { type Decimal, toFixedString, ZERO } from "../money/index.js";
import { type CreditNote, type Sha256, type UsageEvent, withDigest } from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";
import { asOfInstant } from "./asOfInstant.js";
import { restoredByGrant } from "./balancesAfterNotes.js";
import { creditOwed } from "./belowZeroNotDue.js";
import { buildInvoice } from "./buildInvoice.js";
import { requireEvents } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseEarlier, requireProgressiveOptions } from "./progressiveOptions.js";
import type { InvoiceProgressive } from "./progressiveSchema.js";
import {
  aggregatePeriod,
  commitmentSpendOf,
  creditsOf,
  parseEvents,
  periodInForce,
  type RateInvoiceOptions,
  rateParsedRestoring,
  requireArguments,
  sealOf,
} from "./rateInvoice.js";
import { label } from "./resolveServicePeriod.js";
import { subtractBilled } from "./subtractBilled.js";
import { lessUnitsCredited, notesOfEarlier, takesUnitsOff } from "./unitsCredited.js";

/** Options of {@link rateProgressiveInvoice} and {@link rateClosingInvoice}. */
export interface ProgressiveInvoiceOptions extends RateInvoiceOptions {
  /**
   * The progressive invoices issued earlier in the same period, in their order (sequence 1, 2, …), as
   * issued: what they billed is taken off, line by line and figure by figure.
   */
  readonly earlier?: ReadonlyArray<Invoice>;
  /**
   * The credit notes issued against the `earlier` invoices. A note that takes units off (the units were
   * wrong) lowers what its invoice billed, so they are neither credited twice nor billed again; a note of
   * an amount, a line or the whole invoice is a credit given on purpose and stays credited. What a note
   * gave back to a credit grant (`settlement.credits[]`) is drawn again: the grant opens higher by it.
   * Recorded in `progressive.creditNotes` (docs/progressive-billing.md, "Credit notes of earlier invoices").
   */
  readonly creditNotes?: ReadonlyArray<CreditNote>;
  /** Recorded on the invoice when a spend threshold triggered it ({@link billProgressively}). */
  readonly trigger?: InvoiceProgressive["trigger"];
}

/**
 * A progressive (threshold) invoice of an open period (docs/progressive-billing.md): the usage before
 * `asOf` rated as the period's usage so far — usage charges only, so tiers, packages and allowances
 * run on from the period's start and never restart; no fee, no line minimum, no commitment true-up
 * (the closing invoice settles those); discounts, caps, credits and tax as the contract applies them —
 * less what the `earlier` progressive invoices of the period billed, line by line and figure by figure.
 * Marked `progressive` with its sequence number, its as-of instant and the earlier invoices.
 *
 * @param contract - a contract from `parseContract`
 * @param events - every usage event of the period so far (events at or after `asOf` are excluded)
 * @param period - the open invoice period, as for {@link rateInvoice}
 * @param asOf - an ISO 8601 instant with an offset, or a local date (its midnight in the contract's
 *   zone), after the period's start and before its end
 * @param options - as for {@link rateInvoice}, and `earlier`: the progressive invoices issued before
 * @returns the progressive invoice; its `total` is what it bills
 * @throws InputError `invalid_instant` (path `asOf`), `invalid_period` (an `asOf` outside the period,
 *   or not after an earlier invoice's), `invalid_argument` (an earlier invoice that is not progressive,
 *   of another period or contract version, or out of order); every error of {@link rateInvoice}
 * @example
 * // graduated: 0–1,000 GB at 0.10, above at 0.05; 800 GB by the 10th, then 600 GB more
 * const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10"); // 800 × 0.10 = 80.00
 * rateProgressiveInvoice(contract, events, "2026-03", "2026-03-20", { earlier: [first] }).total
 * // "40.00": 1,400 GB so far = 100.00 + 400 × 0.05 = 120.00, less the 80.00 billed
 */
export function rateProgressiveInvoice(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  asOf: string,
  options: ProgressiveInvoiceOptions = {},
): Invoice {
  requireEvents(events);
  return rateProgressiveParsedInvoice(contract, parseEvents(events), period, asOf, options);
}

/** {@link rateProgressiveInvoice} for events that are already validated (e.g. by `parseUsageEvent`). */
export function rateProgressiveParsedInvoice(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  asOf: string,
  options: ProgressiveInvoiceOptions = {},
): Invoice {
  requireProgressiveOptions(options, "progressive");
  const { earlier = [], creditNotes = [], trigger, ...rating } = options;
  requireArguments(contract, period, rating);
  requireEvents(events);
  const inForce = periodInForce(contract, period);
  const cut = asOfInside(asOf, inForce.service, contract.timeZone);
  const issued = earlierOfPeriod(contract, inForce.service, earlier, cut);
  const notes = notesOfEarlier(creditNotes, issued);
  const usage = aggregatePeriod(events, contract, inForce, rating, cut, true);
  const cumulative = buildInvoice(contract, inForce, usage, {
    kind: "progressive",
    credits: creditsOf(rating, restoredByGrant(notes)),
    ...commitmentSpendOf(rating),
    ...sealOf(rating),
  });
  return lessEarlier(
    cumulative,
    { invoices: issued, notes },
    {
      stage: "progressive",
      asOf: formatInstant(cut),
      ...(trigger !== undefined ? { trigger } : {}),
    },
    rating.sha256,
  );
}

/**
 * The closing invoice of a period billed progressively: the period's whole invoice (fees, minimums,
 * commitments, discounts, credits and tax as {@link rateInvoice} bills them) less what the `earlier`
 * progressive invoices billed, figure by figure, so the progressive invoices and this one add up to
 * the whole-period invoice exactly. Without earlier invoices it is the whole-period invoice, marked
 * `progressive` (sequence 1). What it owes the customer is `progressive.credit`.
 *
 * @param contract - a contract from `parseContract`
 * @param events - every usage event of the period
 * @param period - the period, as for {@link rateInvoice}
 * @param options - as for {@link rateInvoice}, and `earlier`: the period's progressive invoices
 * @returns the closing invoice, id `<period invoice id>` as {@link rateInvoice} names it
 * @throws InputError `invalid_argument` for an earlier invoice that is not progressive, of another
 *   period or contract version, or out of order; every error of {@link rateInvoice}
 * @example
 * // the period above closes at 1,500 GB: 100.00 + 500 × 0.05 = 125.00, less 80.00 and 40.00 billed
 * rateClosingInvoice(contract, events, "2026-03", { earlier: [first, second] }).total // "5.00"
 */
export function rateClosingInvoice(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  options: ProgressiveInvoiceOptions = {},
): Invoice {
  requireEvents(events);
  return rateClosingParsedInvoice(contract, parseEvents(events), period, options);
}

/** {@link rateClosingInvoice} for events that are already validated (e.g. by `parseUsageEvent`). */
export function rateClosingParsedInvoice(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  options: ProgressiveInvoiceOptions = {},
): Invoice {
  requireProgressiveOptions(options, "closing");
  const { earlier = [], creditNotes = [], trigger: _closingHasNoTrigger, ...rating } = options;
  requireArguments(contract, period, rating);
  const service = periodInForce(contract, period).service;
  const issued = earlierOfPeriod(contract, service, earlier, service.end);
  const notes = notesOfEarlier(creditNotes, issued);
  const whole = rateParsedRestoring(contract, events, period, rating, restoredByGrant(notes));
  const facts = { stage: "closing", asOf: formatInstant(service.end) } as const;
  return lessEarlier(whole, { invoices: issued, notes }, facts, rating.sha256);
}

// The cumulative invoice less the earlier ones (as the notes that took units off them leave them), with
// its id and `progressive` record, sealed again.
function lessEarlier(
  cumulative: Invoice,
  { invoices: earlier, notes }: { invoices: ReadonlyArray<Invoice>; notes: ReadonlyArray<CreditNote> },
  facts: Pick<InvoiceProgressive, "stage" | "asOf" | "trigger">,
  sha256: Sha256 | undefined,
): Invoice {
  const sequence = earlier.length + 1;
  const minor = cumulative.currency.minorUnits;
  const figures = subtractBilled(
    cumulative,
    earlier.map((invoice) => lessUnitsCredited(invoice, notes)),
  );
  const sum = <T>(items: ReadonlyArray<T>, of: (item: T) => string) =>
    toFixedString(
      items.reduce((total, item) => total.plus(of(item)), ZERO),
      minor,
    );
  const due = (invoice: Invoice) => invoice.amountDue ?? invoice.total;
  const withDue = figures.amountDue !== undefined;
  const progressive: InvoiceProgressive = {
    sequence,
    stage: facts.stage,
    asOf: facts.asOf,
    ...(facts.trigger !== undefined ? { trigger: facts.trigger } : {}),
    earlier: earlier.map((invoice) => ({
      id: invoice.id,
      digest: invoice.digest,
      asOf: invoice.progressive!.asOf,
      total: invoice.total,
    })),
    cumulative: {
      subtotal: cumulative.subtotal,
      total: cumulative.total,
      ...(withDue ? { amountDue: due(cumulative) } : {}),
    },
    billedEarlier: {
      subtotal: sum(earlier, (invoice) => invoice.subtotal),
      total: sum(earlier, (invoice) => invoice.total),
      ...(withDue ? { amountDue: sum(earlier, due) } : {}),
    },
    ...notesRecord(notes, sum, withDue),
    ...creditRecord(creditOwed(figures, cumulative.total, facts.stage === "closing"), minor),
  };
  // The closing invoice keeps the period's invoice id; a progressive one is numbered after it.
  const id = facts.stage === "closing" ? cumulative.id : `${cumulative.id}:progressive-${sequence}`;
  const {
    schemaVersion,
    id: _cumulativeId,
    digest: _cumulativeDigest,
    lines: _lines,
    allowances: _allowances,
    subtotal: _subtotal,
    discounts: _discounts,
    commitments: _commitments,
    creditBurnOrder: _creditBurnOrder,
    credits: _credits,
    tax: _tax,
    total: _total,
    amountDue: _amountDue,
    ...rest
  } = cumulative;
  const {
    lines,
    allowances,
    subtotal,
    discounts,
    commitments,
    creditBurnOrder,
    credits,
    tax,
    total,
    amountDue,
  } = figures;
  // Field order as rateInvoice writes it, with `progressive` right after the id (as `preview` is).
  return withDigest<Invoice>(
    {
      schemaVersion,
      id,
      progressive,
      contractId: rest.contractId,
      contractDigest: rest.contractDigest,
      customer: rest.customer,
      currency: rest.currency,
      period: rest.period,
      rounding: rest.rounding,
      lines,
      ...(allowances !== undefined ? { allowances } : {}),
      subtotal,
      ...(discounts !== undefined ? { discounts } : {}),
      ...(commitments !== undefined ? { commitments } : {}),
      ...(creditBurnOrder !== undefined ? { creditBurnOrder } : {}),
      ...(credits !== undefined ? { credits } : {}),
      ...(tax !== undefined ? { tax } : {}),
      total,
      ...(amountDue !== undefined ? { amountDue } : {}),
      usage: rest.usage,
      warnings: rest.warnings,
      ...(rest.notices !== undefined ? { notices: rest.notices } : {}),
      ...(rest.metadata !== undefined ? { metadata: rest.metadata } : {}),
    },
    sha256,
  );
}

// What the invoice owes the customer, when it owes something (docs/progressive-billing.md, "A total
// below zero"): absent otherwise, so an invoice that owes nothing is written as before.
function creditRecord(owed: Decimal, minor: number): Pick<InvoiceProgressive, "credit"> {
  return owed.greaterThan(0) ? { credit: toFixedString(owed, minor) } : {};
}

// The credit notes of the earlier invoices, each said to have taken units off or credited an amount,
// and what the ones that took units off credited: the figures billed earlier are lower by that much.
// Absent without notes, so an invoice of a period credited by none is written as before.
function notesRecord(
  notes: ReadonlyArray<CreditNote>,
  sum: (items: ReadonlyArray<CreditNote>, of: (note: CreditNote) => string) => string,
  withDue: boolean,
): Pick<InvoiceProgressive, "creditNotes" | "unitsCredited"> {
  if (notes.length === 0) return {};
  const units = notes.filter(takesUnitsOff);
  return {
    creditNotes: notes.map((note) => ({
      id: note.id,
      digest: note.digest,
      invoiceId: note.invoiceId,
      kind: takesUnitsOff(note) ? ("units" as const) : ("amount" as const),
      total: note.total,
    })),
    unitsCredited: {
      subtotal: sum(units, (note) => note.subtotal),
      total: sum(units, (note) => note.total),
      ...(withDue ? { amountDue: sum(units, (note) => note.total) } : {}),
    },
  };
}

// Strictly inside the period: at its end, the closing invoice bills the rest.
function asOfInside(asOf: unknown, service: Period, timeZone: string): number {
  const instant = asOfInstant(asOf, timeZone);
  if (instant > service.start && instant < service.end) return instant;
  throw InputError.from(
    periodMessages.progressiveAsOfOutsidePeriod(formatInstant(instant), label(service, timeZone)),
    "asOf",
  );
}

// The earlier invoices, read back (digest checked), each a progressive invoice of this contract
// version's period, numbered 1, 2, … and each rated through an instant before the next one's and `until`.
function earlierOfPeriod(
  contract: Contract,
  service: Period,
  earlier: ReadonlyArray<unknown>,
  until: number,
): Invoice[] {
  const period = label(service, contract.timeZone);
  const invoices = earlier.map((raw, index) => parseEarlier(raw, index));
  invoices.forEach((invoice, index) => {
    const path = `options.earlier[${index}]`;
    const marked = invoice.progressive;
    if (marked === undefined || marked.stage !== "progressive")
      throw InputError.from(periodMessages.earlierNotProgressive(invoice.id), path);
    if (
      invoice.contractId !== contract.id ||
      invoice.contractDigest !== contract.digest ||
      Date.parse(invoice.period.start) !== service.start ||
      Date.parse(invoice.period.end) !== service.end
    )
      throw InputError.from(
        periodMessages.earlierOtherPeriod(invoice.id, invoice.period.label, period),
        path,
      );
    if (marked.sequence !== index + 1)
      throw InputError.from(periodMessages.earlierOutOfOrder(invoice.id, marked.sequence, index + 1), path);
  });
  // Numbered in order, so each has `progressive`: each was rated through an instant before the next.
  const asOf = [...invoices.map((invoice) => Date.parse(invoice.progressive!.asOf)), until];
  invoices.forEach((invoice, index) => {
    if (!(asOf[index]! < asOf[index + 1]!))
      throw InputError.from(
        periodMessages.earlierNotBefore(
          invoice.id,
          invoice.progressive!.asOf,
          formatInstant(asOf[index + 1]!),
        ),
        `options.earlier[${index}]`,
      );
  });
  return invoices;
}
