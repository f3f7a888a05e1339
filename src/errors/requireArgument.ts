import { argumentRefused } from "./messages/arguments.js";
import { InputError } from "./RatecardError.js";

// The checks a public function makes on entry, for callers in JavaScript, where the types do not hold:
// a wrong argument becomes a typed error with its name as the path and a sentence, not a TypeError from
// deep inside. Each is a few typeof tests, made once per call, never per event or per line.

/** A plain object (not null, not a list). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Throws `invalid_argument` at `path` unless `ok`: "The `subject` must be `expected`, not <value>".
 * @throws InputError `invalid_argument`
 */
export function requireArgument(
  ok: boolean,
  path: string,
  value: unknown,
  subject: string,
  expected: string,
  hint?: string,
): void {
  if (!ok) throw InputError.from(argumentRefused(subject, expected, value, hint), path);
}
