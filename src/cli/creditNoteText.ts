import {
  type CreditNote,
  Decimal,
  decimalsOfText,
  escapeControl,
  settlementWords,
  unitsInWords,
} from "../index.js";

/**
 * A credit note in the words `ratecard credit-note` prints: each line credited, the subtotal, the tax,
 * the total and how it is given back. Names and reasons are the caller's text: each printed line is
 * escaped, so none can forge another.
 */
export function creditNoteText(note: CreditNote): string {
  const code = note.currency.code;
  const lines = note.lines.map((line) =>
    new Decimal(line.amount).isNegative()
      ? // A credit line taken back with the whole invoice: "credited −40.00 of −40.00" reads as a refund.
        `- ${line.name} (${line.corrects}): its credit of ${line.invoiced} ${code} is taken back. Reason: ${line.reason}.`
      : `- ${line.name} (${line.corrects}): ${line.amount} ${code} credited of ${line.invoiced} billed${new Decimal(line.creditedBefore).isZero() ? "" : ` (${line.creditedBefore} credited before)`}${line.quantity === undefined ? "" : `; ${unitsInWords(line.quantity, line)} taken off${unitsLeftCost(line)}, the rest re-rated at ${line.rerated}`}. Reason: ${line.reason}.`,
  );
  // Inclusive tax is inside the lines' amounts: said as part of the subtotal, so no one adds it again.
  const tax =
    note.tax === undefined
      ? []
      : [
          `Tax credited: ${note.tax.total} ${code}${note.tax.mode === "inclusive" ? ", included in the subtotal" : ""}.`,
        ];
  // Lines finer than the currency (rounding.lineDecimals): the total is rounded to it, the difference said,
  // as the invoice's text says it.
  const total = note.rounding?.total;
  const rounded =
    total === undefined
      ? []
      : [
          `Total before rounding ${total.before} ${code}, rounded to ${total.minorUnits} decimals: a rounding adjustment of ${total.adjustment} ${code}.`,
        ];
  const text = [
    `Credit note ${note.id} against invoice ${note.invoiceId}`,
    ...lines,
    `Subtotal ${note.subtotal}.`,
    ...tax,
    ...rounded,
    `Total credited ${note.total} ${code}.`,
    ...settlementWords(note, (plain) => `${plain} ${code}`),
  ];
  return `${text.map(escapeControl).join("\n")}\n`;
}

// What the units left before this note cost, said when earlier notes credited the line: the credit is
// that less the rest re-rated. It is not what was billed less what was credited before, since an amount
// credited (goodwill) takes no units off: 3656.00 billed, 456.00 of goodwill, then 11400 GB off credits
// 3656.00 − 3200.00 = 456.00, which "3656.00 − 456.00 − 3200.00" would not redo.
function unitsLeftCost(line: CreditNote["lines"][number]): string {
  if (new Decimal(line.creditedBefore).isZero() || line.rerated === undefined) return "";
  // as many decimals as the figures it adds ("3200.00", not "3200"): a Decimal drops trailing zeros
  const decimals = Math.max(decimalsOfText(line.amount), decimalsOfText(line.rerated));
  return ` the units left, which cost ${new Decimal(line.amount).plus(line.rerated).toFixed(decimals)}`;
}
