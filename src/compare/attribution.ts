/**
 * Why an invoice's amount changed, one cause per attribution (docs/diff-and-reconcile.md):
 * - `usage`: the measured quantity of a usage line changed, priced at the old (marginal) rates;
 * - `quantity`: a fee's quantity (seats, units) changed, at the old price;
 * - `price`, `amendment`, `override`: the rate changed, applied to the new quantity (`amendment`
 *   within one contract, `override` when the line's override steps differ, `price` across contracts);
 * - `proration`: the share of the period billed (proration, unused time, trial) and line limits;
 * - `line_added`, `line_removed`: a line only one invoice has;
 * - `billed_earlier`: on a progressive or closing invoice after earlier ones of its period, the change
 *   of what those earlier invoices billed for a line, taken off the line's amount so far;
 * - `commitment`: a true-up or overage line, or a cap taken off the lines;
 * - `discount`, `credit`: a discount or a credit grant took more or less off;
 * - `tax`: the exclusive tax changed;
 * - `negative_total`: a negative total is not due: post-tax credits start from an amount due of 0;
 * - `earlier_below_zero`: on a progressive or closing invoice, an earlier invoice's total below zero,
 *   not due then, that its amount due does not give back;
 * - `total_rounding`: the rounding of the total (and amount due) to the currency's minor units, when the
 *   lines are kept finer (`rounding.lineDecimals`): the change of its adjustment;
 * - `rounding`: what remains after every other cause was rounded to the minor unit.
 */
export const DIFF_CAUSES = [
  "usage",
  "quantity",
  "price",
  "amendment",
  "override",
  "proration",
  "line_added",
  "line_removed",
  "billed_earlier",
  "commitment",
  "discount",
  "credit",
  "tax",
  "negative_total",
  "earlier_below_zero",
  "total_rounding",
  "rounding",
] as const;

export type DiffCause = (typeof DIFF_CAUSES)[number];

/** One cause of the change and its share of it, in the invoice currency (fixed to its minor unit). */
export interface Attribution {
  readonly cause: DiffCause;
  /** The signed change this cause brought, e.g. "344.00" or "-12.50". */
  readonly amount: string;
  /**
   * The line or term as the invoice and the sentence name it: a line's name with its group and piece
   * ("Bandwidth [region eu] from 2026-03-16"), a discount's, commitment's or credit grant's name
   * ("Intro 10%"). Absent for tax and the roundings.
   */
  readonly name?: string;
  /** The line it concerns (its id), for line causes. */
  readonly line?: string;
  readonly chargeId?: string;
  /** The meter of a usage line. */
  readonly meter?: string;
  /** The dimension values of a grouped line. */
  readonly group?: Readonly<Record<string, string | number | boolean | null>>;
  /** The discount, commitment or credit grant, for invoice-level causes. */
  readonly source?: string;
  /** The tiers the after invoice used that the before invoice did not (or the reverse, as "-n"). */
  readonly tiersCrossed?: ReadonlyArray<string>;
  /** The cause in words a billing specialist reads. */
  readonly sentence: string;
}

/** One of the two invoices {@link diff} compares. */
export interface ComparedInvoice {
  readonly id: string;
  readonly contractId: string;
  /** The customer's id: two customers' invoices can be compared, but the text says so. */
  readonly customer: string;
  readonly period: string;
  readonly amount: string;
  /**
   * Of a progressive or closing invoice (docs/progressive-billing.md): which one of its period it is,
   * the amount of the period so far and what the earlier invoices billed (the amount compared is the
   * one less the other, plus what credit notes took off their units).
   */
  readonly progressive?: {
    readonly sequence: number;
    readonly stage: "progressive" | "closing";
    readonly periodSoFar: string;
    readonly billedEarlier: string;
  };
}

/** What {@link diff} returns: the two amounts compared, the change, and the change attributed. */
export interface DiffResult {
  readonly currency: { readonly code: string; readonly minorUnits: number };
  readonly before: ComparedInvoice;
  readonly after: ComparedInvoice;
  /** after − before: the amount due (or total, without post-tax credits) of each invoice. */
  readonly change: string;
  /** Largest first (by magnitude); they add up to `change` exactly. Causes of 0 are left out. */
  readonly attributions: ReadonlyArray<Attribution>;
}
