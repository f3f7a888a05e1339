import {
  type BelowZeroNotDue,
  belowZeroNotDue,
  type Invoice,
  keepsPeriodRoundingSoFar,
} from "../invoice/index.js";
import { Decimal, toPlainString, ZERO } from "../money/index.js";
import type { MoneyStyle } from "./explainLine.js";
import { type Figure, moneyFigure } from "./figure.js";

/** What a waterfall step is: where the invoice starts, a change to the running amount, or where it lands. */
export type WaterfallKind =
  | "subtotal"
  | "discount"
  | "commitment_cap"
  | "credit_before_tax"
  | "tax"
  | "total_rounding"
  | "total"
  | "below_zero_not_due"
  | "credit_after_tax"
  | "amount_due_rounding"
  | "earlier_below_zero"
  | "amount_due";

/** One bar of the waterfall: `amount` is the change (or, for subtotal, total and amount due, the level). */
export interface WaterfallStep {
  readonly kind: WaterfallKind;
  readonly label: string;
  readonly amount: Figure;
  /** The running amount after this step. */
  readonly running: Figure;
}

/**
 * The way from the subtotal to the amount due, in the order the pipeline applies them
 * (docs/contracts.md, "the order"): discounts, commitment caps, credits before tax, tax, the total,
 * credits after tax, the amount due. Every number is the invoice's; only the running sums are added
 * here, and the levels (total, amount due) are the invoice's own, so a test can check they tie.
 */
export function waterfallOf(invoice: Invoice, style: MoneyStyle): WaterfallStep[] {
  const steps: WaterfallStep[] = [];
  let running = new Decimal(invoice.subtotal);
  // Amounts billed read in the currency's decimals when lines are finer (rounding.lineDecimals): the
  // total 0.44, not 0.440; a figure with more digits keeps them (the subtotal 0.438, a rounding of 0.002).
  const settled = invoice.rounding.total?.minorUnits ?? style.minorUnits;
  const figure = (amount: string) => moneyFigure(amount, style, settled);
  const level = (kind: WaterfallKind, label: string, amount: string) => {
    running = new Decimal(amount);
    steps.push({ kind, label, amount: figure(amount), running: figure(amount) });
  };
  const change = (kind: WaterfallKind, label: string, amount: string) => {
    running = running.plus(amount);
    steps.push({ kind, label, amount: figure(amount), running: figure(toPlainString(running)) });
  };
  level("subtotal", "Subtotal", invoice.subtotal);
  for (const discount of invoice.discounts ?? []) change("discount", discount.name, discount.amount);
  for (const commitment of invoice.commitments ?? [])
    if (commitment.cap !== undefined)
      change("commitment_cap", `${commitment.name} (maximum)`, commitment.cap);
  for (const credit of invoice.credits ?? [])
    if (credit.stage === "before_tax")
      change("credit_before_tax", `${credit.name} (before tax)`, credit.applied);
  // Inclusive tax is inside the prices: shown at zero, so the reader sees it was not added on top.
  for (const rate of invoice.tax?.rates ?? [])
    change(
      "tax",
      invoice.tax?.mode === "inclusive"
        ? `${rate.name} (included in the prices: ${figure(rate.amount).display})`
        : rate.name,
      invoice.tax?.mode === "inclusive" ? "0" : rate.amount,
    );
  // Lines finer than the currency (rounding.lineDecimals): the total rounded to it, the difference shown.
  const rounding = invoice.rounding;
  // A progressive or closing invoice keeps the period's rounding so far: its bar is its own part.
  const own = keepsPeriodRoundingSoFar(invoice);
  const ownPart = (figure: string) => toPlainString(new Decimal(figure).minus(running));
  // A rounding that added nothing is no step (30.000 → 30.00): left out, as the bars below zero are.
  const totalRounding = own ? ownPart(invoice.total) : rounding.total?.adjustment;
  if (rounding.total !== undefined && totalRounding !== undefined && !new Decimal(totalRounding).isZero())
    change("total_rounding", `Rounding to ${rounding.total.minorUnits} decimals`, totalRounding);
  level("total", "Total", invoice.total);
  // Credits after tax pay what is due, which starts at zero when the total is below zero (docs/contracts.md,
  // step 11); on a progressive or closing invoice when the period so far is (belowZeroNotDue): above
  // zero, a total below zero lifted; below zero, an earlier one not given back (its bar after the rounding).
  const notDue = belowZeroNotDue(invoice);
  const lifted = Decimal.max(ZERO, notDue.amount);
  if (!lifted.isZero()) change("below_zero_not_due", liftLabel(notDue, figure), toPlainString(lifted));
  for (const credit of invoice.credits ?? [])
    if (credit.stage === "after_tax")
      change("credit_after_tax", `${credit.name} (after tax)`, credit.applied);
  // Its own rounding of the amount due is what is left once an earlier total below zero is set apart
  // (the bar after it): -0.005 and -20.00, not one "rounding" of -20.005.
  const earlier = Decimal.min(ZERO, notDue.amount);
  const dueRounding =
    own && invoice.amountDue !== undefined
      ? toPlainString(new Decimal(ownPart(invoice.amountDue)).minus(earlier))
      : rounding.amountDue?.adjustment;
  if (dueRounding !== undefined && !new Decimal(dueRounding).isZero())
    change("amount_due_rounding", "Rounding of the amount due", dueRounding);
  // A progressive or closing invoice bills the period's amount due so far less what the earlier ones
  // made due, which is not their totals less credits when one of them was below zero: nothing was due
  // then, so its total below zero is not given back now (docs/progressive-billing.md).
  const gap = invoice.amountDue === undefined ? undefined : new Decimal(invoice.amountDue).minus(running);
  if (invoice.progressive !== undefined && gap !== undefined && !gap.isZero())
    change("earlier_below_zero", earlierLabel(notDue, figure), toPlainString(gap));
  if (invoice.amountDue !== undefined) level("amount_due", "Amount due", invoice.amountDue);
  return steps;
}

