import { describe, expect, it } from "vitest";
import { batchSummaryText } from "../../src/cli/batchSummaryText.js";
import type { BatchSummary } from "../../src/index.js";

// A batch that rated no invoice (every contract set aside), with these events of unbilled customers.
function nothingRated(unknownCustomers: BatchSummary["unknownCustomers"]): BatchSummary {
  return {
    invoices: 0,
    totals: [],
    eventsRead: 0,
    eventsCounted: 0,
    warnings: 0,
    excluded: [],
    unknownCustomers,
  };
}

describe("the batch summary in words", () => {
  it("groups an amount's whole part as it groups the counts, digit by digit, however long", () => {
    // 13301.64 is written 13,301.64 as the events' 22,500 are; a credit-note-sized negative amount due
    // keeps its sign; 20 digits (past a double's 2^53) are grouped from the text, not from a float,
    // which would read 12345678901234567890 as 12345678901234567000
    const text = batchSummaryText(
      {
        invoices: 4,
        totals: [
          {
            currency: "POINTS",
            invoices: 1,
            total: "12345678901234567890",
            amountDue: "12345678901234567890",
          },
          { currency: "USD", invoices: 3, total: "13301.64", amountDue: "-1234.50" },
        ],
        eventsRead: 22500,
        eventsCounted: 22500,
        warnings: 0,
        excluded: [],
        unknownCustomers: { events: 0, customers: 0, sampleCustomers: [] },
      },
      "2026-02",
    );
    expect(text).toContain("  POINTS 12,345,678,901,234,567,890 over 1 invoice\n");
    expect(text).toContain("  USD 13,301.64 over 3 invoices, -1,234.50 due\n");
    expect(text).toContain("  events: 22,500 read, 22,500 counted\n");
  });

  // A batch of 2025-02 over contracts whose terms start in 2026 read "events of customers without a
  // contract: … (cus_a, cus_b, cus_z)", as if cus_a's and cus_b's contracts were missing from the folder.
  it("says which customers have a contract, not in force in the period, rather than none", () => {
    const text = batchSummaryText(
      nothingRated({ events: 4, customers: 3, sampleCustomers: ["cus_a", "cus_b", "cus_z"] }),
      "2025-02",
      undefined,
      [
        { contract: "ctr_a", customer: "cus_a", term: "from 2026-01-01", source: "a.json" },
        { contract: "ctr_b", customer: "cus_b", term: "from 2026-01-01", source: "b.json" },
      ],
    );
    expect(text).toContain(
      "  events of customers without a contract in force in 2025-02: 4 of 3 customers (cus_a: not in force, cus_b: not in force, cus_z)\n",
    );
  });

  // A folder keeping years of customers who left, or a --period a year off, set aside thousands of
  // contracts, all named on one line (157,936 characters for 3,000). Five are named, as customers are.
  it("names the first five contracts set aside and counts the rest", () => {
    const outOfTerm = ["a", "b", "c", "d", "e", "f", "g"].map((letter, index) => ({
      contract: `ctr_${letter}`,
      customer: `cus_${letter}`,
      term: "2025-01-01 to 2026-01-01",
      source: `contracts/${index}.json`,
    }));
    const text = batchSummaryText(
      nothingRated({ events: 0, customers: 0, sampleCustomers: [] }),
      "2026-02",
      undefined,
      outOfTerm,
    );
    const term = "term 2025-01-01 to 2026-01-01";
    // 7 set aside: a to e named, 7 − 5 = 2 more
    expect(text).toContain(
      `  contracts not in force in 2026-02, not rated: ctr_a (cus_a, ${term}), ctr_b (cus_b, ${term}), ctr_c (cus_c, ${term}), ctr_d (cus_d, ${term}), ctr_e (cus_e, ${term}) and 2 more (7 in all; --summary FILE lists every one under contractsOutOfTerm)\n`,
    );
    expect(text).not.toContain("ctr_f");
  });

  // A CSV exported with padded cells: cus_a's events under "cus_a " and " cus_a", and "CUS_A", were
  // listed unquoted, "(cus_a , CUS_A,  cus_a)", read as cus_a itself, whose invoice lacked them.
  it("quotes an unbilled customer id that differs from a billed one by spaces or capitals, and names that one", () => {
    const text = batchSummaryText(
      {
        invoices: 2,
        totals: [{ currency: "USD", invoices: 2, total: "1.00", amountDue: "1.00" }],
        eventsRead: 2,
        eventsCounted: 2,
        warnings: 0,
        excluded: [],
        unknownCustomers: {
          events: 5,
          customers: 5,
          sampleCustomers: [" cus_a", "CUS_A", "cus_a ", "cus_q ", "cus_z"],
        },
      },
      "2026-02",
      undefined,
      [],
      ["cus_a", "cus_b"],
    );
    const near = "differs from cus_a (billed) by spaces or capitals";
    expect(text).toContain(
      `  events of customers without a contract: 5 of 5 customers (" cus_a": ${near}, "CUS_A": ${near}, "cus_a ": ${near}, "cus_q ", cus_z)\n`,
    );
  });
});
