import type { ErrorMessage } from "./message.js";

// The sentences of price books (src/contracts/priceBooks): a contract that follows a book, and the book
// itself. Part of `contractMessages`: src/errors/messages/contract.ts re-exports them.

/** A contract names a price book that none of the books given has. */
export function unknownPriceBook(id: string, known: ReadonlyArray<string>): ErrorMessage {
  const given =
    known.length === 0
      ? "no price book was given (pass it to resolveContract, or --price-book FILE on the command line)"
      : `the price books given are ${known.map((book) => `"${book}"`).join(", ")}`;
  return { code: "unknown_price_book", message: `names price book "${id}", but ${given}` };
}

/** A contract pins a version its price book does not have. */
export function unknownPriceBookVersion(
  book: string,
  version: string,
  known: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "unknown_price_book_version",
    message: `names version "${version}" of price book "${book}", which has versions ${known.map((v) => `"${v}"`).join(", ")}`,
  };
}

/** A contract given to parseContract with a price book it cannot look up. */
export function priceBookNotResolved(id: string): ErrorMessage {
  return {
    code: "price_book_not_resolved",
    message: `names price book "${id}": rate it with resolveContract(contract, priceBooks), or pass --price-book FILE on the command line`,
  };
}

/** A contract's own meter or charge with the id of one of its price book's. */
export function priceBookIdConflict(kind: "meter" | "charge", id: string, book: string): ErrorMessage {
  return {
    code: "price_book_conflict",
    message: `${kind} "${id}" is also a ${kind} of price book "${book}"; give the contract's own ${kind} another id, or change the book's with an override`,
  };
}

/** A contract amendment that redefines or removes a charge its price book defines. */
export function priceBookChargeAmended(id: string, book: string): ErrorMessage {
  return {
    code: "price_book_conflict",
    message: `changes charge "${id}" of price book "${book}"; the book's versions decide its terms, so change the customer's price with an override (a price or a multiplier, from a date)`,
  };
}

/** An override of a charge that neither the contract nor its price book has. */
export function overrideNotInPriceBook(
  id: string,
  book: string,
  charges: ReadonlyArray<string>,
): ErrorMessage {
  return {
    code: "invalid_field",
    message: `overrides charge "${id}", which neither the contract nor price book "${book}" has (the book's charges: ${charges.map((c) => `"${c}"`).join(", ")})`,
  };
}

/** A contract in another currency than its price book's prices. */
export function priceBookCurrencyDiffers(currency: string, book: string, bookCurrency: string): ErrorMessage {
  return {
    code: "price_book_conflict",
    message: `is ${currency}, but price book "${book}" is priced in ${bookCurrency}; a contract follows a book of its own currency`,
  };
}

/** A contract whose term starts before the first version of its price book takes effect. */
export function priceBookNotInForce(book: string, version: string, effective: string): ErrorMessage {
  return {
    code: "price_book_not_in_force",
    message: `is before ${effective}, when version "${version}", the first of price book "${book}", takes effect: no price is in force for the term's first days`,
  };
}

/** A price book version not after the one before it. */
export function priceBookVersionsOutOfOrder(effective: string, previous: string): ErrorMessage {
  return {
    code: "invalid_field",
    message: `takes effect on ${effective}, not after the version before it (${previous}); list versions in effective order, one per date`,
  };
}

/** A contract with no charges and no price book to take them from. */
export function noCharges(): ErrorMessage {
  return {
    code: "invalid_field",
    message: "must list at least one charge (or the contract follows a price book: priceBook)",
  };
}

/** Two of the price books given share an id, so a contract's reference would be ambiguous. */
export function priceBookGivenTwice(id: string): ErrorMessage {
  return {
    code: "price_book_conflict",
    message: `names price book "${id}", but two of the books given have that id; give each book once (a new version is a new entry in the book's versions)`,
  };
}
