import { describeValue } from "../describeValue.js";
import { atPath, type ErrorMessage } from "./message.js";

// The sentences of src/time: instants, zones and periods.

/** A timestamp refused by `safeParseInstant`, its `reason` after the path. */
export function invalidInstant(path: string, reason: string): ErrorMessage {
  return { code: "invalid_instant", message: atPath(path, reason) };
}

/** A zone name the runtime's time zone database does not know. */
export function invalidTimeZone(path: string, zone: string): ErrorMessage {
  return {
    code: "invalid_time_zone",
    message: `${path}: "${zone}" is not an IANA time zone name such as "America/New_York", "Europe/Berlin" or "UTC".`,
  };
}

/** A period written in none of the accepted forms. */
export function periodNotUnderstood(text: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `Period "${text}" is not understood; write a month like 2026-02, a day (2026-02-10), a quarter (2026-Q1), a year (2026) or a range like 2026-02-01/2026-03-01.`,
  };
}

/** A period whose date (or year) is refused, with the `reason`. */
export function periodDateRefused(text: string, reason: string): ErrorMessage {
  return { code: "invalid_period", message: `Period "${text}": ${reason}.` };
}

/** A period range whose end is not after its start. */
export function periodEndsBeforeStart(text: string): ErrorMessage {
  return { code: "invalid_period", message: `Period "${text}" ends before it starts.` };
}

/**
 * A period range of one date twice: its second date is excluded, so it holds nothing. Said so, with the
 * range of that one day, rather than "ends before it starts", which it does not.
 */
export function periodEmpty(text: string, oneDay: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `Period "${text}" is empty: its second date is excluded, so it must be later than the first (that one day is ${oneDay}).`,
  };
}

/** A range of instants whose end is not after its start. */
export function rangeEndsBeforeStart(): ErrorMessage {
  return { code: "invalid_period", message: "The end of a range must be after its start." };
}

/** A part to prorate that is empty or reaches outside its period. */
export function prorationPartOutsidePeriod(): ErrorMessage {
  return { code: "invalid_period", message: "A prorated part must be a non-empty piece of its period." };
}

/** The period a UAT fixture names in `file` (expected.json, fixture.json) that rating refused. */
export function fixturePeriodRefused(file: string, reason: string): ErrorMessage {
  return { code: "invalid_period", message: `${file}: ${reason}` };
}

// The reasons a count since 1970 is refused as a usage event's timestamp (src/time/epochInstant.ts);
// `unit` is how --timestamps and the SQL mapping name it.
const unitWord = (unit: "epoch_s" | "epoch_ms") => (unit === "epoch_s" ? "seconds" : "milliseconds");

/** A value that is no count since 1970: not a number, nor a decimal written as text. */
export function epochNotACount(value: unknown, unit: "epoch_s" | "epoch_ms"): string {
  const example = unit === "epoch_s" ? "1770000000" : "1770000000000";
  // ISO text under an epoch option: the events are most likely read with the wrong option.
  const iso =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? ' (an ISO 8601 timestamp: read such events without --timestamps, or with timestamps "text")'
      : "";
  return `${unitWord(unit)} since 1970 are expected, as a number such as ${example}, not ${describeValue(value)}${iso}`;
}

/** A count below zero: an instant before 1970. */
export function epochBefore1970(text: string, unit: "epoch_s" | "epoch_ms"): string {
  return `${text} ${unitWord(unit)} since 1970 is before 1970, which ratecard does not bill`;
}

/** A count past 9999-12-31T23:59:59.999Z: in seconds, most often milliseconds read as seconds. */
export function epochAfter9999(text: string, unit: "epoch_s" | "epoch_ms"): string {
  const hint = unit === "epoch_s" ? "; if these are milliseconds since 1970, read them as epoch_ms" : "";
  return `${text} ${unitWord(unit)} since 1970 is after the year 9999, which ratecard does not read${hint}`;
}
