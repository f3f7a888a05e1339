import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CreditGrantTerms } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { burnOrder, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  COMPUTE_AND_STORAGE,
  type ContractOverrides,
  computeAndStorageUsage,
} from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// These tests rate grants that started before the invoice's period as if no earlier invoice had
// burned them: they say so (creditsStartFull), as a caller must.
const FRESH = { creditsStartFull: true } as const;

const contractWith = (extra: ContractOverrides) =>
  buildContract({ id: "ctr_credits" }, COMPUTE_AND_STORAGE, extra);
const usage = computeAndStorageUsage;
const vat20 = { mode: "exclusive" as const, rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] };

describe("credit grants", () => {
  it("spends a promotional credit before tax, spread over the lines", () => {
    const contract = contractWith({
      credits: [{ id: "sla", name: "SLA credit", kind: "promotional", amount: "200" }],
    });
    const invoice = rateInvoice(contract, usage("300", "100"), "2026-03", FRESH);
    // 400 of lines; 200 credited 300:100 → 150 and 50; total 200
    expect(invoice.credits).toEqual([
      {
        id: "sla",
        name: "SLA credit",
        stage: "before_tax",
        balanceBefore: "200.00",
        applied: "-200.00",
        balanceAfter: "0.00",
        allocation: [
          { line: "compute", amount: "-150.00" },
          { line: "storage", amount: "-50.00" },
        ],
      },
    ]);
    expect(invoice.total).toBe("200.00");
  });

  it("reduces the taxed amount with a credit taxed at purchase, but pays after tax with one taxed at use", () => {
    const before = contractWith({
      tax: vat20,
      credits: [{ id: "p", name: "Prepaid", kind: "prepaid", taxed: "at_purchase", amount: "50" }],
    });
    // lines 60 + 40 = 100; credit 50 → nets 30 + 20 = 50; VAT 20 % of 50 = 10; total 60
    const a = rateInvoice(before, usage("60", "40"), "2026-03", FRESH);
    expect([a.tax?.total, a.total, a.amountDue]).toEqual(["10.00", "60.00", undefined]);
    const after = contractWith({
      tax: vat20,
      credits: [{ id: "w", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "50" }],
    });
    // nets 100; VAT 20; total 120; the wallet pays 50: amount due 70
    const b = rateInvoice(after, usage("60", "40"), "2026-03", FRESH);
    expect([b.tax?.total, b.total, b.amountDue]).toEqual(["20.00", "120.00", "70.00"]);
    expect(explainText(b)).toContain("Wallet (after tax): -$50.00 of a $50.00 balance; nothing left.");
    expect(explainText(b)).toContain("Amount due $70.00.");
  });

  it("carries a balance to the next invoice as explicit input", () => {
    const contract = contractWith({
      credits: [{ id: "w", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "1000" }],
    });
    const march = rateInvoice(contract, usage("300", "100"), "2026-03", FRESH);
    // 400 due, all paid: 600 left
    expect(march.credits?.[0]).toMatchObject({ applied: "-400.00", balanceAfter: "600.00" });
    expect(march.amountDue).toBe("0.00");
    const april = rateInvoice(
      contract,
      [{ id: "3", type: "a", customer: "cus", timestamp: "2026-04-02T00:00:00Z", properties: { v: "700" } }],
      "2026-04",
      { creditBalances: { w: march.credits![0]!.balanceAfter } },
    );
    // 700 due, 600 left: 100 due; the wallet is empty
    expect(april.credits?.[0]).toMatchObject({
      balanceBefore: "600.00",
      applied: "-600.00",
      balanceAfter: "0.00",
    });
    expect(april.amountDue).toBe("100.00");
  });

  it("grants a recurring credit afresh each period on its charges only, without rolling over (Supabase's compute credit)", () => {
    const contract = contractWith({
      credits: [
        {
          id: "compute10",
          name: "Compute credit",
          kind: "promotional",
          amount: "10",
          charges: ["compute"],
          recurring: true,
        },
      ],
    });
    const march = rateInvoice(contract, usage("4", "20"), "2026-03", FRESH);
    // compute 4.00 uses 4 of the 10 (storage is not covered): total 20.00; 6.00 left, which does not roll over
    expect(march.credits?.[0]).toMatchObject({ applied: "-4.00", balanceAfter: "6.00" });
    expect(march.total).toBe("20.00");
    const april = rateInvoice(
      contract,
      [{ id: "9", type: "a", customer: "cus", timestamp: "2026-04-02T00:00:00Z", properties: { v: "25" } }],
      "2026-04",
      { creditBalances: { compute10: "6.00" } },
    );
    // April starts from 10 again, not 6 or 16: 25 − 10 = 15.00
    expect(april.credits?.[0]).toMatchObject({ balanceBefore: "10.00", applied: "-10.00" });
    expect(april.total).toBe("15.00");
  });

  it("burns by priority, then soonest expiry, then the oldest, then id", () => {
    const grant = (id: string, extra: Partial<CreditGrantTerms>): CreditGrantTerms => ({
      id,
      name: id,
      kind: "promotional",
      amount: new Decimal(1),
      ...extra,
    });
    const order = burnOrder([
      grant("later-expiry", { expires: "2026-12-31" }),
      grant("no-expiry", {}),
      grant("low-priority", { priority: 5, expires: "2026-01-31" }),
      grant("sooner-expiry", { expires: "2026-06-30" }),
      grant("b-same", { expires: "2026-06-30", effective: "2026-02-01" }),
      grant("a-same", { expires: "2026-06-30", effective: "2026-02-01" }),
    ]).map((g) => g.id);
    // priority 0 first; among them expiry 06-30 (sooner-expiry is oldest: no effective date), then
    // a-same and b-same by id, then 12-31, then no expiry; priority 5 last despite its early expiry
    expect(order).toEqual(["sooner-expiry", "a-same", "b-same", "later-expiry", "no-expiry", "low-priority"]);
  });

  it("uses only grants in force when the period starts", () => {
    const contract = contractWith({
      credits: [
        { id: "old", name: "Expired", kind: "promotional", amount: "10", expires: "2026-03-01" },
        { id: "new", name: "Future", kind: "promotional", amount: "10", effective: "2026-04-01" },
      ],
    });
    expect(rateInvoice(contract, usage("50", "0"), "2026-03", FRESH).credits).toBeUndefined();
  });

  it("refuses a prepaid credit without taxed, and an at-use credit on listed charges", () => {
    expect(
      thrown(() => contractWith({ credits: [{ id: "p", name: "P", kind: "prepaid", amount: "5" }] })),
    ).toMatchObject({
      code: "missing_field",
      path: "credits[0].taxed",
    });
    expect(
      thrown(() =>
        contractWith({
          credits: [
            { id: "p", name: "P", kind: "prepaid", taxed: "at_use", amount: "5", charges: ["compute"] },
          ],
        }),
      ),
    ).toMatchObject({ code: "invalid_field", path: "credits[0].charges" });
  });
});

