import type { Contract } from "../contracts/index.js";
import { InputError, periodMessages } from "../errors/index.js";
import { toFixedString, ZERO } from "../money/index.js";
import { type CreditNote, type UsageEvent, withDigest } from "../schema/index.js";
import { parsePeriod, periodOf, periodsBetween } from "../time/index.js";
import { issueCreditNote } from "./creditNote.js";
import { requireContract, requireEvents } from "./entryArguments.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { type LateEventsNotCounted, lateEventsNotCounted } from "./lateEventsNotCounted.js";
import { assertReproduces, type LateUsageBase, lateUsageBase } from "./lateUsageBase.js";
import { parseInvoice } from "./parseIssued.js";
import { parseEvents, type RateInvoiceOptions, rateParsedInvoice } from "./rateInvoice.js";
import { refuseConflictingLateEvents } from "./refuseConflictingLateEvents.js";
import { label } from "./resolveServicePeriod.js";

/** Options of {@link correctLateUsage}: how the issued invoice was rated, and where the correction goes. */
export interface LateUsageOptions extends RateInvoiceOptions {
  /**
   * The billing period the correction is made in (`"2026-04"`): the period of the invoice that carries
   * the delta lines, or in which the credit note and the re-issued invoice are issued. It must come after
   * the corrected period, by at most the contract's `lateUsage.lookBackPeriods`.
   */
  readonly billOn: string;
  /**
   * The spend to date of cumulative commitments to re-rate with, when a correction of an earlier invoice
   * of the commitment period changed it (that correction's re-rated invoice's
   * `commitments[].cumulative.spendAfter`). `commitmentSpendToDate` stays the spend the issued invoice
   * was rated with, so the usage still reproduces it (docs/commitment-periods.md, "Late usage").
   */
  readonly correctedCommitmentSpendToDate?: RateInvoiceOptions["commitmentSpendToDate"];
  /**
   * Credit notes issued before against the invoice. `credit_note` mode: the note of the correction
   * credits only what they left, so the notes together undo the invoice once, and the re-issued invoice
   * replaces it; without them an invoice already partly credited would be credited in full again.
   * Both modes: a note that took units off is what the correction starts from (the customer was
   * billed the invoice less it), and `usage` is then the usage without those units, so neither the
   * delta lines nor the re-issued invoice bill them again; a note of an amount stays given
   * (docs/late-usage.md).
   */
  readonly creditNotes?: ReadonlyArray<CreditNote>;
}

/** One delta line for the next invoice: a reversal of what a line billed, or the re-rated line booked. */
export interface LateUsageDeltaLine {
  /** `<invoice id>/<line id>:reversal` or `:rebook`. */
  readonly id: string;
  readonly kind: "reversal" | "rebook";
  /** The line of the corrected period's invoice (issued or re-rated) this line reverses or books. */
  readonly corrects: string;
  readonly chargeId: string;
  readonly name: string;
  readonly quantity: string;
  readonly amount: string;
}

/**
 * The late events given, how many of them the re-rating counted and, when some were not, how many each
 * reason left out (a repeat of a billed event, another customer's, outside the period, …).
 */
export interface LateEventsAccount {
  readonly given: number;
  readonly counted: number;
  /** Absent when every late event counted; otherwise adds up to `given − counted`. */
  readonly notCounted?: ReadonlyArray<LateEventsNotCounted>;
}

