import { InputError, invoiceMessages } from "../errors/index.js";
import { parseInstant, parseLocalDate, startOfLocalDate } from "../time/index.js";

/**
 * An as-of instant as given to a preview or a progressive invoice: an ISO 8601 instant with an offset,
 * or a local date alone (2026-03-10), which is the start of that day in the contract's zone, as period
 * labels are.
 * @throws InputError `invalid_instant` (path `asOf`) for text that is neither
 */
export function asOfInstant(asOf: unknown, timeZone: string): number {
  const text = typeof asOf === "string" ? asOf : String(asOf);
  const date = parseLocalDate(text);
  if (date !== undefined) return startOfLocalDate(date, timeZone);
  // Text not even shaped like a date and time ("tomorrow") is told both forms it may take; a
  // timestamp that is wrong in detail (no offset, a 25th hour) keeps the instant's precise sentence.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text))
    throw InputError.from(invoiceMessages.evidenceTimeRefused("asOf", text), "asOf");
  return parseInstant(text, "asOf");
}
