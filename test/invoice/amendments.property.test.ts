import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Invoice, rateInvoice, type Step } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, type ContractOverrides } from "../_support/contract.js";

// Split points: 1–3 distinct days of March 2026 (2–31), each an amendment effective that day.
const daysArb = fc
  .uniqueArray(fc.integer({ min: 2, max: 31 }), { minLength: 1, maxLength: 3 })
  .map((days) => [...days].sort((a, b) => a - b));
const dateOf = (day: number) => `2026-03-${String(day).padStart(2, "0")}`;
const zoneArb = fc.constantFrom("UTC", "America/New_York", "Asia/Kolkata", "Australia/Sydney");

// The contract these laws rate: no meters unless a law adds some.
const piecesContract = (extra: ContractOverrides) => buildContract({ id: "ctr_pieces", meters: [] }, extra);
const stepsOf = <K extends Step["kind"]>(line: Invoice["lines"][number], kind: K) =>
  line.steps.filter((step): step is Extract<Step, { kind: K }> => step.kind === kind);

describe("prorated pieces of a period (laws)", () => {
  it("a flat fee rated over pieces has exact prorated values that add up to the full fee, by second or day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000_000 }),
        daysArb,
        fc.constantFrom("second" as const, "day" as const),
        zoneArb,
        (cents, days, proration, timeZone) => {
          const fee = new Decimal(cents).div(100).toFixed(2);
          // Each amendment keeps the price and sets another line maximum, far above the fee: the terms
          // differ (a renaming alone does not: renamedCharge.test.ts), so the fee is rated per piece,
          // with the same 100 % of a month prorated over each, and no maximum takes anything.
          const invoice = rateInvoice(
            piecesContract({
              timeZone,
              billing: { cadence: "monthly", proration },
              charges: [{ id: "platform", name: "Platform", price: { model: "flat", amount: fee } }],
              amendments: days.map((day, i) => ({
                id: `rename${i}`,
                effective: dateOf(day),
                charges: [
                  {
                    id: "platform",
                    name: "Platform",
                    price: { model: "flat", amount: fee },
                    maximum: `${2_000_000 + i}`,
                  },
                ],
              })),
            }),
            [],
            "2026-03",
          );
          expect(invoice.lines).toHaveLength(days.length + 1);
          const steps = invoice.lines.map((line) => stepsOf(line, "proration")[0]!);
          const total = new Decimal(steps[0]!.total);
          // every piece is measured against the same whole month (31 days, or its seconds)
          if (proration === "day") expect(total.toString()).toBe("31");
          for (const step of steps) expect(step.total).toBe(steps[0]!.total);
          // Σ elapsed = the month, and Σ before × elapsed ÷ total = the fee exactly: Σ before × elapsed = fee × total
          const elapsed = steps.reduce((sum, step) => sum.plus(step.elapsed), new Decimal(0));
          expect(elapsed.equals(total)).toBe(true);
          const numerators = steps.reduce(
            (sum, step) => sum.plus(new Decimal(step.before).times(step.elapsed)),
            new Decimal(0),
          );
          expect(numerators.equals(new Decimal(fee).times(total))).toBe(true);
          // each line rounds once, so the lines add up to the fee within half a cent per line
          const lines = invoice.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
          expect(
            lines.minus(fee).abs().lessThanOrEqualTo(new Decimal("0.005").times(invoice.lines.length)),
          ).toBe(true);
        },
      ),
    );
  });

  it("a weighted_sum charge split into pieces: the pieces' quantities add up to the whole period's", () => {
    const instantArb = fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 3, 1) - 1 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instantArb, fc.integer({ min: 0, max: 1_000_000 })), { maxLength: 12 }),
        fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
        daysArb,
        fc.constantFrom("period" as const, "hour" as const, "day" as const, "second" as const),
        fc.constantFrom("level" as const, "change" as const),
        (points, opening, days, per, values) => {
          const storage = (price: string) => ({
            id: "storage",
            name: "Storage",
            meter: "gauge",
            price: { model: "unit" as const, unitPrice: price },
          });
          const meters = [gauge(per, values)];
          const amended = piecesContract({
            meters,
            charges: [storage("1")],
            amendments: days.map((day, i) => ({
              id: `a${i}`,
              effective: dateOf(day),
              charges: [storage(`${i + 2}`)],
            })),
          });
          const events = points.map(([timestamp, centi], i) => ({
            id: `p${i}`,
            type: "gauge",
            customer: "cus",
            timestamp: new Date(timestamp).toISOString(),
            properties: { gb: new Decimal(centi).div(100).toString() },
          }));
          const carried =
            opening === undefined ? {} : { carried: { gauge: { level: String(opening / 100) } } };
          const invoice = rateInvoice(amended, events, "2026-03", carried);
          const quantities = invoice.lines.map((line) => new Decimal(stepsOf(line, "usage")[0]!.quantity));
          expect(quantities).toHaveLength(days.length + 1);
          const sum = quantities.reduce((acc, q) => acc.plus(q), new Decimal(0));
          const whole = new Decimal(invoice.usage.meters[0]!.quantity);
          if (per === "second") {
            // level × milliseconds ÷ 1,000 terminates: the pieces add up exactly
            expect(sum.equals(whole)).toBe(true);
          } else {
            // ÷ a month's, an hour's or a day's milliseconds need not terminate: each quotient is exact to
            // 50 significant digits, so the sum agrees with the whole to ~48 digits
            const scale = Decimal.max(1, whole.abs(), ...quantities.map((q) => q.abs()));
            expect(sum.minus(whole).abs().lessThanOrEqualTo(scale.times("1e-47"))).toBe(true);
          }
          // and the invoice reports the whole period, as without the amendments
          const plain = rateInvoice(
            piecesContract({ meters, charges: [storage("1")] }),
            events,
            "2026-03",
            carried,
          );
          expect(invoice.usage).toEqual(plain.usage);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// A gauge in GB: each event a level (or a change), held until the next; GB × time ÷ `per`.
function gauge(per: "period" | "hour" | "day" | "second", values: "level" | "change") {
  return {
    id: "gauge",
    eventType: "gauge",
    aggregation: "weighted_sum" as const,
    valueProperty: "gb",
    weighted: { per, values },
  };
}
