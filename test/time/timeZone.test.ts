import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { assertTimeZone, isValidTimeZone, standardTimeZoneName } from "../../src/time/index.js";
import { startOfLocalDate } from "../../src/time/localDate.js";
import { TIME_ZONES } from "../_arbitraries/time.js";
import { thrown } from "../_support/thrown.js";

describe("isValidTimeZone", () => {
  it.each(["UTC", "America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Chatham"])(
    "accepts the IANA zone %s",
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(true);
    },
  );

  it.each(["", "Mars/Olympus_Mons", "+05:00", "-0500", "New York"])("refuses %j", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("assertTimeZone", () => {
  it("returns a valid zone", () => {
    expect(assertTimeZone("Europe/London")).toBe("Europe/London");
  });

  it("throws invalid_time_zone at the given path", () => {
    const error = thrown(() => assertTimeZone("Mars/Olympus_Mons", "contract.timeZone"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_time_zone", path: "contract.timeZone" });
  });

  it("uses timeZone as the default path", () => {
    expect(thrown(() => assertTimeZone("+05:00"))).toMatchObject({
      code: "invalid_time_zone",
      path: "timeZone",
    });
  });
});

describe("answers kept per zone name and date (asked of Intl once, issue 14)", () => {
  it("give the answer asked afresh, however often and in whatever order they are asked", () => {
    // every zone name and date twice, interleaved: a kept answer must be the one Intl and TZDate give
    // for that very name and date, not a neighbour's (America/New_York's midnight of 2026-03-08, the
    // day clocks go forward, is 05:00 UTC; Asia/Kolkata's 2026-01-01 is 2025-12-31T18:30Z)
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...TIME_ZONES, "america/new_york", "Mars/Olympus_Mons", "New York"),
            fc.integer({ min: 1971, max: 2099 }),
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1, max: 28 }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (asked) => {
          for (const [zone, year, month, day] of [...asked, ...asked]) {
            expect(isValidTimeZone(zone)).toBe(askedAfresh(zone));
            if (!askedAfresh(zone)) continue;
            expect(standardTimeZoneName(zone)).toBe(
              new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone,
            );
            expect(startOfLocalDate({ year, month, day }, zone)).toBe(
              new TZDate(year, month - 1, day, zone).getTime(),
            );
          }
        },
      ),
    );
    expect(startOfLocalDate({ year: 2026, month: 3, day: 8 }, "America/New_York")).toBe(
      Date.UTC(2026, 2, 8, 5),
    );
    expect(startOfLocalDate({ year: 2026, month: 1, day: 1 }, "Asia/Kolkata")).toBe(
      Date.UTC(2025, 11, 31, 18, 30),
    );
    expect(standardTimeZoneName("america/new_york")).toBe("America/New_York");
  });
});

// What the runtime says of a name, without ratecard: Intl knows it and TZDate reads it as a zone.
function askedAfresh(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return !/^[+-]/.test(zone) && !Number.isNaN(new TZDate(2000, 0, 1, zone).getTime());
  } catch {
    return false;
  }
}
