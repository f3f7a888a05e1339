import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract } from "../../src/contracts/index.js";
import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContractJson, sumMeter, unitCharge } from "../_support/contract.js";
import { withoutDigests } from "../_support/withoutDigests.js";

const CHARGES = ["egress", "cdn", "storage"] as const;
type ChargeId = (typeof CHARGES)[number];

// Three unit-priced charges in GB: egress grouped by region, cdn and storage plain.
function contractJson(prices: Record<ChargeId, string>, pool?: { quantity: string; charges: string[] }) {
  return buildContractJson({
    meters: CHARGES.map((id) => sumMeter(id, { valueProperty: "gb", unit: "GB" })),
    charges: [
      {
        id: "egress",
        name: "Egress",
        meter: "egress",
        price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: prices.egress } },
      },
      unitCharge("cdn", "CDN", "cdn", prices.cdn),
      unitCharge("storage", "Storage", "storage", prices.storage),
    ],
    allowances: pool && [{ id: "pool", name: "Pool", ...pool }],
  });
}

const priceArb = fc.integer({ min: 0, max: 100_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const pricesArb = fc.record({ egress: priceArb, cdn: priceArb, storage: priceArb });
const quantityArb = fc.integer({ min: 0, max: 2_000_000 }).map((n) => new Decimal(n).div(100).toFixed());
const eventsArb = fc
  .array(
    fc.record({
      type: fc.constantFrom(...CHARGES),
      region: fc.constantFrom("eu", "na", "apac"),
      gb: quantityArb,
      day: fc.integer({ min: 1, max: 31 }),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map((row, index) => ({
      id: `e${index}`,
      type: row.type,
      customer: "cus",
      timestamp: `2026-03-${String(row.day).padStart(2, "0")}T12:00:00Z`,
      properties: row.type === "egress" ? { gb: row.gb, region: row.region } : { gb: row.gb },
    })),
  );
const shuffledEventsArb = eventsArb.chain((events) =>
  fc.tuple(
    fc.constant(events),
    fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
  ),
);
const poolChargesArb = fc.shuffledSubarray([...CHARGES], { minLength: 1 });
const poolArb = fc.record({ quantity: quantityArb, charges: poolChargesArb });

const rate = (json: ContractInput, events: unknown[]) => rateInvoice(parseContract(json), events, "2026-03");
const allowanceStep = (line: Invoice["lines"][number]) => {
  const step = line.steps.find((candidate) => candidate.kind === "allowance");
  return step?.kind === "allowance" ? step : undefined;
};
const exact = (line: Invoice["lines"][number]) => {
  const rounding = line.steps.at(-1);
  return new Decimal(rounding?.kind === "rounding" ? rounding.before : Number.NaN);
};

describe("allowance pool laws", () => {
  it("draws at most the pool, at most each line's billable quantity, greedily in the documented order", () => {
    fc.assert(
      fc.property(pricesArb, poolArb, eventsArb, (prices, pool, events) => {
        const pooled = rate(contractJson(prices, pool), events);
        const plain = rate(contractJson(prices), events);
        const [applied] = pooled.allowances ?? [];
        expect(applied).toBeDefined();
        const total = applied!.drawn.reduce((sum, entry) => sum.plus(entry.quantity), new Decimal(0));
        expect(total.lessThanOrEqualTo(pool.quantity)).toBe(true);
        expect(new Decimal(pool.quantity).minus(total).equals(applied!.remaining)).toBe(true);
        // The documented order: the pool's charges in its order, each charge's lines by id.
        const order = pool.charges.flatMap((charge) =>
          pooled.lines
            .filter((line) => line.chargeId === charge)
            .map((line) => line.id)
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        );
        let left = new Decimal(pool.quantity);
        for (const id of order) {
          const line = pooled.lines.find((candidate) => candidate.id === id)!;
          const billable = new Decimal(plain.lines.find((candidate) => candidate.id === id)!.quantity);
          const step = allowanceStep(line)!;
          expect(new Decimal(step.available).equals(left)).toBe(true);
          expect(new Decimal(step.drawn).lessThanOrEqualTo(billable)).toBe(true);
          // greedy: a line takes all it can
          expect(new Decimal(step.drawn).equals(Decimal.min(billable, left))).toBe(true);
          expect(new Decimal(line.quantity).equals(billable.minus(step.drawn))).toBe(true);
          left = left.minus(step.drawn);
        }
        // lines of charges outside the pool are untouched
        for (const line of pooled.lines.filter(
          (candidate) => !pool.charges.includes(candidate.chargeId as ChargeId),
        )) {
          expect(allowanceStep(line)).toBeUndefined();
          expect(line).toEqual(plain.lines.find((candidate) => candidate.id === line.id));
        }
      }),
    );
  });

  it("does not depend on the order of the events", () => {
    fc.assert(
      fc.property(pricesArb, poolArb, shuffledEventsArb, (prices, pool, [events, shuffled]) => {
        const json = contractJson(prices, pool);
        expect(JSON.stringify(rate(json, shuffled))).toBe(JSON.stringify(rate(json, events)));
      }),
    );
  });

  it("a pool of 0 changes no number; a pool above all usage bills every pooled line at quantity 0", () => {
    fc.assert(
      fc.property(pricesArb, poolChargesArb, eventsArb, (prices, charges, events) => {
        const plain = rate(contractJson(prices), events);
        const zero = rate(contractJson(prices, { quantity: "0", charges }), events);
        const withoutPoolData = (invoice: Invoice) => {
          const { allowances: _ignored, ...rest } = invoice;
          return {
            ...rest,
            lines: invoice.lines.map((line) => ({
              ...line,
              steps: line.steps.filter((step) => step.kind !== "allowance"),
            })),
          };
        };
        expect(JSON.stringify(withoutDigests(withoutPoolData(zero)))).toBe(
          JSON.stringify(withoutDigests(plain)),
        );
        const usageTotal = plain.usage.meters.reduce(
          (sum, meter) => sum.plus(meter.quantity),
          new Decimal(0),
        );
        const huge = rate(contractJson(prices, { quantity: usageTotal.plus(1).toFixed(), charges }), events);
        for (const line of huge.lines.filter((candidate) => charges.includes(candidate.chargeId as ChargeId)))
          expect(line.quantity).toBe("0");
        // what is left is at least the 1 added above the usage
        expect(new Decimal(huge.allowances![0]!.remaining).greaterThanOrEqualTo(1)).toBe(true);
      }),
    );
  });

  it("with unit prices, saves exactly Σ drawn × unit price before rounding", () => {
    fc.assert(
      fc.property(pricesArb, poolArb, eventsArb, (prices, pool, events) => {
        const pooled = rate(contractJson(prices, pool), events);
        const plain = rate(contractJson(prices), events);
        const saving = plain.lines.reduce(
          (sum, line) => sum.plus(exact(line)).minus(exact(pooled.lines.find((p) => p.id === line.id)!)),
          new Decimal(0),
        );
        const expected = pooled.lines.reduce((sum, line) => {
          const step = allowanceStep(line);
          return step === undefined
            ? sum
            : sum.plus(new Decimal(step.drawn).times(prices[line.chargeId as ChargeId]));
        }, new Decimal(0));
        expect(saving.equals(expected)).toBe(true);
      }),
    );
  });
});
