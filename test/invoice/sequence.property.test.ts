import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type RateInvoiceOptions, rateInvoice } from "../../src/invoice/index.js";
import { Decimal, toPlainString } from "../../src/money/index.js";
import { buildContract, type ContractOverrides, SEATS_METER } from "../_support/contract.js";

// Rating a year month by month, each invoice taking the state the previous one handed on, must give
// what a specialist gets by carrying that state by hand (issue 5).
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
const monthStart = (m: number) => Date.UTC(2026, m, 1); // m = 0 … 12

// The contract these laws rate: no meters unless a law adds some.
const yearContract = (extra: ContractOverrides) => buildContract({ id: "ctr_year", meters: [] }, extra);

describe("rating 12 months in sequence (laws)", () => {
  it("burns one grant without expiry as carrying its balance by hand does: Σ burns = min(grant, Σ spend)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300_000 }),
        fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 12, maxLength: 12 }),
        (grantCents, spendCents) => {
          const grant = new Decimal(grantCents).div(100);
          const withGrant = yearContract({
            meters: [{ id: "units", eventType: "u", aggregation: "sum", valueProperty: "v" }],
            charges: [
              { id: "usage", name: "Usage", meter: "units", price: { model: "unit", unitPrice: "1" } },
            ],
            credits: [
              {
                id: "prepay",
                name: "Prepayment",
                kind: "prepaid",
                taxed: "at_purchase",
                amount: grant.toFixed(2),
              },
            ],
          });
          // one event per month, on the 15th, of that month's spend in units of 1.00
          const events = spendCents.map((cents, m) => ({
            id: `e${m}`,
            type: "u",
            customer: "cus",
            timestamp: new Date(monthStart(m) + 14 * 86_400_000).toISOString(),
            properties: { v: new Decimal(cents).div(100).toFixed(2) },
          }));
          let carried: Record<string, string> = {};
          let byHand = grant; // the balance a specialist carries from invoice to invoice
          let burned = new Decimal(0);
          for (const [m, month] of MONTHS.entries()) {
            const invoice = rateInvoice(withGrant, events, month, { creditBalances: carried });
            const credit = invoice.credits![0]!;
            // by hand: this month burns min(balance, spend)
            const spend = new Decimal(spendCents[m]!).div(100);
            const burn = Decimal.min(byHand, spend);
            expect(credit.balanceBefore).toBe(byHand.toFixed(2));
            expect(credit.applied).toBe(
              burn
                .negated()
                .toFixed(2)
                .replace(/^-0\.00$/, "0.00"),
            );
            byHand = byHand.minus(burn);
            expect(credit.balanceAfter).toBe(byHand.toFixed(2));
            burned = burned.minus(credit.applied); // what the invoices burned, read from them
            carried = Object.fromEntries((invoice.credits ?? []).map((c) => [c.id, c.balanceAfter]));
          }
          const totalSpend = spendCents.reduce(
            (sum, cents) => sum.plus(new Decimal(cents).div(100)),
            new Decimal(0),
          );
          expect(burned.equals(Decimal.min(grant, totalSpend))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("carries persistent totals, active sets and gauge levels as replaying every event by hand does", () => {
    const year = yearContract({
      meters: [
        { id: "objects", eventType: "obj", aggregation: "sum", valueProperty: "delta", persistent: true },
        SEATS_METER,
        { id: "storage", eventType: "level", aggregation: "weighted_sum", valueProperty: "gb" },
      ],
      charges: [
        { id: "objects", name: "Objects", meter: "objects", price: { model: "unit", unitPrice: "0.01" } },
        { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "10" } },
        { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.5" } },
      ],
      // price changes inside June and September split those months; the state handed on is still the month's
      amendments: [
        {
          id: "storage_up",
          effective: "2026-06-17",
          charges: [
            { id: "storage", name: "Storage", meter: "storage", price: { model: "unit", unitPrice: "0.6" } },
          ],
        },
        {
          id: "seats_up",
          effective: "2026-09-10",
          charges: [
            { id: "seats", name: "Seats", meter: "seats", price: { model: "unit", unitPrice: "12" } },
          ],
        },
      ],
    });
    const instantArb = fc.integer({ min: monthStart(0), max: monthStart(12) - 1 });
    const eventArb = fc.oneof(
      fc.record({
        kind: fc.constant("obj" as const),
        at: instantArb,
        value: fc.integer({ min: -500, max: 1000 }),
      }),
      fc.record({
        kind: fc.constant("seat" as const),
        at: instantArb,
        user: fc.constantFrom("ann", "bo", "cy", "di"),
        remove: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant("level" as const),
        at: instantArb,
        value: fc.integer({ min: 0, max: 5000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (generated) => {
        const events = generated.map((event, i) => ({
          id: `e${String(i).padStart(3, "0")}`,
          type: event.kind,
          customer: "cus",
          timestamp: new Date(event.at).toISOString(),
          properties:
            event.kind === "obj"
              ? { delta: event.value }
              : event.kind === "level"
                ? { gb: event.value }
                : { user: event.user, op: event.remove ? "remove" : "add" },
        }));
        let chained: RateInvoiceOptions["carried"] = {};
        for (const [m, month] of MONTHS.entries()) {
          const invoice = rateInvoice(year, events, month, { carried: chained });
          // By hand: replay every event before this month, in time order (then id), from zero.
          const before = generated
            .map((event, i) => ({ ...event, id: `e${String(i).padStart(3, "0")}` }))
            .filter((event) => event.at < monthStart(m))
            .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          let total = new Decimal(0);
          const active = new Set<string>();
          let level: number | undefined;
          for (const event of before) {
            if (event.kind === "obj") total = total.plus(event.value);
            else if (event.kind === "level") level = event.value;
            else if (event.remove) active.delete(event.user);
            else active.add(event.user);
          }
          const byHand = {
            objects: { total: toPlainString(total) },
            seats: { active: [...active].sort() },
            storage: { level: String(level ?? 0) },
          };
          // the month rated from the hand-carried state is the month rated in the chain, to the byte
          expect(JSON.stringify(rateInvoice(year, events, month, { carried: byHand }))).toBe(
            JSON.stringify(invoice),
          );
          chained = invoice.usage.carryOut ?? {};
        }
        // at the end of December the running total is every add less every remove of the year
        const all = generated.reduce(
          (sum, event) => (event.kind === "obj" ? sum.plus(event.value) : sum),
          new Decimal(0),
        );
        expect(new Decimal(chained.objects?.total ?? "0").equals(all)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