/** The correction of a closed period for late usage, in the contract's mode (docs/late-usage.md). */
export type LateUsageResult =
  | {
      readonly mode: "next_invoice";
      readonly invoiceId: string;
      /**
       * The digest of the invoice corrected, as issued: it stays the invoice of record, and credit notes
       * of it (`invoiceDigest`) still count after the correction (`balancesAfterCorrection`).
       */
      readonly invoiceDigest: string;
      readonly currency: Invoice["currency"];
      readonly period: string;
      readonly billOn: string;
      readonly lateEvents: LateEventsAccount;
      /**
       * The credit notes given that took units off the invoice (`creditNotes`): the customer was billed
       * the invoice less them, so the reversals reverse what they left, the usage was given without the
       * units they took off, and `total` = re-rated total − (issued total − their totals). Absent
       * without such notes.
       */
      readonly unitsCredited?: ReadonlyArray<Pick<CreditNote, "id" | "digest" | "total">>;
      /** Reversal and rebook pairs, one per line whose quantity or amount changed (none when nothing did). */
      readonly lines: ReadonlyArray<LateUsageDeltaLine>;
      /** Σ lines: the re-rated subtotal − the billed subtotal (issued, less the notes of units). */
      readonly subtotal: string;
      /**
       * The re-rated total − the issued total: the lines' delta with the period's own discounts,
       * commitments, pre-tax credits and tax worked again. What the next invoice carries (of which
       * `amountDue` in money, when credits after tax paid).
       */
      readonly total: string;
      /** The period re-rated with every event, for reference: not an invoice to issue. */
      readonly rerated: Invoice;
      /**
       * The re-rated amount due − the issued one, when credits after tax paid either (a wallet): what
       * the next invoice asks in money for the correction. The re-rated invoice drew the wallet again
       * from the same opening balance, so `total` less what that changed; the next invoice opens the
       * grants at `rerated`'s `balanceAfter`, and bills this, not `total` (which would take the wallet's
       * share of the late usage a second time).
       */
      readonly amountDue?: string;
    }
  | {
      readonly mode: "credit_note";
      readonly invoiceId: string;
      readonly currency: Invoice["currency"];
      readonly period: string;
      readonly billOn: string;
      readonly lateEvents: LateEventsAccount;
      /**
       * The credit notes given that took units off the invoice, as in `next_invoice` mode: the
       * re-issued invoice rates the usage without their units. Absent without such notes, or when
       * nothing changed.
       */
      readonly unitsCredited?: ReadonlyArray<Pick<CreditNote, "id" | "digest" | "total">>;
      /** Absent when nothing changed: no line, no total, no commitment's figures (spend to date). */
      readonly creditNote?: CreditNote;
      /** The period re-rated with every event, id `<issued id>:reissued`; absent when nothing changed. */
      readonly reissued?: Invoice;
    };

/**
 * Corrects an issued invoice for usage that arrived after it was issued: re-rates its period with the
 * usage it was rated from plus the late events, and books the difference the contract's way
 * (`lateUsage.correction`): delta lines for the next invoice (reverse each changed line, book the
 * re-rated one, so a volume tier that moves reprices every unit), or a credit note for the whole issued
 * invoice and a re-issued one. The usage and options must rate exactly to the issued invoice (checked
 * by its digest), and the period must lie within the contract's look-back window from `billOn`. A
 * cumulative commitment is re-rated with the spend to date the issued invoice had (or
 * `correctedCommitmentSpendToDate`); the re-rated invoice's `spendAfter` is what the next invoice of
 * the commitment period carries.
 *
 * @param contract - the contract the invoice was rated with (same digest)
 * @param issued - the invoice as issued (ratecard JSON, digest intact)
 * @param usage - the events it was rated from
 * @param late - the events that arrived after
 * @param options - the options it was rated with (`carried`, `creditBalances`, …) and `billOn`
 * @returns the correction; `issued` + correction = the period rated with every event, exactly
 * @throws UsageError for a malformed event (path `[index].field`, counted in `usage`, then in `late`);
 *   InputError `usage_does_not_reproduce`, `correction_outside_window`, `invalid_period`;
 *   `invalid_argument` at `invoice.progressive` for a progressive or closing invoice; every
 *   error of {@link rateInvoice} and {@link issueCreditNote}
 * @example
 * // 900 GB issued at 0.10 (volume: up to 1,000 GB), 200 GB late: 1,100 GB at 0.08
 * correctLateUsage(contract, issued, usage, late, { billOn: "2026-04" }).total // "-2.00" (88.00 − 90.00)
 */
export function correctLateUsage(
  contract: Contract,
  issued: Invoice,
  usage: Iterable<unknown>,
  late: Iterable<unknown>,
  options: LateUsageOptions,
): LateUsageResult {
  requireEvents(usage);
  requireEvents(late);
  return correctLateParsedUsage(contract, issued, [...parseEvents(usage)], [...parseEvents(late)], options);
}

