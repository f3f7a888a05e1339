import { ContractError, contractMessages } from "../../errors/index.js";
import { type InputProblem, sha256Digest, toInputError, toProblems } from "../../schema/index.js";
import type { ChargeTerms } from "../contract.js";
import {
  type Amendment,
  atPath,
  type Contract,
  localMidnight,
  type ParseContractOptions,
  parseContract,
} from "../parseContract.js";
import type { PriceBook, PriceBookVersion } from "./parsePriceBook.js";
import { type PriceBookReference, priceBookReferenceSchema } from "./schema.js";

type Json = Record<string, unknown>;

/**
 * A contract that follows a price book (`priceBook: { id, version? }`), resolved into an ordinary
 * contract: the book's meters and charges join the contract's own, the book's `defaults` fill the terms
 * the contract leaves out, and each later version of the book becomes an amendment on its effective
 * date (local midnight in the contract's zone), so a version that takes effect inside a period splits it
 * as an amendment does. With `version`, the contract stays on that version. A contract with no
 * `priceBook` is parsed as it is. Every line a book's charge prices names the book and version
 * (`line.priceBook`).
 * @param input - contract JSON as written
 * @param priceBooks - the books the contracts may follow (parsePriceBook)
 * @param options - the SHA-256 to compute the digest with (`ParseContractOptions`)
 * @throws ContractError `unknown_price_book` at `priceBook.id`, `unknown_price_book_version` at
 *   `priceBook.version`, `price_book_conflict` (a meter or charge id the book has too, an amendment of a
 *   book's charge, another currency), `price_book_not_in_force` at `term.start` (the term starts before
 *   the book's first version), `invalid_field` at `overrides[i].charge` (an override of a charge neither
 *   has), and every error parseContract raises
 * @example
 * // the book's v2 takes effect on 2026-03-15: March's lines of a changed charge split there
 * const contract = resolveContract(contractJson, [parsePriceBook(bookJson)]);
 * rateInvoice(contract, events, "2026-03").lines[0]?.priceBook; // { id: "edge", version: "v1" }
 */
export function resolveContract(
  input: unknown,
  priceBooks: ReadonlyArray<PriceBook>,
  options: ParseContractOptions = {},
): Contract {
  if (!isJson(input) || !("priceBook" in input)) return parseContract(input, options);
  const reference = priceBookReferenceSchema.safeParse(input.priceBook);
  if (!reference.success) throw refuse(toProblems(reference.error.issues, input.priceBook, ["priceBook"]));
  const book = findBook(reference.data, priceBooks);
  const versions = followedVersions(reference.data, book);
  const problems = conflicts(input, book, versions);
  if (problems.length > 0) throw refuse(problems);
  const contract = parseContract(checkedAs(input, book, versions), options);
  const own = contract.charges.length - bookChargeIds(versions).length;
  const inForce = versions.map((version) => ({
    version: version.version,
    effectiveDate: version.effective,
    effective: localMidnight(version.effective, contract.timeZone),
  }));
  const first = inForce[0]!;
  // A contract that stays on a version has chosen its prices for the whole term; one that follows the
  // book has no price before the book's first version.
  if (reference.data.version === undefined && contract.term.start < first.effective)
    throw refuse([
      atPath(contractMessages.priceBookNotInForce(book.id, first.version, first.effectiveDate), "term.start"),
    ]);
  const amendments: Amendment[] = versions.slice(1).map((version, at) => ({
    id: `${book.id}:${version.version}`,
    effective: inForce[at + 1]!.effective,
    effectiveDate: version.effective,
    charges: version.charges,
    remove: idsOf(versions[at]!.charges).filter((id) => !idsOf(version.charges).includes(id)),
  }));
  return {
    ...contract,
    digest: sha256Digest({ contract: input, priceBook: book.digest }, options.sha256),
    charges: [...contract.charges.slice(0, own), ...versions[0]!.charges],
    // In effective order (a contract's amendment and a version on one date change different charges).
    amendments: [...contract.amendments, ...amendments].sort((a, b) => a.effective - b.effective),
    priceBook: { id: book.id, digest: book.digest, versions: inForce, charges: bookChargeIds(versions) },
  };
}

/** Result of {@link safeResolveContract}. */
export type SafeResolveContractResult =
  | { readonly success: true; readonly data: Contract }
  | { readonly success: false; readonly error: ContractError };

/**
 * {@link resolveContract} without throwing on a contract error.
 * @returns the contract, or the error listing its problems (`error.details.problems`)
 */
export function safeResolveContract(
  input: unknown,
  priceBooks: ReadonlyArray<PriceBook>,
  options: ParseContractOptions = {},
): SafeResolveContractResult {
  try {
    return { success: true, data: resolveContract(input, priceBooks, options) };
  } catch (error) {
    if (error instanceof ContractError) return { success: false, error };
    throw error;
  }
}

