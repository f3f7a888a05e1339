import { describe, expect, it } from "vitest";
import { rateInvoiceAsync } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract, unitCharge } from "../_support/contract.js";

// A caller that passes an array to the streaming entry point and then reuses the array (clears it for
// the next customer, edits an event) before the promise settles must get the invoice of the events as
// they were at the call: an array is already in memory, so it is read at once, not one event per tick.
const contract = buildContract({});
const amended = buildContract({
  amendments: [{ id: "raise", effective: "2026-03-17", charges: [unitCharge("use", "Use", "m", "2")] }],
});
const event = (id: string, day: number, v: string) =>
  parseUsageEvent({
    id,
    type: "e",
    customer: "cus",
    timestamp: `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`,
    properties: { v },
  });
const fresh = () => [event("a", 2, "5"), event("b", 3, "7"), event("c", 20, "11")];

describe("rateInvoiceAsync reads an array (or another synchronous iterable) when it is called", () => {
  it("bills the events as given even if the caller empties the array before awaiting", async () => {
    const events = fresh();
    const pending = rateInvoiceAsync(contract, events, "2026-03");
    events.length = 0;
    // 5 + 7 + 11 = 23 units at 1.00 = 23.00
    expect((await pending).total).toBe("23.00");
  });

  it("bills the events as given on a period that amendments split", async () => {
    const events = fresh();
    const pending = rateInvoiceAsync(amended, events, "2026-03");
    events.splice(0, 2);
    // 1–16 March: (5 + 7) × 1.00 = 12.00; 17–31 March: 11 × 2.00 = 22.00; total 34.00
    expect((await pending).total).toBe("34.00");
  });
});
