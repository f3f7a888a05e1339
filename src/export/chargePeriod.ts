import type { Invoice, InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import { parseInstant } from "../time/index.js";
import { chargeCategoryOf, chargeFrequencyOf } from "./chargeCategory.js";
import { toFocusDateTime } from "./focusDateTime.js";
import { raisedToMinimum } from "./raisedToMinimum.js";

/** A FOCUS charge period: date/times, start inclusive, end exclusive. */
export interface FocusPeriod {
  readonly start: string;
  readonly end: string;
}

/**
 * The stretch of its period an invoice of a progressive sequence bills (docs/progressive-billing.md):
 * from the last earlier invoice's `asOf` (the period's start for the first) to its own `asOf` (the
 * period's end on the closing invoice). Undefined for any other invoice: it bills its whole period.
 */
function billedStretch(invoice: Invoice): { readonly start: string; readonly end: string } | undefined {
  const progressive = invoice.progressive;
  if (progressive === undefined) return undefined;
  const last = progressive.earlier.at(-1);
  return { start: last?.asOf ?? invoice.period.start, end: progressive.asOf };
}

/**
 * The charge period of the invoice's line at `at` (chargeperiodstart.md: "MUST match the beginning date
 * and time boundary of the effective period of the charge"). A usage-based line of a progressive
 * sequence bills the usage its invoice's stretch added: 800 GB by 10 March on the first invoice, the
 * 600 GB of 10–20 March on the second. So its charge period is the line's period within that stretch,
 * not the whole month every invoice of the sequence would otherwise repeat. A fee, a true-up or a line
 * outside the stretch keeps the line's period: the closing invoice bills them for the period. A line
 * that re-prices the period so far rather than billing what its stretch consumed (`repricesSoFar`)
 * charges from the line's start to the stretch's end: its charge is in force over all of it.
 */
export function lineChargePeriod(invoice: Invoice, at: number, path: string): FocusPeriod {
  const line: InvoiceLine = invoice.lines[at]!;
  const own = { start: line.period.start, end: line.period.end };
  const stretch = billedStretch(invoice);
  const clipped =
    stretch !== undefined && chargeFrequencyOf(line, chargeCategoryOf(line)) === "Usage-Based"
      ? {
          start: repricesSoFar(line) ? own.start : later(own.start, stretch.start),
          end: earlier(own.end, stretch.end),
        }
      : own;
  const chosen = parseInstant(clipped.start) < parseInstant(clipped.end) ? clipped : own;
  return {
    start: toFocusDateTime(chosen.start, `${path}.period.start`),
    end: toFocusDateTime(chosen.end, `${path}.period.end`),
  };
}

/**
 * The charge period of the invoice's tax, credit and rounding rows: the stretch a mid-period
 * progressive invoice bills (it bills usage so far, and its tax and credits are on that usage), the
 * invoice's period otherwise (the closing invoice's fees are the whole period's).
 */
export function documentChargePeriod(invoice: Invoice, path: string): FocusPeriod {
  const stretch = invoice.progressive?.stage === "progressive" ? billedStretch(invoice) : undefined;
  const chosen = stretch ?? invoice.period;
  return {
    start: toFocusDateTime(chosen.start, `${path}.start`),
    end: toFocusDateTime(chosen.end, `${path}.end`),
  };
}

/**
 * Whether a progressive invoice's line bills a charge of the period so far rather than usage of its
 * stretch: a line raised to its minimum (only the close applies one, and the minimum is owed for the
 * whole period: 300 GB × 0.10 = 30.00 raised to 50.00, less the 20.00 billed by 10 March, is not a
 * charge for 10–31 March), or a line that consumed nothing in the stretch and still bills an amount
 * (a charge rated on its groups' total, `transform.scope` "charge", whose share of the period's total
 * changed because other groups used more: the group's earlier usage re-priced).
 */
function repricesSoFar(line: InvoiceLine): boolean {
  return raisedToMinimum(line) || (!new Decimal(line.quantity).gt(0) && !new Decimal(line.amount).isZero());
}

function later(a: string, b: string): string {
  return parseInstant(a) >= parseInstant(b) ? a : b;
}

function earlier(a: string, b: string): string {
  return parseInstant(a) <= parseInstant(b) ? a : b;
}
