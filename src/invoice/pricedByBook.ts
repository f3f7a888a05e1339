import type { Contract } from "../contracts/index.js";
import type { RateChargeResult } from "../rating/index.js";
import { perObject } from "../schema/index.js";

// The book's charge ids as a set, once per contract: a 10,000-charge book is asked about every charge.
const bookCharges = perObject(
  (contract: Contract): ReadonlySet<string> => new Set(contract.priceBook?.charges),
);

/**
 * The lines of one charge, each naming the price book version that priced it when the charge is the
 * book's: the version in force on the day the line's period starts (a version that changes the charge
 * splits the period there, so each piece has one; a version that leaves it unchanged does not, and the
 * line names the version in force at its start). A contract's own charges, and contracts without a
 * book, keep their lines as they are.
 */
export function withPriceBook(
  contract: Contract,
  chargeId: string,
  start: number,
  rated: RateChargeResult,
): RateChargeResult {
  const book = contract.priceBook;
  if (book === undefined || !bookCharges(contract).has(chargeId)) return rated;
  const inForce = book.versions.filter((version) => version.effective <= start).at(-1) ?? book.versions[0]!;
  const priceBook = { id: book.id, version: inForce.version };
  return {
    ...rated,
    lines: rated.lines.map(({ id, chargeId: charge, ...rest }) => ({
      id,
      chargeId: charge,
      priceBook,
      ...rest,
    })),
  };
}