/** {@link correctLateUsage} for events that are already validated (e.g. by `parseUsageEvent`). */
export function correctLateParsedUsage(
  contract: Contract,
  issued: Invoice,
  usage: Iterable<UsageEvent>,
  late: Iterable<UsageEvent>,
  options: LateUsageOptions,
): LateUsageResult {
  requireContract(contract);
  requireEvents(usage);
  requireEvents(late);
  const invoice = parseInvoice(issued);
  if (invoice.progressive !== undefined) {
    const { stage, asOf } = invoice.progressive;
    throw InputError.from(
      periodMessages.progressiveNotCorrected(invoice.id, stage, asOf),
      "invoice.progressive",
    );
  }
  const { billOn, correctedCommitmentSpendToDate: corrected, creditNotes, ...rating } = options;
  const period = invoice.period.label;
  const billOnLabel = assertWithinWindow(contract, invoice, billOn);
  const original = [...usage];
  const lateEvents = [...late];
  refuseConflictingLateEvents(contract.customer.id, invoice.id, original, lateEvents);
  // Both modes start from what the customer was billed: the invoice less the notes that took units off
  // it, whose usage is given without those units, so neither the delta lines nor the re-issued invoice
  // bill the units a note credited again. A re-issue's own note credits what the notes left.
  const noted: LateUsageBase = lateUsageBase(invoice, creditNotes ?? [], contract.lateUsage.correction);
  const reproduced = rateParsedInvoice(contract, original, period, rating);
  assertReproduces(invoice, noted, reproduced);
  const { billed } = noted;
  // Rated with the spend to date the issued invoice had, unless an earlier correction changed it.
  const rerating = corrected === undefined ? rating : { ...rating, commitmentSpendToDate: corrected };
  const rerated = rateParsedInvoice(contract, [...original, ...lateEvents], period, rerating);
  const base = {
    invoiceId: invoice.id,
    currency: invoice.currency,
    period,
    billOn: billOnLabel,
    lateEvents: lateEventsAccount(lateEvents.length, reproduced, rerated),
  };
  // A correction made only for a corrected spend to date (no late event) can leave every line and the
  // total as they were and still move a cumulative commitment's figures (spend before and after): the
  // re-issued invoice is what the next correction of the chain carries, so that is a change too.
  const changed =
    rerated.total !== billed.total ||
    deltaLines(billed, rerated).length > 0 ||
    JSON.stringify(rerated.commitments) !== JSON.stringify(reproduced.commitments);
  if (contract.lateUsage.correction === "credit_note") {
    if (!changed) return { mode: "credit_note", ...base };
    const reissued = withDigest<Invoice>({ ...rerated, id: `${invoice.id}:reissued` }, rating.sha256);
    const reason = `late usage: ${base.lateEvents.counted} late events counted; re-issued as ${reissued.id}`;
    const creditNote = issueCreditNote(contract, invoice, [{ kind: "invoice", reason }], {
      previous: creditNotes ?? [],
    });
    return { mode: "credit_note", ...base, ...unitsCreditedOf(noted), creditNote, reissued };
  }
  const { minorUnits } = invoice.currency;
  const difference = (after: string, before: string) =>
    toFixedString(ZERO.plus(after).minus(before), minorUnits);
  return {
    mode: "next_invoice",
    ...withIssuedDigest(base, invoice.digest),
    ...unitsCreditedOf(noted),
    lines: deltaLines(billed, rerated),
    subtotal: difference(rerated.subtotal, billed.subtotal),
    // totals are in the currency's decimals even when lines are finer (`rounding.lineDecimals`)
    total: toFixedString(
      ZERO.plus(rerated.total).minus(billed.total),
      invoice.rounding.total?.minorUnits ?? minorUnits,
    ),
    rerated,
    ...amountDueDelta(billed, rerated),
  };
}

// The notes that took units off the invoice, each with what it credited: the delta lines reverse what
// they left. Absent without such notes, so a correction without them is written as before.
function unitsCreditedOf({ unitNotes }: LateUsageBase): {
  unitsCredited?: ReadonlyArray<Pick<CreditNote, "id" | "digest" | "total">>;
} {
  if (unitNotes.length === 0) return {};
  return { unitsCredited: unitNotes.map(({ id, digest, total }) => ({ id, digest, total })) };
}

