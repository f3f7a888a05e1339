import type { Contract } from "../../src/index.js";
import { rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { type ChargeInput, flatCharge, usageEvent } from "./contract.js";

/**
 * The worked example of docs/progressive-billing.md: bandwidth (meter `gb`) graduated 0–1,000 GB at
 * 0.10, above at 0.05 (`upTo` inclusive), and a 20.00 platform fee each month.
 */
export const PROGRESSIVE_EXAMPLE_CHARGES: ChargeInput[] = [
  {
    id: "bw",
    name: "Bandwidth",
    meter: "gb",
    price: {
      model: "graduated",
      tiers: [
        { upTo: "1000", unitPrice: "0.10" },
        { upTo: null, unitPrice: "0.05" },
      ],
    },
  },
  flatCharge("platform", "Platform", "20"),
];

/** Its March 2026 usage: 800 GB on the 5th, 600 GB on the 15th, 100 GB on the 25th (10:00 UTC). */
export const PROGRESSIVE_EXAMPLE_MARCH = [
  usageEvent("a", "gb", "2026-03-05T10:00:00Z", { v: "800" }),
  usageEvent("b", "gb", "2026-03-15T10:00:00Z", { v: "600" }),
  usageEvent("c", "gb", "2026-03-25T10:00:00Z", { v: "100" }),
];

/**
 * Its invoices: progressive as of 10 March (800 GB, 80.00) and 20 March (600 GB, 40.00), then the close
 * (100 GB, 5.00, and the platform fee). Call it in each test rather than once when the file loads:
 * Stryker's per-test coverage counts code run while a file loads as no test's.
 */
export function progressiveExampleSequence(contract: Contract) {
  const march = PROGRESSIVE_EXAMPLE_MARCH;
  const first = rateProgressiveInvoice(contract, march, "2026-03", "2026-03-10T00:00:00Z");
  const second = rateProgressiveInvoice(contract, march, "2026-03", "2026-03-20T00:00:00Z", {
    earlier: [first],
  });
  const closing = rateClosingInvoice(contract, march, "2026-03", { earlier: [first, second] });
  return { first, second, closing };
}
