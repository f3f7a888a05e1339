import { describe, expect, it } from "vitest";
import { rateInvoice, usageEvidence } from "../../src/index.js";
import { buildContract, type ContractOverrides, usageEvent } from "../_support/contract.js";

// A matrix by region that prices eu only and warns on the rest: us usage is measured, never billed.
const REGION_MATRIX: ContractOverrides = {
  meters: [{ id: "gb", eventType: "e", aggregation: "sum", valueProperty: "v", unit: "GB" }],
  charges: [
    {
      id: "egress",
      name: "Egress",
      meter: "gb",
      price: {
        model: "matrix",
        dimensions: ["region"],
        onUnpriced: "warn",
        cells: [{ match: { region: "eu" }, price: { model: "unit", unitPrice: "1" } }],
      },
    },
  ],
};
const events = [
  usageEvent("a", "e", "2026-03-02T00:00:00Z", { region: "eu", v: "5" }),
  usageEvent("b", "e", "2026-03-03T00:00:00Z", { region: "us", v: "7" }),
];
const groupsOf = (overrides: ContractOverrides = {}) =>
  (usageEvidence(buildContract(REGION_MATRIX, overrides), events, "2026-03").meters[0]?.groups ?? []).map(
    (group) => ({
      region: group.group.region,
      ratedQuantity: group.ratedQuantity,
      unpriced: group.unpriced,
    }),
  );

describe("usageEvidence: usage the contract has no price for", () => {
  it("marks the group no cell prices, as the invoice bills no line for it and warns", () => {
    const contract = buildContract(REGION_MATRIX);
    // eu: 5 GB at 1.00 = 5.00, one line; us: 7 GB measured, no line, one unpriced_usage warning.
    const invoice = rateInvoice(contract, events, "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([['egress[region="eu"]', "5.00"]]);
    expect(invoice.warnings).toEqual([
      'Charge egress: usage in region="us" (7 GB from 1 event) has no price and was not billed.',
    ]);
    expect(groupsOf()).toEqual([
      { region: "eu", ratedQuantity: "5", unpriced: undefined },
      { region: "us", ratedQuantity: "7", unpriced: true },
    ]);
  });

  it("leaves a group priced by the matrix's default price unmarked", () => {
    const charge = REGION_MATRIX.charges![0]!;
    const withDefault = {
      charges: [{ ...charge, price: { ...charge.price, defaultPrice: { model: "unit", unitPrice: "2" } } }],
    } as ContractOverrides;
    expect(groupsOf(withDefault).map((group) => group.unpriced)).toEqual([undefined, undefined]);
  });

  it("leaves a group an override prices on its own unmarked, but not one an override only multiplies", () => {
    const priced = {
      overrides: [
        {
          id: "o",
          charge: "egress",
          from: "2026-03-15",
          where: { region: "us" },
          price: { model: "unit", unitPrice: "3" },
        },
      ],
    };
    expect(groupsOf(priced as ContractOverrides).map((group) => group.unpriced)).toEqual([
      undefined,
      undefined,
    ]);
    // A multiplier scales a price the group has; us has none, so it stays unbilled.
    const scaled = {
      overrides: [
        { id: "o", charge: "egress", from: "2026-03-15", where: { region: "us" }, multiplier: "0.5" },
      ],
    };
    expect(groupsOf(scaled as ContractOverrides).map((group) => group.unpriced)).toEqual([undefined, true]);
  });

  it("leaves a group an amendment prices unmarked: part of the period bills it", () => {
    const amendment = {
      amendments: [
        {
          id: "add_us",
          effective: "2026-03-15",
          charges: [
            {
              ...REGION_MATRIX.charges![0]!,
              price: {
                model: "matrix",
                dimensions: ["region"],
                onUnpriced: "warn",
                cells: [{ match: { region: "us" }, price: { model: "unit", unitPrice: "1" } }],
              },
            },
          ],
        },
      ],
    };
    expect(groupsOf(amendment as ContractOverrides).map((group) => group.unpriced)).toEqual([
      undefined,
      undefined,
    ]);
  });
});
