import type { Invoice } from "../../invoice/index.js";
import { toPlainString } from "../../money/index.js";
import { percentExact } from "../percentExact.js";
import type { LineNets } from "./lineNets.js";
import { liveOrValue } from "./liveOrValue.js";
import { roundingFormula, tooCloseToRound } from "./roundingFormula.js";
import { exactValue, formulaCell, type SheetBuilder } from "./sheetBuilder.js";

/** What the adjustment rows need: the sheet, the lines' nets, the invoice and its amount format. */
export interface AdjustmentContext {
  readonly builder: SheetBuilder;
  readonly nets: LineNets;
  readonly invoice: Invoice;
  readonly money: string;
}

const SPREAD_NOTE =
  "A value: ratecard spreads the amount over the lines by largest remainder in proportion to their nets.";

// A share of a reduction spread onto a line: a value row, added to the line's net.
function share(context: AdjustmentContext, line: string, what: string, amount: string): string {
  const row = context.builder.add("step", {
    line,
    step: `share of ${what}`,
    amount: exactValue(amount, context.money),
    note: SPREAD_NOTE,
  });
  context.nets.add(line, `E${row}`, amount);
  return `E${row}`;
}

// The base of a reduction over some lines: their nets as a formula when it gives the invoice's base,
// otherwise the invoice's value, marked (a line in scope that took no share is not in the allocation).
function baseCell(context: AdjustmentContext, lines: ReadonlyArray<string>, base: string) {
  return context.nets.gives(lines, base)
    ? {
        cell: formulaCell(context.nets.formulaOf(lines), context.money),
        note: "C: the nets of the lines it applies to",
      }
    : { cell: exactValue(base, context.money), note: "C: the base as ratecard computed it (a value)" };
}

// A percentage discount's exact figure as an operand the sheet must hold, when it lies too close to a
// rounding boundary (percentExact: what the explanation's words round, the same figure).
const tooClose = (discount: NonNullable<Invoice["discounts"]>[number], minor: number) => {
  const exact = percentExact(discount);
  return exact !== undefined && tooCloseToRound(toPlainString(exact), minor) ? [toPlainString(exact)] : [];
};

/** The discounts: each one's amount from its base, then its spread onto the lines. Returns the amount cells. */
export function writeDiscounts(context: AdjustmentContext): string[] {
  const { invoice, builder, money } = context;
  const mode = invoice.rounding.mode;
  const minor = invoice.currency.minorUnits;
  return (invoice.discounts ?? []).map((discount) => {
    const lines = discount.allocation.map((part) => part.line);
    // On the days it covers (partialPeriod "days_covered"), the discount is worked out on what those days
    // billed, a value ratecard computed by rating them again: no share of the period scales it.
    const covered = discount.inForce?.covered;
    const base =
      covered === undefined
        ? baseCell(context, lines, discount.base)
        : {
            cell: exactValue(covered, money),
            note: "C: what the days it covers billed, as ratecard computed it (a value)",
          };
    const ratio =
      discount.inForce === undefined || covered !== undefined
        ? ""
        : `*${discount.inForce.elapsed}/${discount.inForce.total}`;
    const amount =
      discount.percent !== undefined
        ? liveOrValue(
            `MAX(-C{row},${roundingFormula("(-C{row}*D{row})", minor, mode, "5E-15*ABS(C{row}*D{row})")})`,
            discount.amount,
            money,
            `${base.note}; D: ${discount.percent} %${ratio === "" ? "" : " × the share of the period it is in force"}; rounded once as the figure taken off (negative), never more than the base.`,
            // A product a hair from a cent or a tie (99.99 % of 150,592,918,853.46 is …561.574654, 0.000346
            // below the tie) lies inside the formula's tolerance, which would round it as the tie: the
            // sheet shows ratecard's value instead.
            tooClose(discount, minor),
          )
        : liveOrValue(
            "-MIN(C{row},D{row})",
            discount.amount,
            money,
            `${base.note}; D: the fixed amount for this invoice; never more than the base.`,
          );
    const row = builder.add("step", {
      step: `Discount: ${discount.name}`,
      quantity: base.cell,
      price:
        discount.percent !== undefined
          ? formulaCell(`${discount.percent}${ratio}/100`)
          : exactValue(discount.fixed ?? "0", money),
      amount: amount.cell,
      note: amount.note,
    });
    for (const part of discount.allocation) share(context, part.line, discount.name, part.amount);
    return `E${row}`;
  });
}

/** The commitments' caps (the excess above a maximum taken off the lines). Returns the amount cells. */
export function writeCaps(context: AdjustmentContext): string[] {
  return (context.invoice.commitments ?? []).flatMap((commitment) => {
    if (commitment.cap === undefined) return [];
    const row = context.builder.add("step", {
      step: `Commitment cap: ${commitment.name}`,
      quantity: exactValue(commitment.spend, context.money),
      price: exactValue(commitment.maximum ?? "0", context.money),
      amount: exactValue(commitment.cap, context.money),
      note: "A value: the spend above the maximum, taken off the lines in scope.",
    });
    for (const part of commitment.allocation ?? []) share(context, part.line, commitment.name, part.amount);
    return [`E${row}`];
  });
}

/** The credit grants burned at `stage`, as values (the burn order decides them). Returns the cells. */
export function writeCredits(context: AdjustmentContext, stage: "before_tax" | "after_tax"): string[] {
  return (context.invoice.credits ?? [])
    .filter((credit) => credit.stage === stage)
    .map((credit) => {
      const row = context.builder.add("step", {
        step: `Credit: ${credit.name}`,
        quantity: exactValue(credit.balanceBefore),
        amount: exactValue(credit.applied, context.money),
        note: `A value: the grant's balance (C${credit.unit === undefined ? "" : `, in ${credit.unit}`}) and the burn order decide what it pays${stage === "after_tax" ? "; it pays the invoice after tax" : ""}.`,
      });
      for (const part of credit.allocation ?? []) share(context, part.line, credit.name, part.amount);
      return `E${row}`;
    });
}
