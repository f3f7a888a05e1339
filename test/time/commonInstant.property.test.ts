import { isValid, parseISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstant, safeParseInstant } from "../../src/time/index.js";

// The fast path as it was before issue 14 (a regular expression, the calendar, Date.parse) and the full
// path behind it: the character-by-character reader must give the same instant or the same refusal.
const COMMON_INSTANT =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function calendarOk(text: string): boolean {
  const n = (at: number, count: number) => Number(text.slice(at, at + count));
  const [year, month, day] = [n(0, 4), n(5, 2), n(8, 2)];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || n(11, 2) > 23 || n(14, 2) > 59)
    return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS[month - 1]!);
}

function reference(text: string): number | undefined {
  if (COMMON_INSTANT.test(text) && calendarOk(text)) return Date.parse(text);
  if (!ISO_INSTANT.test(text) || !calendarOk(text)) return undefined;
  const date = parseISO(text.replace(/\.(\d{1,9})/, (_, d: string) => `.${d.slice(0, 3).padEnd(3, "0")}`));
  return isValid(date) ? date.getTime() : undefined;
}

const pick = (options: string) => fc.constantFrom(...options.split(""));
const digits = (count: number, alphabet = "0123456789") =>
  fc.array(pick(alphabet), { minLength: count, maxLength: count }).map((d) => d.join(""));

// Timestamps near the common shape, with every part sometimes out of range or malformed.
const nearlyCommon = fc
  .tuple(
    fc.constantFrom("2026", "2024", "1970", "9999", "1969", "2100", "0026", "20a6"),
    fc.constantFrom("-"),
    digits(2, "0123"),
    fc.constantFrom("-", "/"),
    digits(2, "0123"),
    fc.constantFrom("T", "t", " "),
    digits(2, "0123"),
    fc.constantFrom(":"),
    digits(2, "0123456789"),
    fc.constantFrom("", ":00", ":59", ":60", ":5", ":07.123", ":07.1", ":07.12345", ":07.", ":07.12a"),
    fc.constantFrom(
      "Z",
      "z",
      "",
      "+00:00",
      "-05:00",
      "+23:59",
      "+24:00",
      "+0530",
      "+05:60",
      "-0:00",
      "+05:30Z",
    ),
  )
  .map((parts) => parts.join(""));

describe("the common timestamp shape, read by hand", () => {
  it("gives the instant the regular expression and Date.parse gave, or refuses what they refused", () => {
    fc.assert(
      fc.property(nearlyCommon, (text) => {
        const parsed = safeParseInstant(text);
        const expected = reference(text);
        expect(parsed.success ? parsed.data : undefined).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("reads the common forms as their instants", () => {
    // 2026-02-03T10:15:00Z: 20,487 days after 1970-01-01 × 86,400,000 ms + 10 h 15 min = 1,770,113,700,000
    expect(parseInstant("2026-02-03T10:15:00Z")).toBe(1_770_113_700_000);
    // + 0.123 s
    expect(parseInstant("2026-02-03T10:15:00.123Z")).toBe(1_770_113_700_123);
    // 05:15 at −05:00 is 10:15 UTC; 15:45 at +05:30 too
    expect(parseInstant("2026-02-03T05:15:00-05:00")).toBe(1_770_113_700_000);
    expect(parseInstant("2026-02-03T15:45+05:30")).toBe(1_770_113_700_000);
  });

  it("refuses February 30 and the hour 24 with invalid_instant, as before", () => {
    for (const text of ["2026-02-30T00:00:00Z", "2026-02-03T24:00:00Z", "2026-02-03T10:15:00"])
      expect(() => parseInstant(text)).toThrow(expect.objectContaining({ code: "invalid_instant" }));
  });
});
