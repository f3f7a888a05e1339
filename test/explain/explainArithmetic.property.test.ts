import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainText, type Invoice, rateInvoice } from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { withLineDecimals } from "../_arbitraries/lineDecimals.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import {
  DecimalOracle as D,
  type FalseSentence,
  falseBalances,
  falseEquations,
  falseRoundings,
  falseStatedRoundings,
  falseTotalRoundings,
  figureOf,
} from "../_laws/explainArithmetic.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";

const MONEY_AT_END = /(-?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,]*(?:\.[0-9]+)?)\.$/;

// The figures the text states for each line, the subtotal, the tax, the total and the amount due, and
// the invoice JSON's: equal.
function falseFigures(invoice: Invoice, text: string): FalseSentence[] {
  const wrong: FalseSentence[] = [];
  const said = (sentence: string, shown: string | undefined, exact: string) => {
    if (shown === undefined || !figureOf(shown).value.equals(exact))
      wrong.push({ sentence, expected: exact });
  };
  const paragraphs = text
    .split("\n")
    .filter((line) => / Line total -?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,.]*\.$/.test(line));
  expect(paragraphs).toHaveLength(invoice.lines.length);
  invoice.lines.forEach((line, index) => {
    const paragraph = paragraphs[index]!;
    said(paragraph, paragraph.match(MONEY_AT_END)?.[1], line.amount);
  });
  const lineOf = (start: string) => text.split("\n").find((line) => line.startsWith(start));
  const subtotal = lineOf("Subtotal ")!;
  said(subtotal, subtotal.match(/^Subtotal (.+?) \(/)?.[1], invoice.subtotal);
  const sum = invoice.lines.reduce((total, line) => total.plus(line.amount), new D(0));
  said(subtotal, subtotal.match(/^Subtotal (.+?) \(/)?.[1], sum.toFixed());
  const total = text
    .split("\n")
    .find((line) => line.startsWith("Total ") && !line.includes("before rounding"))!;
  said(total, total.match(MONEY_AT_END)?.[1], invoice.total);
  if (invoice.amountDue !== undefined) {
    const due = text
      .split("\n")
      .find((line) => line.startsWith("Amount due ") && !line.includes("before rounding"))!;
    said(due, due.match(MONEY_AT_END)?.[1], invoice.amountDue);
  }
  // Each discount's and commitment cap's spread adds up to its amount.
  for (const sentence of text.split("\n").filter((line) => line.includes(", spread over "))) {
    const [head, spread] = sentence.split(", spread over ") as [string, string];
    const amount = figureOf(head.match(/(-?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,]*(?:\.[0-9]+)?)$/)![1]!).value;
    const parts = [...spread.matchAll(/ (-?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,]*(?:\.[0-9]+)?)(?:,|\.$)/g)];
    const spreadSum = parts.reduce((sumSoFar, part) => sumSoFar.plus(figureOf(part[1]!).value), new D(0));
    if (!spreadSum.equals(amount)) wrong.push({ sentence, expected: spreadSum.toFixed() });
  }
  // Each tax rate's amount as the invoice holds it; rounded once on the total, it is x% of the base so rounded.
  const tax = invoice.tax;
  if (tax !== undefined)
    for (const rate of tax.rates) {
      const sentence = lineOf(`${rate.name}: `);
      if (sentence === undefined) continue;
      // The rate's amount is the last figure of its sentence (after the exact tax when it was rounded).
      const shown = [...sentence.matchAll(/(-?(?:[$€£¥₹]|[A-Z]{3,6} )[0-9][0-9,]*(?:\.[0-9]+)?)/g)].at(
        -1,
      )?.[1];
      said(sentence, shown, rate.amount);
    }
  return wrong;
}

function falseSentences(invoice: Invoice): FalseSentence[] {
  const text = explainText(invoice);
  return [
    ...falseEquations(text),
    ...falseRoundings(text),
    ...falseStatedRoundings(text),
    ...falseTotalRoundings(text),
    ...falseBalances(text),
    ...falseFigures(invoice, text),
  ];
}

describe("explain text: every stated sum is true (fuzzing)", () => {
  it("each a × b = c, x% of a = b, a + b = c, rounding, balance and figure it states is exact", {
    timeout: fuzzTimeout(),
  }, () => {
    const checked = { invoices: 0 };
    fc.assert(
      fc.property(
        contractScenarioArb({ windowPricing: true }),
        streamArb(),
        fc.constantFrom(undefined, undefined, 1, 2, 4),
        (scenario, stream, lineDecimals) => {
          const { contract, period } = materialize(deepFreeze(withLineDecimals(scenario, lineDecimals)));
          const invoice = attempt(() =>
            rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true }),
          );
          if (invoice === undefined) return;
          checked.invoices += 1;
          expect(falseSentences(invoice)).toEqual([]);
        },
      ),
      fuzzParameters(30),
    );
    expect(checked.invoices).toBeGreaterThan(fuzzRuns(30) / 3);
  });
});
