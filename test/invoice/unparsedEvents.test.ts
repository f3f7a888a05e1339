import { describe, expect, it } from "vitest";
import { rateInvoiceAsync, rateParsedInvoice } from "../../src/invoice/index.js";
import { aggregateUsage } from "../../src/meters/index.js";
import type { UsageEvent } from "../../src/schema/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// rateParsedInvoice, rateInvoiceAsync and aggregateUsage take events already parsed by parseUsageEvent
// (timestamp in epoch milliseconds). A caller from plain JavaScript who hands them events as sent
// (timestamp as ISO text) used to get every event counted whatever its date: "2026-05-01…" < start is
// false and so is ≥ end, so an event of May billed in February. Such an event is refused instead.
const contract = buildContract();
// An event of May (outside February) and one of February, as sent: timestamps as text.
const raw = [
  usageEvent("may", "e", "2026-05-01T00:00:00Z", { v: "7" }),
  usageEvent("feb", "e", "2026-02-03T00:00:00Z", { v: "2" }),
] as unknown as UsageEvent[];

describe("events that were not parsed", () => {
  it("are refused by rateParsedInvoice, naming the event and the function to use", () => {
    const error = thrown(() => rateParsedInvoice(contract, raw, "2026-02")) as Error;
    expect(error).toMatchObject({ code: "invalid_event", path: "timestamp" });
    expect(error.message).toContain('"may"');
    expect(error.message).toContain("rateInvoice");
  });

  it("are refused by rateInvoiceAsync", async () => {
    await expect(rateInvoiceAsync(contract, raw, "2026-02")).rejects.toMatchObject({ code: "invalid_event" });
  });

  it("are refused by aggregateUsage, and so is a timestamp that is not a finite number", () => {
    const options = {
      meters: contract.meters,
      customer: "cus",
      period: { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) },
    };
    expect(thrown(() => aggregateUsage(raw, options))).toMatchObject({ code: "invalid_event" });
    const nan = [{ id: "n", type: "e", customer: "cus", timestamp: Number.NaN, properties: { v: "1" } }];
    expect(thrown(() => aggregateUsage(nan, options))).toMatchObject({ code: "invalid_event" });
  });

  it("still rates parsed events: only February's 2 units count (2 × 1.00 = 2.00)", () => {
    const parsed = [{ ...raw[1]!, timestamp: Date.UTC(2026, 1, 3) }] as UsageEvent[];
    expect(rateParsedInvoice(contract, parsed, "2026-02").total).toBe("2.00");
  });
});
