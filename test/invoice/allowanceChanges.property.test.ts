import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, sumMeter, unitCharge } from "../_support/contract.js";

// A pool on one unit-priced charge, resized on up to three dates of March–April 2026.
const MARCH_1 = Date.UTC(2026, 2, 1);
const dayDate = (day: number) => new Date(MARCH_1 + day * 86_400_000).toISOString().slice(0, 10);
const sizeArb = fc.integer({ min: 0, max: 100_000 }).map((tenths) => (tenths / 10).toString());
const caseArb = fc.record({
  size: sizeArb,
  changes: fc
    .uniqueArray(fc.integer({ min: -10, max: 70 }), { minLength: 1, maxLength: 3 })
    .chain((days) =>
      fc.tuple(...days.sort((a, b) => a - b).map((day) => sizeArb.map((quantity) => ({ day, quantity })))),
    ),
  used: fc.integer({ min: 0, max: 200_000 }),
  month: fc.constantFrom("2026-03", "2026-04"),
});

function invoiceOf(
  size: string,
  changes: ReadonlyArray<{ day: number; quantity: string }>,
  used: number,
  month: string,
) {
  const contract = buildContract({
    meters: [sumMeter("gb", { eventType: "gb" })],
    charges: [unitCharge("egress", "Egress", "gb")],
    allowances: [
      {
        id: "pool",
        name: "Pool",
        quantity: size,
        charges: ["egress"],
        ...(changes.length > 0
          ? {
              changes: changes.map((change) => ({
                effective: dayDate(change.day),
                quantity: change.quantity,
              })),
            }
          : {}),
      },
    ] as never,
  });
  const events = [
    {
      id: "e",
      type: "gb",
      customer: "cus",
      timestamp: `${month}-05T00:00:00Z`,
      properties: { v: String(used) },
    },
  ];
  return rateInvoice(contract, events, month);
}

describe("resized allowance pool laws", () => {
  it("a resize to the same size changes nothing", () => {
    fc.assert(
      fc.property(caseArb, ({ size, changes, used, month }) => {
        const same = changes.map((change) => ({ ...change, quantity: size }));
        const resized = invoiceOf(size, same, used, month);
        const plain = invoiceOf(size, [], used, month);
        expect(resized.lines).toEqual(plain.lines);
        expect(resized.allowances?.[0]?.quantity).toBe(plain.allowances?.[0]?.quantity);
      }),
    );
  });

  it("never holds more than the largest size in force, nor less than the smallest", () => {
    fc.assert(
      fc.property(caseArb, ({ size, changes, used, month }) => {
        const invoice = invoiceOf(size, changes, used, month);
        const pool = invoice.allowances![0]!;
        const inForce = pool.schedule?.map((part) => new Decimal(part.quantity)) ?? [
          new Decimal(pool.quantity),
        ];
        const held = new Decimal(pool.quantity);
        expect(held.lessThanOrEqualTo(Decimal.max(...inForce))).toBe(true);
        expect(held.greaterThanOrEqualTo(Decimal.min(...inForce))).toBe(true);
        // and what it holds is the days-weighted sizes, rounded half up to one decimal (the sizes' own)
        if (pool.schedule !== undefined) {
          const weighted = pool.schedule
            .reduce((sum, part) => sum.plus(new Decimal(part.quantity).times(part.elapsed)), new Decimal(0))
            .div(pool.schedule[0]!.total);
          const decimals = Math.max(
            size.includes(".") ? 1 : 0,
            ...changes.map((c) => (c.quantity.includes(".") ? 1 : 0)),
          );
          expect(held.toString()).toBe(weighted.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toString());
        }
      }),
    );
  });
});
