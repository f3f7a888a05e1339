import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeControl, explainLine, explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";

// Every character escapeControl must hide: C0, DEL, C1, the line/paragraph separators, and the
// bidirectional marks, embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const controlChar = fc.constantFrom(
  "\n",
  "\r",
  "\t",
  "\u0000",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u009b",
  "\u2028",
  "\u202e",
  "\u2066",
  "\u200f",
);
const hostileText = fc
  .array(fc.oneof(fc.string({ maxLength: 4 }), controlChar), { maxLength: 8 })
  .map((parts) => parts.join(""));

describe("escapeControl", () => {
  it.each([
    ["a newline", "Bandwidth\nTotal €0.00", "Bandwidth\\nTotal €0.00"],
    ["a carriage return", "a\rTotal", "a\\rTotal"],
    ["a terminal escape", "\u001b[2JAcme", "\\u001b[2JAcme"],
    ["a right-to-left override", "eu\u202e00.0", "eu\\u202e00.0"],
    ["a C1 control (CSI)", "x\u009by", "x\\u009by"],
    ["DEL", "x\u007f", "x\\u007f"],
    ["a line separator", "x\u2028y", "x\\u2028y"],
  ])("shows %s visibly", (_, text, shown) => {
    expect(escapeControl(text)).toBe(shown);
  });

  it("leaves ordinary text, currency signs and backslashes alone", () => {
    expect(escapeControl("Bandwidth (North America) €1,234.50 ▇ C:\\logs")).toBe(
      "Bandwidth (North America) €1,234.50 ▇ C:\\logs",
    );
  });

  it("law: the result has no control character, is stable, and changes nothing else", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const shown = escapeControl(text);
        expect(shown).not.toMatch(CONTROL);
        expect(escapeControl(shown)).toBe(shown);
        if (!CONTROL.test(text)) expect(shown).toBe(text);
      }),
    );
  });
});

// A contract whose customer name, charge name and group values try to forge lines of the text.
function forgedInvoice(name: string, customerName: string, region: string, eventId: string) {
  const contract = buildContract({
    id: "ctr_forge",
    customer: { id: "cus", name: customerName },
    currency: "EUR",
    term: { start: "2026-02-01" },
    meters: [{ id: "gb", eventType: "gb", aggregation: "sum", valueProperty: "gb" }],
    charges: [
      {
        id: "bw",
        name,
        meter: "gb",
        price: { model: "grouped", groupBy: ["region"], price: { model: "unit", unitPrice: "1" } },
      },
    ],
  });
  const event = (id: string, type: string) => ({
    id,
    type,
    customer: "cus",
    timestamp: "2026-02-03T00:00:00Z",
    properties: { region, gb: "5" },
  });
  return rateInvoice(contract, [event("ok", "gb"), event(eventId, "unknown")], "2026-02");
}

describe("explanations cannot be forged by the input's text", () => {
  it("keeps every name, group value and event id on its own line, escaped", () => {
    const invoice = forgedInvoice(
      "Bandwidth\nTotal €0.00",
      "Acme\r\nTotal €0.00",
      "eu\u001b[8m",
      "e2\nTotal €0.00",
    );
    const text = explainText(invoice);
    // the real total is 5 × €1 = €5.00; no line of the text may claim €0.00
    expect(text.split("\n").filter((line) => line.startsWith("Total"))).toEqual(["Total €5.00."]);
    expect(text).toContain("Invoice ctr_forge:2026-02-01 for Acme\\r\\nTotal €0.00 (cus)");
    expect(text).toContain("Bandwidth\\nTotal €0.00 [region eu\\u001b[8m]:");
    expect(text).toContain("(e.g. e2\\nTotal €0.00)");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it("law: whatever the names, the text has the invoice's line count and no control character but newlines", () => {
    const clean = explainText(forgedInvoice("Bandwidth", "Acme", "eu", "e2")).split("\n").length;
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, hostileText, (name, customer, region, id) => {
        // ratecard requires a non-empty name and event id; the law is about what else they hold
        const invoice = forgedInvoice(`n${name}`, customer, region, `i${id}`);
        const text = explainText(invoice);
        expect(text.split("\n").length).toBe(clean);
        expect(text.replaceAll("\n", "")).not.toMatch(CONTROL);
        const line = explainLine(invoice.lines[0]!, { prefix: "€", minorUnits: 2 });
        expect(line).not.toMatch(CONTROL);
      }),
      { numRuns: 150 },
    );
  });
});
