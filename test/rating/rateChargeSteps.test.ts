import { describe, expect, it } from "vitest";
import type { ChargeTerms } from "../../src/contracts/index.js";
import { ContractError, InvariantError, UsageError } from "../../src/errors/index.js";
import type { Computation, GroupQuantity, MeterQuantity } from "../../src/meters/index.js";
import { Decimal } from "../../src/money/index.js";
import { type AllowanceDraw, isFee, type RateChargeInput, rateCharge } from "../../src/rating/index.js";
import type { ProrationRatio } from "../../src/time/index.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The stages of rateCharge that rateCharge.test.ts does not reach: what warnings and errors say, the
// pool's draw, trials, unused time, fees billed in advance, contract quantities and meter records.

const d = (value: string | number) => new Decimal(value);
const MARCH_2026 = { start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 3, 1) };
const DAY_17_OF_31: ProrationRatio = { basis: "day", elapsed: d(17), total: d(31) };

const contract = buildContract({
  id: "ctr_rate_steps",
  customer: { id: "cus_a" },
  meters: [
    { id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb", unit: "GB" },
    { id: "calls", eventType: "api.call", aggregation: "count" },
  ],
  charges: [
    { id: "plain", name: "Plain bandwidth", meter: "gb", price: { model: "unit", unitPrice: "2" } },
    {
      id: "strict",
      name: "Listed regions only",
      meter: "gb",
      price: {
        model: "matrix",
        dimensions: ["region"],
        cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } }],
      },
    },
    {
      id: "lenient",
      name: "Unlisted regions warned",
      meter: "calls",
      price: {
        model: "matrix",
        dimensions: ["region"],
        onUnpriced: "warn",
        cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.08" } }],
      },
    },
    { id: "platform", name: "Platform fee", price: { model: "flat", amount: "310.00" } },
    { id: "seats", name: "Seats", quantity: "5", price: { model: "unit", unitPrice: "31" } },
    {
      id: "tiers",
      name: "Tiered bandwidth",
      meter: "gb",
      price: { model: "graduated", tiers: [{ upTo: "10", unitPrice: "1" }, { unitPrice: "0.5" }] },
    },
    {
      id: "storage_plan",
      name: "Storage plan",
      meter: "gb",
      price: {
        model: "capacity",
        tiers: [{ limits: [{ meter: "gb", max: "100" }], amount: "20.00" }],
      },
    },
    {
      id: "strict_calls",
      name: "Calls in listed regions only",
      meter: "calls",
      price: {
        model: "matrix",
        dimensions: ["region"],
        cells: [{ match: { region: "na" }, price: { model: "unit", unitPrice: "0.01" } }],
      },
    },
    {
      id: "seats_by_thousand",
      name: "Seats per thousand",
      quantity: "2500",
      transform: { divideBy: "1000", round: "up" },
      price: { model: "unit", unitPrice: "7" },
    },
    {
      id: "card_fees",
      name: "Card fees",
      meter: "gb",
      price: { model: "percentage", percent: "2.9", fixedFee: "0.30" },
    },
    {
      id: "divided",
      name: "Divided",
      meter: "gb",
      transform: { divideBy: "0.000000001" },
      price: { model: "unit", unitPrice: "1" },
    },
  ],
});

function chargeNamed(id: string): { charge: ChargeTerms; path: string } {
  const index = contract.charges.findIndex((charge) => charge.id === id);
  return { charge: contract.charges[index]!, path: `charges[${index}]` };
}

const meterNamed = (id: string) => contract.meters.find((meter) => meter.id === id)!;
const usage = (meter: string, quantity: string | number, events = 1): MeterQuantity => ({
  meter: meterNamed(meter),
  events,
  quantity: d(quantity),
});
const region = (name: string, quantity: string | number, events: number): GroupQuantity => ({
  group: { region: name },
  events,
  quantity: d(quantity),
});

function input(id: string, overrides: Partial<RateChargeInput> = {}): RateChargeInput {
  return {
    ...chargeNamed(id),
    usage: undefined,
    groups: [],
    meterQuantities: new Map(),
    period: MARCH_2026,
    proration: undefined,
    currency: contract.currency,
    rounding: contract.rounding,
    ...overrides,
  };
}

