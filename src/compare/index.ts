export type { Attribution, ComparedInvoice, DiffCause, DiffResult } from "./attribution.js";
export { DIFF_CAUSES } from "./attribution.js";
export type { ColumnMapping, CsvNumberOptions } from "./csvInvoice.js";
export { COLUMN_FIELDS, fromCsvInvoice } from "./csvInvoice.js";
export type { DecimalSeparator } from "./csvNumber.js";
export { diff } from "./diff.js";
export { fromEarlierRatecardInvoice } from "./earlierRatecardInvoice.js";
export type { IssuedDocument, IssuedLine } from "./issuedDocument.js";
export { fromRatecardInvoice } from "./issuedDocument.js";
export type { LinePair, MatchedBy } from "./matchLines.js";
export { matchLines } from "./matchLines.js";
export type { ReconciledCreditNote } from "./netOfCreditNotes.js";
export { reconcile } from "./reconcile.js";
export type {
  ContractVersion,
  Discrepancy,
  DiscrepancyCause,
  LineValues,
  ReconcileOptions,
  ReconcileResult,
} from "./reconcileResult.js";
export { escapeCell, renderDiff, signed } from "./renderDiff.js";
export { renderReconcile } from "./renderReconcile.js";
export { fromStripeInvoice } from "./stripeInvoice.js";
