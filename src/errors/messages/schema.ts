import { describeValue } from "../describeValue.js";
import type { ErrorMessage } from "./message.js";

// The sentences of src/schema: input checked against a schema, and documents read back.

/**
 * A field the schema does not have (refused so that a typo is never ignored); `meant`, a field this
 * object lacks whose name is close (`unitPrice` for `unit_price`).
 */
export function unknownField(path: string, meant?: string): ErrorMessage {
  const check = meant === undefined ? "check the spelling" : didYouMean(meant);
  return {
    code: "unknown_field",
    message: `${path} is not a field ratecard knows here; ${check} (unknown fields are refused so that a typo is never ignored)`,
  };
}

/**
 * A required field left out; `subject` is its path, or "the input". `writtenAs`, the path of a field
 * beside it that ratecard does not know and whose name is close (`contractID` for `contractId`): where
 * unknown fields are kept rather than refused (an issued invoice read back), the misspelt field is not
 * named by any other problem, so this one names it.
 */
export function missingField(subject: string, writtenAs?: { path: string; field: string }): ErrorMessage {
  const hint =
    writtenAs === undefined
      ? ""
      : `; ${writtenAs.path} is not a field ratecard knows: ${didYouMean(writtenAs.field)} (fields ratecard does not know are kept, never read as one it knows)`;
  return { code: "missing_field", message: `${subject} is required${hint}` };
}

/** The stand-in when a parse failed without naming a problem. */
export function invalidInput(): ErrorMessage {
  return { code: "invalid_field", message: "the input is not valid" };
}

/** A document whose content no longer matches the digest ratecard sealed it with. */
export function documentChanged(what: string, id: string, digest: string, actual: string): ErrorMessage {
  return {
    code: "digest_mismatch",
    message: `The ${what} ${id} was changed after ratecard issued it: its content no longer matches its digest (${digest}; the content gives ${actual}).`,
  };
}

/** A host-supplied SHA-256 (`options.sha256`) that is not a function. */
export function hostHashNotFunction(value: unknown): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `options.sha256 must be a function from bytes to the 32 bytes of their SHA-256 digest, such as (bytes) => createHash("sha256").update(bytes).digest(), not ${describeValue(value)}.`,
  };
}

/** A host-supplied SHA-256 whose answer is not 32 bytes (`got` in words). */
export function hostHashWrongResult(got: string): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `options.sha256 returned ${got}, not the 32 bytes of a SHA-256 digest (a Uint8Array or Buffer); nothing was sealed with it.`,
  };
}

/** A host-supplied hash that gives 32 bytes, but not SHA-256's (checked once on a known input). */
export function hostHashNotSha256(): ErrorMessage {
  return {
    code: "invalid_argument",
    message:
      'options.sha256 is not SHA-256: for the bytes of "abc" it does not return the digest ba7816bf…f20015ad of FIPS 180-2; nothing was sealed with it.',
  };
}

/** A value given where ratecard needs one of its own documents (the invoice of explainText or explain). */
export function notAnIssuedInvoice(problem: string | undefined, caller = "explainText"): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `${caller} needs an invoice ratecard issued: ${problem ?? "this is not one"}.`,
  };
}

/** `explain` was asked for a format it does not write. */
export function unknownExplainFormat(format: string, formats: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `explain writes the formats ${formats.join(", ")}, not ${format}.`,
  };
}

/** A negative value where zero or more is required (`value` as written, plain). */
export function negativeValue(value: string): ErrorMessage {
  return { code: "invalid_field", message: `is ${value}; it must be zero or more` };
}

/** A zero or negative value where more than zero is required (`value` as written, plain). */
export function notMoreThanZero(value: string): ErrorMessage {
  return { code: "invalid_field", message: `is ${value}; it must be more than zero` };
}

/** The rest of a sentence after a mistyped choice: the allowed one it most likely meant. */
export function didYouMean(choice: string): string {
  return `did you mean ${JSON.stringify(choice)}?`;
}

/**
 * The rest of a sentence after a name another billing system uses (`"per_unit"`, Stripe's): what
 * ratecard calls it. `whose` follows "is" ("Stripe's billing_scheme"); with several choices, each says
 * what it means so that the reader can pick.
 */
export function otherSystemsName(
  found: string,
  whose: string,
  choices: ReadonlyArray<{ readonly choice: string; readonly meaning?: string | undefined }>,
): string {
  const named = choices.map(({ choice, meaning }) =>
    choices.length > 1 && meaning !== undefined
      ? `${JSON.stringify(choice)} (${meaning})`
      : JSON.stringify(choice),
  );
  const which = named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} or ${named.at(-1)}`;
  return `${JSON.stringify(found)} is ${whose}; ratecard writes it ${which}`;
}
