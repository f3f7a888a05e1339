import { describe, expect, it } from "vitest";
import { explain, explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge } from "../_support/contract.js";

// A term that starts or ends at an instant other than local midnight: the header names the time, as the
// lines' proration does. Until 6 December 2026 it gave the period's `label` (dates only): the 2.5 hours of
// a term ending at 01:30 EST on 1 November read "Period: 2026-11-01 to 2026-11-01", and a term from
// noon on 8 March "2026-03-08 to 2026-04-01" over a fee prorated for 23.5 days.
const contract = buildContract({
  id: "ctr_noon",
  timeZone: "America/New_York",
  term: { start: "2026-03-08T12:00:00-04:00", end: "2026-11-01T01:30:00-05:00" },
  meters: [],
  charges: [flatCharge("fee", "Fee", "310.00")],
});

describe("the invoice header's period", () => {
  it("names the time of an end that is not local midnight", () => {
    const last = rateInvoice(contract, [], "2026-11");
    // 1 November 00:00 EDT (04:00 UTC) to 01:30 EST (06:30 UTC): 9,000 of November's 2,595,600 seconds
    // (30 days + the hour the clocks go back), 310.00 × 9,000 ÷ 2,595,600 = 1.0748… → 1.07
    expect(last.lines[0]!.amount).toBe("1.07");
    expect(explainText(last)).toContain(
      "Period: 2026-11-01 to 2026-11-01 01:30 (America/New_York), the end date not included.",
    );
    expect(explain(last, { format: "markdown" })).toContain(
      "- **Period:** 2026-11-01 to 2026-11-01 01:30 (America/New\\_York)",
    );
    expect(explain(last, { format: "html" })).toContain("2026-11-01 to 2026-11-01 01:30 (America/New_York)");
  });

  it("names the time of a start at noon, and keeps a midnight end as a date", () => {
    const first = rateInvoice(contract, [], "2026-03");
    // 8 March 12:00 EDT (16:00 UTC) to 1 April 00:00 EDT (04:00 UTC): 564 hours of March's 743
    expect(first.lines[0]!.steps.find((step) => step.kind === "proration")).toMatchObject({
      elapsed: "2030400",
      total: "2674800",
    });
    expect(explainText(first)).toContain("Period: 2026-03-08 12:00 to 2026-04-01 (America/New_York)");
  });

  it("names the time of a cancellation effective at noon", () => {
    const cancelled = buildContract({
      id: "ctr_cancel_noon",
      timeZone: "America/New_York",
      term: { start: "2026-01-01" },
      cancellation: { requested: "2026-03-02", effective: "2026-03-14T12:00:00-04:00" },
      meters: [],
      charges: [flatCharge("fee", "Fee", "310.00")],
    });
    const last = rateInvoice(cancelled, [], "2026-03");
    // 1 March 00:00 EST (05:00 UTC) to 14 March 12:00 EDT (16:00 UTC): 13 days 11 hours = 1,162,800 s of
    // March's 2,674,800: 310.00 × 1,162,800 ÷ 2,674,800 = 134.7644… → 134.76, billed to noon, not to the
    // 14th's start (until 6 December 2026 the sentence read "effective 2026-03-14; nothing is billed from
    // 2026-03-14 on")
    expect(last.lines[0]!.amount).toBe("134.76");
    expect(explainText(last)).toContain(
      "Cancelled: requested 2026-03-02, effective 2026-03-14 12:00; nothing is billed from 2026-03-14 12:00 on.",
    );
    expect(explainText(last)).toContain("Period: 2026-03-01 to 2026-03-14 12:00 (America/New_York)");
  });
});
