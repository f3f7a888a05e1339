import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { canonicalDecimalText } from "../_arbitraries/money.js";
import { buildContractJson } from "../_support/contract.js";

// Laws of docs/decisions/numeric-bounds.md: within the bounds, every amount is the exact value,
// checked against integer arithmetic (BigInt) that never rounds.

/** A decimal as units × 10^-scale. */
interface Scaled {
  readonly units: bigint;
  readonly scale: number;
}

const text = (value: Scaled) => canonicalDecimalText(value.units, value.scale);

/** numerator ÷ denominator (both positive) rounded half-even to `decimals` places, as units × 10^-decimals. */
function roundHalfEven(numerator: bigint, denominator: bigint, decimals: number): bigint {
  const scaled = numerator * 10n ** BigInt(decimals);
  const floor = scaled / denominator;
  const twice = 2n * (scaled % denominator);
  if (twice > denominator || (twice === denominator && floor % 2n === 1n)) return floor + 1n;
  return floor;
}

// Up to 24 significant digits each: a quantity below 10^15 with 9 decimals, a unit price below 10^9
// with 15 decimals, a money amount below 10^15 with 12 decimals (the largest each kind allows).
const scaledArb = (maxDigits: number, maxScale: number) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** BigInt(maxDigits) - 1n }), fc.integer({ min: 0, max: maxScale }))
    .filter(([units, scale]) => units < 10n ** BigInt(15 + scale))
    .map(([units, scale]): Scaled => ({ units, scale }));
const quantityArb = scaledArb(24, 9);
const unitPriceArb = scaledArb(24, 15).filter((price) => price.units < 10n ** BigInt(9 + price.scale));
const amountArb = scaledArb(27, 12);

function contract(charges: ContractInput["charges"], start = "2026-01-01"): ContractInput {
  return buildContractJson({ id: "ctr_exact", term: { start }, meters: [], charges });
}

const seats = (quantity: Scaled, unitPrice: Scaled) =>
  contract([
    {
      id: "seats",
      name: "Seats",
      quantity: text(quantity),
      price: { model: "unit", unitPrice: text(unitPrice) },
    },
  ]);

describe("numeric bounds keep every amount exact", () => {
  it("prices the largest quantity at the largest unit price exactly (up to 48 digits)", () => {
    fc.assert(
      fc.property(quantityArb, unitPriceArb, (quantity, unitPrice) => {
        const line = rateInvoice(parseContract(seats(quantity, unitPrice)), [], "2026-02").lines[0]!;
        const exact = { units: quantity.units * unitPrice.units, scale: quantity.scale + unitPrice.scale };
        const rounding = line.steps.find((step) => step.kind === "rounding");
        expect(rounding).toMatchObject({ before: text(exact) });
        expect(line.amount).toBe(asCents(roundHalfEven(exact.units, 10n ** BigInt(exact.scale), 2)));
      }),
    );
  });

  it("prorates quantity × unit price × elapsed ÷ total to the right cent, whatever the digits", () => {
    // The term starts at an instant inside February 2026 (UTC): the line covers [start, March 1).
    const february = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
    fc.assert(
      fc.property(
        quantityArb,
        unitPriceArb,
        fc.integer({ min: february.start + 1, max: february.end - 1 }),
        (quantity, unitPrice, start) => {
          const input = seats(quantity, unitPrice);
          const invoice = rateInvoice(
            parseContract({ ...input, term: { start: new Date(start).toISOString() } }),
            [],
            "2026-02",
          );
          // q × p × elapsed ms ÷ total ms, rounded once, half-even, to cents
          const numerator = quantity.units * unitPrice.units * BigInt(february.end - start);
          const denominator =
            10n ** BigInt(quantity.scale + unitPrice.scale) * BigInt(february.end - february.start);
          const cents = roundHalfEven(numerator, denominator, 2);
          expect(invoice.lines[0]!.amount).toBe(asCents(cents));
        },
      ),
    );
  });

  it("adds the largest fees to the cent: 10^15 − 0.000000000001 and 0.01 stay apart", () => {
    fc.assert(
      fc.property(amountArb, amountArb, (a, b) => {
        const invoice = rateInvoice(
          parseContract(
            contract([
              { id: "a", name: "A", price: { model: "flat", amount: text(a) } },
              { id: "b", name: "B", price: { model: "flat", amount: text(b) } },
            ]),
          ),
          [],
          "2026-02",
        );
        const cents = [a, b].map((fee) => roundHalfEven(fee.units, 10n ** BigInt(fee.scale), 2));
        expect(invoice.lines.map((line) => line.amount)).toEqual(cents.map(asCents));
        expect(invoice.total).toBe(asCents(cents[0]! + cents[1]!));
      }),
    );
  });
});

/** Whole cents as the invoice writes them: "1234.50", "0.07". */
function asCents(cents: bigint): string {
  const digits = cents.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
