import type { IssuedDocument } from "./issuedDocument.js";
import type { MatchedBy } from "./matchLines.js";
import type { ReconciledCreditNote } from "./netOfCreditNotes.js";

// What reconcile returns and takes, apart from the function (reconcile.ts): the report's shape is read by
// renderReconcile, the sentences' writers and scripts, none of which needs the comparison itself.

/**
 * The most likely cause of a discrepancy (docs/diff-and-reconcile.md, "Reconcile"): the quantity
 * differs → `usage`; the same amount issued with the other sign → `sign`; the unit price (or, without
 * one, the amount at the same quantity) differs →
 * `price` (a price change, override or amendment); at most one minor unit at the same quantity and
 * price → `rounding`; a line only ratecard computes → `missing_line`, only issued → `extra_line`; the
 * tax differs → `tax`; what the totals take off or add besides lines and tax (discounts, commitments,
 * pre-tax credits) differs → `adjustments`; what credits after tax (a prepaid wallet) paid of the total
 * differs, when the document states its amount due beside its total → `after_tax_credits`; a line that
 * agrees with the recomputation as issued, less what credit notes given to reconcile credited of it
 * (goodwill, or a credit the recomputation does not bear out) → `credit_note`.
 */
export type DiscrepancyCause =
  | "usage"
  | "price"
  | "sign"
  | "rounding"
  | "missing_line"
  | "extra_line"
  | "tax"
  | "adjustments"
  | "after_tax_credits"
  | "credit_note";

/** The values of one side of a line: what the document says. */
export interface LineValues {
  readonly description: string;
  readonly quantity?: string;
  readonly unitPrice?: string;
  readonly amount: string;
}

/** One difference between the issued invoice and the recomputation. */
export interface Discrepancy {
  readonly cause: DiscrepancyCause;
  /** recomputed − issued: what the customer should have been charged more (negative: less). */
  readonly amount: string;
  /** The recomputed line's id. */
  readonly line?: string;
  readonly matchedBy?: MatchedBy;
  readonly issued?: LineValues;
  readonly recomputed?: LineValues;
  readonly sentence: string;
}

/** What {@link reconcile} returns. */
export interface ReconcileResult {
  readonly currency: string;
  readonly issuedFormat: IssuedDocument["format"];
  /** The issued total when the document gives one, else the sum of its lines, tax and adjustments unknown. */
  readonly issuedTotal?: string;
  readonly recomputedTotal: string;
  readonly linesMatched: number;
  /** In recomputed line order, then issued-only lines, then tax and adjustments. Empty when they agree. */
  readonly discrepancies: ReadonlyArray<Discrepancy>;
  /**
   * Sentences about the issued document's own figures that are no discrepancy of what it charges: a
   * stated subtotal that is not the sum of its lines. Absent when there is none.
   */
  readonly notes?: ReadonlyArray<string>;
  /**
   * Present when the issued document is a ratecard invoice rated from another contract, or another
   * version of it (`contractDigest`), than the recomputation: its discrepancies may be that change.
   */
  readonly contractChanged?: {
    readonly issued: ContractVersion;
    readonly recomputed: ContractVersion;
  };
  /**
   * Present when credit notes were given ({@link ReconcileOptions}): the issued invoice is compared net
   * of them (`issuedTotal` is its total less theirs), and these are the notes, in the order given, with
   * the total the document issued before them.
   */
  readonly creditNotes?: {
    readonly issuedTotalBeforeNotes?: string;
    /** What the notes credited in all, tax included. */
    readonly credited: string;
    readonly notes: ReadonlyArray<ReconciledCreditNote>;
  };
}

/** Options of {@link reconcile}. */
export interface ReconcileOptions {
  /**
   * The credit notes issued against the issued invoice (`issueCreditNote`'s, or parsed with
   * `parseCreditNote`): the invoice is reconciled net of them, so what they credited is no discrepancy
   * again (docs/diff-and-reconcile.md, "Credit notes issued against the invoice").
   */
  readonly creditNotes?: ReadonlyArray<unknown>;
}

/** The contract an invoice was rated from: its id and the digest of its text then. */
export interface ContractVersion {
  readonly contractId: string;
  readonly contractDigest: string;
}