// A total below zero lifted to zero. On a progressive or closing invoice after earlier ones that billed
// something, it is the period so far that is below zero, and what they billed is given back: invoice 1
// at 20.00, the month at -10.00, the close's -30.00 lifted by 10.00.
function liftLabel(notDue: BelowZeroNotDue, figure: (amount: string) => Figure): string {
  if (!notDue.before.greaterThan(0)) return "A total below zero: nothing is due";
  const [soFar, before] = [figure(toPlainString(notDue.soFar)), figure(toPlainString(notDue.before))];
  return `The period so far is below zero (${soFar.display}): not due; the ${before.display} billed earlier is given back`;
}

// An earlier total below zero this invoice does not give back; when the period so far is still below
// zero, the invoice's total only went against it: invoice 1 at -20.00, the close at 15.00, the period -5.00.
function earlierLabel(notDue: BelowZeroNotDue, figure: (amount: string) => Figure): string {
  if (!notDue.soFar.isNegative())
    return "Earlier invoices of the period below zero: not due then, not given back now";
  const soFar = figure(toPlainString(notDue.soFar));
  return `Earlier invoices of the period below zero: the period so far is still below zero (${soFar.display}), nothing is due`;
}

/**
 * True when every level of the waterfall equals the running sum before it: the subtotal, each change
 * and the total (and the amount due) tie. A property test checks it over random invoices.
 */
export function waterfallTies(steps: ReadonlyArray<WaterfallStep>): boolean {
  let running: Decimal | undefined;
  for (const step of steps) {
    const isLevel = step.kind === "subtotal" || step.kind === "total" || step.kind === "amount_due";
    if (isLevel && running !== undefined && !running.equals(step.amount.exact)) return false;
    running = isLevel ? new Decimal(step.amount.exact) : (running ?? new Decimal(0)).plus(step.amount.exact);
  }
  return true;
}
