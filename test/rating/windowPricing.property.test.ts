import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  Decimal,
  ONE,
  quotient,
  quotientValue,
  type RoundingMode,
  roundTo,
  ZERO,
} from "../../src/money/index.js";
import { type PriceTerms, ratePrice } from "../../src/pricing/index.js";
import { priceByWindow } from "../../src/rating/windowPricing.js";
import { decimalArb } from "../_arbitraries/money.js";
import { classicPriceArb, deepFreeze } from "../_arbitraries/prices.js";
import { buildContract, buildContractJson, type ChargeInput, type MeterInput } from "../_support/contract.js";
import { fuzzParameters } from "../_support/fuzzRuns.js";

const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 1);
const quantityArb = decimalArb({ maxScale: 3, maxUnits: 10n ** 7n, signed: false });
// 1–30 windows an hour apart, each with a quantity (0 now and then).
const windowsArb = fc
  .array(fc.oneof(quantityArb, fc.constant(ZERO)), { minLength: 1, maxLength: 30 })
  .map((quantities) => quantities.map((quantity, index) => ({ start: START + index * HOUR, quantity })));
const roundingArb = fc.constantFrom<RoundingMode>("half_even", "half_up", "up", "down");
const rate = (price: PriceTerms, quantity: Decimal) => ratePrice(price, quantity).amount;
const byWindow = (
  tiers: "each_window" | "running_total",
  rounding: "line" | "each_window",
  price: PriceTerms,
  windows: ReadonlyArray<{ start: number; quantity: Decimal }>,
  mode: RoundingMode = "half_even",
) => {
  const result = priceByWindow({
    terms: { tiers, rounding },
    price,
    windows,
    billable: (window) => ({ quantity: window.quantity }),
    rate: (windowPrice, quantity) => quotient(rate(windowPrice, quantity), ONE),
    minorUnits: 2,
    rounding: mode,
    timeZone: "UTC",
  });
  // Decimal quantities give amounts that end: the exact amount divided once is the amount itself.
  return { ...result, amount: quotientValue(result.amount) };
};

describe("window pricing (laws)", () => {
  it("each_window: the line is Σ the price of each window's own quantity, and the quantity Σ the windows", () => {
    fc.assert(
      fc.property(classicPriceArb.map(deepFreeze), windowsArb, (price, windows) => {
        const result = byWindow("each_window", "line", price, windows);
        const expected = windows.reduce((sum, window) => sum.plus(rate(price, window.quantity)), ZERO);
        expect(result.amount.equals(expected)).toBe(true);
        expect(result.quantity.equals(windows.reduce((sum, window) => sum.plus(window.quantity), ZERO))).toBe(
          true,
        );
      }),
      fuzzParameters(150),
    );
  });

  it("running_total, rounded once: the windows' amounts telescope to the price of the period's total", () => {
    fc.assert(
      fc.property(classicPriceArb.map(deepFreeze), windowsArb, (price, windows) => {
        const result = byWindow("running_total", "line", price, windows);
        expect(result.amount.equals(rate(price, result.quantity))).toBe(true);
      }),
      fuzzParameters(150),
    );
  });

  it("rounding each_window: each settlement is in minor units and they add up to the line exactly", () => {
    fc.assert(
      fc.property(
        classicPriceArb.map(deepFreeze),
        windowsArb,
        fc.constantFrom("each_window" as const, "running_total" as const),
        roundingArb,
        (price, windows, tiers, mode) => {
          const result = byWindow(tiers, "each_window", price, windows, mode);
          const amounts = result.step.priced.map((window) => new Decimal(window.amount));
          for (const amount of amounts) expect(amount.decimalPlaces()).toBeLessThanOrEqual(2);
          expect(amounts.reduce((sum, amount) => sum.plus(amount), ZERO).equals(result.amount)).toBe(true);
          expect(roundTo(result.amount, 2, mode).equals(result.amount)).toBe(true);
        },
      ),
      fuzzParameters(150),
    );
  });

  it("one window is priced as the period's total, whichever way the tiers run", () => {
    fc.assert(
      fc.property(classicPriceArb.map(deepFreeze), quantityArb, (price, quantity) => {
        const windows = [{ start: START, quantity }];
        for (const tiers of ["each_window", "running_total"] as const)
          expect(byWindow(tiers, "line", price, windows).amount.equals(rate(price, quantity))).toBe(true);
      }),
      fuzzParameters(100),
    );
  });

  it("gives the same invoice whatever the order of the events", () => {
    const meter = {
      id: "m",
      eventType: "e",
      aggregation: "sum",
      valueProperty: "v",
      window: { size: "hour", aggregation: "max" },
    } as MeterInput;
    const charge = (tiers: string): ChargeInput =>
      ({
        id: "use",
        name: "Use",
        meter: "m",
        windows: {
          tiers,
          ...(tiers === "each_window"
            ? {
                buckets: [
                  {
                    id: "peak",
                    from: "08:00",
                    until: "20:00",
                    price: { model: "unit", unitPrice: "0.3" },
                    commitment: { amount: "2", overageFactor: "1.25", trueUp: true },
                  },
                ],
              }
            : {}),
        },
        price: {
          model: "graduated",
          tiers: [{ upTo: "10", unitPrice: "0.1" }, { upTo: "20", unitPrice: "0.05" }, { unitPrice: "0.02" }],
        },
      }) as ChargeInput;
    const eventArb = fc.record({
      minute: fc.integer({ min: 0, max: 48 * 60 - 1 }),
      v: quantityArb.map((value) => value.toFixed()),
    });
    fc.assert(
      fc.property(
        fc.array(eventArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom("each_window", "running_total"),
        fc.func(fc.integer()),
        (drawn, tiers, order) => {
          const contract = buildContract(buildContractJson({ meters: [meter], charges: [charge(tiers)] }));
          const events = drawn.map((entry, index) => ({
            id: `e${index}`,
            type: "e",
            customer: "cus",
            timestamp: new Date(START + entry.minute * 60_000).toISOString(),
            properties: { v: entry.v },
          }));
          const shuffled = [...events].sort((a, b) => order(a.id) - order(b.id));
          expect(JSON.stringify(rateInvoice(contract, shuffled, "2026-03"))).toBe(
            JSON.stringify(rateInvoice(contract, events, "2026-03")),
          );
        },
      ),
      fuzzParameters(40),
    );
  });
});
