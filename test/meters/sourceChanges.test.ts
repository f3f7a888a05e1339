import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors/index.js";
import { aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms, UsageEvent } from "../../src/schema/index.js";
import { CUSTOMER, EVENT_TYPE, FEBRUARY_UTC, usageEvent } from "../_arbitraries/meters.js";
import { rejected } from "../_support/thrown.js";

const gb: MeterTerms = { id: "gb", eventType: EVENT_TYPE, aggregation: "sum", valueProperty: "gb" };
const options = { meters: [gb], customer: CUSTOMER, period: FEBRUARY_UTC, timeZone: "UTC" };
const feb = (day: number) => Date.UTC(2026, 1, day);
const a = usageEvent("a", feb(2), { gb: "1" });
const b = usageEvent("b", feb(3), { gb: "2" });
const c = usageEvent("c", feb(4), { gb: "4" });

/** A source that yields `first` on its first read and `second` on every later one. */
function changing(first: ReadonlyArray<UsageEvent>, second: ReadonlyArray<UsageEvent>) {
  let reads = 0;
  return async function* () {
    reads += 1;
    yield* reads === 1 ? first : second;
  };
}

async function rejection(promise: Promise<unknown>): Promise<UsageError> {
  const error = await rejected(promise);
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe("a source read twice must give the same events both times", () => {
  it("refuses a source that grows between the reads (a file appended to)", async () => {
    // before: a + b were counted from the second read (3 GB) while eventsRead said 2; now refused
    const error = await rejection(aggregateUsageAsync(changing([a, b], [a, b, c]), options));
    expect(error.code).toBe("usage_changed_while_read");
    expect(error.path).toBe("");
    expect(error.details).toEqual({ firstRead: 2, secondRead: 3 });
    expect(error.message).toContain("it gave 2 events on the first read and 3 on the second.");
  });

  it("refuses a source that shrinks between the reads", async () => {
    const error = await rejection(aggregateUsageAsync(changing([a, b, c], [a, b]), options));
    expect(error.code).toBe("usage_changed_while_read");
    expect(error.details).toEqual({ firstRead: 3, secondRead: 2 });
  });

  it("refuses a source that yields as many events but other ids", async () => {
    const error = await rejection(aggregateUsageAsync(changing([a, b], [a, c]), options));
    expect(error.code).toBe("usage_changed_while_read");
    expect(error.details).toEqual({ firstRead: 2, secondRead: 2 });
    expect(error.message).toContain("it gave the same number of events (2) but other event ids.");
  });

  it("refuses a source whose ids pass disagrees with its events pass", async () => {
    const source = Object.assign(
      async function* () {
        yield* [a, b];
      },
      {
        ids: async function* () {
          yield* ["a", "x"];
        },
      },
    );
    const error = await rejection(aggregateUsageAsync(source, options));
    expect(error.code).toBe("usage_changed_while_read");
  });

  it("accepts the same events in another order on the second read", async () => {
    const result = await aggregateUsageAsync(changing([a, b, c], [c, a, b]), options);
    // 1 + 2 + 4 = 7 GB, 3 read = 3 counted
    expect(result.meters[0]!.quantity.toFixed()).toBe("7");
    expect(result.eventsRead).toBe(3);
    expect(result.eventsCounted).toBe(3);
  });
});
