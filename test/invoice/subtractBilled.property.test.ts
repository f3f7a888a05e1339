import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/invoice/index.js";
import { subtractBilled } from "../../src/invoice/subtractBilled.js";
import { Decimal } from "../../src/money/index.js";

// Pieces sum to the whole: for any cumulative invoice and any earlier invoices (each section present or
// not, lines and records present or not), what subtractBilled bills plus what the earlier invoices
// billed is the cumulative figure exactly, in every section, line and record.

const cents = fc.integer({ min: -50_000, max: 50_000 }).map((n) => new Decimal(n).dividedBy(100).toFixed(2));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const ids = fc.subarray(["a", "b", "c"], { minLength: 0 });

const invoiceArb = (id: string) =>
  fc
    .record({
      lines: ids,
      amounts: fc.array(cents, { minLength: 3, maxLength: 3 }),
      adjust: fc.boolean(),
      pool: maybe(ids),
      discount: maybe(cents),
      spend: maybe(cents),
      applied: maybe(cents),
      tax: maybe(fc.record({ amount: cents, exact: cents, rounded: maybe(cents) })),
      total: cents,
      amountDue: maybe(cents),
    })
    .map(
      (g) =>
        ({
          id,
          currency: { code: "EUR", minorUnits: 2 },
          lines: g.lines.map((line, index) => ({
            id: line,
            quantity: String(index + 1),
            amount: g.amounts[index],
            steps: [],
            ...(g.adjust
              ? {
                  adjustments: [{ kind: "discount", source: "d", amount: g.amounts[2 - index] }],
                  net: g.amounts[index],
                }
              : {}),
          })),
          ...(g.pool
            ? {
                allowances: [
                  {
                    id: "p",
                    name: "P",
                    quantity: "9",
                    drawn: g.pool.map((line) => ({ line, quantity: "2" })),
                    remaining: "1",
                  },
                ],
              }
            : {}),
          subtotal: "0.00",
          ...(g.discount
            ? { discounts: [{ id: "d", name: "D", base: g.discount, amount: g.discount, allocation: [] }] }
            : {}),
          ...(g.spend ? { commitments: [{ id: "m", name: "M", spend: g.spend }] } : {}),
          ...(g.applied
            ? {
                credits: [
                  {
                    id: "g",
                    name: "G",
                    stage: "before_tax",
                    balanceBefore: "0",
                    applied: g.applied,
                    balanceAfter: "0",
                  },
                ],
              }
            : {}),
          ...(g.tax
            ? {
                tax: {
                  mode: "exclusive",
                  rounding: "per_line",
                  rates: [
                    {
                      rate: "vat",
                      name: "VAT",
                      percent: "20",
                      base: g.tax.amount,
                      amount: g.tax.amount,
                      lines: [
                        {
                          line: "a",
                          base: g.tax.amount,
                          exact: g.tax.exact,
                          ...(g.tax.rounded ? { rounded: g.tax.rounded } : {}),
                        },
                      ],
                    },
                  ],
                  total: g.tax.amount,
                  net: g.tax.amount,
                  notes: [],
                },
              }
            : {}),
          total: g.total,
          ...(g.amountDue ? { amountDue: g.amountDue } : {}),
        }) as unknown as Invoice,
    );

type Figure = (
  invoice: Pick<Invoice, keyof Invoice & string> | ReturnType<typeof subtractBilled>,
) => string | undefined;
const sum = (values: ReadonlyArray<string | undefined>) =>
  values.reduce((total, value) => total.plus(value ?? "0"), new Decimal(0)).toFixed(2);

const FIGURES: ReadonlyArray<Figure> = [
  ...["a", "b", "c"].flatMap((line): Figure[] => [
    (invoice) => invoice.lines.find((item) => item.id === line)?.amount,
    (invoice) => invoice.lines.find((item) => item.id === line)?.quantity,
    (invoice) => {
      const found = invoice.lines.find((item) => item.id === line);
      return found?.net ?? found?.amount;
    },
    (invoice) => invoice.lines.find((item) => item.id === line)?.adjustments?.[0]?.amount,
    (invoice) => invoice.allowances?.[0]?.drawn.find((item) => item.line === line)?.quantity,
  ]),
  (invoice) => invoice.discounts?.[0]?.amount,
  (invoice) => invoice.commitments?.[0]?.spend,
  (invoice) => invoice.credits?.[0]?.applied,
  (invoice) => invoice.tax?.total,
  (invoice) => invoice.tax?.rates[0]?.amount,
  (invoice) => invoice.tax?.rates[0]?.lines[0]?.exact,
  (invoice) => invoice.tax?.rates[0]?.lines[0]?.rounded,
  (invoice) => invoice.total,
  (invoice) => invoice.amountDue ?? invoice.total,
];

describe("subtractBilled: pieces sum to the whole", () => {
  it("what it bills plus what earlier invoices billed is the cumulative figure, in every section", () => {
    fc.assert(
      fc.property(invoiceArb("c"), fc.array(invoiceArb("p"), { maxLength: 3 }), (cumulative, earlier) => {
        const billed = subtractBilled(cumulative, earlier);
        for (const figure of FIGURES)
          expect(sum([figure(billed), ...earlier.map(figure)])).toBe(sum([figure(cumulative)]));
      }),
    );
  });
});
