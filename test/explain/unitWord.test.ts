import { describe, expect, it } from "vitest";
import { explain, explainText } from "../../src/explain/index.js";
import { unitWord } from "../../src/explain/unitWord.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, unitCharge } from "../_support/contract.js";

// A unit word from the contract ("transfers") was written after a quantity of 1 as it is: "1 transfers".
// A meter may give the unit's singular form (`unitSingular`), written after exactly one.
const contract = (unitSingular?: string) =>
  buildContract({
    meters: [
      {
        id: "transfers",
        eventType: "domain.transferred",
        aggregation: "count",
        unit: "transfers",
        ...(unitSingular === undefined ? {} : { unitSingular }),
      },
    ],
    charges: [unitCharge("transfers", "Transfers in", "transfers", "9.95")],
  } as never);
const transfer = (id: string) => ({
  id,
  type: "domain.transferred",
  customer: "cus",
  timestamp: "2026-03-10T12:00:00Z",
  properties: {},
});

describe("unitWord", () => {
  it("writes the singular form after exactly one, the unit otherwise", () => {
    expect(unitWord("1", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("-1", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("1.000", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("2", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("0", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("0.5", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("10", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("1", "transfers", undefined)).toBe(" transfers");
    expect(unitWord("1", undefined, "transfer")).toBe("");
  });
});

describe("a unit's singular form in explanations", () => {
  it("says 1 transfer, not 1 transfers, when the contract gives the singular", () => {
    const invoice = rateInvoice(contract("transfer"), [transfer("t1")], "2026-03");
    // 1 transfer × $9.95 = $9.95
    expect(invoice.lines[0]).toMatchObject({ quantity: "1", unit: "transfers", unitSingular: "transfer" });
    const text = explainText(invoice);
    expect(text).toContain("Transfers in: 1 transfer from 1 event. 1 transfer at $9.9500 = $9.95.");
    expect(text).not.toContain("1 transfers");
    expect(explain(invoice, { format: "markdown" })).not.toContain("1 transfers");
    expect(explain(invoice, { format: "html" })).not.toContain("1 transfers");
  });

  it("keeps the plural for any other quantity, and the unit as given without a singular form", () => {
    // 2 transfers × $9.95 = $19.90
    const two = explainText(rateInvoice(contract("transfer"), [transfer("t1"), transfer("t2")], "2026-03"));
    expect(two).toContain("Transfers in: 2 transfers from 2 events. 2 transfers at $9.9500 = $19.90.");
    const none = rateInvoice(contract(), [transfer("t1")], "2026-03");
    expect(none.lines[0]!.unitSingular).toBeUndefined();
    expect(explainText(none)).toContain("1 transfers from 1 event");
  });
});
