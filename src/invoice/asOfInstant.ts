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
  return date === undefined ? parseInstant(text, "asOf") : startOfLocalDate(date, timeZone);
}