describe("rateCharge: what warnings and refusals say", () => {
  it("names the group, its quantity with the meter's unit and its events in an unpriced refusal", () => {
    const one = thrown(() =>
      rateCharge(input("strict", { usage: usage("gb", 12.5), groups: [region("eu", "12.5", 1)] })),
    );
    expect(one).toBeInstanceOf(ContractError);
    expect((one as Error).message).toContain('in region="eu" (12.5 GB from 1 event) but no cell');
    const three = thrown(() =>
      rateCharge(input("strict", { usage: usage("gb", 7), groups: [region("eu", 7, 3)] })),
    );
    expect((three as Error).message).toContain("(7 GB from 3 events)");
  });

  it("writes no unit for a meter without one", () => {
    // "calls" counts events and has no unit: "4 from 4 events".
    const { warnings } = rateCharge(
      input("lenient", { usage: usage("calls", 4, 4), groups: [region("eu", 4, 4)] }),
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "unpriced_usage",
        path: "charges[2]",
        chargeId: "lenient",
        details: { group: 'region="eu"', quantity: "4", events: 4 },
      }),
    ]);
    expect(warnings[0]?.message).toContain("4 from 4 events");
    // The priced group's line has no unit, in its usage step or on the line.
    const priced = rateCharge(
      input("lenient", { usage: usage("calls", 2, 2), groups: [region("na", 2, 2)] }),
    );
    const line = priced.lines[0]!;
    expect(line).not.toHaveProperty("unit");
    expect(line.steps[0]).toEqual({
      kind: "usage",
      meter: "calls",
      aggregation: "count",
      events: 2,
      quantity: "2",
    });
  });

  it("shows the formula of a meter that sums a computed value in the usage step", () => {
    // The meter sums memory_mb × duration_ms per event: the usage step names that formula.
    const computed = {
      ...meterNamed("gb"),
      value: { multiply: [{ property: "memory_mb" }, { property: "duration_ms" }] },
    };
    const line = rateCharge(input("plain", { usage: { ...usage("gb", 3, 2), meter: computed } })).lines[0]!;
    expect(line.steps[0]).toMatchObject({ kind: "usage", meter: "gb", value: "memory_mb × duration_ms" });
  });

  it("names no unit price on a line whose tiers were picked by the full quantity", () => {
    // 4 of a full 8 priced: the amount is scaled from the full quantity's price, not quantity × one price
    const charge = { ...chargeNamed("plain").charge, tiersBy: "full_quantity" as const };
    const computation = {
      kind: "persistent" as const,
      carriedIn: "0",
      inPeriod: "8",
      carriedOut: "8",
      prorated: { full: "8", unitDays: "124", periodDays: 31 },
    };
    const line = rateCharge({ ...input("plain", { usage: { ...usage("gb", 4), computation } }), charge })
      .lines[0]!;
    expect(line.steps.map((step) => step.kind)).toContain("full_quantity_tiers");
    expect(line).not.toHaveProperty("unitPrice");
  });

  it("says what a floored charge came to, in the currency, to at least its minor units", () => {
    // −5 GB × 2 = −10 → "−10.00 USD"; −0.0025 GB × 2 = −0.005 keeps its 3 decimals: "−0.005 USD".
    const whole = rateCharge(input("plain", { usage: usage("gb", -5) }));
    expect(whole.warnings).toEqual([
      expect.objectContaining({
        code: "negative_amount_floored",
        path: "charges[0]",
        chargeId: "plain",
        details: { amount: "-10.00", currency: "USD" },
      }),
    ]);
    const fine = rateCharge(input("plain", { usage: usage("gb", "-0.0025") }));
    expect(fine.warnings[0]?.details).toEqual({ amount: "-0.005", currency: "USD" });
    expect(fine.lines[0]?.amount).toBe("0.00");
  });

  it("gives no warning for a charge whose amount is zero or more", () => {
    expect(rateCharge(input("plain", { usage: usage("gb", 0) })).warnings).toEqual([]);
  });

  it("gives a price model's refusal the charge's id and the path of its price", () => {
    // 150 GB exceed the only tier's 100 GB.
    const error = thrown(() =>
      rateCharge(
        input("storage_plan", { usage: usage("gb", 150), meterQuantities: new Map([["gb", d(150)]]) }),
      ),
    );
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ code: "capacity_exceeded", path: "charges[6].price" });
    expect((error as Error).message).toMatch(/^Charge storage_plan: Usage \(gb 150\) exceeds/);
    // A graduated price refuses a negative quantity the same way.
    expect(thrown(() => rateCharge(input("tiers", { usage: usage("gb", -1) })))).toMatchObject({
      code: "negative_quantity",
      path: "charges[5].price",
    });
  });

  it("refuses a measured quantity of 10^15 or more at the charge's meter, saying the transform made it", () => {
    // 10^6 GB ÷ 10^-9 = 10^15: one past the largest quantity a price rates exactly.
    const error = thrown(() => rateCharge(input("divided", { usage: usage("gb", 1_000_000) })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ code: "decimal_out_of_range", path: "charges[10].meter" });
    expect((error as Error).message).toContain(
      "Charge divided would price 1000000000000000 units from meter gb after its transform, too large",
    );
    // Just below: 999,999.999999999 GB ÷ 10^-9 = 999,999,999,999,999 prices.
    const below = rateCharge(input("divided", { usage: usage("gb", "999999.999999999") }));
    expect(below.lines[0]?.amount).toBe("999999999999999.00");
    // A negative quantity as large is refused too (|q| is what is bounded).
    expect(
      thrown(() => rateCharge(input("plain", { usage: usage("gb", "-1000000000000000") }))),
    ).toMatchObject({
      code: "decimal_out_of_range",
      path: "charges[0].meter",
    });
  });

  it("says an out-of-range quantity came after the charge's included units, with no transform", () => {
    // 10^15 + 1 measured − 1 included = 10^15: one past the largest quantity a price rates exactly.
    const plain = chargeNamed("plain");
    const withIncluded = { ...plain.charge, included: d(1) };
    const error = thrown(() =>
      rateCharge({ ...input("plain", { usage: usage("gb", "1000000000000001") }), charge: withIncluded }),
    );
    expect(error).toMatchObject({ code: "decimal_out_of_range", path: "charges[0].meter" });
    expect((error as Error).message).toContain("1000000000000000 units from meter gb after its transform");
  });

  it("refuses a contract quantity of 10^15 or more at the charge's quantity", () => {
    const seats = chargeNamed("seats");
    const huge = { ...seats.charge, quantity: d("1000000000000000") };
    const error = thrown(() => rateCharge({ ...input("seats"), charge: huge }));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ path: "charges[4].quantity" });
    expect((error as Error).message).toContain("units from its contract quantity, too large");
    expect((error as Error).message).not.toContain("after its transform");
  });
});

