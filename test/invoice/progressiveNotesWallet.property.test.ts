import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { issueCreditNote, rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A BigInt-free oracle in whole cents for docs/progressive-billing.md, "A note that gave money back to a
// credit grant": GB at 0.10 (10 cents a GB), a 20.00 fee at the close, a wallet of W cents after tax, `a`
// GB before 10 March and `b` GB after; progressive invoice 1 as of the 10th, a goodwill note of N cents
// against it (or none), then the close given the note.
//   invoice 1: T1 = 10a, the wallet draws D1 = min(T1, W) and asks due1 = T1 − D1;
//   the note gives money first, up to what invoice 1 asked: money = min(N, due1), and the rest, R =
//   N − money, back to the wallet (never more than it paid: N ≤ T1 = due1 + D1);
//   the month: T = 10(a + b) + 2000, rated on W + R: drawn min(T, W + R), asked max(0, T − W − R).
// So over the period: what the invoices ask plus what the wallet draws is what they bill (T); the money
// asked is max(0, T − W − R); the wallet ends at max(0, W + R − T), which the next period opens with.
const cents = (text: string | undefined) => Math.round(Number(text) * 100);
const contractOf = (wallet: number) =>
  buildContract({
    meters: [sumMeter("gb")],
    charges: [unitCharge("bw", "Bandwidth", "gb", "0.10"), flatCharge("platform", "Platform", "20")],
    credits: [
      { id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: (wallet / 100).toFixed(2) },
    ],
  });

describe("a progressive period with a note that gave money back to the wallet", () => {
  it("asks max(0, T − W − R) in money and leaves max(0, W + R − T), the note's R drawn once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
        // share: the note as ten-thousandths of what invoice 1 billed (at least a cent), or no note
        (wallet, a, b, share) => {
          const contract = contractOf(wallet);
          const usage = [
            usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: String(a) }),
            usageEvent("b", "gb", "2026-03-25T10:00:00Z", { v: String(b) }),
          ];
          const options = { creditsStartFull: true } as const;
          const first = rateProgressiveInvoice(contract, usage, "2026-03", "2026-03-10", options);
          const t1 = 10 * a;
          const n = share === undefined ? 0 : Math.max(1, Math.floor((share * t1) / 10_000));
          const notes =
            n === 0
              ? []
              : [
                  issueCreditNote(contract, first, [
                    { kind: "amount", line: "bw", amount: (n / 100).toFixed(2), reason: "goodwill" },
                  ]),
                ];
          const closing = rateClosingInvoice(contract, usage, "2026-03", {
            ...options,
            earlier: [first],
            creditNotes: notes,
          });
          const due1 = t1 - Math.min(t1, wallet);
          const restored = n - Math.min(n, due1);
          const total = 10 * (a + b) + 2000;
          const invoices = [first, closing];
          const asked = invoices.reduce((sum, invoice) => sum + cents(invoice.amountDue), 0);
          const drawn = invoices.reduce((sum, invoice) => sum - cents(invoice.credits?.[0]?.applied), 0);
          expect(cents(notes[0]?.settlement?.credits[0]?.restored ?? "0")).toBe(restored);
          expect(asked + drawn).toBe(total);
          expect(asked).toBe(Math.max(0, total - wallet - restored));
          expect(cents(closing.credits?.[0]?.balanceAfter)).toBe(Math.max(0, wallet + restored - total));
          // what the close opens with: what invoice 1 left plus what the note gave back
          expect(cents(closing.credits?.[0]?.balanceBefore)).toBe(wallet - Math.min(t1, wallet) + restored);
        },
      ),
    );
  });
});
