import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeParseUsageEvent } from "../../src/schema/index.js";
import { usageEventSchema } from "../../src/schema/usageEvent.js";

// safeParseUsageEvent takes a fast path for well-formed events; it must accept exactly what the
// schema accepts, and give the same event.
const timestampArb = fc.oneof(
  fc
    .date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date("2060-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    "2026-02-03T10:15:00Z",
    "2026-02-03T10:15Z",
    "2026-02-03T05:15:00-05:00",
    "2026-02-30T00:00:00Z",
    "2026-02-03T24:00:00Z",
    "2026-02-03T10:15:00+25:00",
    "2026-02-03T10:15:00",
    "2026-02-03T10:15:00.1234567Z",
    "2026-02-03T10:15:00+0530",
    "yesterday",
  ),
);
const valueArb = fc.oneof(
  fc.string(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const eventArb = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constant(""), fc.integer()),
    type: fc.oneof(fc.constantFrom("cdn.bandwidth", ""), fc.integer()),
    customer: fc.constantFrom("cus_a", ""),
    timestamp: fc.oneof(timestampArb, fc.integer()),
    properties: fc.oneof(
      fc.dictionary(fc.string(), valueArb, { maxKeys: 4 }),
      fc.constant(null),
      fc.constant([]),
    ),
    extra: fc.string(),
  },
  { requiredKeys: [] },
);

describe("the fast path of safeParseUsageEvent", () => {
  it("accepts exactly what the schema accepts, with the same result", () => {
    fc.assert(
      fc.property(eventArb, (input) => {
        const fast = safeParseUsageEvent(input);
        const schema = usageEventSchema.safeParse(input);
        expect(fast.success).toBe(schema.success);
        if (fast.success && schema.success) {
          expect(fast.data.timestamp).toBe(schema.data.timestamp);
          expect(fast.data.properties).toEqual(schema.data.properties ?? {});
        }
      }),
      { numRuns: 2000 },
    );
  });
});
