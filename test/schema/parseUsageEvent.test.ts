import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors/index.js";
import { parseUsageEvent, safeParseUsageEvent } from "../../src/schema/index.js";

const validEvent = () => ({
  id: "evt_0001",
  type: "cdn.bandwidth",
  customer: "cus_acme",
  timestamp: "2026-02-03T10:15:00-05:00",
  properties: { gb: "12.5", region: "na", cached: true, pop: null },
});

function failure(input: unknown, location: number | string = 3): UsageError {
  const result = safeParseUsageEvent(input, location);
  if (result.success) throw new Error("expected the event to be refused");
  expect(result.error).toBeInstanceOf(UsageError);
  return result.error;
}

describe("parseUsageEvent", () => {
  it("returns the event with its timestamp as epoch milliseconds", () => {
    const event = parseUsageEvent(validEvent());
    // 10:15 at −05:00 = 15:15Z on 2026-02-03.
    expect(event).toEqual({
      id: "evt_0001",
      type: "cdn.bandwidth",
      customer: "cus_acme",
      timestamp: Date.UTC(2026, 1, 3, 15, 15),
      properties: { gb: "12.5", region: "na", cached: true, pop: null },
    });
  });

  it("gives an event without properties an empty property map", () => {
    const { properties: _ignored, ...bare } = validEvent();
    expect(parseUsageEvent(bare).properties).toEqual({});
  });

  it("throws a UsageError with the event's index in the path", () => {
    let error: unknown;
    try {
      parseUsageEvent({ ...validEvent(), timestamp: "2026-02-03T10:15:00" }, 3);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: "invalid_instant", path: "[3].timestamp" });
  });

  it.each([
    ["2026-02-30T10:15:00Z", "February 30"],
    ["2026-02-03T24:00:00Z", "hour 24"],
    ["2026-02-03", "a date only"],
    ["yesterday", "words"],
  ])("refuses the timestamp %j (%s) with invalid_instant", (timestamp) => {
    expect(failure({ ...validEvent(), timestamp })).toMatchObject({
      code: "invalid_instant",
      path: "[3].timestamp",
    });
  });

  it("refuses an event without an id with missing_field", () => {
    const { id: _ignored, ...withoutId } = validEvent();
    expect(failure(withoutId)).toMatchObject({ code: "missing_field", path: "[3].id" });
  });

  it("refuses an event without a timestamp with missing_field", () => {
    const { timestamp: _ignored, ...withoutTimestamp } = validEvent();
    expect(failure(withoutTimestamp)).toMatchObject({ code: "missing_field", path: "[3].timestamp" });
  });

  it("refuses an empty id", () => {
    expect(failure({ ...validEvent(), id: "" })).toMatchObject({ code: "invalid_field", path: "[3].id" });
  });

  it("refuses an unknown field", () => {
    expect(failure({ ...validEvent(), source: "edge" })).toMatchObject({
      code: "unknown_field",
      path: "[3].source",
    });
  });

  it("refuses a property value that is a list", () => {
    expect(failure({ ...validEvent(), properties: { gb: [1, 2] } })).toMatchObject({
      code: "invalid_field",
      path: "[3].properties.gb",
    });
  });

  it("refuses an event that is not an object", () => {
    expect(failure("evt_0001")).toMatchObject({ code: "invalid_field", path: "[3]" });
  });

  it("keeps the path inside the event when the location is a label such as a file line", () => {
    // A label is not an array index: the path stays relative to the event; the label goes in the message.
    expect(failure({ ...validEvent(), timestamp: "nope" }, "usage.ndjson line 18")).toMatchObject({
      code: "invalid_instant",
      path: "timestamp",
    });
  });

  it("uses index 0 when no location is given", () => {
    const result = safeParseUsageEvent({ ...validEvent(), id: "" });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error).toMatchObject({ code: "invalid_field", path: "[0].id" });
  });
});
