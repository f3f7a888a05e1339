import { describe, expect, it } from "vitest";
import { billProgressively, rateClosingInvoice, rateProgressiveInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/commitment-periods.md, "Progressive billing": the quarter's 1,200.00 commitment (1.00 a unit),
// January and February billed whole (spend to date 800.00 after them), March billed progressively.
// March's usage: 100 units on the 5th, 150 units on the 20th.
const MARCH = [
  usageEvent("m1", "e", "2026-03-05T12:00:00Z", { v: "100" }),
  usageEvent("m2", "e", "2026-03-20T12:00:00Z", { v: "150" }),
];

function march(extra: Record<string, unknown>, spendToDate: string) {
  const contract = quarterCommitment(extra);
  const options = { commitmentSpendToDate: { q1: spendToDate } };
  const first = rateProgressiveInvoice(contract, MARCH, "2026-03", "2026-03-10", options);
  const second = rateProgressiveInvoice(contract, MARCH, "2026-03", "2026-03-25", {
    ...options,
    earlier: [first],
  });
  const closing = rateClosingInvoice(contract, MARCH, "2026-03", { ...options, earlier: [first, second] });
  return { first, second, closing };
}

describe("a cumulative commitment billed progressively", () => {
  it("settles nothing on the progressive invoices; the closing one carries the record and the true-up", () => {
    const { first, second, closing } = march({}, "800.00");
    // progressive 1, as of the 10th: 100 units so far = 100.00, no commitment record (nothing settled)
    expect(first.total).toBe("100.00");
    expect(first.commitments).toBeUndefined();
    // progressive 2, as of the 25th: 250 units so far = 250.00, less the 100.00 billed = 150.00
    expect(second.total).toBe("150.00");
    expect(second.commitments).toBeUndefined();
    // closing: March whole = 250.00 + true-up (1,200.00 − (800.00 + 250.00) = 150.00) = 400.00,
    // less 100.00 + 150.00 billed = 150.00: the true-up alone
    expect(closing.total).toBe("150.00");
    expect(closing.commitments).toEqual([
      {
        id: "q1",
        name: "Q1 commitment",
        minimum: "1200.00",
        spend: "250.00",
        trueUp: "150.00",
        cumulative: {
          from: "2026-01-01",
          until: "2026-04-01",
          spendBefore: "800.00",
          remaining: "400.00",
          within: "250.00",
          excess: "0.00",
          spendAfter: "1050.00",
          closes: true,
        },
      },
    ]);
    expect(closing.lines.find((line) => line.priceKind === "true_up")?.amount).toBe("150.00");
    // the quarter: 300 (Jan) + 500 (Feb) + 100 + 150 + 150 = 1,200.00, exactly the commitment
    expect(new Decimal(first.total).plus(second.total).plus(closing.total).toFixed(2)).toBe("400.00");
  });

  it("bills the overage beyond the commitment on the closing invoice only", () => {
    const { first, second, closing } = march({ overageFactor: "1.2" }, "1000.00");
    // spend to date 1,000.00: 200.00 remains; March's 250.00 = 200.00 within + 50.00 beyond;
    // overage 50.00 × (1.2 − 1) = 10.00, on the closing invoice (the progressive ones settle nothing)
    expect([first.total, second.total]).toEqual(["100.00", "150.00"]);
    expect(closing.total).toBe("10.00");
    expect(closing.commitments?.[0]).toMatchObject({
      overage: "10.00",
      cumulative: { spendBefore: "1000.00", within: "200.00", excess: "50.00", spendAfter: "1250.00" },
    });
  });

  it("carries the spend through a threshold sequence to its closing invoice", () => {
    const contract = quarterCommitment();
    // threshold 120.00: the 100.00 of the 5th does not reach it; 250.00 on the 20th does (one invoice,
    // as of the second after that event); then the closing invoice bills the 150.00 true-up
    const invoices = billProgressively(contract, MARCH, "2026-03", {
      threshold: "120",
      close: true,
      commitmentSpendToDate: { q1: "800.00" },
    });
    expect(invoices.map((invoice) => invoice.total)).toEqual(["250.00", "150.00"]);
    expect(invoices[0]!.progressive?.asOf).toBe("2026-03-20T12:00:01.000Z");
    expect(invoices[1]!.commitments?.[0]?.cumulative?.spendAfter).toBe("1050.00");
  });

  it("checks the carried spend on a progressive invoice as on any other", () => {
    const contract = quarterCommitment();
    // an id that is no commitment is refused even though a progressive invoice settles none
    expect(
      thrown(() =>
        rateProgressiveInvoice(contract, MARCH, "2026-03", "2026-03-10", {
          commitmentSpendToDate: { q1: "800.00", nope: "1.00" },
        }),
      ),
    ).toMatchObject({ code: "unknown_commitment", path: "options.commitmentSpendToDate.nope" });
    // the closing invoice of a later month needs the spend, as rateInvoice does
    expect(thrown(() => rateClosingInvoice(contract, MARCH, "2026-03"))).toMatchObject({
      code: "missing_commitment_spend",
      path: "commitments[0]",
    });
  });
});