describe("credit laws", () => {
  const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => (n / 100).toFixed(2));
  it("never burns more than a grant holds, never goes negative, and burns in order", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: cents(100_000),
            priority: fc.integer({ min: 0, max: 3 }),
            atUse: fc.boolean(),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        cents(200_000),
        cents(200_000),
        (grants, a, b) => {
          const contract = contractWith({
            credits: grants.map((g, i) => ({
              id: `g${i}`,
              name: `G${i}`,
              kind: "prepaid" as const,
              taxed: g.atUse ? ("at_use" as const) : ("at_purchase" as const),
              amount: g.amount,
              priority: g.priority,
            })),
          });
          const invoice = rateInvoice(contract, usage(a, b), "2026-03", FRESH);
          for (const credit of invoice.credits ?? []) {
            const before = new Decimal(credit.balanceBefore);
            const applied = new Decimal(credit.applied).negated();
            expect(applied.lessThan(0)).toBe(false);
            expect(applied.lessThanOrEqualTo(before)).toBe(true);
            expect(new Decimal(credit.balanceAfter).equals(before.minus(applied))).toBe(true);
          }
          // within each stage, a grant is used only when every grant before it in burn order is empty
          for (const stage of ["before_tax", "after_tax"] as const) {
            const used = (invoice.credits ?? []).filter((credit) => credit.stage === stage);
            used.forEach((credit, index) => {
              if (index > 0 && !new Decimal(credit.applied).isZero())
                expect(new Decimal(used[index - 1]!.balanceAfter).isZero()).toBe(true);
            });
          }
          expect(new Decimal(invoice.amountDue ?? invoice.total).isNegative()).toBe(false);
        },
      ),
    );
  });
});
