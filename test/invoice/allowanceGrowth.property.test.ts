import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

// A transfer pool that grows with a count meter ("instances" events): each counted event adds
// `perUnit` GB to the pool's own `fixed` GB. A count keeps the expected pool easy to work out here:
// fixed + instances × perUnit, both written in tenths.
const tenths = fc.integer({ min: 0, max: 20_000 }).map((n) => (n / 10).toFixed(1));
const caseArb = fc.record({
  fixed: tenths,
  perUnit: tenths,
  instances: fc.integer({ min: 0, max: 12 }),
  used: fc.array(fc.integer({ min: 0, max: 30_000 }), { maxLength: 5 }),
});

function invoiceOf(fixed: string, perUnit: string, instances: number, used: ReadonlyArray<number>) {
  const contract = buildContract({
    meters: [
      { id: "instances", eventType: "instance", aggregation: "count" },
      { id: "gb", eventType: "gb", aggregation: "sum", valueProperty: "gb" },
    ],
    charges: [{ id: "egress", name: "Egress", meter: "gb", price: { model: "unit", unitPrice: "0.01" } }],
    allowances: [
      {
        id: "pool",
        name: "Pool",
        quantity: fixed,
        charges: ["egress"],
        growsWith: { meter: "instances", quantity: perUnit },
      },
    ],
  } as never);
  const events = [
    ...Array.from({ length: instances }, (_, i) => ({
      id: `i${i}`,
      type: "instance",
      customer: "cus",
      timestamp: "2026-03-05T00:00:00Z",
      properties: {},
    })),
    ...used.map((gb, i) => ({
      id: `g${i}`,
      type: "gb",
      customer: "cus",
      timestamp: "2026-03-10T00:00:00Z",
      properties: { gb },
    })),
  ];
  return rateInvoice(contract, events, "2026-03");
}

describe("an allowance pool that grows with a meter: laws", () => {
  it("holds its own size plus the meter's quantity × the quantity per unit, and bills only what lies above it", () => {
    fc.assert(
      fc.property(caseArb, ({ fixed, perUnit, instances, used }) => {
        const invoice = invoiceOf(fixed, perUnit, instances, used);
        const pool = new Decimal(fixed).plus(new Decimal(perUnit).times(instances));
        const total = used.reduce((sum, gb) => sum + gb, 0);
        const billable = Decimal.max(0, new Decimal(total).minus(pool));
        expect(new Decimal(invoice.allowances![0]!.quantity).eq(pool)).toBe(true);
        expect(
          new Decimal(invoice.allowances![0]!.growth!.quantity).eq(new Decimal(perUnit).times(instances)),
        ).toBe(true);
        expect(new Decimal(invoice.lines[0]!.quantity).eq(billable)).toBe(true);
        // the total is the sum of the lines, to the cent
        const lines = invoice.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
        expect(new Decimal(invoice.total).eq(lines)).toBe(true);
      }),
    );
  });

  it("never bills more when the pool grows by more per unit", () => {
    fc.assert(
      fc.property(caseArb, tenths, ({ fixed, perUnit, instances, used }, extra) => {
        const less = invoiceOf(fixed, perUnit, instances, used);
        const more = invoiceOf(fixed, new Decimal(perUnit).plus(extra).toFixed(1), instances, used);
        expect(new Decimal(more.total).lte(less.total)).toBe(true);
      }),
    );
  });
});
