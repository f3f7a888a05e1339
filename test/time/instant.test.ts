import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { formatInstant, parseInstant, safeParseInstant } from "../../src/time/index.js";
import { thrown } from "../_support/thrown.js";

// 2026-02-01T05:00:00Z in epoch ms, by hand: 1970–2025 is 56 years with 14 leap days
// (1972, 1976, …, 2024), so 56 × 365 + 14 = 20,454 days to 2026-01-01, + 31 January days = 20,485;
// 20,485 × 86,400 = 1,769,904,000 s, + 5 h (18,000 s) = 1,769,922,000 s.
const FEB_1_0500Z = 1_769_922_000_000;

describe("parseInstant", () => {
  it("reads a UTC timestamp with Z", () => {
    expect(parseInstant("2026-02-01T05:00:00Z")).toBe(FEB_1_0500Z);
  });

  it("reads a negative offset: midnight in New York in February is 05:00 UTC", () => {
    // 00:00 at -05:00 is 00:00 + 5 h = 05:00Z.
    expect(parseInstant("2026-02-01T00:00:00-05:00")).toBe(FEB_1_0500Z);
  });

  it("reads a positive half-hour offset, with or without the colon", () => {
    // 10:30 at +05:30 is 10:30 − 5:30 = 05:00Z.
    expect(parseInstant("2026-02-01T10:30:00+05:30")).toBe(FEB_1_0500Z);
    expect(parseInstant("2026-02-01T10:30:00+0530")).toBe(FEB_1_0500Z);
  });

  it("reads an offset that moves the instant to the previous UTC day", () => {
    // 00:30 at +01:00 is 2026-01-31T23:30Z, i.e. 5 h 30 min (19,800,000 ms) before Feb 1 05:00Z.
    expect(parseInstant("2026-02-01T00:30:00+01:00")).toBe(FEB_1_0500Z - 19_800_000);
  });

  it("reads a timestamp without seconds", () => {
    expect(parseInstant("2026-02-01T05:00Z")).toBe(FEB_1_0500Z);
  });

  it("reads fractional seconds to the millisecond", () => {
    // .250 s = 250 ms after 05:00:00Z.
    expect(parseInstant("2026-02-01T05:00:00.250Z")).toBe(FEB_1_0500Z + 250);
    // .5 s = 500 ms.
    expect(parseInstant("2026-02-01T05:00:00.5Z")).toBe(FEB_1_0500Z + 500);
  });

  it("truncates sub-millisecond digits rather than rounding them", () => {
    // .123456789 s → 123 ms (the 456789 ns are dropped).
    expect(parseInstant("2026-02-01T05:00:00.123456789Z")).toBe(FEB_1_0500Z + 123);
    // .9999 s → 999 ms, not 1000.
    expect(parseInstant("2026-02-01T05:00:00.9999Z")).toBe(FEB_1_0500Z + 999);
  });

  it("keeps an instant just after 1969-12-31T23:59:59Z in the millisecond it falls in", () => {
    // 1970-01-01T00:59:59.0000001+01:00 (year 1970 as written) is 1969-12-31T23:59:59.0000001Z,
    // 0.0001 ms after −1000 ms; the millisecond it is in starts at −1000, not −999 (which would be the
    // later instant 23:59:59.001).
    expect(parseInstant("1970-01-01T00:59:59.0000001+01:00")).toBe(-1000);
  });

  it("reads February 29 in a leap year", () => {
    // 2028-02-29T00:00Z is 2028-03-01T00:00Z minus one day.
    expect(parseInstant("2028-02-29T00:00:00Z")).toBe(parseInstant("2028-03-01T00:00:00Z") - 86_400_000);
  });

  it.each([
    ["2026-02-01T05:00:00", "no offset (whose midnight?)"],
    ["2026-02-01", "a date without a time"],
    ["2026-02-01 05:00:00Z", "a space instead of T"],
    ["2026-02-30T00:00:00Z", "February 30"],
    ["2025-02-29T00:00:00Z", "February 29 in a common year"],
    ["2026-13-01T00:00:00Z", "month 13"],
    ["2026-02-01T24:00:00Z", "hour 24"],
    ["2026-02-01T23:60:00Z", "minute 60"],
    ["2026-02-01T23:59:60Z", "second 60"],
    ["2026-02-01T05:00:00+05:60", "offset minute 60"],
    ["2026-02-01T05:00:00.Z", "a dot without digits"],
    ["", "the empty string"],
    ["1769922000000", "epoch milliseconds as text"],
  ])("rejects %j (%s) with invalid_instant", (text) => {
    const error = thrown(() => parseInstant(text, "[3].timestamp"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_instant", path: "[3].timestamp" });
  });

  it.each([["2026-02-01T05:00:00+25:00"], ["2026-02-01T05:00:00+99:00"], ["2026-02-01T05:00:00-24:30"]])(
    "rejects the impossible offset in %j with invalid_instant",
    (text) => {
      // Offsets are at most ±23:59 (RFC 3339 time-hour 00–23; real zones stay within ±14:00).
      expect(thrown(() => parseInstant(text, "ts"))).toMatchObject({ code: "invalid_instant", path: "ts" });
    },
  );

  it("uses an empty path when none is given", () => {
    expect(thrown(() => parseInstant("yesterday"))).toMatchObject({ code: "invalid_instant", path: "" });
  });
});

describe("safeParseInstant", () => {
  it("returns the instant on success and a reason on failure, never throwing", () => {
    expect(safeParseInstant("2026-02-01T05:00:00Z")).toEqual({ success: true, data: FEB_1_0500Z });
    expect(safeParseInstant("2026-02-30T05:00:00Z")).toMatchObject({ success: false });
  });
});

describe("formatInstant", () => {
  it("writes UTC with milliseconds", () => {
    expect(formatInstant(FEB_1_0500Z)).toBe("2026-02-01T05:00:00.000Z");
    expect(formatInstant(FEB_1_0500Z + 7)).toBe("2026-02-01T05:00:00.007Z");
  });

  it("round-trips through parseInstant", () => {
    expect(parseInstant(formatInstant(FEB_1_0500Z + 123))).toBe(FEB_1_0500Z + 123);
  });
});
