import { unitOf } from "../invoice/index.js";
import type { CreditNote } from "../schema/index.js";

/**
 * A credit note as reconcile takes it off the issued document, whoever issued it (ratecard's
 * parseCreditNote, Stripe's CreditNote object): its lines and figures in major units.
 */
export interface TakenNote {
  readonly id: string;
  /** A ratecard note's digest: two notes of one id are the same note when their digests agree. */
  readonly digest?: string;
  readonly lines: ReadonlyArray<TakenNoteLine>;
  readonly subtotal?: string;
  /** The tax the note adds to its lines (exclusive), when it has any. */
  readonly exclusiveTax?: string;
  /** The tax its lines' amounts include (inclusive), when it has any. */
  readonly inclusiveTax?: string;
  /** What it credited in all, tax included. */
  readonly total: string;
  /** What it gave back as money (refund, balance), which comes off the amount due. */
  readonly money: string;
  readonly minorUnits: number;
}

/** A note line: the issued line it corrects, what it credited, and the units it took off when it did. */
export interface TakenNoteLine {
  /** The id it names the issued line by: a ratecard line id, or the issuer's own (`sourceId`). */
  readonly corrects: string;
  /** Whether `corrects` is the issuer's own line id (Stripe's `il_…`) rather than ratecard's. */
  readonly bySourceId: boolean;
  readonly name: string;
  readonly amount: string;
  readonly quantity?: string;
  /**
   * The unit of the units taken off and its singular, as a ratecard note line carries them (the invoice
   * line's); absent on Stripe's lines, on a line without a unit, and on notes issued before 7 December 2026.
   */
  readonly unit?: string;
  readonly unitSingular?: string;
}

/** A ratecard credit note as reconcile takes it. */
export function takenRatecardNote(note: CreditNote): TakenNote {
  const tax = note.tax;
  return {
    id: note.id,
    digest: note.digest,
    lines: note.lines.map((line) => ({
      corrects: line.corrects,
      bySourceId: false,
      name: line.name,
      amount: line.amount,
      ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
      ...unitOf(line),
    })),
    subtotal: note.subtotal,
    ...(tax?.mode === "exclusive" ? { exclusiveTax: tax.total } : {}),
    ...(tax?.mode === "inclusive" ? { inclusiveTax: tax.total } : {}),
    total: note.total,
    money: note.settlement?.money ?? note.total,
    minorUnits: note.currency.minorUnits,
  };
}
