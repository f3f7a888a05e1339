import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { fixtureContractJson } from "../_arbitraries/contracts.js";
import { thrown } from "../_support/thrown.js";

const cdn = fixtureContractJson("cdn-basic") as unknown as ContractInput;
const bandwidth = (gb: string) => [
  {
    id: "e",
    type: "cdn.bandwidth",
    customer: "cus_northwind",
    timestamp: "2026-02-10T00:00:00Z",
    properties: { region: "na", gb },
  },
];

describe("overrides", () => {
  it("multiplies every money amount of a charge's price, leaving the tier bounds", () => {
    const contract = parseContract({
      ...cdn,
      overrides: [{ id: "neg", charge: "bandwidth_na", multiplier: "0.8" }],
    });
    const line = rateInvoice(contract, bandwidth("61400"), "2026-02").lines.find(
      (l) => l.id === "bandwidth_na",
    )!;
    // tiers 0.08 / 0.06 / 0.04 × 0.8 = 0.064 / 0.048 / 0.032, bounds unchanged:
    // 10,000 × 0.064 + 40,000 × 0.048 + 11,400 × 0.032 = 640 + 1,920 + 364.80 = 2,924.80 (= 3,656 × 0.8)
    expect(line.amount).toBe("2924.80");
    expect(
      line.steps.filter((step) => step.kind === "tier").map((step) => ("upTo" in step ? step.upTo : null)),
    ).toEqual(["10000", "50000", null]);
  });

  it("replaces a price from a date, splitting the period there", () => {
    const contract = parseContract({
      ...cdn,
      overrides: [
        {
          id: "deal",
          charge: "bandwidth_na",
          from: "2026-02-15",
          price: { model: "unit", unitPrice: "0.05" },
        },
      ],
    });
    const events = [
      {
        id: "a",
        type: "cdn.bandwidth",
        customer: "cus_northwind",
        timestamp: "2026-02-10T12:00:00Z",
        properties: { region: "na", gb: "1000" },
      },
      {
        id: "b",
        type: "cdn.bandwidth",
        customer: "cus_northwind",
        timestamp: "2026-02-20T12:00:00Z",
        properties: { region: "na", gb: "1000" },
      },
    ];
    const lines = rateInvoice(contract, events, "2026-02").lines.filter(
      (line) => line.chargeId === "bandwidth_na",
    );
    // before the 15th: 1,000 GB in tier 1 at 0.08 = 80.00; from the 15th: 1,000 × 0.05 = 50.00
    expect(lines.map((line) => [line.id, line.amount])).toEqual([
      ["bandwidth_na@2026-02-01", "80.00"],
      ["bandwidth_na@2026-02-15", "50.00"],
    ]);
  });

  it("refuses an override of an unknown charge, or with both or neither of multiplier and price", () => {
    expect(
      thrown(() => parseContract({ ...cdn, overrides: [{ id: "x", charge: "nope", multiplier: "0.9" }] })),
    ).toMatchObject({
      code: "invalid_field",
      path: "overrides[0].charge",
    });
    expect(
      thrown(() => parseContract({ ...cdn, overrides: [{ id: "x", charge: "requests" }] })),
    ).toMatchObject({
      code: "invalid_field",
      path: "overrides[0].multiplier",
    });
  });
  it("points an error in an override's replacement price at the override, not at the charge", () => {
    // The replacement allows at most 100 GB; 1,000 GB exceed every tier of it. The charge's own price
    // (graduated, charges[1]) is not at fault, so the path names overrides[1].price.
    const capacity = {
      model: "capacity",
      tiers: [{ limits: [{ meter: "bandwidth_na", max: "100" }], amount: "10.00" }],
    } as const;
    const whole = parseContract({
      ...cdn,
      overrides: [
        { id: "other", charge: "requests", multiplier: "0.9" },
        { id: "cap", charge: "bandwidth_na", price: capacity },
      ],
    });
    expect(thrown(() => rateInvoice(whole, bandwidth("1000"), "2026-02"))).toMatchObject({
      code: "capacity_exceeded",
      path: "overrides[1].price",
    });
    // From a date: the piece from the 5th is rated with the replacement, and fails there.
    const dated = parseContract({
      ...cdn,
      overrides: [{ id: "cap", charge: "bandwidth_na", from: "2026-02-05", price: capacity }],
    });
    expect(thrown(() => rateInvoice(dated, bandwidth("1000"), "2026-02"))).toMatchObject({
      code: "capacity_exceeded",
      path: "overrides[0].price",
    });
  });
});
