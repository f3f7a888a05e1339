import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge } from "../_support/contract.js";

// A grant before tax draws only against what the invoice is above zero. A credit charge's line (an SLA
// credit, a refund) is negative and never drawn on, but it lowers the invoice: until 7 December 2026 a
// promotional grant burned against the positive lines alone, so on an invoice whose subtotal was
// already below zero it was used up and paid out as money owed to the customer.
const VAT = { mode: "exclusive" as const, rates: [{ id: "vat", name: "VAT", percent: "20" }] };
const contract = (sla: string, promo = "80") =>
  buildContract({
    meters: [],
    charges: [
      flatCharge("platform", "Platform", "100"),
      flatCharge("sla", "SLA credit", sla, { credit: true }),
    ],
    credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: promo }],
    tax: VAT,
  });
const promoOf = (invoice: ReturnType<typeof rateInvoice>) => invoice.credits?.find((c) => c.id === "promo");

describe("a promotional credit before tax on an invoice at or below zero", () => {
  it("draws nothing when the subtotal is already negative, and keeps its balance", () => {
    const invoice = rateInvoice(contract("-150"), [], "2026-01");
    // Platform 100.00, SLA credit −150.00: subtotal −50.00, nothing above zero to draw on.
    expect(invoice.subtotal).toBe("-50.00");
    expect(promoOf(invoice)).toMatchObject({ applied: "0.00", balanceAfter: "80.00" });
    // Tax 20 % of (100.00 − 150.00) = −10.00; total −50.00 − 10.00 = −60.00. Before: the grant took
    // 80.00 off the platform line, 20.00 − 150.00 = −130.00, tax −26.00, total −156.00, balance 0.00.
    expect(invoice.total).toBe("-60.00");
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([
      ["platform", "100.00"],
      ["sla", "-150.00"],
    ]);
  });

  it("draws only what the invoice is above zero", () => {
    const invoice = rateInvoice(contract("-30"), [], "2026-01");
    // 100.00 − 30.00 = 70.00 above zero: the grant draws 70.00 of its 80.00 (before: all 80.00, the
    // invoice −10.00), keeps 10.00; tax 20 % of (30.00 − 30.00) = 0.00; total 0.00.
    expect(promoOf(invoice)).toMatchObject({ applied: "-70.00", balanceAfter: "10.00" });
    expect(invoice.total).toBe("0.00");
    // An invoice the credit charge leaves well above zero is drawn as before: 100.00 − 10.00 = 90.00,
    // the grant's 80.00 all drawn from the platform line, 10.00 − 10.00 = 0.00.
    expect(promoOf(rateInvoice(contract("-10"), [], "2026-01"))).toMatchObject({
      applied: "-80.00",
      balanceAfter: "0.00",
    });
  });

  it("never takes the invoice below zero, nor below where the credit charge alone put it", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 30_000 }),
        (slaCents, promoCents) => {
          const money = (cents: number) => (cents / 100).toFixed(2);
          const invoice = rateInvoice(contract(`-${money(slaCents)}`, money(promoCents)), [], "2026-01");
          // The subtotal before the grant: 100.00 − sla; the grant draws min(promo, max(0, that)).
          const before = 10_000 - slaCents;
          const drawn = Math.min(promoCents, Math.max(0, before));
          expect(promoOf(invoice)?.applied).toBe(money(-drawn));
          const net = invoice.lines.reduce(
            (sum, line) => sum + Math.round(Number(line.net ?? line.amount) * 100),
            0,
          );
          expect(net).toBe(before - drawn);
        },
      ),
    );
  });
});

// A grant's id may be any of the contract's id characters, "constructor" and "toString" included. Its
// balance was looked up in a plain object, whose prototype answers those names with a function: until 8
// December 2026 the grant was refused as "carried balance … not "function Object() { [native code] }""
// (invalid_field), or, recurring, failed with an untyped DecimalError.
describe("a grant named as a property every object has", () => {
  const named = (id: string, recurring: boolean) =>
    buildContract({
      meters: [],
      charges: [flatCharge("platform", "Platform", "100")],
      credits: [
        { id, name: "Promo", kind: "promotional", amount: "30", ...(recurring ? { recurring } : {}) },
      ],
    });

  it("burns as any grant, with or without a carried balance", () => {
    for (const id of ["constructor", "toString", "hasOwnProperty"])
      for (const recurring of [false, true]) {
        const invoice = rateInvoice(named(id, recurring), [], "2026-01");
        // 100.00 − 30.00 = 70.00, the grant used up
        expect(invoice.total).toBe("70.00");
        expect(invoice.credits).toMatchObject([{ id, applied: "-30.00", balanceAfter: "0.00" }]);
      }
    // 12.00 carried: 100.00 − 12.00 = 88.00
    const carried = rateInvoice(named("constructor", false), [], "2026-01", {
      creditBalances: { constructor: "12.00" },
    });
    expect([carried.total, carried.credits?.[0]?.balanceAfter]).toEqual(["88.00", "0.00"]);
  });
});
