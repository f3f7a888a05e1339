import { buildContract, type ChargeInput, type ContractOverrides } from "../_support/contract.js";

/**
 * The contract of docs/diff-and-reconcile.md, "Credit notes issued against the invoice": a platform fee
 * of 100.00 and egress at 0.05 a GB (meter `m`), 20 % VAT added per line; without the platform fee when
 * `withPlatform` is false.
 */
export function creditNoteExampleContract(withPlatform = true) {
  const tax: ContractOverrides["tax"] = {
    mode: "exclusive",
    rounding: "per_line",
    rates: [{ id: "vat", name: "VAT 20%", percent: "20" }],
  };
  const platform: ChargeInput = {
    id: "platform",
    name: "Platform fee",
    price: { model: "flat", amount: "100.00" },
  };
  const egress: ChargeInput = {
    id: "egress",
    name: "Egress",
    meter: "m",
    price: { model: "unit", unitPrice: "0.05" },
  };
  return buildContract({ charges: withPlatform ? [platform, egress] : [egress], tax });
}
