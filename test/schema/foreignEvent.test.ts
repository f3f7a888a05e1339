import { describe, expect, it } from "vitest";
import { safeParseUsageEvent } from "../../src/index.js";

// Events as other billing systems' ingestion APIs take them (their documented field names), refused with
// the sentence that says which field is ratecard's which, not "id is required. (and 6 more problems)".
const refusal = (event: unknown) => {
  const result = safeParseUsageEvent(event, "usage.ndjson line 1");
  if (result.success) throw new Error("expected a refusal");
  return [result.error.code, result.error.message];
};

describe("an event in another billing system's format", () => {
  it("names Lago's fields, and its timestamp in Unix seconds (1770681600 is 2026-02-10T00:00:00Z)", () => {
    const lago = {
      transaction_id: "t1",
      external_subscription_id: "sub_1",
      code: "cdn.bandwidth",
      timestamp: 1770681600,
      properties: { gb: "5" },
    };
    expect(refusal(lago)).toEqual([
      "invalid_event",
      'usage.ndjson line 1: has Lago\'s event fields, not ratecard\'s (id, type, customer, timestamp, properties): write transaction_id as id, code as type and external_subscription_id as customer, and the timestamp (Unix seconds) as ISO 8601 text with an offset, such as "2026-02-10T00:00:00Z" (docs/cli.md, "Events from another billing system").',
    ]);
  });

  it("names Metronome's, Orb's, Stripe's and OpenMeter's", () => {
    const at = "2026-02-10T00:00:00Z";
    const sentence = (event: unknown) => refusal(event)[1];
    expect(sentence({ transaction_id: "t", customer_id: "c", event_type: "x", timestamp: at })).toContain(
      "has Metronome's event fields, not ratecard's (id, type, customer, timestamp, properties): write transaction_id as id, event_type as type and customer_id as customer (",
    );
    expect(
      sentence({ idempotency_key: "k", event_name: "x", external_customer_id: "c", timestamp: at }),
    ).toContain(
      "has Orb's event fields, not ratecard's (id, type, customer, timestamp, properties): write idempotency_key as id, event_name as type and external_customer_id as customer (",
    );
    const stripe = {
      identifier: "i",
      event_name: "x",
      timestamp: 1770681600,
      payload: { stripe_customer_id: "c" },
    };
    expect(sentence(stripe)).toContain(
      "write identifier as id, event_name as type, payload.stripe_customer_id as customer and payload as properties, and the timestamp (Unix seconds) as ISO 8601",
    );
    const cloudEvent = {
      specversion: "1.0",
      id: "e",
      source: "s",
      type: "x",
      subject: "c",
      time: at,
      data: {},
    };
    expect(sentence(cloudEvent)).toContain(
      "has OpenMeter's event fields, not ratecard's (id, type, customer, timestamp, properties): write subject as customer, time as timestamp and data as properties (",
    );
  });

  it("leaves ratecard's own events with their own problems, and unrecognised shapes as they were", () => {
    // id, type and customer are there: the problem is the timestamp, whatever else the event carries
    const own = { id: "e", type: "x", customer: "c", timestamp: 1770681600, code: "x", transaction_id: "t" };
    expect(refusal(own)[1]).toMatch(/^usage\.ndjson line 1: timestamp /);
    expect(refusal({ event: "x" })[1]).toMatch(
      /^usage\.ndjson line 1: id is required\. \(and \d+ more problems\)$/,
    );
  });
});
