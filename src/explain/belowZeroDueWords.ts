import { belowZeroNotDue, type Invoice } from "../invoice/index.js";
import { Decimal, toPlainString } from "../money/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { moneyFigure } from "./figure.js";
import { type WaterfallKind, waterfallOf } from "./waterfall.js";

/**
 * Why the amount due of a progressive or closing invoice is not its total less its credits after tax,
 * when a total below zero is the reason (docs/explain.md, "A total below zero in a progressive period"):
 * the rule with the invoice's figures, then the walk from the total to the amount due, bar by bar as the
 * waterfall draws it. Invoice 1 at -20.00 (nothing due), the close at 50.00 less a wallet's 4.995:
 * "From the total $50.00: Wallet (after tax) -$4.995 = $45.005; Rounding of the amount due -$0.005 =
 * $45.00; … -$20.00 = $25.00, the amount due." Empty when no total below zero plays a part.
 */
export function belowZeroDueWords(invoice: Invoice, style: MoneyStyle): string[] {
  const { progressive, amountDue } = invoice;
  if (progressive === undefined || amountDue === undefined) return [];
  const steps = waterfallOf(invoice, style);
  const below = steps.some(
    (step) => step.kind === "below_zero_not_due" || step.kind === "earlier_below_zero",
  );
  if (!below) return [];
  const settled = invoice.rounding.total?.minorUnits ?? style.minorUnits;
  const money = (plain: string) => moneyFigure(plain, style, settled).display;
  const soFar = progressive.cumulative.amountDue ?? progressive.cumulative.total;
  // What the earlier invoices made due, as the credit notes that took units off them leave them.
  const madeDue = toPlainString(new Decimal(soFar).minus(amountDue));
  const rule = `It bills the period's amount due so far, ${money(soFar)}, less the ${money(madeDue)} the earlier invoices made due, and an amount due starts from zero when a total is below zero: ${reason(invoice, money)}.`;
  // The walk as a sum to redo by hand, each bar named shortly (its label in the waterfall is longer).
  const start = steps.findIndex((step) => step.kind === "total");
  const walk = steps
    .slice(start + 1, -1)
    .filter((step) => !new Decimal(step.amount.exact).isZero())
    .map((step) => {
      const magnitude = moneyFigure(step.amount.exact.replace(/^-/, ""), style, settled).display;
      const sign = step.amount.exact.startsWith("-") ? "less" : "plus";
      const name = BAR_WORDS[step.kind] ?? step.label.replace(/ \(after tax\)$/, ", after tax");
      return `${sign} ${magnitude} (${name}) = ${step.running.display}`;
    });
  return [rule, `From the total ${money(invoice.total)}: ${walk.join("; ")}, the amount due.`];
}

// The bars between the total and the amount due, shortly; a credit after tax keeps its own label.
const BAR_WORDS: Partial<Record<WaterfallKind, string>> = {
  below_zero_not_due: "not due, below zero",
  amount_due_rounding: "rounding of the amount due",
  earlier_below_zero: "the earlier total below zero, not given back",
};

// Which total below zero, with its figure: the period so far (nothing due, what was made due given
// back), or the earlier invoices' (nothing was due on them, and it is not given back now).
function reason(invoice: Invoice, money: (plain: string) => string): string {
  const notDue = belowZeroNotDue(invoice);
  const soFar = money(toPlainString(notDue.soFar));
  if (notDue.amount.greaterThan(0))
    return notDue.before.greaterThan(0)
      ? `the period so far is below zero (${soFar}), so nothing is due for it, and what the earlier invoices made due is given back`
      : invoice.progressive?.stage === "closing"
        ? `the period is below zero (${soFar}), so nothing is due for it`
        : `the period so far is below zero (${soFar}), so nothing is due and nothing is owed yet: the period goes on, its later invoices bill the period's amount due so far, and the closing invoice says what the customer is owed if the period ends below zero`;
  const earlier = (invoice.progressive?.earlier ?? []).filter((entry) => entry.total.startsWith("-"));
  const named =
    earlier.length === 0
      ? "the earlier invoices"
      : earlier.map((entry) => `${entry.id} (${money(entry.total)})`).join(", ");
  return notDue.soFar.isNegative()
    ? `the period so far is still below zero (${soFar}), so nothing is due: this invoice's total only goes against the total below zero of ${named}, on which nothing was due`
    : `nothing was due on the total below zero of ${named}, so this invoice does not give it back`;
}
