import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { ZERO } from "../../src/money/index.js";
import { buildContract, type ContractOverrides, flatCharge, sumMeter } from "../_support/contract.js";

// Three tiered prices on one meter (volume, graduated, package), a fee, a 10 % discount and 20 % tax:
// every stage a late event can move.
const TERMS: ContractOverrides = {
  meters: [sumMeter("use")],
  charges: [
    {
      id: "volume",
      name: "Volume",
      meter: "use",
      price: {
        model: "volume",
        tiers: [
          { upTo: "100", unitPrice: "0.30" },
          { upTo: "1000", unitPrice: "0.20" },
          { upTo: null, unitPrice: "0.15" },
        ],
      },
    },
    {
      id: "graduated",
      name: "Graduated",
      meter: "use",
      price: {
        model: "graduated",
        tiers: [
          { upTo: "250", unitPrice: "0" },
          { upTo: null, unitPrice: "0.013" },
        ],
      },
    },
    {
      id: "package",
      name: "Package",
      meter: "use",
      price: { model: "package", packageSize: "100", packagePrice: "1.25" },
    },
    flatCharge("platform", "Platform", "10"),
  ],
  discounts: [{ id: "d10", name: "Ten percent", percent: "10" }],
  tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
};
const eventsArb = (prefix: string) =>
  fc
    .array(fc.record({ day: fc.integer({ min: 1, max: 31 }), v: fc.integer({ min: 0, max: 600 }) }), {
      maxLength: 8,
    })
    .map((raw) =>
      raw.map((entry, i) => ({
        id: `${prefix}${i}`,
        type: "use",
        customer: "cus",
        timestamp: `2026-03-${String(entry.day).padStart(2, "0")}T08:00:00Z`,
        properties: { v: String(entry.v) },
      })),
    );

describe("correctLateUsage (laws)", () => {
  it("next_invoice: the issued invoice plus the correction is the period rated with every event, line by line and in total", () => {
    const contract = buildContract(TERMS);
    fc.assert(
      fc.property(eventsArb("u"), eventsArb("late"), (usage, late) => {
        const issued = rateInvoice(contract, usage, "2026-03");
        const result = correctLateUsage(contract, issued, usage, late, { billOn: "2026-04" });
        if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
        const whole = rateInvoice(contract, [...usage, ...late], "2026-03");
        expect(ZERO.plus(issued.total).plus(result.total).toFixed(2)).toBe(whole.total);
        for (const line of whole.lines) {
          const before = issued.lines.find((entry) => entry.id === line.id)?.amount ?? "0";
          const deltas = result.lines.filter((entry) => entry.corrects === line.id);
          const after = deltas.reduce((sum, entry) => sum.plus(entry.amount), ZERO.plus(before));
          expect(after.toFixed(2)).toBe(line.amount);
        }
        const lines = result.lines.reduce((sum, entry) => sum.plus(entry.amount), ZERO);
        expect(lines.toFixed(2)).toBe(result.subtotal);
      }),
      { numRuns: 50 },
    );
  });

  it("credit_note: the note credits what was issued and the re-issued invoice is the period rated with every event", () => {
    const contract = buildContract(TERMS, { lateUsage: { correction: "credit_note" } });
    fc.assert(
      fc.property(eventsArb("u"), eventsArb("late"), (usage, late) => {
        const issued = rateInvoice(contract, usage, "2026-03");
        const result = correctLateUsage(contract, issued, usage, late, { billOn: "2026-04" });
        if (result.mode !== "credit_note") throw new Error("expected credit_note");
        const whole = rateInvoice(contract, [...usage, ...late], "2026-03");
        if (result.reissued === undefined) {
          expect(whole.total).toBe(issued.total);
          return;
        }
        expect(result.reissued.lines).toEqual(whole.lines);
        expect(result.reissued.total).toBe(whole.total);
        // issued − credited + re-issued = the whole period
        expect(
          ZERO.plus(issued.total).minus(result.creditNote!.total).plus(result.reissued.total).toFixed(2),
        ).toBe(whole.total);
      }),
      { numRuns: 50 },
    );
  });

  // The mode is bookkeeping: with a wallet after tax (any size, paying part, all or none of either
  // invoice), next_invoice asks in money what credit_note's note and re-issue ask together, issued due +
  // amountDue = issued due − the note's money + the re-issued due, and leaves the wallet as the re-issue
  // does. Billing `total` instead of `amountDue` breaks the first whenever the wallet paid the change.
  it("both modes leave the same money due and the same wallet (credits after tax)", () => {
    fc.assert(
      fc.property(
        eventsArb("u"),
        eventsArb("late"),
        fc.integer({ min: 1, max: 40000 }),
        (usage, late, cents) => {
          const wallet = { id: "w", name: "Wallet", kind: "prepaid" as const, taxed: "at_use" as const };
          const credits = [{ ...wallet, amount: (cents / 100).toFixed(2) }];
          const ways = (["next_invoice", "credit_note"] as const).map((correction) => {
            const contract = buildContract(TERMS, { credits, lateUsage: { correction } });
            const issued = rateInvoice(contract, usage, "2026-03", { creditsStartFull: true });
            const options = { billOn: "2026-04", creditsStartFull: true };
            return { issued, result: correctLateUsage(contract, issued, usage, late, options) };
          });
          const [next, note] = ways;
          if (next?.result.mode !== "next_invoice" || note?.result.mode !== "credit_note")
            throw new Error("modes");
          const due = (invoice: { amountDue?: string | undefined; total: string }) =>
            invoice.amountDue ?? invoice.total;
          const { creditNote, reissued } = note.result;
          const paid = ZERO.plus(due(next.issued)).plus(next.result.amountDue ?? next.result.total);
          const paidByNote =
            creditNote === undefined || reissued === undefined
              ? ZERO.plus(due(note.issued))
              : ZERO.plus(due(note.issued))
                  .minus(creditNote.settlement?.money ?? creditNote.total)
                  .plus(due(reissued));
          expect(paid.toFixed(2)).toBe(paidByNote.toFixed(2));
          const walletAfter = (reissued ?? note.issued).credits?.[0]?.balanceAfter;
          expect(next.result.rerated.credits?.[0]?.balanceAfter).toBe(walletAfter);
        },
      ),
      { numRuns: 50 },
    );
  });
});
