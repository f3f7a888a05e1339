import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { creditNoteText } from "../../src/cli/creditNoteText.js";
import { waterfallOf, waterfallTies } from "../../src/explain/waterfall.js";
import {
  type CreditNote,
  correctLateUsage,
  explainLateUsage,
  type Invoice,
  issueCreditNote,
  rateClosingInvoice,
  rateInvoice,
  rateProgressiveInvoice,
} from "../../src/index.js";
import { formatLocalDate, toLocalDate } from "../../src/time/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { withLineDecimals } from "../_arbitraries/lineDecimals.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize, nextBillingPeriod } from "../_arbitraries/wholeContracts.js";
import { falseCreditNoteSums, falseLateUsageSums, falseSettlements } from "../_laws/documentArithmetic.js";
import { falseMarkdownSentences, falseSentences } from "../_laws/explainedInvoice.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";

const OPTIONS = { creditsStartFull: true } as const;

// A correction a credit note may make to an invoice: none, units off a line, an amount of a line, the
// whole invoice; `line` and `share` (percent) choose the line and how much of it.
const correctionArb = fc.record({
  kind: fc.constantFrom("none", "none", "quantity", "amount", "invoice"),
  line: fc.nat(),
  share: fc.integer({ min: 1, max: 100 }),
});
type Correction = typeof correctionArb extends fc.Arbitrary<infer T> ? T : never;

// A correction that asks for a note (never "none"): for the notes of one invoice, where a "none" only
// wasted a draw (2 in 5 of them) and left as few as 3 notes in 20 runs.
const noteCorrectionArb = correctionArb.filter((correction) => correction.kind !== "none");

// The credit note a correction makes, or undefined when it makes none or ratecard refuses it (typed).
function noteOf(
  contract: Parameters<typeof issueCreditNote>[0],
  invoice: Invoice,
  correction: Correction,
  previous: ReadonlyArray<CreditNote>,
): CreditNote | undefined {
  if (correction.kind === "none" || invoice.lines.length === 0) return undefined;
  const line = invoice.lines[correction.line % invoice.lines.length]!;
  const part = (of: string, decimals: number) =>
    ((Number(of) * correction.share) / 100).toFixed(decimals).replace(/^-/, "");
  const corrections =
    correction.kind === "invoice"
      ? [{ kind: "invoice", reason: "all" }]
      : correction.kind === "quantity"
        ? [{ kind: "quantity", line: line.id, quantity: part(line.quantity, 0), reason: "units" }]
        : [
            {
              kind: "amount",
              line: line.id,
              amount: part(line.net ?? line.amount, invoice.currency.minorUnits),
              reason: "goodwill",
            },
          ];
  return attempt(() => issueCreditNote(contract, invoice, corrections, { previous }));
}

function expectNoteTrue(note: CreditNote): void {
  const text = creditNoteText(note);
  expect(falseCreditNoteSums(text)).toEqual([]);
  expect(falseSettlements(text)).toEqual([]);
}

function expectInvoiceTrue(invoice: Invoice): void {
  expect(falseSentences(invoice)).toEqual([]);
  // The waterfall runs from the invoice's own subtotal to its own total and amount due (a progressive
  // invoice's rounding bar is its own part, not the period's so far).
  expect(waterfallTies(waterfallOf(invoice, { prefix: "$", minorUnits: invoice.currency.minorUnits }))).toBe(
    true,
  );
  expect(falseMarkdownSentences(invoice)).toEqual([]);
}

const scenarioArb = fc.record({
  scenario: contractScenarioArb({ windowPricing: true }),
  stream: streamArb(),
  lineDecimals: fc.constantFrom(undefined, undefined, 1, 2, 4),
});

