import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";

const contract = fixtureContract("cdn-basic");
const event = (id: string, customer: string, gb: string) => ({
  id,
  type: "cdn.bandwidth",
  customer,
  timestamp: "2026-02-10T12:00:00Z",
  properties: { region: "na", gb },
});

describe("the invoice warns when another customer's events reuse the customer's ids", () => {
  it("counts the customer's events in full and names up to five reused ids", () => {
    const ids = ["e1", "e2", "e3", "e4", "e5", "e6"];
    const events = [
      ...ids.map((id) => event(id, "cus_northwind", "100")),
      ...ids.map((id) => event(id, "cus_contoso", "9999")),
    ];
    const invoice = rateInvoice(contract, events, "2026-02");
    // 6 × 100 GB of North America, all Northwind's: 600 GB × $0.08 (first tier) = $48.00
    expect(invoice.lines.find((line) => line.chargeId === "bandwidth_na")?.amount).toBe("48.00");
    expect(invoice.usage.excluded).toEqual([
      { reason: "other_customer", events: 6, sampleIds: ["e1", "e2", "e3", "e4", "e5"] },
    ]);
    expect(invoice.warnings).toHaveLength(1);
    expect(invoice.warnings[0]).toMatch(
      /^6 event ids of cus_northwind are also used by other customers' events \(e1, e2, e3, e4, e5, …\)\./,
    );
  });

  it("says nothing when the ids are the customer's alone", () => {
    const invoice = rateInvoice(
      contract,
      [event("e1", "cus_northwind", "1"), event("e2", "cus_contoso", "1")],
      "2026-02",
    );
    expect(invoice.warnings).toEqual([]);
  });
});
