import { expect } from "vitest";
import { explain, explainText, type Invoice } from "../../src/index.js";
import { falseBelowZeroSums } from "./belowZeroArithmetic.js";
import { falseBilledEarlier, falseProgressiveSums, falseWaterfall } from "./documentArithmetic.js";
import {
  DecimalOracle as D,
  type FalseSentence,
  falseBalances,
  falseEquations,
  falseRoundings,
  falseStatedRoundings,
  falseTotalRoundings,
  figureOf,
} from "./explainArithmetic.js";

// Every sum an invoice's explanations state, checked against the invoice: the text's (each form of
// explainArithmetic.ts and documentArithmetic.ts, and the figures of each line, the subtotal, the tax,
// the total and the amount due), and the Markdown's (the same forms in its line sections and step
// tables, and its waterfall).
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

// The forms a text and a Markdown explanation both write (a line's sentences, its steps, the credits).
const SHARED_FORMS = [
  falseEquations,
  falseRoundings,
  falseStatedRoundings,
  falseBalances,
  falseBilledEarlier,
];

/** The text explanation's false sums (explainText). */
export function falseSentences(invoice: Invoice): FalseSentence[] {
  const text = explainText(invoice);
  return [
    ...SHARED_FORMS.flatMap((form) => form(text)),
    ...falseTotalRoundings(text),
    ...falseFigures(invoice, text),
    ...falseProgressiveSums(text),
    ...falseBelowZeroSums(text),
  ];
}

/** The Markdown explanation's false sums: the text's forms, as its line sections and step tables write them, and the waterfall. */
export function falseMarkdownSentences(invoice: Invoice): FalseSentence[] {
  const markdown = explain(invoice, { format: "markdown" });
  // Each cell of a table on a line of its own, as a sentence: "| 4 | unit | 0 units at €0.04 = €0.00. |"
  // is the step's sentence, not "4 … at €0.04" (a cell's own "|" is written "\\|").
  const cells = markdown.replace(/ \| /g, "\n");
  return [...SHARED_FORMS.flatMap((form) => form(cells)), ...falseWaterfall(markdown)];
}
