import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ContractInput } from "../../src/contracts/index.js";
import { type InvoiceLine, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract } from "../_support/contract.js";

const REGIONS = ["apac", "eu", "na"] as const;
type Region = (typeof REGIONS)[number];

// A cell price: unit, or two graduated tiers (money is linear in the prices either way).
const priceArb = fc.oneof(
  fc
    .integer({ min: 0, max: 20_000 })
    .map((n) => ({ model: "unit" as const, unitPrice: (n / 10_000).toFixed(4) })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 5_000 }),
      fc.integer({ min: 0, max: 2_000 }),
      fc.integer({ min: 0, max: 2_000 }),
    )
    .map(([upTo, first, rest]) => ({
      model: "graduated" as const,
      tiers: [
        { upTo: String(upTo), unitPrice: (first / 10_000).toFixed(4) },
        { unitPrice: (rest / 10_000).toFixed(4) },
      ],
    })),
);
type CellPrice = typeof priceArb extends fc.Arbitrary<infer T> ? T : never;
const gbArb = fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toFixed(2));

function contractOf(cells: ReadonlyArray<CellPrice>, overrides: ContractInput["overrides"]) {
  return buildContract({
    meters: [{ id: "bw", eventType: "bw", aggregation: "sum", valueProperty: "gb" }],
    charges: [
      {
        id: "bandwidth",
        name: "Bandwidth",
        meter: "bw",
        price: {
          model: "matrix",
          dimensions: ["region"],
          cells: REGIONS.map((region, i) => ({ match: { region }, price: cells[i]! })),
        },
      },
    ],
    overrides,
  });
}
const usageOf = (gbs: ReadonlyArray<string>) =>
  gbs.map((gb, i) => ({
    id: `e${i}`,
    type: "bw",
    customer: "cus",
    timestamp: "2026-03-10T00:00:00Z",
    properties: { region: REGIONS[i]!, gb },
  }));
const exactOf = (line: InvoiceLine) =>
  new Decimal(line.steps.find((step) => step.kind === "rounding")!.before);
const withoutOverrideSteps = (line: InvoiceLine) => line.steps.filter((step) => step.kind !== "override");

describe("overrides by dimension laws", () => {
  it("a multiplier on one group scales exactly that line's unrounded amount; other lines are unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(priceArb, { minLength: 3, maxLength: 3 }),
        fc.array(gbArb, { minLength: 3, maxLength: 3 }),
        fc.constantFrom<Region>(...REGIONS),
        fc.integer({ min: 0, max: 300 }).map((n) => (n / 100).toFixed(2)),
        (cells, gbs, target, multiplier) => {
          const plain = rateInvoice(contractOf(cells, undefined), usageOf(gbs), "2026-03").lines;
          const overridden = rateInvoice(
            contractOf(cells, [{ id: "o", charge: "bandwidth", where: { region: target }, multiplier }]),
            usageOf(gbs),
            "2026-03",
          ).lines;
          expect(overridden.map((line) => line.id)).toEqual(plain.map((line) => line.id));
          overridden.forEach((line, i) => {
            const before = plain[i]!;
            if (line.group?.region !== target) {
              expect(line).toEqual(before);
              return;
            }
            expect(exactOf(line).equals(exactOf(before).times(multiplier))).toBe(true);
            expect(line.steps.filter((step) => step.kind === "override")).toEqual([
              {
                kind: "override",
                override: "o",
                where: { region: target },
                multiplier: new Decimal(multiplier).toFixed(),
              },
            ]);
          });
        },
      ),
    );
  });

  it("replacing one group's price rates that line as if its cell had that price", () => {
    fc.assert(
      fc.property(
        fc.array(priceArb, { minLength: 3, maxLength: 3 }),
        fc.array(gbArb, { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        priceArb,
        (cells, gbs, at, replacement) => {
          const target = REGIONS[at]!;
          const overridden = rateInvoice(
            contractOf(cells, [
              { id: "o", charge: "bandwidth", where: { region: target }, price: replacement },
            ]),
            usageOf(gbs),
            "2026-03",
          ).lines;
          const rewritten = rateInvoice(
            contractOf(
              cells.map((cell, i) => (i === at ? replacement : cell)),
              undefined,
            ),
            usageOf(gbs),
            "2026-03",
          ).lines;
          expect(overridden.map((line) => ({ ...line, steps: withoutOverrideSteps(line) }))).toEqual(
            rewritten,
          );
        },
      ),
    );
  });
});
