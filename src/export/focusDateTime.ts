import { formatInstant, parseInstant } from "../time/index.js";

/**
 * An instant as FOCUS writes date/times (specification/attributes/datetime_format.md): UTC, extended
 * ISO 8601, two-digit seconds and the `Z` designator, `2026-03-01T00:00:00Z`. ratecard's instants carry
 * milliseconds (`…:00.000Z`), which FOCUS has no place for. A boundary with a fraction of a second (a
 * term starting at 23:59:59.999) is floored to its second: every boundary floors the same way, so a
 * period that ends where the next starts still does in FOCUS.
 * @throws InputError `invalid_instant` at `path` for text that is not an instant
 */
export function toFocusDateTime(text: string, path: string): string {
  const instant = parseInstant(text, path);
  return `${formatInstant(instant - (((instant % 1000) + 1000) % 1000)).slice(0, 19)}Z`;
}
