import type { ErrorMessage } from "./message.js";

// The sentences of src/schema: input checked against a schema, and documents read back.

/** A field the schema does not have (refused so that a typo is never ignored). */
export function unknownField(path: string): ErrorMessage {
  return {
    code: "unknown_field",
    message: `${path} is not a field ratecard knows here; check the spelling (unknown fields are refused so that a typo is never ignored)`,
  };
}

/** A required field left out; `subject` is its path, or "the input". */
export function missingField(subject: string): ErrorMessage {
  return { code: "missing_field", message: `${subject} is required` };
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

/** invoiceWorkbook was given something that is not an invoice ratecard issued. */
export function workbookNeedsAnInvoice(problem: string | undefined): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `invoiceWorkbook needs an invoice ratecard issued: ${problem ?? "this is not one"}.`,
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
