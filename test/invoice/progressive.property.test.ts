import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Invoice,
  invoiceSchema,
  type RateInvoiceOptions,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import {
  buildContract,
  type ContractOverrides,
  flatCharge,
  sumMeter,
  usageEvent,
} from "../_support/contract.js";
import { fuzzTimeout } from "../_support/fuzzRuns.js";

// Contracts whose every term a progressive sequence must carry: tiers that never restart, a volume
// price that reprices every unit (so lines can go down), an allowance, line limits, a fee, a
// discount, a commitment, a credit grant and tax.
const CONTRACTS: ReadonlyArray<ContractOverrides> = [
  {
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: {
          model: "graduated",
          tiers: [
            { upTo: "500", unitPrice: "0.13" },
            { upTo: null, unitPrice: "0.07" },
          ],
        },
        minimum: "40",
      },
      flatCharge("platform", "Platform", "25"),
    ],
    discounts: [{ id: "ten", name: "Ten percent", percent: "10" }],
    tax: { mode: "exclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "19" }] },
  },
  {
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: {
          model: "volume",
          tiers: [
            { upTo: "400", unitPrice: "0.11" },
            { upTo: null, unitPrice: "0.06" },
          ],
        },
        maximum: "90",
      },
    ],
    credits: [{ id: "promo", name: "Promo", kind: "promotional", amount: "17.35" }],
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT", percent: "7.5" }] },
  },
  {
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: { model: "unit", unitPrice: "0.0333" },
        transform: { included: "300" },
      },
      flatCharge("support", "Support", "9.99"),
    ],
    commitments: [{ id: "commit", name: "Commit", minimum: "30", maximum: "60" }],
    discounts: [{ id: "off", name: "Five off", amount: "5" }],
  },
  {
    // a commitment owed once over the quarter (docs/commitment-periods.md): March closes it, with the
    // spend of January and February carried (CUMULATIVE below); settled on the closing invoice only
    charges: [
      {
        id: "bw",
        name: "Bandwidth",
        meter: "gb",
        price: { model: "unit", unitPrice: "0.0717" },
      },
      flatCharge("platform", "Platform", "12.5"),
    ],
    commitments: [
      {
        id: "quarter",
        name: "Quarter",
        minimum: "250",
        overageFactor: "1.5",
        cumulative: { from: "2026-01-01", until: "2026-04-01" },
      },
    ],
    discounts: [{ id: "ten", name: "Ten percent", percent: "10" }],
    tax: { mode: "exclusive", rounding: "per_invoice", rates: [{ id: "vat", name: "VAT", percent: "19" }] },
  },
];
const CUMULATIVE = CONTRACTS.length - 1;

const eventsArb = fc.array(
  fc.record({
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    gb: fc.integer({ min: 0, max: 400 }),
  }),
  { maxLength: 12 },
);
// Split instants: distinct days of March 2026 after the 1st, each a progressive invoice as of its midnight.
const splitsArb = fc
  .uniqueArray(fc.integer({ min: 2, max: 31 }), { maxLength: 4 })
  .map((days) => [...days].sort((a, b) => a - b));

const two = (n: number) => String(n).padStart(2, "0");
// The spend of January and February carried into March (in cents), for the cumulative commitment.
const carriedArb = fc.integer({ min: 0, max: 40_000 });
const optionsOf = (which: number, carriedCents: number): RateInvoiceOptions => ({
  creditsStartFull: true,
  ...(which === CUMULATIVE
    ? { commitmentSpendToDate: { quarter: new Decimal(carriedCents).dividedBy(100).toFixed(2) } }
    : {}),
});

function sequenceOf(
  contract: ReturnType<typeof buildContract>,
  events: unknown[],
  splits: number[],
  options: RateInvoiceOptions,
): Invoice[] {
  const issued: Invoice[] = [];
  for (const day of splits)
    issued.push(
      rateProgressiveInvoice(contract, events, "2026-03", `2026-03-${two(day)}`, {
        ...options,
        earlier: issued,
      }),
    );
  return [...issued, rateClosingInvoice(contract, events, "2026-03", { ...options, earlier: issued })];
}

const add = (values: ReadonlyArray<string | undefined>) =>
  values.reduce((sum, value) => sum.plus(value ?? "0"), new Decimal(0)).toFixed(2);

