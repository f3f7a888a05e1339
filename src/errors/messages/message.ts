import type { RatecardErrorCode } from "../RatecardError.js";

/**
 * A problem in words, as data: the stable `code` a script branches on and the sentence a billing
 * specialist reads. Catalogue functions (one per problem, named after it) take the facts and return
 * one; the caller builds the error (`new InputError(code, path, message)`) or the zod issue from it,
 * so the wording of each problem lives in one place.
 */
export interface ErrorMessage {
  readonly code: RatecardErrorCode;
  readonly message: string;
}

/** `reason` after `path` as one sentence (`charges[0].quantity: …`), or alone when there is no path. */
export function atPath(path: string, reason: string): string {
  return path === "" ? `${reason}.` : `${path}: ${reason}.`;
}
