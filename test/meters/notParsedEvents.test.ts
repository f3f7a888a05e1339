import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors/index.js";
import { aggregateUsage, aggregateUsageAsync } from "../../src/meters/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { rejected, thrown } from "../_support/thrown.js";

// The functions that take parsed events are called from JavaScript too: a value that is no event at
// all (null, a number, an object without an id) is a UsageError naming its index, never a TypeError
// from the hashing of its id.
const options = {
  meters: [{ id: "m", eventType: "e", aggregation: "sum" as const, valueProperty: "v", filters: [] }],
  customer: "cus",
  period: { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) },
};
const good = parseUsageEvent({
  id: "a",
  type: "e",
  customer: "cus",
  timestamp: "2026-03-02T00:00:00Z",
  properties: { v: "1" },
});
const notEvents: ReadonlyArray<readonly [string, unknown]> = [
  ["null", null],
  ["a number", 5],
  ["an object without an id", {}],
  ["an event whose id is a number", { ...good, id: 7 }],
];

describe("events that are not parsed events", () => {
  it.each(notEvents)("aggregateUsage refuses %s as the second event", (_, value) => {
    const error = thrown(() => aggregateUsage([good, value as typeof good], options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: "invalid_event", path: "[1]" });
  });

  it.each(notEvents)("aggregateUsage with deduplicate: false refuses %s", (_, value) => {
    const error = thrown(() =>
      aggregateUsage([good, value as typeof good], { ...options, deduplicate: false }),
    );
    expect(error).toMatchObject({ code: "invalid_event", path: "[1]" });
  });

  it.each(notEvents)("aggregateUsageAsync refuses %s from an async iterable", async (_, value) => {
    async function* stream() {
      yield good;
      yield value as typeof good;
    }
    const error = await rejected(aggregateUsageAsync(stream(), options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: "invalid_event", path: "[1]" });
  });

  it.each(notEvents)("aggregateUsageAsync refuses %s from a function source", async (_, value) => {
    const error = await rejected(aggregateUsageAsync(() => [good, value as typeof good], options));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: "invalid_event", path: "[1]" });
  });

  it.each([
    ["null", null],
    ["a number", 5],
    ["a string", "events.ndjson"],
  ])("aggregateUsageAsync refuses a function source that returns %s", async (_, value) => {
    const error = await rejected(aggregateUsageAsync((() => value) as unknown as () => [], options));
    expect(error).toMatchObject({ code: "invalid_argument", path: "events" });
  });
});
