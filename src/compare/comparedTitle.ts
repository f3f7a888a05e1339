import { lineTitle } from "../explain/index.js";
import { type InvoiceLine, pieceDateOf } from "../invoice/index.js";

/**
 * A line as diff's and reconcile's sentences name it: its name and group ("Bandwidth [region na]"),
 * what a credit for unused time is ("Seats (credit for unused time)": beside the new terms' line it has
 * the same name), and the date its piece starts when an amendment or override cut the period ("… from
 * 2026-03-16"), so two lines of one charge are never told apart by their amounts alone.
 */
export function titleOf(line: InvoiceLine): string {
  const piece = pieceDateOf(line.id);
  const credit = line.steps.some((step) => step.kind === "unused_time") ? " (credit for unused time)" : "";
  const title = `${lineTitle(line)}${credit}`;
  return piece === undefined ? title : `${title} from ${piece}`;
}
