import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice } from "../../src/index.js";
import { CARRYING_METERS, carryingCharges } from "../_support/carryingMeters.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// The law of `carried_state_missing`: a meter left out of `carried` opens exactly as if it were given
// its zero state ({ total: "0" }, { active: [] }, { level: "0" }), so the warning never changes a
// line, and it is on the invoice exactly for the carrying meters left out, after the contract's first
// period, except a weighted_sum whose level is set at the period's first instant (whose opening level
// held for no time).
const CONTRACT = buildContract({ meters: CARRYING_METERS, charges: carryingCharges("0.02") });
const ZERO = { objects: { total: "0" }, seats: { active: [] }, storage: { level: "0" } } as const;
type MeterId = keyof typeof ZERO;
const METERS = Object.keys(ZERO) as MeterId[];
const missing = (invoice: Invoice) =>
  (invoice.notices ?? []).filter((notice) => notice.code === "carried_state_missing");

// A few events in February (or on its first instant), of the three meters.
const eventsArb = fc.array(
  fc.record({
    kind: fc.constantFrom("obj", "seat", "level"),
    day: fc.integer({ min: 0, max: 27 }), // 0: 1 February 00:00, the period's first instant
    value: fc.integer({ min: 0, max: 300 }),
  }),
  { maxLength: 6 },
);

describe("carried_state_missing (law)", () => {
  it("warns for exactly the carrying meters left out, and bills as their zero state does", () => {
    fc.assert(
      fc.property(
        eventsArb,
        fc.subarray(METERS),
        fc.constantFrom("2026-01", "2026-02"),
        (generated, given, month) => {
          const events = generated.map((event, i) => {
            const at = new Date(Date.UTC(2026, month === "2026-01" ? 0 : 1, 1 + event.day)).toISOString();
            const properties =
              event.kind === "obj"
                ? { delta: event.value }
                : event.kind === "level"
                  ? { gb: event.value }
                  : { user: `u${event.value % 3}`, op: "add" };
            return usageEvent(`e${i}`, event.kind, at, properties);
          });
          const carried = Object.fromEntries(given.map((meter) => [meter, { ...ZERO[meter] }]));
          const partial = rateInvoice(CONTRACT, events, month, { carried });
          const full = rateInvoice(CONTRACT, events, month, { carried: { ...ZERO } });
          // the zero state and no state bill the same lines and carry out the same state
          expect(partial.lines).toEqual(full.lines);
          expect(partial.usage.carryOut).toEqual(full.usage.carryOut);
          expect(missing(full)).toEqual([]);
          // by hand: every meter left out, none in January (the contract starts on 1 January), and not
          // storage when a level event sits at the period's first instant
          const levelAtStart = generated.some((event) => event.kind === "level" && event.day === 0);
          const expected =
            month === "2026-01"
              ? []
              : METERS.filter((meter) => !given.includes(meter) && !(meter === "storage" && levelAtStart));
          expect(missing(partial).map((notice) => notice.details.meter)).toEqual(expected);
        },
      ),
    );
  });
});
