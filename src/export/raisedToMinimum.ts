import type { InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";

/**
 * Whether the line's amount was raised to its minimum (a `line_limit` step of limit "minimum" that
 * added something): the line then bills the minimum owed for its period, not its quantity at its price.
 */
export function raisedToMinimum(line: InvoiceLine): boolean {
  return line.steps.some(
    (step) => step.kind === "line_limit" && step.limit === "minimum" && !new Decimal(step.amount).isZero(),
  );
}
