import { escapeControl } from "../explain/index.js";
import type { DiffResult } from "./attribution.js";

/**
 * The diff in words: the change, then one line per cause, largest first. `markdown` is a table a
 * specialist pastes into a ticket; `text` is aligned for a terminal.
 */
export function renderDiff(result: DiffResult, format: "text" | "markdown"): string {
  const { before, after, currency } = result;
  const heading = `${before.id} (${before.period}) → ${after.id} (${after.period}): ${before.amount} → ${after.amount} ${currency.code}, change ${signed(result.change)}`;
  // A specialist who picked the wrong customer's file must not read the result as one customer's change.
  const customers =
    before.customer === after.customer
      ? []
      : [
          `These invoices are of two customers, ${before.customer} before and ${after.customer} after: the causes below compare two customers' bills, not one customer's change.`,
        ];
  const notes = [...customers, ...onePeriodNote(result)];
  if (format === "markdown") {
    const rows = result.attributions.map(
      (a) =>
        `| ${signed(a.amount)} | ${a.cause} | ${escapeCell(a.line ?? a.source ?? "")} | ${escapeCell(a.sentence)} |`,
    );
    return [
      `### Why the invoice changed`,
      "",
      heading,
      "",
      ...notes.flatMap((sentence) => [escapeCell(sentence), ""]),
      ...(rows.length === 0
        ? ["No difference."]
        : ["| amount | cause | line or source | why |", "|---:|---|---|---|", ...rows]),
      "",
    ].join("\n");
  }
  const width = Math.max(0, ...result.attributions.map((a) => signed(a.amount).length));
  // The causes' column as wide as its widest ("earlier_below_zero" is 18), at least 12.
  const causeWidth = Math.max(12, ...result.attributions.map((a) => a.cause.length));
  // Names and ids are the input's text: their control characters are written escaped, so a line break
  // in a charge's name cannot add a line (such as "Total …") to the output.
  return [
    escapeControl(heading),
    ...notes.map(escapeControl),
    ...(result.attributions.length === 0
      ? ["No difference."]
      : result.attributions.map(
          (a) =>
            `  ${signed(a.amount).padStart(width)}  ${a.cause.padEnd(causeWidth)}  ${escapeControl(a.sentence)}`,
        )),
    "",
  ].join("\n");
}

/**
 * Two invoices of one period billed progressively (docs/progressive-billing.md): each bills the period
 * so far less what the earlier invoices billed, and the causes compare them that way, so the sentence
 * gives both figures. None for any other pair.
 */
function onePeriodNote({ before, after }: DiffResult): string[] {
  const [then, now] = [before.progressive, after.progressive];
  if (then === undefined || now === undefined) return [];
  if (before.contractId !== after.contractId || before.period !== after.period) return [];
  const which = (stage: typeof then) =>
    stage.stage === "closing" ? "the closing invoice" : `progressive invoice ${stage.sequence}`;
  return [
    `These are ${which(then)} and ${which(now)} of one period: the period so far ${then.periodSoFar} → ${now.periodSoFar}, less what earlier invoices billed ${then.billedEarlier} → ${now.billedEarlier}; each line's causes compare the period so far, then what earlier invoices billed of it.`,
  ];
}

/** "+12.00" / "-3.50" / "0.00": the sign always shown, so a change reads as one. */
export function signed(amount: string): string {
  return amount.startsWith("-") || /^0(\.0*)?$/.test(amount) ? amount : `+${amount}`;
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
export function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}
