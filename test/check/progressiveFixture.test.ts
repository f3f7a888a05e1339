import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.js";
import { parseContract } from "../../src/contracts/index.js";
import { rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { parseUsageEvent } from "../../src/schema/index.js";
import { buildContractJson, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// 0.10 a GB; 300 GB on the 5th, 200 GB on the 20th of March.
const json = buildContractJson({
  meters: [sumMeter("gb")],
  charges: [unitCharge("bw", "Bandwidth", "gb", "0.10")],
});
const raw = [
  usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "300" }),
  usageEvent("b", "gb", "2026-03-20T00:00:00Z", { v: "200" }),
];
const events = raw.map((event, index) => parseUsageEvent(event, index));
const contract = parseContract(json);
const first = rateProgressiveInvoice(contract, raw, "2026-03", "2026-03-10");
const closing = rateClosingInvoice(contract, raw, "2026-03", { earlier: [first] });
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe("check: a fixture whose expected invoice is progressive", () => {
  it("rates a progressive and a closing invoice as such, less the fixture's earlier invoices", () => {
    // first: 300 × 0.10 = 30.00; closing: 500 × 0.10 = 50.00 − 30.00 = 20.00
    expect([first.total, closing.total]).toEqual(["30.00", "20.00"]);
    const result = check([
      { name: "first", contract: json, events, expectedText: text(first) },
      { name: "closing", contract: json, events, expectedText: text(closing), earlier: [first] },
    ]);
    expect(result.fixtures.map((fixture) => fixture.status)).toEqual(["pass", "pass"]);
  });

  it("fails a closing invoice checked without its earlier invoices, naming what differs", () => {
    const [result] = check([
      { name: "closing", contract: json, events, expectedText: text(closing) },
    ]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.differences.map((difference) => difference.path)).toContain("total");
  });
});

describe("check: earlier invoices and which invoice of the period the figures are", () => {
  // The figures of the closing invoice by hand: 500 GB × 0.10 = 50.00 for March, less the 30.00 the
  // progressive invoice of 10 March billed (300 GB × 0.10) = 20.00.
  const closingFigures = {
    period: "2026-03",
    progressive: { stage: "closing" },
    lines: { bw: "20.00" },
    total: "20.00",
  };
  const figuresText = (value: unknown) => `${JSON.stringify(value)}\n`;

  it("refuses a whole-period expected.json beside earlier invoices, which it would leave out without a word", () => {
    // expected.json pins March's invoice (500 GB × 0.10 = 50.00); earlier-1.json (30.00) cannot be taken off it.
    const march = rateInvoice(contract, raw, "2026-03", {});
    expect(march.total).toBe("50.00");
    const [result] = check([
      { name: "march", contract: json, events, expectedText: text(march), earlier: [first] },
    ]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toBe(
      "earlier-1.json is there, but expected.json is the invoice for the whole period, which subtracts no earlier invoice: pin the closing (or a progressive) invoice, or remove the earlier files",
    );
  });

  it("rates the closing invoice the figures name, less the earlier invoices", () => {
    const [result] = check([
      { name: "closing", contract: json, events, figuresText: figuresText(closingFigures), earlier: [first] },
    ]).fixtures;
    expect(result?.status).toBe("pass");
  });

  it("rates a progressive invoice as of the figures' instant: the first one has no earlier invoice", () => {
    // 300 GB before 10 March × 0.10 = 30.00
    const figures = {
      period: "2026-03",
      progressive: { stage: "progressive", asOf: "2026-03-10T00:00:00Z" },
      lines: { bw: { quantity: "300", amount: "30.00" } },
      total: "30.00",
    };
    const [result] = check([
      { name: "first", contract: json, events, figuresText: figuresText(figures) },
    ]).fixtures;
    expect(result?.status).toBe("pass");
  });

  it("refuses figures beside earlier invoices that do not say which invoice of the period they are", () => {
    const { progressive: _, ...figures } = closingFigures;
    const [result] = check([
      { name: "closing", contract: json, events, figuresText: figuresText(figures), earlier: [first] },
    ]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toContain('add "progressive": { "stage": "closing" }');
  });

  it("refuses figures that name another invoice of the period than expected.json", () => {
    const [result] = check([
      {
        name: "closing",
        contract: json,
        events,
        expectedText: text(closing),
        figuresText: figuresText({
          ...closingFigures,
          progressive: { stage: "progressive", asOf: "2026-03-10" },
        }),
        earlier: [first],
      },
    ]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toBe(
      "expected-figures.json says a progressive invoice as of 2026-03-10, but expected.json is the closing invoice: correct one of them",
    );
  });
});

describe("check: a credit note of units against a fixture's closing invoice under a minimum", () => {
  // A minimum of 100.00 a month at 1.00 a unit: 90 units by the 10th (progressive invoice 1, 90.00), 30
  // more by the end (the close: 120 × 1.00 − 90.00 = 30.00, no true-up). The minimum was settled on the
  // period's 120.00, so a note of units is checked against it with the earlier invoice.
  const minimumJson = buildContractJson({
    id: "ctr_quarter",
    meters: [sumMeter("m", { eventType: "e" })],
    charges: [unitCharge("use", "Use", "m", "1")],
    commitments: [{ id: "q1", name: "Q1 commitment", minimum: "100" }],
  });
  const minimum = parseContract(minimumJson);
  const rawUnits = [
    usageEvent("a", "e", "2026-01-05T00:00:00Z", { v: "90" }),
    usageEvent("b", "e", "2026-01-20T00:00:00Z", { v: "30" }),
  ];
  const unitEvents = rawUnits.map((event, index) => parseUsageEvent(event, index));
  const january = rateProgressiveInvoice(minimum, rawUnits, "2026-01", "2026-01-10");
  const close = rateClosingInvoice(minimum, rawUnits, "2026-01", { earlier: [january] });
  const fixture = (units: string) => ({
    name: "close-with-note",
    contract: minimumJson,
    events: unitEvents,
    expectedText: text(close),
    earlier: [january],
    creditNote: {
      corrections: [{ kind: "quantity", line: "use", quantity: units, reason: "double-counted" }],
    },
    figuresText: `${JSON.stringify({
      period: "2026-01",
      progressive: { stage: "closing" },
      lines: { use: "30.00" },
      total: "30.00",
      // 10 units off the top: 110 units cost 110.00, less 90.00 billed earlier = 20.00 kept: 10.00
      creditNote: { lines: { "use:credit:1": "10.00" }, total: "10.00" },
    })}\n`,
  });

  it("issues the note with the fixture's earlier invoices: 10 units leave 110.00 ≥ 100.00", () => {
    expect([january.total, close.total]).toEqual(["90.00", "30.00"]);
    const [result] = check([fixture("10")]).fixtures;
    expect(result?.differences).toEqual([]);
    expect(result?.reason).toBeUndefined();
    expect(result?.status).toBe("pass");
  });

  it("reports the refusal of a note that takes the period's spend below the minimum (25 units: 95.00)", () => {
    const [result] = check([fixture("25")]).fixtures;
    expect(result?.status).not.toBe("pass");
    expect(`${result?.reason}`).toContain("Q1 commitment");
  });
});
