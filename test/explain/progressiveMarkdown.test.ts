import { describe, expect, it } from "vitest";
import { explain, rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";

// docs/explain.md, Markdown: a progressive or closing invoice says what it is under its header, in the
// text explanation's words. Bandwidth at 0.10 a GB: 800 GB by the 10th of March (progressive invoice
// 1, 800 × 0.10 = 80.00), 400 GB more (the close: 1,200 × 0.10 = 120.00, less 80.00 = 40.00).
const contract = buildContract({
  meters: [sumMeter("gb")],
  charges: [{ id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.10" } }],
});
const events = [
  usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "800" }),
  usageEvent("b", "gb", "2026-03-20T10:00:00Z", { v: "400" }),
];
const first = rateProgressiveInvoice(contract, events, "2026-03", "2026-03-10");
const close = rateClosingInvoice(contract, events, "2026-03", { earlier: [first] });
const markdown = (invoice: typeof first) => explain(invoice, { format: "markdown" });
const html = (invoice: typeof first) => explain(invoice, { format: "html" });
// A fact of the HTML page's header list, its text escaped as the page writes it.
const kindFact = (sentences: ReadonlyArray<string>) =>
  `<dt>Kind</dt><dd>${sentences.join(" ").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;")}</dd>`;

describe("the Markdown and HTML explanations of a progressive sequence", () => {
  it("says which progressive invoice it is and what it bills, as the text does", () => {
    const sentences = [
      "Progressive invoice 1 of the period, as of 2026-03-10T00:00:00.000Z: the usage charges before that instant.",
      "It bills $80.00; nothing was billed earlier in the period.",
    ];
    for (const sentence of sentences) expect(explain(first)).toContain(sentence);
    // a paragraph after the header's list, before the lines
    expect(markdown(first)).toContain(`\n\n${sentences.join(" ")}\n\n## Lines\n`);
    expect(html(first)).toContain(kindFact(sentences));
  });

  it("says the closing invoice bills the period less the earlier invoices (120.00 − 80.00 = 40.00)", () => {
    const sentences = [
      "Closing invoice of a period billed progressively (invoice 2 of the period): the whole period, with its fees, minimums and commitments.",
      `It bills $120.00 so far minus $80.00 already billed on ${first.id} = $40.00.`,
    ];
    for (const sentence of sentences) expect(explain(close)).toContain(sentence);
    expect(markdown(close)).toContain(`\n\n${sentences.join(" ")}\n\n## Lines\n`);
    expect(html(close)).toContain(kindFact(sentences));
    expect(JSON.parse(explain(close, { format: "json" })).invoice.progressive).toEqual(sentences);
  });

  it("adds nothing to an invoice of a whole period", () => {
    const whole = rateInvoice(contract, events, "2026-03");
    expect(markdown(whole)).not.toMatch(/progressive|already billed/i);
    expect(html(whole)).not.toMatch(/<dt>Kind<\/dt>|already billed/);
    expect(JSON.parse(explain(whole, { format: "json" })).invoice).not.toHaveProperty("progressive");
    expect(markdown(whole)).toContain("the end date not included\n- **Currency:**");
  });
});
