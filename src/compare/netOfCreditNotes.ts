import { compareMessages, InputError, joinPath, nestPath, RatecardError } from "../errors/index.js";
import { assertEarlierNote, type Invoice, parseCreditNote, unitOf } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, toFixedString, ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { IssuedDocument, IssuedLine } from "./issuedDocument.js";
import { fromStripeCreditNote, isStripeCreditNote } from "./stripeCreditNote.js";
import { type TakenNote, type TakenNoteLine, takenRatecardNote } from "./takenNote.js";

/** A credit note {@link reconcile} took off the issued invoice, as the report names it. */
export interface ReconciledCreditNote {
  readonly id: string;
  /** What the note credited in all, tax included (its `total`). */
  readonly total: string;
  /**
   * The tax in that total, when the note has any: added to its lines (`exclusive`, total = lines + tax)
   * or included in their amounts (`inclusive`, total = lines). Absent on a note without tax.
   */
  readonly tax?: { readonly mode: "exclusive" | "inclusive"; readonly total: string };
  /** The note's lines: the invoice line each corrects and what it credited of it. */
  readonly lines: ReadonlyArray<{
    readonly corrects: string;
    readonly name: string;
    readonly amount: string;
  }>;
}

/** What the credit notes took off one issued line: the notes, the amount and the units. */
export interface LineCredited {
  readonly notes: ReadonlyArray<string>;
  /** The line's amount as the document issued it, before the notes. */
  readonly issuedAmount: string;
  readonly amount: Decimal;
  readonly units: Decimal;
  /** The unit of those units and its singular, when a note line names them (a ratecard note's, "GB"). */
  readonly unit?: string;
  readonly unitSingular?: string;
}

/** The issued document net of its credit notes, and what each note took off. */
export interface NetOfCreditNotes {
  readonly document: IssuedDocument;
  readonly notes: ReadonlyArray<ReconciledCreditNote>;
  /** The net lines a note touched (the very objects of `document.lines`), with what was credited. */
  readonly credited: ReadonlyMap<IssuedLine, LineCredited>;
}

/**
 * The issued document as the customer owes it after its credit notes (Stripe: a credit note decreases
 * the amount of an issued invoice without voiding it; Lago: it corrects all or part of a finalized
 * invoice without changing it): each credited line less what the notes credited of it (and, for a note
 * of units, its quantity less the units taken off), the tax less the notes' exclusive tax (the tax the
 * prices include less their inclusive tax), the subtotal
 * and the total less theirs, the amount due less what the notes gave back as money. Each note must be a
 * credit note ratecard issued, intact, against this very invoice (a ratecard invoice: its id and digest)
 * or, for a document from another system, against the invoice the recomputation is (its id: the same
 * contract and period); or Stripe's CreditNote object of the Stripe invoice issued (its `invoice`), its
 * lines naming that invoice's lines (stripeCreditNote.ts). In the recomputation's currency, given once.
 * @throws InputError `invalid_argument`, `digest_mismatch`, `credit_note_mismatch`, `currency_mismatch`,
 *   `duplicate_id`, `unknown_line` at `options.creditNotes[i]…`
 */
export function netOfCreditNotes(
  document: IssuedDocument,
  given: ReadonlyArray<unknown>,
  issued: IssuedDocument | Invoice,
  recomputed: Invoice,
): NetOfCreditNotes {
  const notes = given.map((value, index) => belonging(value, index, document, issued, recomputed));
  notes.forEach((note, index) => {
    const first = notes.findIndex((other) => other.id === note.id);
    if (first === index) return;
    // The same note twice, or two notes numbered alike because neither named the other as previous.
    const problem =
      notes[first]?.digest === note.digest
        ? compareMessages.reconcileNoteRepeated(note.id)
        : compareMessages.reconcileNotesShareId(note.id, first, index);
    throw InputError.from(problem, pathOf(index, "id"));
  });
  const lines = document.lines.map((line) => ({
    line,
    notes: [] as string[],
    amount: ZERO,
    units: ZERO,
    unit: undefined as { unit?: string; unitSingular?: string } | undefined,
  }));
  notes.forEach((note, index) => {
    note.lines.forEach((noteLine, at) => {
      const where = noteLine.bySourceId ? pathOf(index, "lines", "data", at) : pathOf(index, "lines", at);
      const entry = lines[issuedLineIndex(document.lines, note.id, noteLine, where)];
      if (entry === undefined) return;
      if (!entry.notes.includes(note.id)) entry.notes.push(note.id);
      entry.amount = addExactly(entry.amount, noteLine.amount);
      if (noteLine.quantity !== undefined) entry.units = addExactly(entry.units, noteLine.quantity);
      // The notes of one line name the line's own unit: the first that names one says it for all (a note
      // issued before 7 December 2026, or Stripe's, names none).
      if (noteLine.unit !== undefined) entry.unit ??= unitOf(noteLine);
    });
  });
  const credited = new Map<IssuedLine, LineCredited>();
  const netLines = lines.map(({ line, notes: ids, amount, units, unit }) => {
    if (ids.length === 0) return line;
    const net: IssuedLine = {
      ...line,
      ...(line.quantity !== undefined && !units.isZero() ? { quantity: less(line.quantity, units) } : {}),
      amount: less(line.amount, amount),
    };
    credited.set(net, { notes: ids, issuedAmount: line.amount, amount, units, ...unit });
    return net;
  });
  const sum = (pick: (note: TakenNote) => string | undefined) =>
    notes.reduce((total, note) => addExactly(total, pick(note) ?? "0"), ZERO);
  const figure = <K extends string>(key: K, value: string | undefined, taken: Decimal) =>
    value === undefined ? {} : ({ [key]: less(value, taken) } as Record<K, string>);
  const net: IssuedDocument = {
    ...document,
    lines: netLines,
    ...figure(
      "subtotal",
      document.subtotal,
      sum((note) => note.subtotal),
    ),
    ...figure(
      "tax",
      document.tax,
      sum((note) => note.exclusiveTax),
    ),
    ...figure(
      "includedTax",
      document.includedTax,
      sum((note) => note.inclusiveTax),
    ),
    ...figure(
      "total",
      document.total,
      sum((note) => note.total),
    ),
    ...figure(
      "amountDue",
      document.amountDue,
      sum((note) => note.money),
    ),
  };
  return { document: net, notes: notes.map(reported), credited };
}

