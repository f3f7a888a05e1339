import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import { assertTimeZone, isValidTimeZone } from "../../src/time/index.js";
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
