import { type Invoice, rateInvoice } from "../../src/index.js";
import { buildContract } from "./contract.js";

/** The egress charge's name: input text with markup in it, which every format must show, never run. */
export const HOSTILE_NAME = 'Egress <script>alert("x")</script> & co';

/**
 * The small invoice the explanation tests work by hand (docs/explain.md redoes it):
 * April 2026 in UTC (30 days), a 20.00 platform fee and egress on graduated tiers (first 100 GB at
 * 0.10, then 0.05), a 10% discount on egress, 20% tax per line.
 *
 * Usage: 40 GB on 04-03, 50 on 04-10 (running 90), 30 on 04-20 (running 120: tier 2 crossed that
 * day), 10 on 04-29: 130 GB. Egress 100 × 0.10 + 30 × 0.05 = 10.00 + 1.50 = 11.50; subtotal
 * 20.00 + 11.50 = 31.50; discount 10% × 11.50 = -1.15; tax 20% × 20.00 = 4.00 and 20% × (11.50 − 1.15)
 * = 2.07, 6.07 in all; total 31.50 − 1.15 + 6.07 = 36.42. Two events are left out: one in May
 * (outside the period, id `evt_<b>late</b>`) and one of an unknown type.
 */
export function smallInvoice(options: { readonly daily?: boolean; readonly name?: string } = {}): Invoice {
  const contract = buildContract({
    meters: [{ id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "v", unit: "GB" }],
    charges: [
      { id: "platform", name: "Platform", price: { model: "flat", amount: "20.00" } },
      {
        id: "egress",
        name: options.name ?? HOSTILE_NAME,
        meter: "gb",
        price: {
          model: "graduated",
          tiers: [{ upTo: "100", unitPrice: "0.10" }, { unitPrice: "0.05" }],
        },
      },
    ],
    discounts: [{ id: "promo", name: "Promo 10% on egress", percent: "10", charges: ["egress"] }],
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
  const event = (id: string, day: string, v: string, type = "egress") => ({
    id,
    type,
    customer: "cus",
    timestamp: `2026-${day}T12:00:00Z`,
    properties: { v },
  });
  const events = [
    event("e1", "04-03", "40"),
    event("e2", "04-10", "50"),
    event("e3", "04-20", "30"),
    event("e4", "04-29", "10"),
    event("evt_<b>late</b>", "05-02", "5"),
    event("e5", "04-05", "1", "unknown.kind"),
  ];
  return rateInvoice(contract, events, "2026-04", options.daily === false ? {} : { daily: true });
}
