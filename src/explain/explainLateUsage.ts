import type { LateUsageResult } from "../invoice/index.js";
import { currencyPrefix } from "./currencySymbol.js";
import { escapeControl } from "./escapeControl.js";
import { EXCLUSION_REASON_WORDS } from "./exclusionReasons.js";
import { formatExact, formatQuantity, signed } from "./formatNumber.js";
import { settlementWords } from "./settlementWords.js";

/**
 * A late-usage correction in plain words: what was corrected, the late events, and either the delta
 * lines with what the next invoice carries, or the credit note and the re-issued invoice. Reads only
 * the result: nothing is recomputed.
 */
export function explainLateUsage(result: LateUsageResult): string {
  const { currency } = result;
  const prefix = currencyPrefix(currency.code);
  const money = (plain: string) =>
    signed(plain, (magnitude) => `${prefix}${formatExact(magnitude, currency.minorUnits)}`);
  // Totals, amounts due and notes' totals are settled: in the currency's own decimals when lines are
  // finer (rounding.lineDecimals), "¥0", not "¥0.00".
  const settledUnits =
    (result.mode === "next_invoice" ? result.rerated : result.reissued)?.rounding.total?.minorUnits ??
    currency.minorUnits;
  const settled = (plain: string) =>
    signed(plain, (magnitude) => `${prefix}${formatExact(magnitude, settledUnits)}`);
  const out = [
    `Late usage for invoice ${result.invoiceId} (period ${result.period}), corrected in the billing period ${result.billOn} (${result.mode === "next_invoice" ? "delta lines on the next invoice" : "credit note and re-issued invoice"}).`,
    `Late events: ${formatQuantity(String(result.lateEvents.given))} given, ${formatQuantity(String(result.lateEvents.counted))} counted.`,
    ...notCountedWords(result.lateEvents.notCounted ?? []),
  ];
  // The customer was billed the invoice less these notes: say so before the lines that correct it, in
  // both modes, so the re-rating's fewer units than the invoice billed are explained.
  for (const note of result.unitsCredited ?? [])
    out.push(
      `Credit note ${note.id} took units off the invoice and credited ${settled(note.total)}: ${result.mode === "next_invoice" ? "the reversals reverse what it left" : "the new credit note credits what it left"}, and the usage re-rated is without those units.`,
    );
  if (result.mode === "next_invoice") {
    if (result.lines.length === 0) out.push("Nothing changed: no line to book.");
    for (const line of result.lines)
      out.push(
        `- ${line.name} (${line.corrects}) ${line.kind}: ${formatQuantity(line.quantity)} → ${money(line.amount)}.`,
      );
    // Credits after tax drew again in the re-rating: the money asked is the change in the amount due.
    const due = result.amountDue;
    out.push(
      `Lines ${money(result.subtotal)}; ${due === undefined ? "for the next invoice" : "total"} ${settled(result.total)} (with the period's discounts, commitments, credits and tax worked again).`,
      ...(due === undefined
        ? []
        : [
            `For the next invoice ${settled(due)} in money: the credits paid after tax were drawn again from their balances before the period; the next invoice opens them as re-rated.`,
          ]),
    );
  } else if (result.creditNote === undefined || result.reissued === undefined) {
    out.push("Nothing changed: no credit note, no re-issued invoice.");
  } else {
    out.push(
      `Credit note ${result.creditNote.id} credits ${settled(result.creditNote.total)} of invoice ${result.invoiceId}; invoice ${result.reissued.id} re-issues the period for ${settled(result.reissued.total)}.`,
      ...settlementWords(result.creditNote, money),
    );
  }
  const now = result.mode === "next_invoice" ? result.rerated : result.reissued;
  for (const commitment of now?.commitments ?? []) {
    if (commitment.cumulative === undefined) continue;
    out.push(
      `${commitment.name}: spend to date ${money(commitment.cumulative.spendAfter)} with the late usage. The next invoice of its period carries it; an invoice already issued after this one is corrected with it (--corrected-commitment-spend).`,
    );
  }
  return `${out.map(escapeControl).join("\n")}\n`;
}

// A late event not counted is never silent: "1 given, 0 counted" alone leaves the specialist guessing
// whether it was a repeat, another customer's or outside the period.
function notCountedWords(
  notCounted: NonNullable<LateUsageResult["lateEvents"]["notCounted"]>,
): ReadonlyArray<string> {
  if (notCounted.length === 0) return [];
  const parts = notCounted.map(
    ({ reason, events }) =>
      `${formatQuantity(String(events))} event${events === 1 ? "" : "s"}: ${EXCLUSION_REASON_WORDS[reason]}`,
  );
  return [`Not counted: ${parts.join("; ")}.`];
}
