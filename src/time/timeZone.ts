import { TZDate } from "@date-fns/tz";
import { InputError, invalidTimeZone, type JsonPath } from "../errors/index.js";

/** True when `zone` is an IANA time zone name this runtime knows (e.g. "America/New_York", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return standardOrNone(zone) !== undefined;
}

// What a zone name reads as: its standard spelling, or undefined for a name that is no zone. Asking Intl
// builds a DateTimeFormat, about half of parsing a contract (0.5 ms of 1 ms for cdn-basic; a batch
// parses one contract per customer, issue 14), for an answer that depends only on the name and the
// runtime: kept per name. Names are contract data, so the cache stops growing at ZONE_LIMIT (a real
// runtime knows about 600 zones) and further names are asked each time.
const ZONES = new Map<string, string | undefined>();
const ZONE_LIMIT = 1024;

function standardOrNone(zone: string): string | undefined {
  if (ZONES.has(zone)) return ZONES.get(zone);
  const standard = askStandardOrNone(zone);
  if (ZONES.size < ZONE_LIMIT) ZONES.set(zone, standard);
  return standard;
}

function askStandardOrNone(zone: string): string | undefined {
  if (zone === "" || /^[+-]/.test(zone)) return undefined;
  try {
    // TZDate reads some text that is no zone at all ("2026-02-30", "1e-400") as an offset, so Intl,
    // which knows the IANA names, must accept it too.
    const standard = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
    return Number.isNaN(new TZDate(2000, 0, 1, zone).getTime()) ? undefined : standard;
  } catch {
    return undefined;
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

/**
 * What is wrong with a zone name a contract carries, in the words given: no zone at all, or a zone in
 * another spelling than the standard one (the runtime matches names without regard to case, but a
 * contract should carry the standard spelling so that every tool reading it agrees).
 */
export function timeZoneSpellingProblem<Problem>(
  zone: string,
  notIana: (zone: string) => Problem,
  misspelt: (zone: string, standard: string) => Problem,
): Problem | undefined {
  if (!isValidTimeZone(zone)) return notIana(zone);
  const standard = standardTimeZoneName(zone);
  return standard !== zone && standard.toLowerCase() === zone.toLowerCase()
    ? misspelt(zone, standard)
    : undefined;
}

/**
 * The runtime's standard spelling of a valid zone name ("america/new_york" → "America/New_York").
 * @throws RangeError for a name that is no zone, as Intl does
 */
export function standardTimeZoneName(zone: string): string {
  return (
    standardOrNone(zone) ?? new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone
  );
}
