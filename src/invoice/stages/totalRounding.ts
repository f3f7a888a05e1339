import { type Decimal, type RoundingMode, roundTo, toFixedString, ZERO } from "../../money/index.js";
import type { InvoiceDraft } from "../draft.js";

/** How the total (and the amount due) of an invoice with lines finer than its currency were rounded. */
export interface TotalRounding {
  /** The currency's own minor units, which the total and the amount due are rounded to. */
  readonly minorUnits: number;
  readonly total: RoundedFigure;
  readonly amountDue?: RoundedFigure;
}

/** A figure before rounding, and what rounding added to it (rounded = before + adjustment, exactly). */
export interface RoundedFigure {
  readonly before: Decimal;
  readonly adjustment: Decimal;
}

/**
 * Step 10½, only when `rounding.lineDecimals` keeps lines finer than the currency (Azure's $0.1264):
 * the total rounded to the currency's minor units in the contract's mode. The difference is kept as an
 * adjustment, as Azure's invoice-level "rounding adjustment" record, so that
 * total = net + tax + adjustment holds to the last decimal. Credits after tax then pay the rounded total.
 */
export function totalRoundingStage(draft: InvoiceDraft): InvoiceDraft {
  const settle = draft.contract.totalRounding;
  if (settle === undefined) return draft;
  const total = roundFigure(draft.total ?? ZERO, settle.minorUnits, draft.contract.rounding);
  return {
    ...draft,
    total: total.rounded,
    totalRounding: { minorUnits: settle.minorUnits, total: total.figure },
  };
}

/**
 * Step 11½: the amount due rounded like the total. It already is in the currency's decimals unless a
 * credit balance was left with finer ones by credits before tax; only then is an adjustment recorded.
 */
export function amountDueRoundingStage(draft: InvoiceDraft): InvoiceDraft {
  const rounding = draft.totalRounding;
  if (rounding === undefined || draft.amountDue === undefined) return draft;
  const due = roundFigure(draft.amountDue, rounding.minorUnits, draft.contract.rounding);
  if (due.figure.adjustment.isZero()) return draft;
  return { ...draft, amountDue: due.rounded, totalRounding: { ...rounding, amountDue: due.figure } };
}

function roundFigure(before: Decimal, minorUnits: number, mode: RoundingMode) {
  const rounded = roundTo(before, minorUnits, mode);
  return { rounded, figure: { before, adjustment: rounded.minus(before) } };
}

/** The invoice's record of the rounding: the figures written in the line decimals. */
export function totalRoundingRecord(rounding: TotalRounding, lineDecimals: number) {
  const text = (figure: RoundedFigure) => ({
    before: toFixedString(figure.before, lineDecimals),
    adjustment: toFixedString(figure.adjustment, lineDecimals),
  });
  return {
    lineDecimals,
    total: { minorUnits: rounding.minorUnits, ...text(rounding.total) },
    ...(rounding.amountDue !== undefined ? { amountDue: text(rounding.amountDue) } : {}),
  };
}
