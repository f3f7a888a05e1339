import type { Invoice, InvoiceLine } from "../invoice/index.js";
import { Decimal, ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";

/**
 * What a credit note gives back to the grants that paid the invoice before tax, invoice line by
 * invoice line (docs/focus-export.md, "A credit before tax given back").
 *
 * The invoice's rows bill each line gross of a credit before tax and take the credit off in its own
 * Credit row (`lineRow`, `creditRows`). The note credits a line at its net, after that credit, and gives
 * the grant its share back once the line is credited in full (`settlement.credits`, stage before_tax:
 * docs/credit-notes.md). Its rows must then reverse both: the line's row by the net plus that share,
 * the Credit row by the share, or an invoice credited in full would keep a charge and a credit of the
 * same amount (golden-rich's platform fee: +99.00 and −9.27 on the invoice, −89.73 on the note).
 *
 * A line is credited in full by this note when what was credited before it is below the line's net and
 * what it credits reaches it; a line the grant paid entirely (net 0) is on no note, and its share goes
 * back with the note that completes the others: it is what the grant gets back beyond the shares of the
 * note's own lines.
 *
 * @returns per note line id, the share its line gives back to before-tax grants (positive), and the
 *   lines on no note whose share goes back (`unlisted`, net-0 lines in the invoice's order)
 */
export function restoredBeforeTax(
  note: CreditNote,
  invoice: Invoice,
): {
  readonly byNoteLine: ReadonlyMap<string, Decimal>;
  readonly unlisted: ReadonlyArray<{ readonly line: InvoiceLine; readonly share: Decimal }>;
} {
  // The note line that credits each invoice line in full (one at most: the notes never credit more).
  const completing = new Map(
    note.lines
      .filter((line) => {
        const before = new Decimal(line.creditedBefore);
        return before.lt(line.invoiced) && before.plus(line.amount).gte(line.invoiced);
      })
      .map((line) => [line.corrects, line.id]),
  );
  const completed = new Set(completing.keys());
  const shares = new Map<string, Decimal>();
  const add = (line: string, amount: Decimal) => shares.set(line, (shares.get(line) ?? ZERO).plus(amount));
  const given = (note.settlement?.credits ?? []).filter((credit) => credit.stage === "before_tax");
  for (const credit of given) {
    const allocation = (invoice.credits ?? []).find((drawn) => drawn.id === credit.id)?.allocation ?? [];
    const ofCompleted = allocation.filter((share) => completed.has(share.line));
    for (const share of ofCompleted) add(share.line, new Decimal(share.amount).negated());
    const beyond = ofCompleted.reduce((sum, share) => sum.plus(share.amount), new Decimal(credit.restored));
    if (beyond.isZero()) continue;
    // Past the note's own lines: the lines the grant paid entirely, which go back all at once.
    for (const share of allocation)
      if (!completed.has(share.line) && isPaidEntirely(invoice, share.line))
        add(share.line, new Decimal(share.amount).negated());
  }
  const byNoteLine = new Map<string, Decimal>();
  for (const [line, noteLine] of completing) {
    const share = shares.get(line);
    if (share !== undefined) byNoteLine.set(noteLine, share);
  }
  const unlisted = invoice.lines.flatMap((line) => {
    const share = shares.get(line.id);
    return share === undefined || completed.has(line.id) ? [] : [{ line, share }];
  });
  return { byNoteLine, unlisted };
}

function isPaidEntirely(invoice: Invoice, lineId: string): boolean {
  const line = invoice.lines.find((candidate) => candidate.id === lineId);
  return line !== undefined && new Decimal(line.net ?? line.amount).isZero();
}
