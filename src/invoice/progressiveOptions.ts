import {
  InputError,
  invoiceMessages,
  isRatecardError,
  nestPath,
  periodMessages,
  toJsonPath,
} from "../errors/index.js";
import type { CreditNote } from "../schema/index.js";
import { RATING_OPTIONS, requireOptions } from "./entryArguments.js";
import type { Invoice } from "./invoiceSchema.js";
import { parseCreditNote, parseInvoice } from "./parseIssued.js";
import { invoiceProgressiveSchema } from "./progressiveSchema.js";

// The progressive entry points' own options, checked before they are read: from JavaScript an
// `earlier` that is not a list would fail as a TypeError, and a `trigger` of another shape would be
// written into an invoice that parseInvoice and explain then refuse.

/**
 * Refuses options that are not an object, an `earlier` or `creditNotes` that is not a list, and a
 * `trigger` that is not the one billProgressively records (any trigger, on a closing invoice).
 * @throws InputError `invalid_argument` at `options`, `options.earlier`, `options.creditNotes` or
 *   `options.trigger`
 */
export function requireProgressiveOptions(options: unknown, stage: "progressive" | "closing"): void {
  requireOptions(options, [...RATING_OPTIONS, "earlier", "creditNotes", "trigger"]);
  const { earlier, creditNotes, trigger } = (options ?? {}) as Record<string, unknown>;
  if (earlier !== undefined && !Array.isArray(earlier))
    throw InputError.from(periodMessages.earlierNotList(earlier), "options.earlier");
  if (creditNotes !== undefined && !Array.isArray(creditNotes))
    throw InputError.from(periodMessages.creditNotesNotList(creditNotes), "options.creditNotes");
  if (trigger === undefined) return;
  if (stage === "closing" || !invoiceProgressiveSchema.shape.trigger.safeParse(trigger).success)
    throw InputError.from(periodMessages.triggerRefused(trigger, stage === "closing"), "options.trigger");
}

/**
 * An earlier invoice read as ratecard wrote it, a refusal naming where in `options.earlier` it is.
 * @throws InputError `invalid_argument` at `options.earlier[index]…`
 */
export function parseEarlier(raw: unknown, index: number): Invoice {
  return parseAt(
    raw,
    parseInvoice,
    ["earlier", index],
    [`earlier invoice ${index + 1}`, "a progressive invoice ratecard issued"],
  );
}

/**
 * A credit note of an earlier invoice read as ratecard wrote it (its digest checked), a refusal naming
 * where in `options.creditNotes` it is.
 * @throws InputError `invalid_argument` or `digest_mismatch` at `options.creditNotes[index]…`
 */
export function parseEarlierNote(raw: unknown, index: number, option = "creditNotes"): CreditNote {
  return parseAt(
    raw,
    parseCreditNote,
    [option, index],
    [`credit note ${index + 1}`, "a credit note ratecard issued"],
  );
}

/**
 * The closing invoice given with a note against an earlier invoice of its sequence (issueCreditNote's
 * `options.closing`), read as ratecard wrote it (its digest checked).
 * @throws InputError `invalid_argument` or `digest_mismatch` at `options.closing…`
 */
export function parseClosing(raw: unknown): Invoice {
  return parseAt(
    raw,
    parseInvoice,
    ["closing"],
    ["the closing invoice", "a closing invoice ratecard issued"],
  );
}

function parseAt<T>(
  raw: unknown,
  parse: (raw: unknown) => T,
  place: ReadonlyArray<string | number>,
  [subject, expected]: readonly [string, string],
): T {
  try {
    return parse(raw);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    const inner = String(error.path);
    const at = toJsonPath(["options", ...place]);
    throw InputError.from(
      invoiceMessages.documentRefused(subject, expected, error.message),
      nestPath(at, inner),
    );
  }
}
