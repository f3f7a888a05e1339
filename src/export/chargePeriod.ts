import type { Invoice, InvoiceLine } from "../invoice/index.js";
import { parseInstant } from "../time/index.js";
import { chargeCategoryOf, chargeFrequencyOf } from "./chargeCategory.js";
import { toFocusDateTime } from "./focusDateTime.js";

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
 * outside the stretch keeps the line's period: the closing invoice bills them for the period.
 */
export function lineChargePeriod(invoice: Invoice, at: number, path: string): FocusPeriod {
  const line: InvoiceLine = invoice.lines[at]!;
  const own = { start: line.period.start, end: line.period.end };
  const stretch = billedStretch(invoice);
  const clipped =
    stretch !== undefined && chargeFrequencyOf(line, chargeCategoryOf(line)) === "Usage-Based"
      ? {
          start: later(own.start, stretch.start),
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

function later(a: string, b: string): string {
  return parseInstant(a) >= parseInstant(b) ? a : b;
}

function earlier(a: string, b: string): string {
  return parseInstant(a) <= parseInstant(b) ? a : b;
}