// A figure less what the notes took off it, written with as many decimals as either has ("3656.00" less
// 456.00 is "3200.00", as the document would write it, not "3200").
function less(figure: string, taken: Decimal): string {
  const value = new Decimal(figure);
  return exactDifference(value, taken).toFixed(Math.max(value.decimalPlaces(), taken.decimalPlaces()));
}

// A credit note ratecard issued, intact, of the invoice reconciled, in its currency; or Stripe's note of
// the Stripe invoice reconciled.
function belonging(
  value: unknown,
  index: number,
  document: IssuedDocument,
  issued: IssuedDocument | Invoice,
  recomputed: Invoice,
): TakenNote {
  const code = recomputed.currency.code;
  if (isStripeCreditNote(value)) {
    const stripe = fromStripeCreditNote(value, document.lines, ["options", "creditNotes", index]);
    if (stripe.currency !== code)
      throw InputError.from(
        compareMessages.reconcileNoteCurrency(stripe.note.id, stripe.currency, code),
        pathOf(index, "currency"),
      );
    if (document.format !== "stripe" || document.id !== stripe.invoiceId)
      throw InputError.from(
        compareMessages.reconcileStripeNoteOfOtherInvoice(stripe.note.id, stripe.invoiceId, document),
        pathOf(index, "invoice"),
      );
    return stripe.note;
  }
  let note: CreditNote;
  try {
    note = parseCreditNote(value);
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    // The refusal keeps its own code (an edited note is `digest_mismatch`), under the argument's path.
    throw InputError.from(
      { ...compareMessages.reconcileNoteRefused(index, error.message), code: error.code },
      nestPath(pathOf(index), error.path),
    );
  }
  if (note.currency.code !== code)
    throw InputError.from(
      compareMessages.reconcileNoteCurrency(note.id, note.currency.code, code),
      pathOf(index, "currency"),
    );
  if ("schemaVersion" in issued && "digest" in issued) assertEarlierNote(note, issued, pathOf(index));
  else if (note.invoiceId !== recomputed.id)
    throw InputError.from(
      compareMessages.reconcileNoteOfOtherInvoice(note.id, note.invoiceId, recomputed.id),
      pathOf(index, "invoiceId"),
    );
  return takenRatecardNote(note);
}

// The issued line a note line credits: the one of its id, else the one of its name (a CSV without ids).
function issuedLineIndex(
  lines: ReadonlyArray<IssuedLine>,
  noteId: string,
  noteLine: TakenNoteLine,
  path: string,
): number {
  const byId = lines.findIndex((line) =>
    noteLine.bySourceId ? line.sourceId === noteLine.corrects : line.id === noteLine.corrects,
  );
  if (byId >= 0) return byId;
  const key = (text: string) => text.trim().toLowerCase();
  const byName = lines.flatMap((line, index) =>
    line.id === undefined && key(line.description) === key(noteLine.name) ? [index] : [],
  );
  if (byName.length === 1) return byName[0] as number;
  throw InputError.from(
    compareMessages.reconcileNoteLineUnknown(noteId, noteLine, byName.length),
    `${path}.${noteLine.bySourceId ? "invoice_line_item" : "corrects"}`,
  );
}

function reported(note: TakenNote): ReconciledCreditNote {
  const { minorUnits } = note;
  return {
    id: note.id,
    total: note.total,
    ...taxOf(note),
    lines: note.lines.map((line) => ({
      corrects: line.corrects,
      name: line.name,
      amount: toFixedString(new Decimal(line.amount), minorUnits),
    })),
  };
}

// The note's tax, when it is not zero: a note of untaxed lines names none (it said "tax included" too).
function taxOf(note: TakenNote): Pick<ReconciledCreditNote, "tax"> {
  const [mode, total] =
    note.exclusiveTax !== undefined
      ? (["exclusive", note.exclusiveTax] as const)
      : (["inclusive", note.inclusiveTax] as const);
  if (total === undefined || new Decimal(total).isZero()) return {};
  return { tax: { mode, total } };
}

function pathOf(index: number, ...segments: ReadonlyArray<PropertyKey>): string {
  return joinPath("options.creditNotes", index, ...segments);
}
