import { describe, expect, it } from "vitest";
import { rateInvoice, rateInvoiceAsync } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContract, SEATS_METER } from "../_support/contract.js";

// A UTC contract with two carried meters: seats (users added and removed, $10 per user active at
// some point in the month) and storage (GB held over time, $0.50 per GB-month).
const contract = buildContract({
  id: "ctr_carry",
  customer: { id: "cus_a" },
  billing: { cadence: "monthly", anchorDay: 1 },
  meters: [
    SEATS_METER,
    { id: "storage", eventType: "storage.level", aggregation: "weighted_sum", valueProperty: "gb" },
  ],
  charges: [
    { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
    { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.50" } },
  ],
});

const seat = (id: string, timestamp: string, user: string, op: "add" | "remove") => ({
  id,
  type: "seat",
  customer: "cus_a",
  timestamp,
  properties: { user, op },
});
const level = (id: string, timestamp: string, gb: string) => ({
  id,
  type: "storage.level",
  customer: "cus_a",
  timestamp,
  properties: { gb },
});

const events = [
  seat("s1", "2026-01-02T00:00:00Z", "alice", "add"),
  seat("s2", "2026-01-03T00:00:00Z", "bob", "add"),
  seat("s3", "2026-01-10T00:00:00Z", "alice", "remove"),
  level("l1", "2026-01-01T00:00:00Z", "62"),
  level("l2", "2026-01-16T00:00:00Z", "124"),
  seat("s4", "2026-02-02T00:00:00Z", "carol", "add"),
  level("l3", "2026-02-15T00:00:00Z", "12"),
];

const linesOf = (invoice: ReturnType<typeof rateInvoice>) =>
  invoice.lines.map((line) => [line.chargeId, line.quantity, line.amount]);

describe("rateInvoice with carried state", () => {
  it("carries January's closing state into February", () => {
    const january = rateInvoice(contract, events, "2026-01");
    // seats: alice and bob active at some point in January = 2 × $10 = $20.00
    // storage: (62 GB × 15 days + 124 GB × 16 days) ÷ 31 = (930 + 1,984) ÷ 31 = 2,914 ÷ 31 = 94 GB-month
    //          × $0.50 = $47.00
    expect(linesOf(january)).toEqual([
      ["seats", "2", "20.00"],
      ["storage", "94", "47.00"],
    ]);
    expect(january.usage.carryOut?.storage).toEqual({ level: "124" });
    expect(january.usage.carryOut?.seats?.active).toHaveLength(1);

    const february = rateInvoice(contract, events, "2026-02", { carried: january.usage.carryOut! });
    // seats: bob (carried) + carol (added Feb 2) = 2 × $10 = $20.00
    // storage: (124 GB × 14 days + 12 GB × 14 days) ÷ 28 = (1,736 + 168) ÷ 28 = 1,904 ÷ 28 = 68 GB-month
    //          × $0.50 = $34.00
    expect(linesOf(february)).toEqual([
      ["seats", "2", "20.00"],
      ["storage", "68", "34.00"],
    ]);
    expect(february.usage.carryOut?.storage).toEqual({ level: "12" });
    expect(february.usage.carryOut?.seats?.active).toHaveLength(2);
  });

  it("starts from nothing without a carried state", () => {
    const february = rateInvoice(contract, events, "2026-02");
    // seats: carol only = $10.00; storage: 0 GB for 14 days, then 12 GB for 14 days: 168 ÷ 28 = 6 GB-month
    //        × $0.50 = $3.00
    expect(linesOf(february)).toEqual([
      ["seats", "1", "10.00"],
      ["storage", "6", "3.00"],
    ]);
  });

  it("gives the same invoice through rateInvoiceAsync with a source read twice", async () => {
    const parsed = events.map((event, index) => parseUsageEvent(event, index));
    const carried = rateInvoice(contract, events, "2026-01").usage.carryOut!;
    const sync = rateInvoice(contract, events, "2026-02", { carried });
    const streamed = await rateInvoiceAsync(
      contract,
      async function* () {
        yield* parsed;
      },
      "2026-02",
      { carried },
    );
    expect(streamed).toEqual(sync);
  });
});
