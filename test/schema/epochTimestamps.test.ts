import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseUsageEvent, safeParseUsageEvent } from "../../src/index.js";
import { usageEventSchemaFor } from "../../src/schema/usageEvent.js";

const event = (timestamp: unknown) => ({ id: "e1", type: "api_call", customer: "acme", timestamp });
const read = (timestamp: unknown, timestamps?: "text" | "epoch_s" | "epoch_ms") =>
  parseUsageEvent(event(timestamp), "u.ndjson line 1", timestamps === undefined ? {} : { timestamps })
    .timestamp;
const refusal = (timestamp: unknown, timestamps?: "text" | "epoch_s" | "epoch_ms") => {
  const result = safeParseUsageEvent(event(timestamp), "u.ndjson line 1", timestamps ? { timestamps } : {});
  if (result.success) throw new Error(`accepted ${String(timestamp)}`);
  return result.error.message;
};

// 1770000000 s: 1970-01-01 to 2026-01-01 is 56 × 365 + 14 leap days (1972…2024) = 20454 days; + 31
// (January) + 1 = 20486 days to 2026-02-02; 20486 × 86400 = 1769990400 s; 1770000000 − 1769990400 = 9600 s
// = 2 h 40 min. So 2026-02-02T02:40:00Z, which is 1770000000000 ms.
const FEB_2_0240 = Date.UTC(2026, 1, 2, 2, 40, 0);

describe("usage event timestamps as seconds or milliseconds since 1970", () => {
  it("reads seconds (Stripe, Lago) and milliseconds as the hand-worked instant", () => {
    expect(FEB_2_0240).toBe(1_770_000_000_000);
    expect(read(1770000000, "epoch_s")).toBe(FEB_2_0240);
    expect(read(1770000000000, "epoch_ms")).toBe(FEB_2_0240);
    // The same instant as ISO text, the default.
    expect(read("2026-02-02T02:40:00Z")).toBe(FEB_2_0240);
  });

  it("reads a fraction of a second exactly to the millisecond, and floors finer digits", () => {
    // 1.005 s is 1005 ms; binary floating point makes 1.005 × 1000 = 1004.9999999999999, which floors to 1004.
    expect(Math.floor(1.005 * 1000)).toBe(1004);
    expect(read(1.005, "epoch_s")).toBe(1005);
    expect(read(1770000000.123, "epoch_s")).toBe(1770000000123);
    expect(read("1770000000.123", "epoch_s")).toBe(1770000000123);
    // .1239 s is 123.9 ms: floored to 123 ms, as "…:00.1239Z" is in ISO text.
    expect(read(1770000000.1239, "epoch_s")).toBe(1770000000123);
    expect(read("2026-02-02T02:40:00.1239Z")).toBe(1770000000123);
    // 1.9 ms floors to 1 ms.
    expect(read(1770000000001.9, "epoch_ms")).toBe(1770000000001);
  });

  it("reads a decimal written as text (a CSV cell) as the number", () => {
    expect(read("1770000000", "epoch_s")).toBe(FEB_2_0240);
    expect(read("0", "epoch_s")).toBe(0);
    // Minus zero is 1970's first millisecond, 0 (it was JavaScript's -0, which Object.is tells from 0).
    expect(Object.is(read("-0", "epoch_s"), 0)).toBe(true);
    expect(Object.is(read("-0.000", "epoch_ms"), 0)).toBe(true);
  });

  it("refuses a number under the ISO default, naming the option and never guessing its unit", () => {
    expect(refusal(1770000000)).toBe(
      'u.ndjson line 1: timestamp must be an ISO 8601 timestamp text, not the number 1770000000; if these are seconds since 1970 (Stripe meter events, Lago events), read them with --timestamps epoch_s (the timestamps option "epoch_s"; in a ratecard check fixture, "timestamps": "epoch_s" in its fixture.json), or epoch_ms for milliseconds.',
    );
    // A CSV cell of digits is the same count, as text: refused with the same hint.
    expect(refusal("1770000000")).toContain(
      'timestamp "1770000000" is not an ISO 8601 timestamp with an offset, such as "2026-02-03T10:15:00Z" or "2026-02-03T05:15:00-05:00"; if these are seconds since 1970',
    );
    // Text that is no count gets no hint.
    expect(refusal("yesterday")).not.toContain("epoch_s");
  });

  it("refuses negative, non-numeric, exponent, huge and ISO values in words", () => {
    expect(refusal(-1, "epoch_s")).toContain("-1 seconds since 1970 is before 1970");
    expect(refusal("-0.5", "epoch_s")).toContain("before 1970");
    expect(refusal("NaN", "epoch_s")).toContain(
      'seconds since 1970 are expected, as a number such as 1770000000, not the text "NaN"',
    );
    expect(refusal("1.77e9", "epoch_s")).toContain('not the text "1.77e9"');
    expect(refusal(null, "epoch_ms")).toContain("milliseconds since 1970 are expected");
    // The value in describeValue's words, as every other refusal names it (it read "not a boolean").
    expect(refusal(true, "epoch_s")).toContain("not the boolean true");
    // Milliseconds read as seconds: 1770000000000 s is about 56,000 years after 1970.
    expect(refusal(1770000000000, "epoch_s")).toContain(
      "1770000000000 seconds since 1970 is after the year 9999, which ratecard does not read; if these are milliseconds since 1970, read them as epoch_ms",
    );
    // 9999-12-31T23:59:59.999Z is 253402300799999 ms; one more is refused.
    expect(read(253402300799999, "epoch_ms")).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
    expect(refusal(253402300800000, "epoch_ms")).toContain("after the year 9999");
    expect(refusal(1e300, "epoch_s")).toContain("after the year 9999");
    expect(refusal("2026-02-02T02:40:00Z", "epoch_s")).toContain(
      "an ISO 8601 timestamp: read such events without --timestamps",
    );
  });

  it("names the event's path in an array", () => {
    const result = safeParseUsageEvent(event(-5), 3, { timestamps: "epoch_s" });
    expect(result.success ? undefined : result.error.path).toBe("[3].timestamp");
  });

  it("keeps events.map(parseUsageEvent) reading ISO text", () => {
    expect([event("2026-02-02T02:40:00Z")].map(parseUsageEvent)[0]?.timestamp).toBe(FEB_2_0240);
  });

  it("gives the schema's event on the fast path, for any count of milliseconds or seconds", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -5, max: 253402300800 }), fc.double({ noNaN: false }), fc.string()),
        fc.constantFrom("epoch_s" as const, "epoch_ms" as const),
        (timestamp, timestamps) => {
          const fast = safeParseUsageEvent(event(timestamp), 0, { timestamps });
          const slow = usageEventSchemaFor(timestamps).safeParse(event(timestamp));
          expect(fast.success).toBe(slow.success);
          if (fast.success && slow.success) expect(fast.data.timestamp).toBe(slow.data.timestamp);
        },
      ),
    );
  });

  it("orders seconds as their milliseconds: whole seconds s read as s × 1000", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 253402300799 }), (seconds) => {
        expect(read(seconds, "epoch_s")).toBe(seconds * 1000);
        expect(read(String(seconds), "epoch_s")).toBe(read(seconds * 1000, "epoch_ms"));
      }),
    );
  });
});
