import { InputError, invoiceMessages, periodMessages } from "../errors/index.js";
import { toFixedString, toPlainString } from "../money/index.js";
import type { CreditNote, InvoiceTax } from "../schema/index.js";
import { assertEarlierNote } from "./assertCreditable.js";
import type { Invoice } from "./invoiceSchema.js";
import { less } from "./lessBilled.js";
import { parseEarlierNote } from "./progressiveOptions.js";

/**
 * Whether a credit note says that units were wrong: every line of it takes units off (a `quantity`
 * correction). Such a note lowers what its invoice billed; a note of an amount, a line or the whole
 * invoice is a credit given on purpose (docs/progressive-billing.md, "Credit notes of earlier invoices").
 */
export function takesUnitsOff(note: CreditNote): boolean {
  return note.lines.length > 0 && note.lines.every((line) => line.quantity !== undefined);
}

/**
 * The credit notes issued against the earlier invoices of a progressive sequence, read back (digests
 * checked), each against one of `earlier` as issued, none given twice. A note that takes units off must
 * take units off only (its tax cannot be split otherwise) and give nothing back to credit grants.
 * @throws InputError `invalid_argument`, `digest_mismatch` (as `invalid_argument`), `credit_note_mismatch`
 *   or `duplicate_id` at `options.creditNotes[i]…`
 */
export function notesOfEarlier(raw: ReadonlyArray<unknown>, earlier: ReadonlyArray<Invoice>): CreditNote[] {
  const notes = raw.map((note, index) => parseEarlierNote(note, index));
  const seen = new Set<string>();
  notes.forEach((note, index) => {
    const path = `options.creditNotes[${index}]`;
    if (seen.has(note.id)) throw InputError.from(invoiceMessages.earlierNoteRepeated(note.id), `${path}.id`);
    seen.add(note.id);
    const invoice = earlier.find((candidate) => candidate.id === note.invoiceId);
    if (invoice === undefined) {
      const ids = earlier.map((candidate) => candidate.id).join(", ");
      throw InputError.from(
        periodMessages.creditNoteOfNoEarlier(note.id, note.invoiceId, ids),
        `${path}.invoiceId`,
      );
    }
    assertEarlierNote(note, invoice, path);
    const units = note.lines.some((line) => line.quantity !== undefined);
    if (units && !takesUnitsOff(note))
      throw InputError.from(periodMessages.creditNoteMixesUnits(note.id), `${path}.lines`);
    if (units && note.settlement !== undefined)
      throw InputError.from(periodMessages.creditNoteUnitsWithGrants(note.id), `${path}.settlement`);
  });
  return notes;
}

/**
 * An earlier invoice as the credit notes that took units off it leave it: each line's quantity and
 * amount (and net), the subtotal, the tax per rate and per line, the total and the amount due, less what
 * those notes took off and credited. A later invoice of the period subtracts these figures, so the units
 * found wrong are neither credited twice nor billed again; notes of amounts leave the invoice as issued.
 * @example
 * // 800 GB billed 80.00 (0.10 a GB); a note took 300 GB off and credited 30.00: 500 GB, 50.00
 * lessUnitsCredited(first, [note]).lines[0].amount // "50.00"
 */
export function lessUnitsCredited(invoice: Invoice, notes: ReadonlyArray<CreditNote>): Invoice {
  const own = notes.filter((note) => note.invoiceId === invoice.id && takesUnitsOff(note));
  if (own.length === 0) return invoice;
  const minor = invoice.currency.minorUnits;
  const settled = invoice.rounding?.total?.minorUnits ?? minor;
  const taken = own.flatMap((note) => note.lines);
  const lines = invoice.lines.map((line) => {
    const of = taken.filter((item) => item.corrects === line.id);
    if (of.length === 0) return line;
    const credited = of.map((item) => item.amount);
    return {
      ...line,
      quantity: toPlainString(
        less(
          line.quantity,
          of.map((item) => item.quantity),
        ),
      ),
      amount: toFixedString(less(line.amount, credited), minor),
      ...(line.net !== undefined ? { net: toFixedString(less(line.net, credited), minor) } : {}),
    };
  });
  const totals = own.map((note) => note.total);
  return {
    ...invoice,
    lines,
    subtotal: toFixedString(
      less(
        invoice.subtotal,
        own.map((note) => note.subtotal),
      ),
      minor,
    ),
    ...(invoice.tax !== undefined ? { tax: taxLess(invoice.tax, own, minor) } : {}),
    total: toFixedString(less(invoice.total, totals), settled),
    ...(invoice.amountDue !== undefined
      ? { amountDue: toFixedString(less(invoice.amountDue, totals), settled) }
      : {}),
  };
}

// The invoice's tax less the notes' tax, rate by rate and, within a rate, line by line (a note's tax
// lines name its own lines, each of which names the invoice line it corrects).
function taxLess(tax: InvoiceTax, notes: ReadonlyArray<CreditNote>, minor: number): InvoiceTax {
  const corrects = new Map(notes.flatMap((note) => note.lines.map((line) => [line.id, line.corrects])));
  const notesTax = notes.flatMap((note) => (note.tax === undefined ? [] : [note.tax]));
  const noteRates = notesTax.flatMap((noteTax) => noteTax.rates);
  // A figure of the invoice less the same figure of the notes', in the line decimals or exact.
  const lessOf = <T, K extends keyof T>(now: T, before: ReadonlyArray<T>, key: K, exact = false) => {
    const difference = less(
      now[key] as string,
      before.map((item) => item[key] as string | undefined),
    );
    return exact ? toPlainString(difference) : toFixedString(difference, minor);
  };
  return {
    ...tax,
    rates: tax.rates.map((rate) => {
      const same = noteRates.filter((item) => item.rate === rate.rate);
      const entries = same.flatMap((item) => item.lines);
      return {
        ...rate,
        base: lessOf(rate, same, "base"),
        amount: lessOf(rate, same, "amount"),
        lines: rate.lines.map((entry) => {
          const of = entries.filter((item) => corrects.get(item.line) === entry.line);
          if (of.length === 0) return entry;
          return {
            ...entry,
            base: lessOf(entry, of, "base"),
            exact: lessOf(entry, of, "exact", true),
            ...(entry.rounded !== undefined ? { rounded: lessOf(entry, of, "rounded") } : {}),
          };
        }),
      };
    }),
    total: lessOf(tax, notesTax, "total"),
    net: lessOf(tax, notesTax, "net"),
  };
}