// The issued invoice's digest right after its id: it stays the invoice of record, so its notes still count.
function withIssuedDigest<T extends { readonly invoiceId: string }>(base: T, invoiceDigest: string) {
  const { invoiceId, ...rest } = base;
  return { invoiceId, invoiceDigest, ...rest };
}

// With credits after tax the money the next invoice asks is the change in the amount due: the re-rating
// drew the wallet from the balance the issued invoice opened with, as a re-issued invoice does in
// credit_note mode, so both modes leave the customer the same money and the same wallet.
function amountDueDelta(issued: Invoice, rerated: Invoice): { amountDue?: string } {
  if (issued.amountDue === undefined && rerated.amountDue === undefined) return {};
  const due = (invoice: Invoice) => invoice.amountDue ?? invoice.total;
  const minorUnits = issued.rounding.total?.minorUnits ?? issued.currency.minorUnits;
  return { amountDue: toFixedString(ZERO.plus(due(rerated)).minus(due(issued)), minorUnits) };
}

// Every line whose quantity or amount changed is reversed whole and booked again whole (OpenMeter books
// the reversal of what it billed, then the new snapshot): a volume tier that moves shows as such. A line
// only the re-rating has is booked; one it no longer has is reversed. Issued order, then new lines.
function deltaLines(issued: Invoice, rerated: Invoice): LateUsageDeltaLine[] {
  const after = new Map(rerated.lines.map((line) => [line.id, line]));
  const before = new Map(issued.lines.map((line) => [line.id, line]));
  const entry = (line: InvoiceLine, kind: "reversal" | "rebook"): LateUsageDeltaLine => ({
    id: `${issued.id}/${line.id}:${kind}`,
    kind,
    corrects: line.id,
    chargeId: line.chargeId,
    name: line.name,
    quantity: kind === "reversal" ? negate(line.quantity) : line.quantity,
    amount:
      kind === "reversal" ? toFixedString(ZERO.minus(line.amount), issued.currency.minorUnits) : line.amount,
  });
  const same = (a: InvoiceLine, b: InvoiceLine) => a.quantity === b.quantity && a.amount === b.amount;
  const changed = issued.lines.flatMap((line) => {
    const now = after.get(line.id);
    if (now !== undefined && same(line, now)) return [];
    return now === undefined ? [entry(line, "reversal")] : [entry(line, "reversal"), entry(now, "rebook")];
  });
  const added = rerated.lines.filter((line) => !before.has(line.id)).map((line) => entry(line, "rebook"));
  return [...changed, ...added];
}

function negate(quantity: string): string {
  return quantity === "0" ? "0" : quantity.startsWith("-") ? quantity.slice(1) : `-${quantity}`;
}

// The correction's period must come after the corrected one, by at most lookBackPeriods billing periods.
function assertWithinWindow(contract: Contract, invoice: Invoice, billOn: unknown): string {
  const target = periodOf(contract.cycle, parsePeriod(String(billOn), contract.timeZone).start);
  const corrected = periodOf(contract.cycle, Date.parse(invoice.period.start));
  const targetLabel = label(target, contract.timeZone);
  if (!(target.start > corrected.start))
    throw InputError.from(periodMessages.correctionNotLater(invoice.period.label, targetLabel), "billOn");
  const back = periodsBetween(contract.cycle, corrected.start, target.start).length;
  if (back > contract.lateUsage.lookBackPeriods)
    throw InputError.from(
      periodMessages.correctionOutsideWindow(
        invoice.period.label,
        targetLabel,
        back,
        contract.lateUsage.lookBackPeriods,
      ),
      "billOn",
    );
  return targetLabel;
}

function lateEventsAccount(given: number, before: Invoice, after: Invoice): LateEventsAccount {
  const notCounted = lateEventsNotCounted(before.usage, after.usage);
  return {
    given,
    counted: after.usage.eventsCounted - before.usage.eventsCounted,
    ...(notCounted.length === 0 ? {} : { notCounted }),
  };
}
