import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { Exact, roundedAs } from "../_laws/lineLaws.js";
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

// Capped by the net before tax alone, a grant before tax could still take the total after tax below
// zero where the lines it draws on are taxed at another rate than the negative line (found by fuzzing
// on 7 December 2026, fixed 8 December): the grant draws the most, in whole cents, that keeps the total
// after tax at or above zero, and nothing against a total after tax already at or below zero.
describe("a grant before tax against lines taxed at other rates", () => {
  const taxedAt = (
    sla: string,
    promo: string,
    rates: ReadonlyArray<{ id: string; percent: string; charges?: string[] }>,
    fees = [["platform", "100"]],
  ) =>
    buildContract({
      meters: [],
      charges: [
        ...fees.map(([id, amount]) => flatCharge(id!, id!, amount!)),
        flatCharge("sla", "SLA credit", sla, { credit: true }),
      ],
      credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: promo }],
      tax: { mode: "exclusive" as const, rates: rates.map((rate) => ({ name: rate.id, ...rate })) },
    });
  const slaTaxedOnly = [{ id: "vat", percent: "20", charges: ["sla"] }];

  it("stops where the total after tax reaches zero (docs/contracts.md, step 8)", () => {
    const invoice = rateInvoice(taxedAt("-50", "80", slaTaxedOnly), [], "2026-01");
    // Without the grant: nets 100.00 − 50.00 = 50.00; tax only on the SLA line, 20 % of −50.00 = −10.00;
    // total 40.00. A draw of c from the untaxed platform line leaves 40.00 − c: it draws 40.00 of its
    // 80.00 (capped by the net, 50.00, it drew 50.00 and the total was −10.00).
    expect(promoOf(invoice)).toMatchObject({ applied: "-40.00", balanceAfter: "40.00" });
    expect([invoice.tax?.total, invoice.total]).toEqual(["-10.00", "0.00"]);
  });

  it("draws nothing when the tax alone takes the total to zero or below", () => {
    const invoice = rateInvoice(taxedAt("-90", "80", slaTaxedOnly), [], "2026-01");
    // Nets 100.00 − 90.00 = 10.00 above zero, but the tax is 20 % of −90.00 = −18.00: total −8.00.
    expect(promoOf(invoice)).toMatchObject({ applied: "0.00", balanceAfter: "80.00" });
    expect(invoice.total).toBe("-8.00");
  });

  it("stops a cent short where rounding each line's tax would take a zero net below zero", () => {
    const invoice = rateInvoice(
      taxedAt(
        "-0.50",
        "50",
        [{ id: "vat", percent: "10" }],
        [
          ["a", "10.25"],
          ["b", "10.25"],
        ],
      ),
      [],
      "2026-01",
    );
    // One rate on every line, rounded per line, half to even. Drawn to a net of zero (20.00, half from each
    // fee) the nets are 0.25, 0.25 and −0.50: taxes 0.025 → 0.02, 0.02 and −0.05, total −0.01. A draw of
    // 19.99 leaves 0.25 and 0.26 (or 0.26 and 0.25): taxes 0.02 + 0.03 − 0.05 = 0.00, total 0.01.
    expect(promoOf(invoice)).toMatchObject({ applied: "-19.99", balanceAfter: "30.01" });
    expect(invoice.total).toBe("0.01");
  });

  it("draws the most, in cents, that leaves the total at or above zero (one fee, two rates)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (feeCents, slaCents, promoCents, feePercent, slaPercent) => {
          const money = (cents: number) => (cents / 100).toFixed(2);
          const rates = [
            { id: "fee_tax", percent: String(feePercent), charges: ["platform"] },
            { id: "sla_tax", percent: String(slaPercent), charges: ["sla"] },
          ];
          const contract = taxedAt(`-${money(slaCents)}`, money(promoCents), rates, [
            ["platform", money(feeCents)],
          ]);
          const invoice = rateInvoice(contract, [], "2026-01");
          // By hand, in cents: each line's tax rounded half to even; the total after a draw of c is
          // (fee − c) − sla + tax(fee − c) + tax(−sla). The grant draws the largest c up to its amount and
          // the net above zero whose total is at or above zero; nothing when the total before it is not.
          const taxCents = (cents: number, percent: number) =>
            Number(roundedAs(new Exact(cents * percent).div(100).toFixed(), 0, "half_even"));
          const totalAfter = (c: number) =>
            feeCents - c - slaCents + taxCents(feeCents - c, feePercent) + taxCents(-slaCents, slaPercent);
          let drawn = totalAfter(0) > 0 ? Math.min(promoCents, Math.max(0, feeCents - slaCents)) : 0;
          while (drawn > 0 && totalAfter(drawn) < 0) drawn -= 1;
          expect(promoOf(invoice)?.applied).toBe(money(-drawn));
          expect(invoice.total).toBe(money(totalAfter(drawn)));
        },
      ),
    );
  });
});
