import { TZDate } from "@date-fns/tz";
import { InputError, invalidTimeZone, type JsonPath } from "../errors/index.js";

/** True when `zone` is an IANA time zone name this runtime knows (e.g. "America/New_York", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (zone === "" || /^[+-]/.test(zone)) return false;
  try {
    // TZDate reads some text that is no zone at all ("2026-02-30", "1e-400") as an offset, so Intl,
    // which knows the IANA names, must accept it too.
    standardTimeZoneName(zone);
    return !Number.isNaN(new TZDate(2000, 0, 1, zone).getTime());
  } catch {
    return false;
  }
}

/**
 * Checks an IANA time zone name.
 * @throws InputError `invalid_time_zone`
 */
export function assertTimeZone(zone: string, path: JsonPath = "timeZone"): string {
  if (isValidTimeZone(zone)) return zone;
  throw InputError.from(invalidTimeZone(path, zone), path);
}

/** The runtime's standard spelling of a valid zone name ("america/new_york" → "America/New_York"). */
export function standardTimeZoneName(zone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}
