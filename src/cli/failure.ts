import { isRatecardError } from "../index.js";
import { UsageLineError } from "./cliSupport.js";
import { EXIT } from "./exitCodes.js";

/** How a command that threw ends: its exit code and the line(s) for stderr. */
export interface Failure {
  readonly code: (typeof EXIT)["badInput"] | (typeof EXIT)["internalError"];
  /** For bad input, one sentence (reportProblem escapes and prefixes it); for a bug, the stack. */
  readonly message: string;
}

/**
 * An input error (a RatecardError, a wrong command line) is the caller's to fix: exit 2 and its
 * sentence, no stack. Anything else is ratecard's own failure: exit 1 and the stack, to be reported;
 * so is an InvariantError (`invariant_violated`), the RatecardError that reports ratecard's own bug.
 */
export function failureOf(error: unknown): Failure {
  const ownBug = isRatecardError(error) && error.code === "invariant_violated";
  if ((isRatecardError(error) && !ownBug) || error instanceof UsageLineError)
    return { code: EXIT.badInput, message: error.message };
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: EXIT.internalError, message: `internal error, please report it: ${detail}` };
}
