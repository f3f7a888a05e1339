import { type InvoiceLine, type Step, unitsInWords } from "../../invoice/index.js";
import { localWhen } from "../localWhen.js";
import { exactValue, formulaCell, type SheetBuilder } from "./sheetBuilder.js";
import { fitsSpreadsheet, fitsSpreadsheetAsWritten } from "./significantDigits.js";
import { amountSoFar, type LineState, STEP_ROWS } from "./stepRows.js";

/** Where a line's rows put its figures: the amount cell, and the quantity cell a person may change. */
export interface LineCells {
  readonly amount: string;
  readonly quantity: string | undefined;
}

/**
 * Writes one line: a heading row, one row (or more) per step, the rounded amount last. A line whose
 * numbers all fit the 14 significant digits a spreadsheet computes with reliably is written as live formulas; a line with a
 * longer number is written as ratecard's values, each marked, because a formula over rounded inputs
 * could land a minor unit away from the invoice.
 */
export function writeLine(
  builder: SheetBuilder,
  line: InvoiceLine,
  money: string,
  timeZone?: string,
  poolName: (id: string) => string = (id) => id,
): LineCells {
  const live =
    fitsSpreadsheetAsWritten(line.amount) &&
    line.steps.every((step) => numbersOf(step).every(fitsSpreadsheet));
  // A line of values says what its quantity is counted in too: its rows carry no formula to read it from.
  const priced = `${line.model} price${line.unit === undefined ? "" : `, quantity in ${line.unit}`}`;
  builder.add("heading", {
    line: line.id,
    step: line.name,
    note: live
      ? priced
      : `${priced}. This line holds a number of more than 14 significant digits, beyond what a spreadsheet computes with reliably (it keeps 15): its steps are written as ratecard's exact values, not formulas.`,
  });
  return live
    ? writeLiveSteps(builder, line, money, { timeZone, poolName })
    : writeValueSteps(builder, line, money);
}

function writeLiveSteps(
  builder: SheetBuilder,
  line: InvoiceLine,
  money: string,
  { timeZone, poolName }: { timeZone: string | undefined; poolName: (id: string) => string },
): LineCells {
  const state: LineState = {
    add: (cells, input) => builder.add(input ? "input" : "step", { ...cells, line: line.id }),
    money,
    when: (iso) => localWhen(iso, timeZone),
    poolName,
    // The line's unit and its singular, by the credit notes' rule: "(61400 GB)", "(1 unit)", never "1 units".
    units: (quantity) => unitsInWords(quantity, line),
    quantity: undefined,
    input: undefined,
    priced: [],
    running: undefined,
  };
  for (const step of line.steps) {
    (STEP_ROWS[step.kind] as (step: Step, state: LineState) => void)(step, state);
  }
  const hasRounding = line.steps.some((step) => step.kind === "rounding");
  const amount = hasRounding
    ? state.running!
    : `E${builder.add("step", { line: line.id, step: "Line amount", amount: formulaCell(amountSoFar(state), money) })}`;
  return { amount, quantity: state.input };
}

function writeValueSteps(builder: SheetBuilder, line: InvoiceLine, money: string): LineCells {
  for (const step of line.steps) {
    const amount = "amount" in step && typeof step.amount === "string" ? step.amount : undefined;
    const quantity = "quantity" in step && typeof step.quantity === "string" ? step.quantity : undefined;
    builder.add("step", {
      line: line.id,
      step: step.kind,
      ...(quantity === undefined ? {} : { quantity: exactValue(quantity) }),
      ...(amount === undefined ? {} : { amount: exactValue(amount, money) }),
      ...(longest(step) === undefined
        ? {}
        : { note: `${longest(step)} has more than 14 significant digits: a value, not a formula` }),
    });
  }
  const row = builder.add("step", {
    line: line.id,
    step: "Line amount (ratecard's value)",
    amount: exactValue(line.amount, money),
    note: "Written as a value: this line's arithmetic needs more than 14 significant digits.",
  });
  return { amount: `E${row}`, quantity: undefined };
}

// The decimal texts a step carries (its amounts, quantities, prices, ratios), in field order.
function numbersOf(step: Step): ReadonlyArray<string> {
  return Object.values(step).flatMap((value) =>
    typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value) ? [value] : [],
  );
}

function longest(step: Step): string | undefined {
  return numbersOf(step).find((value) => !fitsSpreadsheet(value));
}
