import { describe, expect, it } from "vitest";
import {
  parseUsageEvent,
  renderWhatIf,
  summarizeWhatIf,
  type WhatIfRow,
  whatIfRow,
} from "../../src/index.js";
import { buildContract, matrixChargeOf, sumMeter, usageEvent } from "../_support/contract.js";

// what-if names its top cause as the invoice names the line or term (docs/what-if.md, "Top cause"):
// the line's name with its group, a discount's name; before 7 December 2026 it gave the id
// ('price (bw[region="eu"])', 'discount (launch)'), which the invoice, diff's sentences and the
// explanation never show.
const meters = [sumMeter("gb", { unit: "GB" })];
const bandwidth = (eu: string) =>
  matrixChargeOf("bw", "Bandwidth", "gb", "region", [
    ["na", { model: "unit", unitPrice: "0.10" }],
    ["eu", { model: "unit", unitPrice: eu }],
  ]);
const today = buildContract({ meters, charges: [bandwidth("0.10")] });
const events = (region: string, gb: string) => [
  parseUsageEvent(usageEvent(`e-${region}`, "gb", "2026-03-05T00:00:00Z", { v: gb, region })),
];

// The top cause's kind, name, id (a line's or a term's) and amount.
const top = ({ topCause: c }: WhatIfRow) => [c?.cause, c?.name, c?.line ?? c?.source, c?.amount];

describe("what-if's top cause", () => {
  it("names a grouped line by its name and group, and a discount by its name", () => {
    // eu: 1,000 GB at 0.10 = 100.00 → at 0.08 = 80.00: −20.00, the rate of the line "Bandwidth [region eu]".
    const cheaperEu = buildContract({ meters, charges: [bandwidth("0.08")] });
    const eu = whatIfRow(
      { name: "eu-shop", before: today, after: cheaperEu, events: events("eu", "1000") },
      "2026-03",
    );
    expect(top(eu)).toEqual(["price", "Bandwidth [region eu]", 'bw[region="eu"]', "-20.00"]);
    // na: 400 GB at 0.10 = 40.00, half off under the proposal: −20.00 of discount "Launch half off".
    const halfOff = buildContract({
      meters,
      charges: [bandwidth("0.10")],
      discounts: [{ id: "launch", name: "Launch half off", percent: "50" }],
    });
    const na = whatIfRow(
      { name: "na-shop", before: today, after: halfOff, events: events("na", "400") },
      "2026-03",
    );
    expect(top(na)).toEqual(["discount", "Launch half off", "launch", "-20.00"]);
    const text = renderWhatIf(summarizeWhatIf([eu, na]), "text");
    expect(text).toMatch(
      /^eu-shop\s+USD\s+100\.00\s+80\.00\s+-20\.00\s+-20\.00 %\s+Bandwidth \[region eu\]: price -20\.00$/m,
    );
    expect(text).toMatch(
      /^na-shop\s+USD\s+40\.00\s+20\.00\s+-20\.00\s+-50\.00 %\s+Launch half off: discount -20\.00$/m,
    );
    expect(renderWhatIf(summarizeWhatIf([eu]), "markdown")).toContain(
      "| eu-shop | USD | 100.00 | 80.00 | -20.00 | -20.00 % | Bandwidth [region eu]: price -20.00 |",
    );
  });
});
