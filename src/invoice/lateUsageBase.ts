import { InputError, periodMessages } from "../errors/index.js";
import { ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import { assertEarlierNote } from "./assertCreditable.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { parseEarlierNote } from "./progressiveOptions.js";
import { lessUnitsCredited, takesUnitsOff } from "./unitsCredited.js";

/**
 * What a `next_invoice` correction starts from: the issued invoice as the credit notes that took units
 * off it leave it (its lines, total and amount due less what they took off and credited), and those
 * notes. The customer was billed the issued invoice less those notes, so the delta lines reverse that,
 * and the re-rating must not count the units again: the usage given is then the usage without the units
 * found wrong, and it must rate to these lines (docs/late-usage.md, "After a credit note").
 */
export interface LateUsageBase {
  readonly billed: Invoice;
  readonly unitNotes: ReadonlyArray<CreditNote>;
}

/**
 * The credit notes given for a late-usage correction, read back (digests checked, each against the
 * invoice as issued), and the invoice as the notes that took units off leave it (in both modes: the
 * re-issued invoice of `credit_note` rates the same usage as the delta lines). A note of an amount or a
 * line is a credit given on purpose: it stays given, and the correction does not depend on it. A note
 * that takes units off and also credits amounts is refused (it cannot be split so), and in
 * `next_invoice` mode one that gave part of its credit back to credit grants.
 * @throws InputError `invalid_argument`, `digest_mismatch`, `credit_note_mismatch` or `duplicate_id` at
 *   `options.creditNotes[i]…`
 */
export function lateUsageBase(
  invoice: Invoice,
  raw: ReadonlyArray<unknown>,
  mode: "next_invoice" | "credit_note",
): LateUsageBase {
  const notes = raw.map((note, index) => parseEarlierNote(note, index));
  const seen = new Set<string>();
  notes.forEach((note, index) => {
    const path = `options.creditNotes[${index}]`;
    assertEarlierNote(note, invoice, path);
    if (seen.has(note.id)) throw InputError.from(periodMessages.lateNoteRepeated(note.id), `${path}.id`);
    seen.add(note.id);
    const units = note.lines.some((line) => line.quantity !== undefined);
    if (units && !takesUnitsOff(note))
      throw InputError.from(periodMessages.lateNoteMixesUnits(note.id), `${path}.lines`);
    // A re-issue's note credits what the notes left, and the notes together give each grant back what
    // it paid once (settleNote works on their running totals): only delta lines cannot count it yet.
    if (units && mode === "next_invoice" && note.settlement !== undefined)
      throw InputError.from(periodMessages.lateNoteUnitsWithGrants(note.id), `${path}.settlement`);
  });
  const unitNotes = notes.filter(takesUnitsOff);
  return { billed: lessUnitsCredited(invoice, unitNotes), unitNotes };
}

/**
 * Whether the usage given rates to what the customer was billed: the invoice's digest without notes of
 * units; with them, the same lines (quantity and amount) as the notes leave them, since the usage is
 * then given without the units they took off and the rest of the invoice (tax rounded on the lower
 * amounts) is worked again from it. Usage that still rates to the issued invoice is refused: its
 * re-rating would bill the units found wrong again.
 * @throws InputError `usage_does_not_reproduce` at `usage`
 */
export function assertReproduces(issued: Invoice, base: LateUsageBase, reproduced: Invoice): void {
  const { billed, unitNotes } = base;
  if (unitNotes.length === 0) {
    if (reproduced.digest === issued.digest) return;
    const fewer = fewerUnits(issued.lines, reproduced.lines);
    throw InputError.from(
      fewer !== undefined
        ? periodMessages.usageBelowIssued(issued.id, issued.total, reproduced.total, fewer)
        : reproduced.total === issued.total && sameLines(issued.lines, reproduced.lines)
          ? periodMessages.usageReportDiffers(issued.id, issued.total, readOf(issued), readOf(reproduced))
          : periodMessages.usageDoesNotReproduce(issued.id, issued.total, reproduced.total),
      "usage",
    );
  }
  if (reproduced.digest === issued.digest) {
    const ids = unitNotes.map((note) => note.id).join(", ");
    throw InputError.from(periodMessages.usageKeepsUnitsCredited(issued.id, ids), "usage");
  }
  if (!sameLines(billed.lines, reproduced.lines))
    throw InputError.from(
      periodMessages.usageDoesNotReproduceNoted(issued.id, billed.subtotal, reproduced.subtotal),
      "usage",
    );
}

// What an invoice's usage report read and counted, for the sentence of a report that differs.
const readOf = (invoice: Invoice) => ({
  read: invoice.usage.eventsRead,
  counted: invoice.usage.eventsCounted,
});

// Line by line, quantity and amount; a line every unit of which a note took off may be left out.
function sameLines(billed: ReadonlyArray<InvoiceLine>, rated: ReadonlyArray<InvoiceLine>): boolean {
  const ratedById = new Map(rated.map((line) => [line.id, line]));
  const billedIds = new Set(billed.map((line) => line.id));
  const emptied = (line: InvoiceLine) => ZERO.plus(line.quantity).isZero() && ZERO.plus(line.amount).isZero();
  return (
    billed.every((line) => {
      const now = ratedById.get(line.id);
      if (now === undefined) return emptied(line);
      return now.quantity === line.quantity && now.amount === line.amount;
    }) && rated.every((line) => billedIds.has(line.id) || emptied(line))
  );
}

// The lines the usage rates to fewer units than the invoice billed ("gb: 800, not 1100"), when no line
// rates to more: the likely sign of usage without the units a credit note took off, given without it.
function fewerUnits(
  issued: ReadonlyArray<InvoiceLine>,
  rated: ReadonlyArray<InvoiceLine>,
): string | undefined {
  const ratedById = new Map(rated.map((line) => [line.id, line.quantity]));
  const billedIds = new Set(issued.map((line) => line.id));
  if (rated.some((line) => !billedIds.has(line.id) && !ZERO.plus(line.quantity).isZero())) return undefined;
  const compared = issued.map((line) => {
    const now = ratedById.get(line.id) ?? "0";
    return { line, now, cmp: ZERO.plus(now).comparedTo(line.quantity) };
  });
  if (compared.some(({ cmp }) => cmp > 0)) return undefined;
  const lower = compared.filter(({ cmp }) => cmp < 0);
  if (lower.length === 0) return undefined;
  return lower.map(({ line, now }) => `${line.id}: ${now}, not ${line.quantity}`).join("; ");
}