describe("progressive invoices of a period sum to the whole-period invoice", () => {
  it("line by line, and in subtotal, discounts, credits, tax, total and amount due", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CONTRACTS.length - 1 }),
        eventsArb,
        splitsArb,
        carriedArb,
        (which, raw, splits, carried) => {
          const contract = buildContract({ meters: [sumMeter("gb")] }, CONTRACTS[which]!);
          const options = optionsOf(which, carried);
          const events = raw.map((event, index) =>
            usageEvent(`e${index}`, "gb", `2026-03-${two(event.day)}T${two(event.hour)}:00:00Z`, {
              v: String(event.gb),
            }),
          );
          const whole = rateInvoice(contract, events, "2026-03", options);
          const sequence = sequenceOf(contract, events, splits, options);
          for (const invoice of sequence) expect(invoiceSchema.safeParse(invoice).success).toBe(true);
          // no line double-bills: each line's amounts and quantities over the sequence are the period's
          const ids = [
            ...new Set(
              [...whole.lines, ...sequence.flatMap((invoice) => invoice.lines)].map((line) => line.id),
            ),
          ];
          for (const id of ids) {
            const of = (invoice: Invoice) => invoice.lines.find((line) => line.id === id);
            expect(add(sequence.map((invoice) => of(invoice)?.amount))).toBe(add([of(whole)?.amount]));
            expect(
              sequence
                .reduce((sum, invoice) => sum.plus(of(invoice)?.quantity ?? "0"), new Decimal(0))
                .toString(),
            ).toBe(new Decimal(of(whole)?.quantity ?? "0").toString());
          }
          const sum = (figure: (invoice: Invoice) => string | undefined) => add(sequence.map(figure));
          const figures: Array<(invoice: Invoice) => string | undefined> = [
            (invoice) => invoice.subtotal,
            (invoice) => invoice.total,
            (invoice) => invoice.amountDue ?? invoice.total,
            (invoice) => invoice.tax?.total,
            (invoice) => add((invoice.discounts ?? []).map((discount) => discount.amount)),
            (invoice) => add((invoice.credits ?? []).map((credit) => credit.applied)),
            (invoice) => add((invoice.commitments ?? []).map((commitment) => commitment.trueUp)),
            (invoice) => add((invoice.commitments ?? []).map((commitment) => commitment.overage)),
          ];
          for (const figure of figures) expect(sum(figure)).toBe(add([figure(whole)]));
          // a cumulative commitment is settled once, on the closing invoice, which carries its whole
          // record: the spend to date the next invoice continues from is the whole period's
          const cumulative = (invoice: Invoice) =>
            (invoice.commitments ?? []).flatMap((commitment) => commitment.cumulative ?? []);
          for (const invoice of sequence.slice(0, -1)) expect(cumulative(invoice)).toEqual([]);
          expect(cumulative(sequence.at(-1)!)).toEqual(cumulative(whole));
          expect(cumulative(whole).length).toBe(which === CUMULATIVE ? 1 : 0);
          // a negative total is always stated as a credit owed, never left unexplained (these contracts
          // have no credits after tax, so no amount due: test/invoice/progressiveCreditOwed.*.ts has them)
          for (const invoice of sequence)
            expect(invoice.progressive?.credit !== undefined).toBe(new Decimal(invoice.total).isNegative());
        },
      ),
    );
  });

  it("with no earlier invoice, the closing invoice bills exactly the whole-period invoice", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CONTRACTS.length - 1 }),
        eventsArb,
        carriedArb,
        (which, raw, carried) => {
          const contract = buildContract({ meters: [sumMeter("gb")] }, CONTRACTS[which]!);
          const options = optionsOf(which, carried);
          const events = raw.map((event, index) =>
            usageEvent(`e${index}`, "gb", `2026-03-${two(event.day)}T00:00:00Z`, { v: String(event.gb) }),
          );
          const whole = rateInvoice(contract, events, "2026-03", options);
          const closing = rateClosingInvoice(contract, events, "2026-03", options);
          const { progressive: _marked, digest: _digest, ...rest } = closing;
          const { digest: _wholeDigest, ...expected } = whole;
          expect(rest).toEqual(expected);
        },
      ),
    );
  });
});