describe("the explanations of a period's other documents: every stated sum is true (fuzzing)", () => {
  it("progressive invoices and the close, with credit notes of units and amounts between them", {
    timeout: fuzzTimeout(),
  }, () => {
    const checked = { invoices: 0, notes: 0 };
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(
          fc.record({ at: fc.double({ min: 0.05, max: 0.95, noNaN: true }), correction: correctionArb }),
          {
            maxLength: 3,
          },
        ),
        correctionArb,
        ({ scenario, stream, lineDecimals }, splits, last) => {
          const { contract, period } = materialize(deepFreeze(withLineDecimals(scenario, lineDecimals)));
          const events = eventsIn(stream, period);
          const earlier: Invoice[] = [];
          const notes: CreditNote[] = [];
          const credit = (invoice: Invoice, correction: Correction) => {
            const note = noteOf(
              contract,
              invoice,
              correction,
              notes.filter((n) => n.invoiceId === invoice.id),
            );
            if (note !== undefined) notes.push(note);
          };
          for (const split of [...splits].sort((a, b) => a.at - b.at)) {
            const asOf = new Date(
              period.start + Math.floor(split.at * (period.end - period.start)),
            ).toISOString();
            const invoice = attempt(() =>
              rateProgressiveInvoice(contract, events, period, asOf, {
                ...OPTIONS,
                earlier,
                creditNotes: notes,
              }),
            );
            if (invoice === undefined) return;
            earlier.push(invoice);
            credit(invoice, split.correction);
          }
          const closing = attempt(() =>
            rateClosingInvoice(contract, events, period, { ...OPTIONS, earlier, creditNotes: notes }),
          );
          if (closing === undefined) return;
          credit(closing, last);
          for (const invoice of [...earlier, closing]) expectInvoiceTrue(invoice);
          for (const note of notes) expectNoteTrue(note);
          checked.invoices += 1;
          checked.notes += notes.length;
        },
      ),
      // 30 runs, not 20: a quarter of the sequences are refused, which left as few as 11 of 20.
      fuzzParameters(30),
    );
    expect(checked.invoices).toBeGreaterThan(fuzzRuns(30) / 4);
  });

  it("late usage corrected on the next invoice or by a credit note and a re-issued invoice", {
    timeout: fuzzTimeout(),
  }, () => {
    const checked = { corrections: 0 };
    fc.assert(
      fc.property(
        scenarioArb,
        streamArb(12),
        fc.constantFrom("next_invoice", "credit_note"),
        ({ scenario, stream, lineDecimals }, lateStream, mode) => {
          const lateUsage = { correction: mode, lookBackPeriods: 2 };
          const { contract, billingPeriod, period } = materialize(
            deepFreeze(
              withLineDecimals({ ...scenario, json: { ...scenario.json, lateUsage } }, lineDecimals),
            ),
          );
          const events = eventsIn(stream, period);
          const late = eventsIn(lateStream, period).map((event) => ({ ...event, id: `late-${event.id}` }));
          const next = nextBillingPeriod(contract, billingPeriod);
          const billOn = [next.start, next.end]
            .map((instant) => formatLocalDate(toLocalDate(instant, contract.timeZone)))
            .join("/");
          const result = attempt(() => {
            const issued = rateInvoice(contract, events, period, OPTIONS);
            return correctLateUsage(contract, issued, events, late, { ...OPTIONS, billOn });
          });
          if (result === undefined) return;
          const text = explainLateUsage(result);
          expect(falseLateUsageSums(text)).toEqual([]);
          expect(falseSettlements(text)).toEqual([]);
          if (result.mode === "credit_note" && result.creditNote !== undefined) {
            expectNoteTrue(result.creditNote);
            if (result.reissued !== undefined) expectInvoiceTrue(result.reissued);
          }
          checked.corrections += 1;
        },
      ),
      fuzzParameters(20),
    );
    expect(checked.corrections).toBeGreaterThan(fuzzRuns(20) / 4);
  });

  it("credit notes of a whole-period invoice, one after another", { timeout: fuzzTimeout() }, () => {
    const checked = { notes: 0 };
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(noteCorrectionArb, { minLength: 1, maxLength: 3 }),
        (drawn, corrections) => {
          const { scenario, stream, lineDecimals } = drawn;
          const { contract, period } = materialize(deepFreeze(withLineDecimals(scenario, lineDecimals)));
          const invoice = attempt(() => rateInvoice(contract, eventsIn(stream, period), period, OPTIONS));
          if (invoice === undefined) return;
          const notes: CreditNote[] = [];
          for (const correction of corrections) {
            const note = noteOf(contract, invoice, correction, notes);
            if (note !== undefined) notes.push(note);
          }
          for (const note of notes) expectNoteTrue(note);
          checked.notes += notes.length;
        },
      ),
      fuzzParameters(20),
    );
    expect(checked.notes).toBeGreaterThan(0);
  });
});