describe("rateCharge: the stages of a line", () => {
  it("bills a contract quantity (seats) with contract_quantity and unit steps, prorated like a fee", () => {
    // 5 seats × 31 = 155 for the month; 17 of 31 days: 155 × 17 ÷ 31 = 85.00
    const { lines } = rateCharge(input("seats", { proration: DAY_17_OF_31 }));
    const line = lines[0]!;
    expect(line).toMatchObject({ id: "seats", quantity: "5", amount: "85.00" });
    expect(line.steps[0]).toEqual({ kind: "contract_quantity", quantity: "5" });
    expect(line.steps).toContainEqual({
      kind: "proration",
      basis: "day",
      elapsed: "17",
      total: "31",
      before: "155",
      amount: "85",
    });
    expect(line).not.toHaveProperty("unit");
    expect(isFee(chargeNamed("seats").charge)).toBe(true);
  });

  it("does not prorate usage priced per unit on a partial period", () => {
    // 3 GB × 2 = 6.00 whatever part of the month the line covers.
    const line = rateCharge(input("plain", { usage: usage("gb", 3), proration: DAY_17_OF_31 })).lines[0]!;
    expect(line.amount).toBe("6.00");
    expect(line.steps.map((step) => step.kind)).toEqual(["usage", "unit", "rounding"]);
    expect(line.unit).toBe("GB");
    expect(isFee(chargeNamed("plain").charge)).toBe(false);
  });

  it("prorates a fee to the time after a trial, with a trial step before the proration", () => {
    // Trial ends 2026-03-15: 310.00 × 17 ÷ 31 = 170.00
    const trialEnd = Date.UTC(2026, 2, 15);
    const line = rateCharge(input("platform", { proration: DAY_17_OF_31, trialEnd })).lines[0]!;
    expect(line.amount).toBe("170.00");
    expect(line.steps.map((step) => step.kind)).toEqual(["flat", "trial", "proration", "rounding"]);
    expect(line.steps[1]).toEqual({ kind: "trial", ends: "2026-03-15T00:00:00.000Z" });
    // A flat fee rates no quantity: no unit, quantity 1.
    expect(line).not.toHaveProperty("unit");
    expect(line.quantity).toBe("1");
    expect(isFee(chargeNamed("platform").charge)).toBe(true);
  });

  it("prorates even a usage price once a trial covers part of the line", () => {
    // 3 GB × 2 = 6; after a trial ending on the 15th: 6 × 17 ÷ 31 = 3.2903… → 3.29
    const line = rateCharge(
      input("plain", { usage: usage("gb", 3), proration: DAY_17_OF_31, trialEnd: Date.UTC(2026, 2, 15) }),
    ).lines[0]!;
    expect(line.amount).toBe("3.29");
  });

  it("credits the unused time of a fee billed in advance as the negated amount for the period", () => {
    // 310.00 × 17 ÷ 31 = 170.00, credited: −170.00
    const period = { start: Date.UTC(2026, 2, 15), end: Date.UTC(2026, 3, 1) };
    const line = rateCharge(input("platform", { period, proration: DAY_17_OF_31, unused: true })).lines[0]!;
    expect(line.amount).toBe("-170.00");
    expect(line.steps).toContainEqual({
      kind: "unused_time",
      from: "2026-03-15T00:00:00.000Z",
      to: "2026-04-01T00:00:00.000Z",
      before: "170",
      amount: "-170",
    });
    expect(line.period).toEqual({ start: "2026-03-15T00:00:00.000Z", end: "2026-04-01T00:00:00.000Z" });
  });

  it("marks a fee billed in advance, and no other", () => {
    expect(rateCharge(input("platform", { billed: "in_advance" })).lines[0]).toMatchObject({
      billed: "in_advance",
      amount: "310.00",
    });
    expect(rateCharge(input("platform")).lines[0]).not.toHaveProperty("billed");
  });

  it("takes the pool's draw off the billable quantity with an allowance step", () => {
    // 30 GB, 12 drawn of 25 available: 18 × 2 = 36.00
    const draw: AllowanceDraw = { pool: "free", available: d(25), drawn: d(12) };
    const seen: string[] = [];
    const allowance = (lineId: string) => {
      seen.push(lineId);
      return draw;
    };
    const line = rateCharge(input("plain", { usage: usage("gb", 30), allowance })).lines[0]!;
    expect(seen).toEqual(["plain"]);
    expect(line).toMatchObject({ quantity: "18", amount: "36.00" });
    expect(line.steps[1]).toEqual({
      kind: "allowance",
      pool: "free",
      available: "25",
      drawn: "12",
      quantity: "18",
    });
  });

  it("lets a negative billable quantity draw nothing and refuses any other draw as a bug", () => {
    const none = rateCharge(
      input("plain", {
        usage: usage("gb", -3),
        allowance: () => ({ pool: "p", available: d(5), drawn: d(0) }),
      }),
    ).lines[0]!;
    expect(none.quantity).toBe("-3");
    const tooMuch = thrown(() =>
      rateCharge(
        input("plain", {
          usage: usage("gb", 3),
          allowance: () => ({ pool: "p", available: d(5), drawn: d(4) }),
        }),
      ),
    );
    expect(tooMuch).toBeInstanceOf(InvariantError);
    expect((tooMuch as Error).message).toBe("Line plain was planned to draw 4 from allowance p but bills 3.");
    const fromNegative = thrown(() =>
      rateCharge(
        input("plain", {
          usage: usage("gb", -3),
          allowance: () => ({ pool: "p", available: d(5), drawn: d(1) }),
        }),
      ),
    );
    expect(fromNegative).toBeInstanceOf(InvariantError);
    const negativeDraw = thrown(() =>
      rateCharge(
        input("plain", {
          usage: usage("gb", 3),
          allowance: () => ({ pool: "p", available: d(5), drawn: d(-1) }),
        }),
      ),
    );
    expect(negativeDraw).toBeInstanceOf(InvariantError);
    // Drawing exactly the billable quantity is allowed: 3 − 3 = 0 → 0.00.
    const all = rateCharge(
      input("plain", {
        usage: usage("gb", 3),
        allowance: () => ({ pool: "p", available: d(5), drawn: d(3) }),
      }),
    ).lines[0]!;
    expect(all.amount).toBe("0.00");
  });

  it("writes the meter's record of how it computed the quantity into the usage step", () => {
    const percentile: Computation = {
      kind: "percentile",
      size: "PT5M",
      inner: "sum",
      rank: "95",
      samples: 8640,
      discarded: 432,
      discardRounding: "down",
      perSecond: false,
      direction: { combine: "max", billed: "in" },
    };
    const measured = { ...usage("gb", 4), computation: percentile };
    const line = rateCharge(input("plain", { usage: measured })).lines[0]!;
    expect(line.steps[0]).toEqual({
      kind: "usage",
      meter: "gb",
      aggregation: "sum",
      events: 1,
      quantity: "4",
      unit: "GB",
      computation: percentile,
    });
    // Without a direction the key is left out, not written as undefined.
    const { direction: _direction, ...plain } = percentile;
    const without = rateCharge(input("plain", { usage: { ...usage("gb", 4), computation: plain } }))
      .lines[0]!;
    expect(Object.keys((without.steps[0] as { computation: object }).computation)).not.toContain("direction");
    const entities: Computation = {
      kind: "entities",
      entities: 3,
      divideBy: null,
      round: "none",
      cap: null,
      capped: 0,
    };
    const counted = rateCharge(input("plain", { usage: { ...usage("gb", 3), computation: entities } }))
      .lines[0]!;
    expect(counted.steps[0]).toMatchObject({ computation: entities });
  });
});

