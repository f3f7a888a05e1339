import { InvariantError } from "../../../errors/index.js";
import type { PropertyValue } from "../../../schema/index.js";

/** The parts of matrix terms a cell lookup reads. */
interface MatrixCells<P> {
  readonly dimensions: ReadonlyArray<string>;
  readonly cells: ReadonlyArray<{ readonly match: Readonly<Record<string, unknown>>; readonly price: P }>;
  readonly defaultPrice?: P | undefined;
}

/** The price of the cell whose values equal the group's, else the default (undefined if none). */
export function cellPrice<P>(
  terms: MatrixCells<P>,
  group: Readonly<Record<string, PropertyValue>>,
): P | undefined {
  const cell = terms.cells.find((candidate) =>
    terms.dimensions.every((dimension) => candidate.match[dimension] === group[dimension]),
  );
  return cell?.price ?? terms.defaultPrice;
}

/**
 * The rating layer splits a matrix charge into one line per combination and rates each cell's
 * price; reaching this means a caller bypassed `grouping`.
 */
export function rateMatrix(): never {
  throw new InvariantError(
    "A matrix price is rated per combination of its dimensions, through its grouping.",
  );
}
