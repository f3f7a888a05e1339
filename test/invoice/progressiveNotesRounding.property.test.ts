import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CreditNote,
  issueCreditNote,
  rateClosingInvoice,
  rateProgressiveInvoice,
} from "../../src/index.js";
import type { Invoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { textOf, two, unitsOfText } from "../_support/invoiceOracle.js";

// Credit notes of the invoices of a period billed progressively (USD, JPY, BHD; lines kept to the
// currency or two decimals finer, rounding.lineDecimals; 20 % VAT exclusive rounded per invoice or per
// line, or none): each invoice billed round(the period so far) less the earlier ones, its tax and its
// total alike, and notes of parts of it, then of the rest, give back exactly what it billed, never more
// at any point (docs/credit-notes.md).
const MINOR = { USD: 2, JPY: 0, BHD: 3 } as const;
type Currency = keyof typeof MINOR;
const caseArb = fc.record({
  currency: fc.constantFrom<Currency>("USD", "JPY", "BHD"),
  price: fc.bigInt({ min: 1n, max: 99_999n }), // hundredths of a line-decimal unit
  taxed: fc.constantFrom(undefined, "per_invoice" as const, "per_line" as const),
  finer: fc.boolean(),
  usage: fc.array(
    fc.record({ day: fc.integer({ min: 1, max: 28 }), units: fc.integer({ min: 1, max: 90 }) }),
    {
      maxLength: 6,
    },
  ),
  days: fc.uniqueArray(fc.integer({ min: 2, max: 28 }), { minLength: 1, maxLength: 3 }),
  shares: fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 3 }),
});

describe("credit notes of progressive and closing invoices", () => {
  it("give back exactly what each invoice billed, in parts and then the rest, never more", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const minor = MINOR[c.currency];
        const lines = c.finer ? minor + 2 : minor;
        const contract = buildContract({
          currency: c.currency,
          rounding: { mode: "half_even", lineDecimals: lines },
          meters: [sumMeter("gb")],
          charges: [
            {
              id: "bw",
              name: "BW",
              meter: "gb",
              price: { model: "unit", unitPrice: textOf(c.price, lines + 2) },
            },
          ],
          ...(c.taxed !== undefined
            ? {
                tax: {
                  mode: "exclusive",
                  rounding: c.taxed,
                  rates: [{ id: "vat", name: "VAT", percent: "20" }],
                },
              }
            : {}),
        });
        const events = c.usage.map((entry, index) =>
          usageEvent(`u${index}`, "gb", `2026-03-${two(entry.day)}T10:00:00Z`, { v: String(entry.units) }),
        );
        const invoices: Invoice[] = [];
        for (const day of [...c.days].sort((a, b) => a - b))
          invoices.push(
            rateProgressiveInvoice(contract, events, "2026-03", `2026-03-${two(day)}`, {
              earlier: [...invoices],
            }),
          );
        invoices.push(rateClosingInvoice(contract, events, "2026-03", { earlier: invoices }));
        for (const invoice of invoices) {
          const billed = unitsOfText(invoice.total, minor);
          const line = invoice.lines.find((candidate) => candidate.id === "bw");
          if (billed <= 0n || line === undefined || !(Number(line.amount) > 0)) continue;
          const notes: CreditNote[] = [];
          const credited = () => notes.reduce((sum, note) => sum + unitsOfText(note.total, minor), 0n);
          for (const share of c.shares) {
            // a part of what is left of the line, in whole minor units of the currency
            const left =
              unitsOfText(line.amount, lines) -
              notes.reduce((sum, note) => sum + unitsOfText(note.subtotal, lines), 0n);
            const step = 10n ** BigInt(lines - minor);
            const amount = ((left * BigInt(share)) / 100n / step) * step;
            if (amount <= 0n) continue;
            notes.push(
              issueCreditNote(
                contract,
                invoice,
                [{ kind: "amount", line: "bw", amount: textOf(amount, lines), reason: "part" }],
                {
                  previous: notes,
                },
              ),
            );
            expect(credited()).toBeLessThanOrEqual(billed);
          }
          notes.push(
            issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "rest" }], { previous: notes }),
          );
          expect(textOf(credited(), minor)).toBe(invoice.total);
        }
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
