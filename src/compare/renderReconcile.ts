import type { Discrepancy, ReconcileResult } from "./reconcile.js";
import { escapeCell, signed } from "./renderDiff.js";

/**
 * The reconciliation in words: the totals, then each discrepancy with its amount (recomputed − issued)
 * and likely cause. `markdown` is the summary a specialist pastes into a ticket.
 */
export function renderReconcile(result: ReconcileResult, format: "text" | "markdown"): string {
  const totals = `Issued total ${result.issuedTotal ?? "(not given)"}, recomputed ${result.recomputedTotal} ${result.currency}; ${result.linesMatched} line${result.linesMatched === 1 ? "" : "s"} matched.`;
  const verdict =
    result.discrepancies.length === 0
      ? "The issued invoice agrees with the recomputation."
      : `${result.discrepancies.length} discrepanc${result.discrepancies.length === 1 ? "y" : "ies"} found (amounts are recomputed − issued).`;
  if (format === "markdown") {
    const rows = result.discrepancies.map(
      (d) => `| ${escapeCell(where(d))} | ${d.cause} | ${signed(d.amount)} | ${escapeCell(d.sentence)} |`,
    );
    return [
      "### Reconciliation of the issued invoice",
      "",
      totals,
      "",
      verdict,
      ...(rows.length > 0
        ? ["", "| line | likely cause | amount | detail |", "|---|---|---:|---|", ...rows]
        : []),
      "",
    ].join("\n");
  }
  const width = Math.max(0, ...result.discrepancies.map((d) => signed(d.amount).length));
  return [
    totals,
    verdict,
    ...result.discrepancies.map(
      (d) => `  ${signed(d.amount).padStart(width)}  ${d.cause.padEnd(12)}  ${d.sentence}`,
    ),
    "",
  ].join("\n");
}

function where(discrepancy: Discrepancy): string {
  return discrepancy.line ?? discrepancy.issued?.description ?? "(invoice)";
}
