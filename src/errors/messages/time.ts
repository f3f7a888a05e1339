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

/** A period written in neither accepted form. */
export function periodNotUnderstood(text: string): ErrorMessage {
  return {
    code: "invalid_period",
    message: `Period "${text}" is not understood; write a month like 2026-02 or a range like 2026-02-01/2026-03-01.`,
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
