import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice, usageEvidence, usageEvidenceText } from "../../src/index.js";
import { buildContract, SEATS_METER } from "../_support/contract.js";

// Storage as a time-weighted level (GB-month) and seats as a persistent unique count, billed monthly
// from 2026-01-01: February is not the first period, so both meters open it with what January left.
const STORAGE = {
  id: "storage",
  eventType: "level",
  aggregation: "weighted_sum",
  valueProperty: "gb",
} as const;
const contract = buildContract({
  meters: [STORAGE, SEATS_METER],
  charges: [
    { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.10" } },
    { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
  ],
});
const at = (day: number) => `2026-02-${String(day).padStart(2, "0")}T00:00:00Z`;
const level = (id: string, day: number, gb: string) => ({
  id,
  type: "level",
  customer: "cus",
  timestamp: at(day),
  properties: { gb },
});
const seat = (id: string, day: number, user: string, op = "add") => ({
  id,
  type: "seat",
  customer: "cus",
  timestamp: at(day),
  properties: { user, op },
});
const events = [level("s1", 15, "100"), seat("u3", 3, "u3")];
const carried = { storage: { level: "40" }, seats: { active: ["u1", "u2"] } };
const meter = (evidence: ReturnType<typeof usageEvidence>, id: string) =>
  evidence.meters.find((entry) => entry.meter === id);

describe("usage evidence of meters that carry state from one period to the next", () => {
  it("rates with the carried state given, as the invoice does, and says what each meter opened with", () => {
    // Storage: level 40 for the 14 days to 15 February, then 100 for the 14 days to 1 March:
    // (40 × 14 + 100 × 14) / 28 = 70 GB-month. Seats: u1, u2 carried, u3 added: 3.
    // Before: the evidence took no carried state and read 50 GB-month (100 × 14 / 28) and 1 seat.
    const evidence = usageEvidence(contract, events, "2026-02", { carried });
    expect(meter(evidence, "storage")?.groups[0]?.ratedQuantity).toBe("70");
    expect(meter(evidence, "seats")?.groups[0]?.ratedQuantity).toBe("3");
    expect(meter(evidence, "storage")?.carriedIn).toEqual({ level: "40" });
    expect(meter(evidence, "seats")?.carriedIn).toEqual({ active: ["u1", "u2"] });
    expect(meter(evidence, "storage")?.carriedMissing).toBeUndefined();
    const text = usageEvidenceText(evidence);
    expect(text).toContain("  opened the period at level 40, carried from the previous period\n");
    expect(text).toContain(
      "  opened the period with 2 active values, carried from the previous period: u1, u2\n",
    );
    const lines = rateInvoice(contract, events, "2026-02", { carried }).lines;
    expect(lines.map((line) => [line.chargeId, line.quantity])).toEqual([
      ["storage", "70"],
      ["seats", "3"],
    ]);
  });

  it("says a meter opened from zero when no state is given past the contract's first period", () => {
    const evidence = usageEvidence(contract, events, "2026-02");
    expect(meter(evidence, "storage")?.groups[0]?.ratedQuantity).toBe("50"); // 100 × 14 / 28
    expect(meter(evidence, "storage")?.carriedMissing).toBe(true);
    expect(meter(evidence, "seats")?.carriedMissing).toBe(true);
    expect(usageEvidenceText(evidence)).toContain(
      "  opened the period from zero: it carries state from one period to the next, and none was given (the invoice rated so warns carried_state_missing; give the previous invoice's usage.carryOut, --carry FILE)\n",
    );
    // The contract's first period needs none: nothing came before it.
    const january = usageEvidence(contract, [], "2026-01");
    expect(january.meters.map((entry) => entry.carriedMissing)).toEqual([undefined, undefined]);
  });

  it("rates each stretch of a period cut by a change of terms from the carried level", () => {
    // The storage price changes on the 15th: the stretch before it holds the carried 40 GB for 14 of
    // February's 28 days, 40 × 14 / 28 = 20 GB-month; the stretch from it 100 × 14 / 28 = 50.
    const amended = buildContract({
      meters: [STORAGE],
      charges: [
        { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.10" } },
      ],
      amendments: [
        {
          id: "up",
          effective: "2026-02-15",
          charges: [
            { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.20" } },
          ],
        },
      ],
    });
    const evidence = usageEvidence(amended, [level("s1", 15, "100")], "2026-02", {
      carried: { storage: { level: "40" } },
    });
    const stretches = meter(evidence, "storage")?.groups[0]?.stretches?.map((stretch) => stretch.quantity);
    expect(stretches).toEqual(["20", "50"]);
  });

  it("lists a meter with a carried state and no events of the period, with what it rates", () => {
    // Two seats carried, no seat event in February: the line bills 2 seats; before, "no events listed".
    const evidence = usageEvidence(contract, [], "2026-02", { carried });
    expect(meter(evidence, "seats")?.groups).toEqual([
      { group: {}, ratedQuantity: "2", events: 0, byPeriod: [], firstEvents: [] },
    ]);
    expect(usageEvidenceText(evidence)).toContain("  all events: 0 events listed; the rated quantity is 2\n");
  });

  it("refuses a carried state of the wrong kind, with its path, as rateInvoice does", () => {
    expect(() =>
      usageEvidence(contract, events, "2026-02", { carried: { storage: { active: ["a"] } } }),
    ).toThrow(/storage\.active|carries level/);
  });

  it("gives the invoice's quantities for any carried state and events", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 500 }),
        fc.subarray(["u1", "u2", "u3", "u4"]),
        fc.array(
          fc.oneof(
            fc
              .record({ day: fc.integer({ min: 1, max: 28 }), gb: fc.nat({ max: 900 }) })
              .map(({ day, gb }) => level(`l${day}`, day, String(gb))),
            fc
              .record({
                day: fc.integer({ min: 1, max: 28 }),
                user: fc.constantFrom("u1", "u2", "u5"),
                op: fc.constantFrom("add", "remove"),
              })
              .map(({ day, user, op }) => seat(`s${day}${user}${op}`, day, user, op)),
          ),
          { maxLength: 12 },
        ),
        (gb, active, usage) => {
          const state = { storage: { level: String(gb) }, seats: { active } };
          const evidence = usageEvidence(contract, usage, "2026-02", { carried: state });
          const invoice = rateInvoice(contract, usage, "2026-02", { carried: state });
          for (const line of invoice.lines)
            expect([line.chargeId, meter(evidence, line.chargeId)?.groups[0]?.ratedQuantity ?? "0"]).toEqual([
              line.chargeId,
              line.quantity,
            ]);
        },
      ),
      { numRuns: 80 },
    );
  });
});
