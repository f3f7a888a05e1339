import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/explain/escapeHtml.js";
import { readableMoney } from "../../src/explain/figure.js";
import { markdownText } from "../../src/explain/markdownText.js";
import { waterfallTies } from "../../src/explain/waterfall.js";
import {
  currencyPrefix,
  EXPLAIN_FORMATS,
  type Explanation,
  escapeControl,
  explain,
  type Invoice,
  rateInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzRuns, fuzzTimeout } from "../_support/fuzzRuns.js";
import { smallInvoice } from "../_support/smallInvoice.js";

// How each format writes a name from the input: the name must be found, written that way.
const WRITTEN: Readonly<Record<(typeof EXPLAIN_FORMATS)[number], (text: string) => string>> = {
  text: escapeControl,
  markdown: markdownText,
  html: escapeHtml,
  json: (text) => JSON.stringify(text).slice(1, -1),
};

function expectEveryLineAndTheTotal(invoice: Invoice): void {
  const style = { prefix: currencyPrefix(invoice.currency.code), minorUnits: invoice.currency.minorUnits };
  for (const format of EXPLAIN_FORMATS) {
    const output = explain(invoice, { format });
    for (const line of invoice.lines) expect(output).toContain(WRITTEN[format](line.name));
    // The total is a whole number of minor units, so reading it rounds nothing: every format shows it so.
    const total = readableMoney(invoice.total, style);
    expect(output).toContain(
      format === "html" ? escapeHtml(total) : format === "json" ? `"exact": "${invoice.total}"` : total,
    );
    // Same invoice, same bytes (and a copy of it too: nothing depends on object identity or a clock).
    expect(explain(structuredClone(invoice), { format })).toBe(output);
  }
  const document = JSON.parse(explain(invoice, { format: "json" })) as Explanation;
  // Every amount ties: each line's amount and steps are the invoice's, and the waterfall reaches the amount due.
  expect(document.lines.map((line) => line.amount.exact)).toEqual(invoice.lines.map((line) => line.amount));
  expect(document.lines.map((line) => line.steps.map((step) => step.exact))).toEqual(
    invoice.lines.map((line) => line.steps),
  );
  expect(waterfallTies(document.waterfall)).toBe(true);
  expect(document.waterfall.at(-1)?.running.exact).toBe(invoice.amountDue ?? invoice.total);
  // A day's running total is the sum of the days so far, and the last is the meter's quantity.
  for (const meter of document.usage.meters) {
    if (meter.daily === null || meter.daily.length === 0) continue;
    expect(new Decimal(meter.daily.at(-1)!.cumulative.exact).equals(meter.quantity.exact)).toBe(true);
  }
}

describe("explain (fuzzing)", () => {
  const checked = { invoices: 0 };
  it("every format names every line and the total, the same bytes twice, the waterfall ties", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), fc.boolean(), (scenario, stream, daily) => {
        const { contract, period } = materialize(deepFreeze(scenario));
        const invoice = attempt(() =>
          rateInvoice(contract, eventsIn(stream, period), period, { creditsStartFull: true, daily }),
        );
        if (invoice === undefined) return;
        checked.invoices += 1;
        expectEveryLineAndTheTotal(invoice);
      }),
      fuzzParameters(30),
    );
    // most generated scenarios rate (a third at least): the property did not pass by refusing them all.
    // Relative to the runs, since Stryker's FC_NUM_RUNS=20 leaves 3 of the standard 30.
    expect(checked.invoices).toBeGreaterThan(fuzzRuns(30) / 3);
  });
});

describe("escaping any string", () => {
  it("escapeHtml leaves no markup character, and decoding gives back the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        const decoded = escaped
          .replaceAll("&lt;", "<")
          .replaceAll("&gt;", ">")
          .replaceAll("&quot;", '"')
          .replaceAll("&#39;", "'")
          .replaceAll("&amp;", "&");
        expect(decoded).toBe(escapeControl(text));
      }),
    );
  });

  it("a charge name of any text adds no element to the page and no row to the Markdown", () => {
    const markup = fc.string({
      unit: fc.constantFrom("<", ">", "&", '"', "'", "|", "\n", "`", "*", "a", "/", "script", "]", "["),
    });
    let named = 0;
    fc.assert(
      fc.property(markup, (name) => {
        // A name the contract refuses (empty, say) is refused with a typed error: nothing to explain.
        const invoice = attempt(() => smallInvoice({ name }));
        if (invoice === undefined) return;
        named += 1;
        const html = explain(invoice, { format: "html" });
        expect(html).toContain(escapeHtml(name));
        expect(html.match(/<script/g)).toHaveLength(1);
        expect(html.match(/<details class="line"/g)).toHaveLength(2);
        const markdown = explain(invoice, { format: "markdown" });
        const row = markdown.split("\n").find((line) => line.includes("| 130 GB |"));
        // Four cell borders, none of them from the name: its pipes are escaped.
        expect(row?.replaceAll("\\|", "").match(/\|/g)).toHaveLength(4);
      }),
      { numRuns: 60 },
    );
    expect(named).toBeGreaterThan(30);
  });
});
