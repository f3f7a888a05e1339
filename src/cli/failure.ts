import { isRatecardError } from "../index.js";
import { otherProblems, UsageLineError } from "./cliSupport.js";
import { EXIT } from "./exitCodes.js";

/** How a command that threw ends: its exit code and the line(s) for stderr. */
export interface Failure {
  readonly code: (typeof EXIT)["badInput"] | (typeof EXIT)["internalError"];
  /** For bad input, one sentence (reportProblem escapes and prefixes it); for a bug, the stack. */
  readonly message: string;
  /**
   * For bad input with several problems (a contract missing four fields), the sentences of the others,
   * one a line under the first: a specialist fixes the file once, not once per run. At most
   * {@link MORE_PROBLEMS_SHOWN}, then a line that counts the rest.
   */
  readonly more: ReadonlyArray<string>;
}

/** How many problems after the first the CLI lists. */
const MORE_PROBLEMS_SHOWN = 20;

/**
 * An input error (a RatecardError, a wrong command line) is the caller's to fix: exit 2 and its
 * sentence, no stack. Anything else is ratecard's own failure: exit 1 and the stack, to be reported;
 * so is an InvariantError (`invariant_violated`), the RatecardError that reports ratecard's own bug.
 */
export function failureOf(error: unknown): Failure {
  const ownBug = isRatecardError(error) && error.code === "invariant_violated";
  if (isRatecardError(error) && !ownBug)
    return { code: EXIT.badInput, message: error.message, more: capped(otherProblems(error.details)) };
  if (error instanceof UsageLineError)
    return { code: EXIT.badInput, message: error.message, more: capped(error.more) };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: EXIT.internalError, message: `internal error, please report it: ${detail}`, more: [] };
}

function capped(sentences: ReadonlyArray<string>): ReadonlyArray<string> {
  if (sentences.length <= MORE_PROBLEMS_SHOWN) return sentences;
  const rest = sentences.length - MORE_PROBLEMS_SHOWN;
  return [...sentences.slice(0, MORE_PROBLEMS_SHOWN), `… and ${rest} more problem${rest === 1 ? "" : "s"}`];
}
