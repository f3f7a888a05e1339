import { type Invoice, rateInvoice } from "../../src/index.js";
import { buildContract, type ContractOverrides } from "../_support/contract.js";

/** Meter m sums v; charge "use" (Bandwidth) is graduated: the first 1,000 units at 0.10, the rest at 0.08. */
export const GRADUATED: ContractOverrides = {
  charges: [
    {
      id: "use",
      name: "Bandwidth",
      meter: "m",
      price: { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "0.10" }, { unitPrice: "0.08" }] },
    },
  ],
};

/** The invoice of `month` (2026-01, …) for one event of value `v`, under the default contract with `overrides`. */
export function rateMonth(overrides: ReadonlyArray<ContractOverrides>, month: string, v: string): Invoice {
  const event = {
    id: `${month}-1`,
    type: "e",
    customer: "cus",
    timestamp: `${month}-10T00:00:00Z`,
    properties: { v },
  };
  return rateInvoice(buildContract(...overrides), [event], month);
}
