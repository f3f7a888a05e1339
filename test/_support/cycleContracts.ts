import { egressContractJson } from "./egressContract.js";

// The contracts of docs/scale.md, "Contracts billed on another cycle", as JSON: $0.05 per GB of egress,
// UTC (egressContract.ts). cus_a is billed monthly from the 1st; cus_b on the 15th (its term starts
// 2026-01-15); cus_c per quarter, with a platform fee of 90.00 a quarter.
const PLATFORM_FEE = { id: "platform", name: "Platform fee", price: { model: "flat", amount: "90.00" } };
const EGRESS = { id: "egress", name: "Egress", meter: "egress", price: { model: "unit", unitPrice: "0.05" } };

export const MONTHLY_JSON = egressContractJson("cus_a");
export const ANNIVERSARY_JSON = egressContractJson("cus_b", "USD", {
  billing: { cadence: "monthly", alignment: "anniversary" },
  term: { start: "2026-01-15", end: "2027-01-15" },
});
export const QUARTERLY_JSON = egressContractJson("cus_c", "USD", {
  billing: { cadence: "quarterly", alignment: "calendar" },
  charges: [PLATFORM_FEE, EGRESS],
});
