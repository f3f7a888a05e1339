import { describe, expect, it } from "vitest";
import { explainText } from "../../src/index.js";
import { requestsInvoice } from "../_support/requestsInvoice.js";

// Graduated tiers of which the quantity reached only the first read "First 3 requests at $0.0500 =
// $0.15." with no "next" after it: a "first" of one. The sentence says all of it is in that tier, and
// up to where the tier goes, as a volume line says the one tier it reached.
const invoice = requestsInvoice;

describe("graduated tiers of which only the first was reached", () => {
  it("say all the quantity is in tier 1, and its bound", () => {
    // 3 requests, tier 1 up to 1,000: 3 × 0.05 = 0.15
    const tiers = [{ upTo: "1000", unitPrice: "0.05" }, { unitPrice: "0.02" }];
    const text = explainText(invoice({ model: "graduated", tiers }, 3));
    expect(text).toContain(
      "API: 3 requests from 3 events. All 3 requests in tier 1 (up to 1,000 requests) at $0.0500 = $0.15.",
    );
    expect(text).not.toContain("First 3 requests");
  });

  it("say it on the bound too, and keep first/next/remaining past it", () => {
    // 2 requests, tier 1 up to 2: 2 × 0.05 = 0.10; 3 requests: 2 × 0.05 = 0.10 and 1 × 0.02 = 0.02
    const tiers = [{ upTo: "2", unitPrice: "0.05" }, { unitPrice: "0.02" }];
    expect(explainText(invoice({ model: "graduated", tiers }, 2))).toContain(
      "All 2 requests in tier 1 (up to 2 requests) at $0.0500 = $0.10.",
    );
    expect(explainText(invoice({ model: "graduated", tiers }, 3))).toContain(
      "First 2 requests at $0.0500 = $0.10; remaining 1 request at $0.0200 = $0.02.",
    );
  });

  it("name no bound for a price of one tier", () => {
    // one open tier: 3 × 0.05 = 0.15
    expect(explainText(invoice({ model: "graduated", tiers: [{ unitPrice: "0.05" }] }, 3))).toContain(
      "All 3 requests in tier 1 at $0.0500 = $0.15.",
    );
  });
});
