import { InvariantError } from "../../../errors/index.js";

/** A grouped charge is rated group by group with its price; reaching this means a caller bypassed `grouping`. */
export function rateGrouped(): never {
  throw new InvariantError("A grouped price is rated per group, through its grouping.");
}