function findBook(reference: PriceBookReference, books: ReadonlyArray<PriceBook>): PriceBook {
  const found = books.filter((candidate) => candidate.id === reference.id);
  if (found.length > 1)
    throw refuse([atPath(contractMessages.priceBookGivenTwice(reference.id), "priceBook.id")]);
  const book = found[0];
  if (book === undefined)
    throw refuse([
      atPath(
        contractMessages.unknownPriceBook(
          reference.id,
          books.map((known) => known.id),
        ),
        "priceBook.id",
      ),
    ]);
  return book;
}

// The versions the contract follows, in effective order: all of them, or the one it stays on.
function followedVersions(reference: PriceBookReference, book: PriceBook): ReadonlyArray<PriceBookVersion> {
  if (reference.version === undefined) return book.versions;
  const pinned = book.versions.find((version) => version.version === reference.version);
  if (pinned === undefined)
    throw refuse([
      atPath(
        contractMessages.unknownPriceBookVersion(
          book.id,
          reference.version,
          book.versions.map((version) => version.version),
        ),
        "priceBook.version",
      ),
    ]);
  return [pinned];
}

// What the contract cannot add to the book: ids the book already uses, changes to the book's charges by
// the contract's amendments (a later version would silently undo them), overrides of charges neither
// has, and another currency.
function conflicts(input: Json, book: PriceBook, versions: ReadonlyArray<PriceBookVersion>): InputProblem[] {
  const problems: InputProblem[] = [];
  const bookCharges = bookChargeIds(versions);
  const bookMeters = new Set(book.meters.map((meter) => meter.id));
  if (typeof input.currency === "string" && input.currency !== book.currency)
    problems.push(
      atPath(contractMessages.priceBookCurrencyDiffers(input.currency, book.id, book.currency), "currency"),
    );
  entries(input.meters).forEach((meter, at) => {
    if (bookMeters.has(String(meter.id)))
      problems.push(
        atPath(contractMessages.priceBookIdConflict("meter", String(meter.id), book.id), `meters[${at}].id`),
      );
  });
  entries(input.charges).forEach((charge, at) => {
    if (bookCharges.includes(String(charge.id)))
      problems.push(
        atPath(
          contractMessages.priceBookIdConflict("charge", String(charge.id), book.id),
          `charges[${at}].id`,
        ),
      );
  });
  const ownCharges = new Set(entries(input.charges).map((charge) => String(charge.id)));
  entries(input.amendments).forEach((amendment, index) => {
    entries(amendment.charges).forEach((charge, at) => {
      ownCharges.add(String(charge.id));
      if (bookCharges.includes(String(charge.id)))
        problems.push(
          atPath(
            contractMessages.priceBookChargeAmended(String(charge.id), book.id),
            `amendments[${index}].charges[${at}].id`,
          ),
        );
    });
    (Array.isArray(amendment.remove) ? amendment.remove : []).forEach((id, at) => {
      if (bookCharges.includes(String(id)))
        problems.push(
          atPath(
            contractMessages.priceBookChargeAmended(String(id), book.id),
            `amendments[${index}].remove[${at}]`,
          ),
        );
    });
  });
  entries(input.overrides).forEach((override, at) => {
    const charge = String(override.charge);
    if (!ownCharges.has(charge) && !bookCharges.includes(charge))
      problems.push(
        atPath(
          contractMessages.overrideNotInPriceBook(charge, book.id, bookCharges),
          `overrides[${at}].charge`,
        ),
      );
  });
  return problems;
}

// The contract as the contract schema checks it: its own meters and charges first (so their paths are
// the contract's), then the book's meters and each book charge once (as its latest version followed
// defines it), the book's defaults for the terms the contract leaves out.
function checkedAs(input: Json, book: PriceBook, versions: ReadonlyArray<PriceBookVersion>): Json {
  const latest = new Map<string, unknown>();
  const followed = new Set(versions.map((version) => version.version));
  for (const version of book.source.versions)
    if (followed.has(version.version)) for (const charge of version.charges) latest.set(charge.id, charge);
  const { priceBook: _reference, ...contract } = input;
  return {
    ...(book.source.defaults ?? {}),
    ...contract,
    meters: [...entries(input.meters), ...(book.source.meters ?? [])],
    charges: [...entries(input.charges), ...latest.values()],
  };
}

// Every charge id the followed versions define, in order of first definition.
function bookChargeIds(versions: ReadonlyArray<PriceBookVersion>): string[] {
  return [...new Set(versions.flatMap((version) => idsOf(version.charges)))];
}

function idsOf(charges: ReadonlyArray<ChargeTerms>): string[] {
  return charges.map((charge) => charge.id);
}

function entries(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isJson) : [];
}

function isJson(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuse(problems: ReadonlyArray<InputProblem>): ContractError {
  return toInputError("contract", problems) as ContractError;
}
