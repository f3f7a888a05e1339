import { describe, expect, it } from "vitest";
import { explain } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// The tier bounds under a meter's chart wrote the meter's unit as given after any bound: "tier 2 starts
// above 1 requests". A bound is a quantity like any other, so its unit goes through unitWord: "1
// request" (by rule here; the contract's unitSingular when it gives one), "2 requests" otherwise.
const invoice = (upTo: string, unitSingular?: string) =>
  rateInvoice(
    buildContract({
      meters: [
        {
          id: "api",
          eventType: "api",
          aggregation: "count",
          unit: "requests",
          ...(unitSingular === undefined ? {} : { unitSingular }),
        },
      ],
      charges: [
        {
          id: "api",
          name: "API",
          meter: "api",
          price: { model: "graduated", tiers: [{ upTo, unitPrice: "0" }, { unitPrice: "0.01" }] },
        },
      ],
    } as never),
    // 1 request on 3 March, 2 on 4 March: the running total is 1, then 3
    ["03", "04", "04"].map((day, at) => usageEvent(`r${at}`, "api", `2026-03-${day}T12:00:00Z`, {})),
    "2026-03",
    { daily: true },
  );

describe("a tier bound with its unit", () => {
  it("says 1 request after a bound of one, in Markdown and HTML", () => {
    // the running total is above 1 first on 4 March (1 + 2 = 3)
    const markdown = explain(invoice("1"), { format: "markdown" });
    expect(markdown).toContain("- api: tier 2 starts above 1 request; crossed on 2026-03-04.");
    expect(markdown).not.toContain("1 requests");
    const html = explain(invoice("1"), { format: "html" });
    expect(html).toContain("tier 2 starts above 1 request; crossed on 2026-03-04.");
    expect(html).toContain("tier 2 above 1 request, crossed 2026-03-04");
    expect(html).not.toContain("1 requests");
  });

  it("keeps the plural for any other bound, and takes the contract's singular form", () => {
    expect(explain(invoice("2"), { format: "markdown" })).toContain(
      "- api: tier 2 starts above 2 requests; crossed on 2026-03-04.",
    );
    expect(explain(invoice("1", "call"), { format: "markdown" })).toContain(
      "- api: tier 2 starts above 1 call; crossed on 2026-03-04.",
    );
  });
});
