import { carriedStatesSchema } from "./invoice.js";
import { toInputError, toProblems } from "./issuesToError.js";

/**
 * Validates carried meter states (a previous invoice's `usage.carryOut`): totals and levels are
 * decimal strings, active values a list of texts.
 * @throws InputError (the state is a call's input, not the contract's) with the path of the first
 *   problem, e.g. `bandwidth.total`
 */
export function parseCarriedStates(input: unknown): Readonly<Record<string, CarriedMeterStateInput>> {
  return parseCarriedStatesAt(input, []);
}

/**
 * {@link parseCarriedStates} for a state found at `basePath` of the caller's arguments
 * (`["options", "carried"]`): the paths of its errors start there.
 */
export function parseCarriedStatesAt(
  input: unknown,
  basePath: ReadonlyArray<PropertyKey>,
): Readonly<Record<string, CarriedMeterStateInput>> {
  const parsed = carriedStatesSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  // The caller's carried state is wrong, not the contract: an InputError, as every option's error is.
  throw toInputError("input", toProblems(parsed.error.issues, input, basePath, carriedStatesSchema));
}

/** One meter's carried state as JSON. */
export interface CarriedMeterStateInput {
  readonly total?: string | undefined;
  readonly level?: string | undefined;
  readonly active?: ReadonlyArray<string> | undefined;
}
