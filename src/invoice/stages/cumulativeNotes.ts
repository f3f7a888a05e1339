import type { CommitmentTerms, Contract, CumulativeCommitmentTerms } from "../../contracts/index.js";
import { InputError, invoiceMessages, toJsonPath } from "../../errors/index.js";
import { type Decimal, decimalOfText, roundTo, toFixedString, ZERO } from "../../money/index.js";
import type { AppliedCommitment, CreditNote } from "../../schema/index.js";
import { chargeScope } from "../chargeScope.js";
import { isSpendLineId } from "../spendLine.js";
import { chargeOfLine } from "../termsAt.js";

/** A cumulative commitment's credit notes as one invoice's record lists them. */
export type TakenNote = NonNullable<NonNullable<AppliedCommitment["cumulative"]>["creditNotes"]>[number];

/** The credit notes given with an invoice (`commitmentCreditNotes`), each with its place in the option. */
export interface CommitmentNote {
  readonly note: CreditNote;
  readonly index: number;
  /** The local date the credited invoice's period starts (from its id, `<contract id>:<date>`). */
  readonly invoiceStart: string;
}

/**
 * What a credit note took off a cumulative commitment's spend: the units it credited of the
 * commitment's charges (its lines with a `quantity`, whose charge the commitment counts, that were spend
 * of the credited invoice's period: isSpendLineId, as the commitments stage reads it). A note of an
 * amount, a line or the whole invoice says the usage was right, so it takes nothing off: the credit is
 * given on purpose and the usage still counts toward the minimum. With lines finer than the currency
 * the spend is carried as billed, so the credit is taken as the note credited it: its total when all of
 * it is units of the commitment's charges and untaxed, else the in-scope units rounded on their own.
 * @example
 * // January billed 300 units at 1.00; a note took 100 off (100.00): 100.00 comes off the spend
 * unitsOffSpend(contract, commitment, { note, index: 0, invoiceStart: "2026-01-01" }) // 100.00
 */
export function unitsOffSpend(
  contract: Contract,
  commitment: CommitmentTerms,
  { note, invoiceStart }: CommitmentNote,
): Decimal {
  const scope = chargeScope(commitment.charges);
  const units = note.lines.filter(
    (line) =>
      line.quantity !== undefined &&
      scope(chargeOfLine(line.corrects)) &&
      isSpendLineId(contract, line.corrects, invoiceStart),
  );
  if (units.length === 0) return ZERO;
  const credited = units.reduce((sum, line) => sum.plus(line.amount), ZERO);
  const settle = contract.totalRounding;
  if (settle === undefined) return credited;
  const whole = units.length === note.lines.length && note.tax === undefined;
  return whole ? decimalOfText(note.total) : roundTo(credited, settle.minorUnits, contract.rounding);
}

/**
 * The notes a cumulative commitment takes on this invoice: those of an invoice of its period before
 * this one (`from` ≤ the credited invoice's start < `start`) that the carried spend does not already
 * reflect (`taken`). Returns the spend they take off, the record's entries (sorted by id) and every
 * note the spend to date then reflects.
 */
export function notesTaken(
  contract: Contract,
  commitment: CommitmentTerms,
  { from }: CumulativeCommitmentTerms,
  start: string,
  { notes, taken }: { readonly notes: ReadonlyArray<CommitmentNote>; readonly taken: ReadonlyArray<string> },
): { readonly off: Decimal; readonly entries: ReadonlyArray<TakenNote>; readonly reflected: string[] } {
  const minor = contract.currency.minorUnits;
  const fresh = notes
    .filter((given) => isOfPeriodBefore(given, from, start) && !taken.includes(given.note.id))
    .sort((a, b) => (a.note.id < b.note.id ? -1 : a.note.id > b.note.id ? 1 : 0));
  const entries = fresh.map((given) => {
    const { note } = given;
    const spend = unitsOffSpend(contract, commitment, given);
    const kind: TakenNote["kind"] = note.lines.some((line) => line.quantity !== undefined)
      ? "units"
      : "amount";
    return { id: note.id, invoiceId: note.invoiceId, kind, spend: toFixedString(spend, minor) };
  });
  const off = entries.reduce((sum, entry) => sum.plus(entry.spend), ZERO);
  const reflected = [...new Set([...taken, ...fresh.map((given) => given.note.id)])].sort();
  return { off, entries, reflected };
}

/** Whether a note credits an invoice of the period [`from`, …) before the one that starts on `start`. */
export function isOfPeriodBefore({ invoiceStart }: CommitmentNote, from: string, start: string): boolean {
  return invoiceStart >= from && invoiceStart < start;
}

/**
 * Refuses a note that no cumulative commitment of this invoice takes: its invoice lies in none of their
 * periods before this invoice (`periods`: each one's `from`, with this invoice's start).
 * @throws InputError `credit_note_mismatch` at `options.commitmentCreditNotes[i].invoiceId`
 */
export function refuseNotesOfNoPeriod(
  notes: ReadonlyArray<CommitmentNote>,
  periods: ReadonlyArray<{ readonly from: string; readonly until: string }>,
  start: string,
): void {
  for (const given of notes) {
    if (periods.some(({ from }) => isOfPeriodBefore(given, from, start))) continue;
    const described = periods.map(({ from, until }) => `${from} – ${until}`).join(", ");
    throw InputError.from(
      invoiceMessages.commitmentNoteOutsidePeriods(given.note.id, given.note.invoiceId, described, start),
      toJsonPath([...NOTES, given.index, "invoiceId"]),
    );
  }
}

/**
 * The credit notes given for cumulative commitments, read: each must be of this contract and credit an
 * invoice of a period (`<contract id>:<date>`, or its re-issue), not a progressive or opening invoice.
 * `read` parses one (digest checked) with the errors addressed at `options.commitmentCreditNotes[i]`.
 * @throws InputError `duplicate_id` at `.id`, `credit_note_mismatch` at `.contractId` or `.invoiceId`
 */
export function readCommitmentNotes(
  contract: Contract,
  raw: ReadonlyArray<unknown>,
  read: (raw: unknown, index: number) => CreditNote,
): CommitmentNote[] {
  const seen = new Set<string>();
  return raw.map((value, index) => {
    const note = read(value, index);
    const at = (field: string) => toJsonPath([...NOTES, index, field]);
    if (seen.has(note.id)) throw InputError.from(invoiceMessages.earlierNoteRepeated(note.id), at("id"));
    seen.add(note.id);
    if (note.contractId !== contract.id)
      throw InputError.from(
        invoiceMessages.commitmentNoteOfOtherContract(note.id, note.contractId, contract.id),
        at("contractId"),
      );
    const invoiceStart = periodStartOf(contract.id, note.invoiceId);
    if (invoiceStart === undefined)
      throw InputError.from(
        invoiceMessages.commitmentNoteOfNoPeriodInvoice(note.id, note.invoiceId),
        at("invoiceId"),
      );
    return { note, index, invoiceStart };
  });
}

/** Where the notes sit in the arguments of every rating entry point. */
export const NOTES = ["options", "commitmentCreditNotes"] as const;

// `<contract id>:2026-01-01` (or `…:reissued`, a late-usage correction's): the local date its period
// starts. A progressive invoice's (`:progressive-1`) is settled by its closing invoice, which takes its
// notes itself; an opening invoice's fees in advance are no commitment's spend.
function periodStartOf(contractId: string, invoiceId: string): string | undefined {
  if (!invoiceId.startsWith(`${contractId}:`)) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(:reissued)?$/.exec(invoiceId.slice(contractId.length + 1));
  return match?.[1];
}
