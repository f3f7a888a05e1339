import { exportMessages, InputError } from "../errors/index.js";
import { formatInstant, parseInstant } from "../time/index.js";

/**
 * An instant as FOCUS writes date/times (specification/attributes/datetime_format.md): UTC, extended
 * ISO 8601, two-digit seconds and the `Z` designator, `2026-03-01T00:00:00Z`. ratecard's instants carry
 * milliseconds (`…:00.000Z`); FOCUS has no place for them, so one with a fraction of a second is refused
 * rather than cut (a period boundary never has one).
 * @throws InputError `invalid_instant` at `path`
 */
export function toFocusDateTime(text: string, path: string): string {
  const instant = parseInstant(text, path);
  if (instant % 1000 !== 0) throw InputError.from(exportMessages.focusInstantNotWholeSecond(text), path);
  return `${formatInstant(instant).slice(0, 19)}Z`;
}