describe("rateCharge: the stages mutation testing found unchecked", () => {
  it("writes no unit into an unpriced refusal for a meter without one", () => {
    // "calls" has no unit: "(4 from 4 events)", not "(4 undefined from 4 events)".
    const error = thrown(() =>
      rateCharge(input("strict_calls", { usage: usage("calls", 4, 4), groups: [region("eu", 4, 4)] })),
    );
    expect((error as Error).message).toContain('in region="eu" (4 from 4 events) but no cell');
  });

  it("transforms a contract quantity and shows the billable_quantity step", () => {
    // 2,500 ÷ 1,000 = 2.5 → up 3; 3 × 7 = 21.00
    const line = rateCharge(input("seats_by_thousand")).lines[0]!;
    expect(line).toMatchObject({ quantity: "3", amount: "21.00" });
    expect(line.steps.slice(0, 2)).toEqual([
      { kind: "contract_quantity", quantity: "2500" },
      {
        kind: "billable_quantity",
        measured: "2500",
        divideBy: "1000",
        included: null,
        round: "up",
        billable: "3",
      },
    ]);
  });

  it("refuses a percentage whose usage comes without the transactions' values", () => {
    // A total of 125 cannot be split into the transactions the fixed fee applies to.
    const error = thrown(() => rateCharge(input("card_fees", { usage: usage("gb", 125) })));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ path: "charges[9].price" });
    expect((error as Error).message).toMatch(/^Charge card_fees: /);
  });

  // A price model knows nothing of the contract: only its own refusals (a RatecardError without a
  // path) get the charge's id and the price's path. Anything else passes through as it was thrown.
  describe("which errors of a price model are given the charge's path", () => {
    const throwing = (error: unknown): ReadonlyMap<string, Decimal> =>
      ({
        get: () => {
          throw error;
        },
      }) as unknown as ReadonlyMap<string, Decimal>;
    const rateWith = (error: unknown) =>
      thrown(() =>
        rateCharge({ ...input("storage_plan", { usage: usage("gb", 1) }), meterQuantities: throwing(error) }),
      );

    it("passes an error that already has a path through unchanged", () => {
      const located = UsageError.from({ code: "invalid_field", message: "Event 3 is odd." }, "events[3]");
      expect(rateWith(located)).toBe(located);
    });

    it("passes a bug (InvariantError) and an error that is no RatecardError through unchanged", () => {
      const bug = new InvariantError("a bug");
      expect(rateWith(bug)).toBe(bug);
      const plain = new TypeError("not ours");
      expect(rateWith(plain)).toBe(plain);
    });

    it("keeps the details of a model's refusal on the contract error", () => {
      const refusal = UsageError.from({ code: "capacity_exceeded", message: "Too much." }, "", {
        meter: "gb",
      });
      const error = thrown(() =>
        rateCharge({
          ...input("storage_plan", { usage: usage("gb", 1) }),
          meterQuantities: throwing(refusal),
        }),
      );
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({
        code: "capacity_exceeded",
        path: "charges[6].price",
        message: "Charge storage_plan: Too much.",
        details: { meter: "gb" },
      });
    });
  });

  it("copies the meter's record into the step, so the invoice shares no object with the usage", () => {
    const direction = { combine: "max", billed: "in" };
    const percentile: Computation = {
      kind: "percentile",
      size: "PT5M",
      inner: "sum",
      rank: "95",
      samples: 20,
      discarded: 1,
      discardRounding: "down",
      perSecond: false,
      direction,
    };
    const line = rateCharge(input("plain", { usage: { ...usage("gb", 4), computation: percentile } }))
      .lines[0]!;
    const written = (line.steps[0] as { computation: { direction: object } }).computation;
    expect(written).toEqual(percentile);
    expect(written).not.toBe(percentile);
    expect(written.direction).not.toBe(direction);
  });
});
