import { describe, expect, it } from "vitest";
import { explainLine, rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// What the head of a line counts after its quantity. A line rated from events reads "from N events";
// a quantity typed by hand (ratecard quote) is no event, so a caller may count values or nothing.
// One unit charge at $0.05 a unit, three events of 100, 20 and 5: 125 × $0.05 = $6.25.
const contract = buildContract({
  charges: [{ id: "use", name: "Bandwidth", meter: "m", price: { model: "unit", unitPrice: "0.05" } }],
});
const events = ["100", "20", "5"].map((v, index) =>
  usageEvent(`e${index}`, "e", "2026-02-10T00:00:00Z", { v }),
);
const line = rateInvoice(contract, events, "2026-02").lines[0]!;
const style = { prefix: "$", minorUnits: 2 };

describe("explainLine's wording of what the quantity was counted from", () => {
  it("counts the events read, by default and when an invoice's end is given as before", () => {
    expect(explainLine(line, style)).toMatch(/^Bandwidth: 125 from 3 events\. /);
    expect(explainLine(line, style, "2026-03-01T00:00:00.000Z")).toMatch(/^Bandwidth: 125 from 3 events\. /);
  });

  it("counts values typed by hand, or nothing for a quantity typed as such", () => {
    expect(explainLine(line, style, { counted: "values" })).toMatch(/^Bandwidth: 125 from 3 values\. /);
    expect(explainLine(line, style, { counted: "nothing" })).toMatch(/^Bandwidth: 125\. 125 at \$0\.05/);
  });

  it("leaves the rest of the line as it was: the steps and the total", () => {
    const tail = (text: string) => text.slice(text.indexOf(". ") + 2);
    expect(tail(explainLine(line, style, { counted: "nothing" }))).toBe(tail(explainLine(line, style)));
    expect(explainLine(line, style, { counted: "values" })).toMatch(/Line total \$6\.25\.$/);
  });
});
