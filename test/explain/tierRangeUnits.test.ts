import { describe, expect, it } from "vitest";
import { explain, explainText } from "../../src/index.js";
import { requestsInvoice } from "../_support/requestsInvoice.js";

// A tier's range is quantities of the line's unit: "(over 1 request up to 1,000 requests)", singular
// after 1 (unitWord), where it read "(over 1 up to 1,000)", and the explanation JSON's terms priced
// "per unit" whatever the unit was.
const invoice = requestsInvoice;
const tiers = [{ upTo: "1", unitPrice: "0.05" }, { upTo: "1000", unitPrice: "0.02" }, { unitPrice: "0.01" }];

describe("a tier's range with its unit", () => {
  it("says the unit of each bound of the tier a volume total reached, singular after 1", () => {
    // 3 requests are above 1 and at most 1,000: tier 2, all 3 × 0.02 = 0.06
    expect(explainText(invoice({ model: "volume", tiers }, 3))).toContain(
      "All 3 requests at the tier 2 price (over 1 request up to 1,000 requests) of $0.0200 = $0.06.",
    );
  });

  it("says it for a tiered package and an open last tier", () => {
    const text = explainText(
      invoice(
        {
          model: "tiered_package",
          mode: "graduated",
          tiers: [
            { upTo: "1", packageSize: "1", packagePrice: "1" },
            { packageSize: "2", packagePrice: "3" },
          ],
        },
        4,
      ),
    );
    // tier 1 takes 1 request, 1 package at 1.00; tier 2 the other 3, ⌈3 ÷ 2⌉ = 2 packages at 3.00 = 6.00
    expect(text).toContain(
      "Tier 1 (up to 1 request): 1 request in packages of 1 = 1 package at $1.0000 = $1.00.",
    );
    expect(text).toContain(
      "Tier 2 (over 1 request): 3 requests in packages of 2 = 2 packages at $3.0000 = $6.00.",
    );
  });

  it("prices each tier per the unit in the explanation JSON's terms", () => {
    const document = JSON.parse(explain(invoice({ model: "graduated", tiers }, 3), { format: "json" })) as {
      lines: Array<{ terms: string[] }>;
    };
    expect(document.lines[0]!.terms).toEqual(
      expect.arrayContaining([
        "Tier 1: above 0 requests up to 1 request inclusive, at $0.0500 per request.",
        "Tier 2: above 1 request up to 1,000 requests inclusive, at $0.0200 per request.",
      ]),
    );
  });
});
