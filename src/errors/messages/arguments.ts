import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

/**
 * An argument of a public function that is missing or of the wrong kind (a JavaScript caller is not held
 * by the types): what it must be, what it is, and, when there is one, how to get a right one.
 * `argumentRefused("invoice line", "an object of an invoice's lines", null)` →
 * "The invoice line must be an object of an invoice's lines, not null."
 */
export function argumentRefused(
  subject: string,
  expected: string,
  value: unknown,
  hint?: string,
): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `The ${subject} must be ${expected}, not ${describeValue(value)}${hint === undefined ? "" : `; ${hint}`}.`,
  };
}

/** A value that contains itself, which JSON cannot write: `path` leads back to `ancestor`. */
export function valueRefersToItself(path: string, ancestor: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `${path} is ${ancestor} again (the value refers to itself), and JSON cannot write a value that contains itself.`,
  };
}
