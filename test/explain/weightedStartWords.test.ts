import { describe, expect, it } from "vitest";
import { currencyPrefix, explainLine, type Invoice, rateInvoice } from "../../src/index.js";
import { buildContract, unitCharge, usageEvent } from "../_support/contract.js";

// A time-weighted meter's sentence names the level the period started at. When an event sets the level
// at the period's first instant, that level, not the opening one (carried in, or 0), is what held from
// the start: saying "level 0 at the start" of 400 GB stored all month misleads whoever checks it.

const storage = {
  meters: [
    {
      id: "st",
      eventType: "st",
      aggregation: "weighted_sum" as const,
      valueProperty: "gb",
      unit: "GB-month",
    },
  ],
  charges: [unitCharge("st", "Storage", "st", "0.02")],
};

function storageWords(events: ReadonlyArray<unknown>, carriedLevel?: string): string {
  const contract = buildContract({ id: "ctr_weighted" }, storage);
  const options = carriedLevel === undefined ? {} : { carried: { st: { level: carriedLevel } } };
  const invoice: Invoice = rateInvoice(contract, events, "2026-02", options);
  const line = invoice.lines[0]!;
  const style = { prefix: currencyPrefix(invoice.currency.code), minorUnits: invoice.currency.minorUnits };
  return explainLine(line, style, invoice.period.end);
}

describe("a time-weighted meter's words for the level at the start", () => {
  it("names the level an event set at the first instant, over a carried level that held for no time", () => {
    // carried 100; s1 sets 400 at 1 February 00:00 and s2 200 on the 15th:
    // (400 × 14 + 200 × 14) ÷ 28 = 300 GB-month; the 100 carried in counts 0 days
    const words = storageWords(
      [
        usageEvent("s1", "st", "2026-02-01T00:00:00Z", { gb: "400" }),
        usageEvent("s2", "st", "2026-02-15T00:00:00Z", { gb: "200" }),
      ],
      "100",
    );
    expect(words).toContain("Storage: 300 GB-month from 2 events.");
    expect(words).toContain(
      "level 400 from the start (set by an event at the period's first instant), 200 at the end",
    );
    expect(words).not.toContain("level 100 at the start");
  });

  it("keeps the opening level when the first event comes later", () => {
    // nothing until 8 February, then 280 GB for the last 21 days: (0 × 7 + 280 × 21) ÷ 28 = 210 GB-month
    const words = storageWords([usageEvent("s1", "st", "2026-02-08T00:00:00Z", { gb: "280" })]);
    expect(words).toContain("Storage: 210 GB-month from 1 event.");
    expect(words).toContain("Time-weighted over 1 change: level 0 at the start, 280 at the end");
  });
});
