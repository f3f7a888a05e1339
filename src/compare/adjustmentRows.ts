import type { Invoice } from "../invoice/index.js";
import type { IssuedLine } from "./issuedDocument.js";

/** A discount, commitment cap or credit before tax of the recomputed invoice, as a row may name it. */
export interface RecomputedAdjustment {
  readonly id: string;
  readonly name: string;
  /** What it took off the total (negative), as the invoice states it. */
  readonly amount: string;
  /** How a sentence calls it: "a discount", "a commitment cap", "a credit before tax". */
  readonly kind: string;
}

/** An issued row read as one of the recomputed invoice's adjustments. */
export interface AdjustmentRow {
  readonly row: IssuedLine;
  readonly adjustment: RecomputedAdjustment;
}

/**
 * Splits an issued CSV's or Stripe invoice's rows into lines and the rows that are the recomputed
 * invoice's discounts, commitment caps and credits before tax (docs/diff-and-reconcile.md, "Rows of
 * discounts and credits"). A row is one when it has no quantity and no unit price, and its id or
 * description is such an adjustment's id or name (case and surrounding spaces aside) and no recomputed
 * line's: an issuer that writes "SLA credit (February outage),,-25.00" under its lines wrote the credit
 * ratecard computes, not a line of its own. Each adjustment takes one row at most. A ratecard invoice
 * carries its adjustments on its lines, so its lines are all lines.
 */
export function splitAdjustmentRows(
  lines: ReadonlyArray<IssuedLine>,
  recomputed: Invoice,
): { readonly lines: ReadonlyArray<IssuedLine>; readonly adjustments: ReadonlyArray<AdjustmentRow> } {
  const known = adjustmentsOf(recomputed);
  if (known.length === 0) return { lines, adjustments: [] };
  const key = (text: string) => text.trim().toLowerCase();
  const lineNames = new Set(recomputed.lines.flatMap((line) => [key(line.id), key(line.name)]));
  const taken = new Set<string>();
  const kept: IssuedLine[] = [];
  const adjustments: AdjustmentRow[] = [];
  for (const row of lines) {
    const names = [row.id, row.description].filter((text): text is string => text !== undefined).map(key);
    const adjustment =
      row.quantity === undefined && row.unitPrice === undefined && !names.some((name) => lineNames.has(name))
        ? known.find(
            (candidate) =>
              !taken.has(candidate.id) &&
              (names.includes(key(candidate.id)) || names.includes(key(candidate.name))),
          )
        : undefined;
    if (adjustment === undefined) {
      kept.push(row);
      continue;
    }
    taken.add(adjustment.id);
    adjustments.push({ row, adjustment });
  }
  return { lines: kept, adjustments };
}

// What the recomputed invoice takes off its lines before tax, each with the figure it states.
function adjustmentsOf(invoice: Invoice): RecomputedAdjustment[] {
  return [
    ...(invoice.discounts ?? []).map((d) => ({
      id: d.id,
      name: d.name,
      amount: d.amount,
      kind: "a discount",
    })),
    ...(invoice.commitments ?? []).flatMap((c) =>
      c.cap === undefined ? [] : [{ id: c.id, name: c.name, amount: c.cap, kind: "a commitment cap" }],
    ),
    ...(invoice.credits ?? []).flatMap((c) =>
      c.stage === "before_tax"
        ? [{ id: c.id, name: c.name, amount: c.applied, kind: "a credit before tax" }]
        : [],
    ),
  ];
}
