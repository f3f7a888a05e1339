import { describe, expect, it } from "vitest";
import type { ChargeTerms } from "../../src/contracts/index.js";
import { groupDimensions, meterRequests, needsEventValues } from "../../src/rating/index.js";
import { buildContract, type ChargeInput } from "../_support/contract.js";

// Charges parsed from JSON, so their terms are exactly what a contract yields.
function chargesOf(charges: unknown[]): ReadonlyArray<ChargeTerms> {
  return buildContract({
    id: "ctr_requests",
    customer: { id: "cus_a" },
    meters: [
      { id: "gb", eventType: "cdn.bandwidth", aggregation: "sum", valueProperty: "gb" },
      { id: "payments", eventType: "payment", aggregation: "sum", valueProperty: "amount" },
    ],
    charges: charges as ChargeInput[],
  }).charges;
}

const unit = { model: "unit", unitPrice: "1" };
const percent = { model: "percentage", percent: "2.9" };

describe("meterRequests", () => {
  it("asks for nothing beyond totals for plain charges", () => {
    const requests = meterRequests(chargesOf([{ id: "a", name: "A", meter: "gb", price: unit }]));
    expect(requests.get("gb")).toEqual({ groupings: [], collectValues: false });
  });

  it("asks a meter for each distinct grouping of its grouped and matrix charges, once", () => {
    const charges = chargesOf([
      { id: "a", name: "A", meter: "gb", price: { model: "grouped", groupBy: ["project"], price: unit } },
      {
        id: "b",
        name: "B",
        meter: "gb",
        price: { model: "matrix", dimensions: ["region", "service"], cells: [], defaultPrice: unit },
      },
      { id: "c", name: "C", meter: "gb", price: { model: "grouped", groupBy: ["project"], price: unit } },
    ]);
    expect(meterRequests(charges).get("gb")).toEqual({
      groupings: [["project"], ["region", "service"]],
      collectValues: false,
    });
    expect(charges.map(groupDimensions)).toEqual([["project"], ["region", "service"], ["project"]]);
  });

  it("asks for each event's value when a percentage is the price, or a cell, default or group price", () => {
    const charges = chargesOf([
      { id: "plain", name: "Plain", meter: "payments", price: percent },
      {
        id: "cell",
        name: "Cell",
        meter: "payments",
        price: {
          model: "matrix",
          dimensions: ["card"],
          cells: [{ match: { card: "visa" }, price: percent }],
        },
      },
      {
        id: "default",
        name: "Default",
        meter: "payments",
        price: { model: "matrix", dimensions: ["card"], cells: [], defaultPrice: percent },
      },
      {
        id: "grouped",
        name: "Grouped",
        meter: "payments",
        price: { model: "grouped", groupBy: ["merchant"], price: percent },
      },
      { id: "unit", name: "Unit", meter: "gb", price: unit },
    ]);
    expect(charges.map((charge) => needsEventValues(charge.price))).toEqual([true, true, true, true, false]);
    expect(meterRequests(charges).get("payments")?.collectValues).toBe(true);
    expect(meterRequests(charges).get("gb")?.collectValues).toBe(false);
  });

  it("skips charges without a meter", () => {
    const requests = meterRequests(
      chargesOf([{ id: "fee", name: "Fee", price: { model: "flat", amount: "5" } }]),
    );
    expect(requests.size).toBe(0);
  });
});
