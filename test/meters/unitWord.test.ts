import { describe, expect, it } from "vitest";
import { explain, explainText, usageEvidenceText } from "../../src/explain/index.js";
import { rateInvoice, usageEvidence } from "../../src/invoice/index.js";
import { unitWord } from "../../src/meters/unitWord.js";
import { buildContract, unitCharge } from "../_support/contract.js";

// A unit word from the contract ("transfers") was written after a quantity of 1 as it is: "1 transfers".
// A meter may give the unit's singular form (`unitSingular`), written after exactly one; without it, a
// plain lowercase plural is made singular by rule (docs/explain.md#units-after-one).
const contract = (unitSingular?: string) =>
  buildContract({
    meters: [
      {
        id: "transfers",
        eventType: "domain.transferred",
        aggregation: "count",
        unit: "transfers",
        ...(unitSingular === undefined ? {} : { unitSingular }),
      },
    ],
    charges: [unitCharge("transfers", "Transfers in", "transfers", "9.95")],
  } as never);
const transfer = (id: string) => ({
  id,
  type: "domain.transferred",
  customer: "cus",
  timestamp: "2026-03-10T12:00:00Z",
  properties: {},
});

describe("unitWord", () => {
  it("writes the singular form after exactly one, the unit otherwise", () => {
    expect(unitWord("1", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("-1", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("1.000", "transfers", "transfer")).toBe(" transfer");
    expect(unitWord("2", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("0", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("0.5", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("10", "transfers", "transfer")).toBe(" transfers");
    expect(unitWord("1", undefined, "transfer")).toBe("");
  });

  // Without `unitSingular`, "1 minutes", "1 credits", "1 entities" were written as they are. The unit's
  // last word (after the last space or hyphen) is made singular when it reads as a plain English plural.
  it("makes a plain plural singular after one when the contract gives no singular form", () => {
    const one = (unit: string) => unitWord("1", unit, undefined).trim();
    expect(one("transfers")).toBe("transfer");
    expect(one("minutes")).toBe("minute");
    expect(one("requests")).toBe("request");
    expect(one("1k requests")).toBe("1k request");
    expect(one("container-hours")).toBe("container-hour");
    expect(one("Linux-equivalent minutes")).toBe("Linux-equivalent minute");
    expect(one("credits")).toBe("credit");
    expect(one("segments")).toBe("segment");
    expect(one("entities")).toBe("entity"); // "ies" → "y"
    expect(one("mailboxes")).toBe("mailbox"); // "xes", "ches", "shes", "sses" lose "es"
    expect(one("batches")).toBe("batch");
    expect(one("pushes")).toBe("push");
    expect(one("IP addresses")).toBe("IP address");
    expect(one("messages")).toBe("message"); // any other "es" loses only the "s"
    expect(one("licenses")).toBe("license");
    expect(unitWord("-1", "minutes", undefined)).toBe(" minute");
    expect(unitWord("1.00", "minutes", undefined)).toBe(" minute");
    expect(unitWord("2", "minutes", undefined)).toBe(" minutes");
    expect(unitWord("0", "minutes", undefined)).toBe(" minutes");
    // The contract's singular wins over the rule.
    expect(unitWord("1", "caches", "cache")).toBe(" cache");
    // A word whose singular ends in "che" loses only its "s": "caches" read "1 cach". The short list of
    // such words is kept by hand (docs/explain.md#units-after-one); "-ches" words not on it (batches,
    // coaches, switches) still lose "es".
    expect(one("caches")).toBe("cache");
    expect(one("edge caches")).toBe("edge cache");
    expect(one("CDN-caches")).toBe("CDN-cache");
    expect(one("niches")).toBe("niche");
    expect(one("tranches")).toBe("tranche");
    expect(one("avalanches")).toBe("avalanche");
    expect(one("coaches")).toBe("coach");
    expect(one("switches")).toBe("switch");
  });

  it("leaves alone what is not a plain lowercase plural", () => {
    const one = (unit: string) => unitWord("1", unit, undefined).trim();
    for (const unit of ["GB", "Mbps", "GB-month", "GB-s", "Mbit/s", "TOKENS", "s", "ms", "egress", "bonus"])
      expect(one(unit)).toBe(unit);
    // Too short, ending in "ss", "us" or "is", or with no vowel before the "s" (an abbreviation).
    for (const unit of [
      "GB-hrs",
      "kbps",
      "rps",
      "qps",
      "access",
      "status",
      "analysis",
      "requests/s",
      "Seats",
    ])
      expect(one(unit)).toBe(unit);
  });
});

describe("a unit's singular form in explanations", () => {
  it("says 1 transfer, not 1 transfers, when the contract gives the singular", () => {
    const invoice = rateInvoice(contract("transfer"), [transfer("t1")], "2026-03");
    // 1 transfer × $9.95 = $9.95
    expect(invoice.lines[0]).toMatchObject({ quantity: "1", unit: "transfers", unitSingular: "transfer" });
    const text = explainText(invoice);
    expect(text).toContain("Transfers in: 1 transfer from 1 event. 1 transfer at $9.9500 = $9.95.");
    expect(text).not.toContain("1 transfers");
    expect(explain(invoice, { format: "markdown" })).not.toContain("1 transfers");
    expect(explain(invoice, { format: "html" })).not.toContain("1 transfers");
  });

  it("keeps the plural for any other quantity, and the unit as given without a singular form", () => {
    // 2 transfers × $9.95 = $19.90
    const two = explainText(rateInvoice(contract("transfer"), [transfer("t1"), transfer("t2")], "2026-03"));
    expect(two).toContain("Transfers in: 2 transfers from 2 events. 2 transfers at $9.9500 = $19.90.");
    const none = rateInvoice(contract(), [transfer("t1")], "2026-03");
    expect(none.lines[0]!.unitSingular).toBeUndefined();
    // Without `unitSingular`, "transfers" is a plain plural: 1 transfer at $9.95 = $9.95.
    expect(explainText(none)).toContain(
      "Transfers in: 1 transfer from 1 event. 1 transfer at $9.9500 = $9.95.",
    );
  });
});

describe("a unit after one in the usage evidence", () => {
  it("says 1 transfer, by rule, where it read 1 transfers", () => {
    // One transfer on 10 March: the meter counts 1, the line rates 1 (its day, its total, the rated quantity).
    const text = usageEvidenceText(usageEvidence(contract(), [transfer("t1")], "2026-03"));
    expect(text).toContain("all events: 1 event, 1 transfer (the quantity rated)");
    expect(text).not.toContain("1 transfers");
  });
});
