import type { ContractError } from "../../errors/index.js";
import type { MeterTerms } from "../../schema/index.js";
import { sha256Digest, toInputError, toProblems } from "../../schema/index.js";
import type { ChargeTerms } from "../contract.js";
import { type PriceBookInput, priceBookSchema } from "./schema.js";

/** One version of a price book: its charges, from its effective date on. */
export interface PriceBookVersion {
  readonly version: string;
  /** The local date it takes effect on, in each contract's own zone. */
  readonly effective: string;
  readonly charges: ReadonlyArray<ChargeTerms>;
}

/**
 * A validated price book (plan): meters and charges shared by every contract that follows it. Keeps the
 * JSON it was read from, so a contract that follows it is checked as if it listed the book's terms itself.
 */
export interface PriceBook {
  readonly id: string;
  readonly name?: string;
  readonly currency: string;
  /** The SHA-256 digest of the book as written (canonical JSON); a contract that follows it digests both. */
  readonly digest: string;
  readonly meters: ReadonlyArray<MeterTerms>;
  /** In effective order. */
  readonly versions: ReadonlyArray<PriceBookVersion>;
  /** The book as written. */
  readonly source: PriceBookInput;
}

/** Result of {@link safeParsePriceBook}. */
export type SafeParsePriceBookResult =
  | { readonly success: true; readonly data: PriceBook }
  | { readonly success: false; readonly error: ContractError };

/**
 * Validates price book JSON without throwing.
 * @returns the book, or the error listing every problem (`error.details.problems`), paths into the book
 */
export function safeParsePriceBook(input: unknown): SafeParsePriceBookResult {
  const parsed = priceBookSchema.safeParse(input);
  if (!parsed.success)
    return {
      success: false,
      // The schema too, as for a contract: an unknown field is told the field it most likely meant.
      error: toInputError(
        "contract",
        toProblems(parsed.error.issues, input, [], priceBookSchema),
      ) as ContractError,
    };
  const book = parsed.data;
  return {
    success: true,
    data: {
      id: book.id,
      ...(book.name !== undefined ? { name: book.name } : {}),
      currency: book.currency,
      digest: sha256Digest(input),
      meters: book.meters,
      versions: book.versions,
      source: input as PriceBookInput,
    },
  };
}

/**
 * Validates price book JSON (docs/price-books.md) into a {@link PriceBook}.
 * @throws ContractError with the JSON path into the book of the first problem, e.g. `duplicate_id` at
 *   `versions[1].charges[0].id`, `invalid_field` at `versions[1].effective` for versions out of order
 * @example
 * const book = parsePriceBook(bookJson);
 * const contract = resolveContract(contractJson, [book]);
 */
export function parsePriceBook(input: unknown): PriceBook {
  const result = safeParsePriceBook(input);
  if (result.success) return result.data;
  throw result.error;
}
