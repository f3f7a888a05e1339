import { describe, expect, it } from "vitest";
import { explainText, parseContract, rateInvoice, type UsageEventInput } from "../../src/index.js";

// 6-hour windows counted in New York's zone on a UTC contract, across New York's change to summer time
// (8 March 2026, 02:00 EST → 03:00 EDT). UTC March starts at 19:00 EST on 28 February; New York's
// midnight that begins that day is 28 February 00:00 EST = 05:00Z, so the windows are laid from there,
// 6 hours of elapsed time each: 05Z, 11Z, 17Z, 23Z every day. Before the change they start at 00:00,
// 06:00, 12:00 and 18:00 EST; after it at 01:00, 07:00, 13:00 and 19:00 EDT. "Laid end to end from
// 00:00 New York" alone read as 00:00–06:00, 06:00–12:00 local every day, which would have put c
// (06:30 EDT) in a window of its own: 4 + 5 + 5 + 9 = 23, where the invoice bills 5 + 5 + 9 = 19.
const contract = parseContract({
  schemaVersion: 1,
  id: "ctr_six",
  customer: { id: "cus" },
  currency: "USD",
  timeZone: "UTC",
  billing: { cadence: "monthly" },
  term: { start: "2026-01-01" },
  meters: [
    {
      id: "six",
      eventType: "g",
      aggregation: "sum",
      valueProperty: "v",
      window: { size: "6h", aggregation: "max", timeZone: "America/New_York" },
    },
  ],
  charges: [{ id: "six", name: "Peaks", meter: "six", price: { model: "unit", unitPrice: "1" } }],
});
const event = (id: string, timestamp: string, v: string): UsageEventInput => ({
  id,
  type: "g",
  customer: "cus",
  timestamp,
  properties: { v },
});
// a 05:30Z = 00:30 EST; after the change b 09:30Z = 05:30 EDT and c 10:30Z = 06:30 EDT: all three in
// the window 05Z–11Z (00:00 EST–07:00 EDT): max 5; d in the next day's 05Z–11Z: 5; e on 10 March: 9
const events = [
  event("a", "2026-03-08T05:30:00Z", "3"),
  event("b", "2026-03-08T09:30:00Z", "4"),
  event("c", "2026-03-08T10:30:00Z", "5"),
  event("d", "2026-03-09T10:30:00Z", "5"),
  event("e", "2026-03-10T10:30:00Z", "9"),
];

describe("fixed-length windows in a zone of their own, across a change of its clocks", () => {
  it("bills the windows laid by elapsed time from the zone's midnight: 5 + 5 + 9 = 19", () => {
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(invoice.lines[0]?.quantity).toBe("19");
    // 744 hours of UTC March from 05:00Z on 28 February: a cut first window 00Z–05Z, 123 whole ones
    // (05Z on 1 March to 23Z on 31 March = 738 h), and a cut last one 23Z–24Z: 125
    const usage = invoice.lines[0]?.steps[0] as { computation?: Record<string, unknown> };
    expect(usage.computation).toMatchObject({ windows: 125, from: "2026-02-28T05:00:00.000Z" });
  });

  it("names the midnight they are laid from, and that they keep their length whatever the clocks do", () => {
    const text = explainText(rateInvoice(contract, events, "2026-03"));
    expect(text).toContain(
      "Each window is 6h long, laid end to end from 00:00 America/New_York on 2026-02-28 (2026-02-28T05:00:00.000Z), by elapsed time: a change of the clocks moves the local hour they start at;",
    );
  });
});
