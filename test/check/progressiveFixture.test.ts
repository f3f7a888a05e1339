import { describe, expect, it } from "vitest";
import { check } from "../../src/check/index.js";
import { parseContract } from "../../src/contracts/index.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
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
