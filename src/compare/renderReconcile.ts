import { escapeControl } from "../explain/index.js";
import type { Discrepancy, ReconcileResult } from "./reconcileResult.js";
import { escapeCell, signed } from "./renderDiff.js";

/**
 * The reconciliation in words: the totals, then each discrepancy with its amount (recomputed − issued)
 * and likely cause. `markdown` is the summary a specialist pastes into a ticket.
 */
export function renderReconcile(result: ReconcileResult, format: "text" | "markdown"): string {
  const totals = `Issued total ${result.issuedTotal ?? "(not given)"}${beforeNotes(result)}, recomputed ${result.recomputedTotal} ${result.currency}; ${result.linesMatched} line${result.linesMatched === 1 ? "" : "s"} matched.`;
  const verdict =
    result.discrepancies.length === 0
      ? "The issued invoice agrees with the recomputation."
      : `${result.discrepancies.length} discrepanc${result.discrepancies.length === 1 ? "y" : "ies"} found (amounts are recomputed − issued).`;
  const contract = contractSentence(result);
  const notes = [...creditNoteSentences(result), ...(result.notes ?? [])].map((note) => escapeControl(note));
  if (format === "markdown") {
    const rows = result.discrepancies.map(
      (d) => `| ${escapeCell(where(d))} | ${d.cause} | ${signed(d.amount)} | ${escapeCell(d.sentence)} |`,
    );
    return [
      "### Reconciliation of the issued invoice",
      "",
      totals,
      "",
      ...(contract === undefined ? [] : [escapeCell(contract), ""]),
      ...notes.flatMap((note) => [escapeCell(note), ""]),
      verdict,
      ...(rows.length > 0
        ? ["", "| line | likely cause | amount | detail |", "|---|---|---:|---|", ...rows]
        : []),
      "",
    ].join("\n");
  }
  const width = Math.max(0, ...result.discrepancies.map((d) => signed(d.amount).length));
  // Issued descriptions are the issuer's text (a quoted CSV field may hold a line break): written
  // escaped, so one cannot add a line such as "Total 0.00" to the output.
  return [
    totals,
    ...(contract === undefined ? [] : [contract]),
    ...notes,
    verdict,
    ...result.discrepancies.map(
      (d) => `  ${signed(d.amount).padStart(width)}  ${d.cause.padEnd(12)}  ${escapeControl(d.sentence)}`,
    ),
    "",
  ].join("\n");
}

// "Issued total 240.08 (300.08 less 60.00 of credit notes)": the figure compared, and where it comes from.
function beforeNotes(result: ReconcileResult): string {
  const notes = result.creditNotes;
  if (notes?.issuedTotalBeforeNotes === undefined) return "";
  return ` (${notes.issuedTotalBeforeNotes} less ${notes.credited} of credit notes)`;
}

// One sentence per credit note taken off the issued invoice, naming what it credited of which line and
// the tax in it, so that its lines and tax redo its total: "60.00 USD credited, 10.00 of it tax added to
// the lines; lines Egress (egress) 50.00". Until 7 December 2026 every note read "tax included", one
// without tax too.
function creditNoteSentences(result: ReconcileResult): string[] {
  return (result.creditNotes?.notes ?? []).map((note) => {
    const lines = note.lines.map((line) => `${line.name} (${line.corrects}) ${line.amount}`).join(", ");
    const tax =
      note.tax === undefined
        ? ""
        : `, ${note.tax.total} of it tax ${note.tax.mode === "exclusive" ? "added to the lines" : "included in the lines"}`;
    return `Net of credit note ${note.id}: ${note.total} ${result.currency} credited${tax}; lines ${lines}.`;
  });
}

function where(discrepancy: Discrepancy): string {
  return discrepancy.line ?? discrepancy.issued?.description ?? "(invoice)";
}

function contractSentence(result: ReconcileResult): string | undefined {
  const changed = result.contractChanged;
  if (changed === undefined) return undefined;
  const { issued, recomputed } = changed;
  const recomputedContract =
    recomputed.contractId === issued.contractId ? "" : `contract ${recomputed.contractId}, `;
  const version =
    recomputed.contractId === issued.contractId
      ? `another version of contract ${issued.contractId}`
      : `contract ${issued.contractId}`;
  return `The issued invoice was rated from ${version} (digest ${issued.contractDigest}); the recomputation uses ${recomputedContract}${recomputed.contractDigest}: a discrepancy may be the contract's change since, not an error of the issued invoice.`;
}
