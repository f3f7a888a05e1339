import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract, rateInvoice, safeParseContract } from "../../src/index.js";
import type { InputProblem } from "../../src/schema/index.js";

// A percentage price reads each counted event's value: which meters give it one (a value property or a
// computed value) and which are refused (meters that count events, even when they name a valueProperty).

type MeterInput = NonNullable<ContractInput["meters"]>[number];
const cardFees = { model: "percentage", percent: "2.9", fixedFee: "0.30", maximumPerEvent: "3.00" } as const;

function contractWith(meter: MeterInput): ContractInput {
  return {
    schemaVersion: 1,
    id: "ctr_pvalue",
    customer: { id: "cus" },
    currency: "USD",
    timeZone: "UTC",
    billing: { cadence: "monthly" },
    term: { start: "2026-01-01" },
    meters: [meter],
    charges: [{ id: "fees", name: "Card fees", meter: meter.id, price: cardFees }],
  };
}

const problemsOf = (input: unknown): InputProblem[] => {
  const result = safeParseContract(input);
  return result.success ? [] : (result.error.details.problems as InputProblem[]);
};

const payment = (id: string, day: string, properties: Record<string, string>) => ({
  id,
  type: "payment",
  customer: "cus",
  timestamp: `2026-03-${day}T12:00:00Z`,
  properties,
});

describe("a percentage price on a meter whose value is computed from properties", () => {
  const computed: MeterInput = {
    id: "payments",
    eventType: "payment",
    aggregation: "sum",
    value: { multiply: [{ property: "quantity" }, { property: "unitPrice" }] },
  };

  it("is accepted", () => {
    expect(problemsOf(contractWith(computed))).toEqual([]);
  });

  it("prices each payment by its computed amount, exactly", () => {
    const events = [
      payment("p1", "02", { quantity: "3", unitPrice: "12.50" }),
      payment("p2", "05", { quantity: "2", unitPrice: "0.99" }),
      payment("p3", "09", { quantity: "1", unitPrice: "100" }),
    ];
    const invoice = rateInvoice(parseContract(contractWith(computed)), events, "2026-03");
    // amounts: 3 × 12.50 = 37.50; 2 × 0.99 = 1.98; 1 × 100 = 100 (total 139.48)
    // 37.50 × 0.029 + 0.30 = 1.0875 + 0.30 = 1.3875
    //  1.98 × 0.029 + 0.30 = 0.05742 + 0.30 = 0.35742
    //   100 × 0.029 + 0.30 = 2.90 + 0.30 = 3.20 → lowered to the 3.00 maximum (−0.20): a per-payment cap,
    //   so only a price that saw 100 as one payment gives it
    // 1.3875 + 0.35742 + 3.00 = 4.74492 → 4.74 (half-even)
    const line = invoice.lines[0]!;
    expect(line.quantity).toBe("139.48");
    expect(line.amount).toBe("4.74");
  });
});

describe("a percentage price on a meter that counts events", () => {
  it("is refused on a count meter: each payment would count as 1", () => {
    const problems = problemsOf(contractWith({ id: "payments", eventType: "payment", aggregation: "count" }));
    expect(problems).toEqual([expect.objectContaining({ code: "invalid_field", path: "charges[0].meter" })]);
    expect(problems[0]!.message).toContain(
      'meter "payments" reads no value (it counts events); so each transaction would count as 1',
    );
  });

  it("is refused on a sum of hourly counts that names a valueProperty it never reads", () => {
    // Before: accepted, and each payment was priced by "amount", which the meter neither read nor
    // checked (a payment without one was priced as 1, one with "abc" too).
    const problems = problemsOf(
      contractWith({
        id: "busy_hours",
        eventType: "payment",
        aggregation: "sum",
        valueProperty: "amount",
        window: { size: "hour", aggregation: "count" },
      }),
    );
    expect(problems).toEqual([expect.objectContaining({ code: "invalid_field", path: "charges[0].meter" })]);
    expect(problems[0]!.message).toContain(
      'meter "busy_hours" reads no value (it counts the events of each hour window, then takes the sum of those counts); its valueProperty "amount" is never read or checked',
    );
  });

  it("is still accepted on a two-level meter that reads its value (a max of daily sums)", () => {
    const meter: MeterInput = {
      id: "daily_peak",
      eventType: "payment",
      aggregation: "max",
      valueProperty: "amount",
      window: { size: "day", aggregation: "sum" },
    };
    expect(problemsOf(contractWith(meter))).toEqual([]);
  });
});
