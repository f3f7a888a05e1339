import { type ErrorMessage, InputError, invoiceMessages, type RatecardError } from "../errors/index.js";
import {
  CREDIT_NOTE_SCHEMA_VERSION,
  type CreditNote,
  creditNoteSchema,
  digestMismatch,
  INVOICE_SCHEMA_VERSION,
  loosen,
  toInputError,
  toProblems,
} from "../schema/index.js";
import { type Invoice, invoiceSchema } from "./invoiceSchema.js";

// Readers of issued documents ignore (and keep) fields they do not know: a later 1.x ratecard may add
// fields, and a reader of version 1 must still read what it knows (docs/decisions/versioning.md). The
// unknown fields stay on the result, so the digest, which covers them, still checks.
// Each is built on first use, not when the library is loaded: loosening clones every object schema of
// the invoice, a tenth of the CLI's start-up, for the commands that never read an issued document.
let invoiceReader: typeof invoiceSchema | undefined;
let creditNoteReader: typeof creditNoteSchema | undefined;
/** An issued invoice as a reader accepts it: every known field checked, unknown ones kept. */
export function invoiceReaderSchema(): typeof invoiceSchema {
  invoiceReader ??= loosen(invoiceSchema);
  return invoiceReader;
}
/** An issued credit note as a reader accepts it. */
export function creditNoteReaderSchema(): typeof creditNoteSchema {
  creditNoteReader ??= loosen(creditNoteSchema);
  return creditNoteReader;
}

/** Result of {@link safeParseInvoice}. */
export type SafeParseInvoiceResult =
  | { readonly success: true; readonly data: Invoice }
  | { readonly success: false; readonly error: RatecardError };

/**
 * Reads an invoice ratecard issued (its JSON, parsed), as a program that stores, explains or credits
 * invoices must: format version 1, every known field valid, unknown fields accepted and kept, and the
 * content unchanged since it was issued (its `digest`).
 * @returns the invoice, or the error: `unsupported_version` at `schemaVersion`, `invalid_field` /
 *   `missing_field` at the field's path, `digest_mismatch` at `digest`, `invalid_argument` at `""` for a
 *   credit note (which {@link parseCreditNote} reads)
 */
export function safeParseInvoice(input: unknown): SafeParseInvoiceResult {
  const result = readIssued(input, "invoice", INVOICE_SCHEMA_VERSION, invoiceReaderSchema());
  return result as SafeParseInvoiceResult;
}

/**
 * {@link safeParseInvoice}, throwing.
 * @throws InputError `unsupported_version`, `invalid_field`, `missing_field`, `digest_mismatch`;
 *   `invalid_argument` for a credit note
 * @example parseInvoice(JSON.parse(readFileSync("fixtures/cdn-basic/expected.json", "utf8"))).total // "7663.78"
 */
export function parseInvoice(input: unknown): Invoice {
  const result = safeParseInvoice(input);
  if (result.success) return result.data;
  throw result.error;
}

/**
 * Reads a credit note ratecard issued, as {@link parseInvoice} reads an invoice.
 * @throws InputError `unsupported_version`, `invalid_field`, `missing_field`, `digest_mismatch`;
 *   `invalid_argument` for an invoice
 */
export function parseCreditNote(input: unknown): CreditNote {
  const result = readIssued(input, "credit note", CREDIT_NOTE_SCHEMA_VERSION, creditNoteReaderSchema());
  if (result.success) return result.data as CreditNote;
  throw result.error;
}

function readIssued(
  input: unknown,
  what: string,
  version: number,
  reader: typeof invoiceSchema | typeof creditNoteSchema,
): { success: true; data: unknown } | { success: false; error: RatecardError } {
  const written =
    typeof input === "object" && input !== null
      ? (input as { schemaVersion?: unknown }).schemaVersion
      : undefined;
  if (typeof written === "number" && written !== version) {
    return {
      success: false,
      error: InputError.from(
        invoiceMessages.issuedVersionUnsupported(what, written, version),
        "schemaVersion",
      ),
    };
  }
  const parsed = reader.safeParse(input);
  if (!parsed.success) {
    const other = otherKind(input, what);
    if (other !== undefined) return { success: false, error: InputError.from(other, "") };
    return {
      success: false,
      error: toInputError("input", toProblems(parsed.error.issues, input, [], reader)),
    };
  }
  const document = parsed.data as Readonly<Record<string, unknown>>;
  const mismatch = digestMismatch(document, what, "digest");
  if (mismatch !== undefined) return { success: false, error: mismatch };
  return { success: true, data: document };
}

// A credit note given where an invoice is read (or the reverse) failed on a dozen missing fields, none
// of which says what the document is: it is named, with the function that reads it. Looked at only once
// the document is refused, so a valid one costs nothing more.
function otherKind(input: unknown, what: string): ErrorMessage | undefined {
  if (typeof input !== "object" || input === null) return undefined;
  const document = input as Readonly<Record<string, unknown>>;
  const id = typeof document.id === "string" ? document.id : undefined;
  const isNote = typeof document.invoiceId === "string" && typeof document.invoiceDigest === "string";
  if (what === "invoice" && isNote)
    return invoiceMessages.issuedDocumentOfOtherKind("a credit note", id, "an invoice", "parseCreditNote");
  const isInvoice = typeof document.period === "object" && typeof document.contractDigest === "string";
  if (what === "credit note" && isInvoice)
    return invoiceMessages.issuedDocumentOfOtherKind("an invoice", id, "a credit note", "parseInvoice");
  return undefined;
}
