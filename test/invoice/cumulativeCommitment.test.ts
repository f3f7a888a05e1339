import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";

// docs/commitment-periods.md: a commitment of 1,200.00 owed once over January–March 2026, billed
// monthly at 1.00 a unit (a line's amount is its usage). Each invoice after the first carries the spend
// of the earlier ones (the previous invoice's commitments[].cumulative.spendAfter).
function quarter(contract: ReturnType<typeof quarterCommitment>, spends: readonly [string, string, string]) {
  const months = ["2026-01", "2026-02", "2026-03"] as const;
  const invoices: ReturnType<typeof rateInvoice>[] = [];
  months.forEach((month, at) => {
    const carried = at === 0 ? {} : { commitmentSpendToDate: spendToDate(invoices[at - 1]!) };
    invoices.push(rateInvoice(contract, spendIn(month, spends[at]!), month, carried));
  });
  return invoices;
}

describe("a commitment cumulative across the invoices of its period", () => {
  it("bills each month at list price and trues up the shortfall on the last invoice", () => {
    const [jan, feb, mar] = quarter(quarterCommitment(), ["300", "500", "250"]);
    // January opens the period: nothing before it; 300.00 of the 1,200.00 used, no line added
    expect(jan!.commitments).toEqual([
      {
        id: "q1",
        name: "Q1 commitment",
        minimum: "1200.00",
        spend: "300.00",
        cumulative: {
          from: "2026-01-01",
          until: "2026-04-01",
          spendBefore: "0.00",
          remaining: "1200.00",
          within: "300.00",
          excess: "0.00",
          spendAfter: "300.00",
          closes: false,
        },
      },
    ]);
    expect(jan!.total).toBe("300.00");
    // February: 1,200.00 − 300.00 = 900.00 remains; its 500.00 lies within; to date 300 + 500 = 800.00
    expect(feb!.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "300.00",
      remaining: "900.00",
      within: "500.00",
      excess: "0.00",
      spendAfter: "800.00",
      closes: false,
    });
    expect(feb!.total).toBe("500.00");
    // March closes it: 1,200.00 − 800.00 = 400.00 remains, 250.00 spent, to date 1,050.00;
    // true-up 1,200.00 − 1,050.00 = 150.00; March bills 250.00 + 150.00 = 400.00
    expect(mar!.commitments?.[0]).toMatchObject({
      trueUp: "150.00",
      cumulative: {
        spendBefore: "800.00",
        remaining: "400.00",
        within: "250.00",
        spendAfter: "1050.00",
        closes: true,
      },
    });
    expect(mar!.lines.at(-1)).toMatchObject({
      id: "q1",
      priceKind: "true_up",
      amount: "150.00",
      steps: [
        {
          kind: "commitment_true_up",
          minimum: "1200.00",
          spend: "250.00",
          spendBefore: "800.00",
          amount: "150.00",
        },
        { kind: "rounding" },
      ],
    });
    expect(mar!.total).toBe("400.00");
    // the quarter bills 300.00 + 500.00 + 400.00 = 1,200.00: exactly the commitment
    expect(explainText(mar!)).toContain(
      "This invoice closes the commitment of $1,200.00, owed over several invoices: the earlier ones spent $800.00 and this one $250.00, so the shortfall of $150.00 is billed.",
    );
    expect(explainText(feb!)).toContain(
      "Q1 commitment: $1,200.00 owed from 2026-01-01 until 2026-04-01 by all its invoices together. The earlier invoices spent $300.00, leaving $900.00; this invoice spent $500.00: $500.00 within the commitment. Spend to date $800.00: the next invoice carries it.",
    );
  });

  it("bills only the excess beyond the commitment at the overage factor (Flexprice)", () => {
    const [jan, feb, mar] = quarter(quarterCommitment({ overageFactor: "1.2" }), ["300", "700", "450"]);
    // January and February stay within: 300.00, then 700.00 of the 900.00 left; to date 1,000.00
    expect(jan!.total).toBe("300.00");
    expect(feb!.total).toBe("700.00");
    expect(feb!.commitments?.[0]?.overage).toBeUndefined();
    // March: 1,200.00 − 1,000.00 = 200.00 remains; of its 450.00, 200.00 within, 250.00 beyond;
    // overage 250.00 × (1.2 − 1) = 50.00; March bills 450.00 + 50.00 = 500.00
    // (Flexprice: within + overageBase × factor = 200 + 250 × 1.2 = 500)
    expect(mar!.commitments?.[0]).toMatchObject({
      overage: "50.00",
      cumulative: {
        remaining: "200.00",
        within: "200.00",
        excess: "250.00",
        spendAfter: "1450.00",
        closes: true,
      },
    });
    expect(mar!.commitments?.[0]?.trueUp).toBeUndefined();
    expect(mar!.lines.at(-1)).toMatchObject({
      name: "Q1 commitment (overage)",
      priceKind: "overage",
      amount: "50.00",
      steps: [
        {
          kind: "commitment_overage",
          minimum: "1200.00",
          spend: "450.00",
          spendBefore: "1000.00",
          excess: "250.00",
          factor: "1.2",
          amount: "50",
        },
        { kind: "rounding" },
      ],
    });
    expect(mar!.total).toBe("500.00");
    // the quarter: 300 + 700 + 500 = 1,500.00 = 1,200.00 + (1,450.00 − 1,200.00) × 1.2
    expect(explainText(mar!)).toContain(
      "the earlier ones spent $1,000.00, and $250.00 of this invoice's $450.00 lies beyond the commitment; that excess is billed at 1.2 times its price, so the overage is $250.00 × (1.2 − 1) = $50.00.",
    );
  });

  it("starts the overage in the month the commitment is used up, and bills every later month's spend at it", () => {
    const [jan, feb, mar] = quarter(quarterCommitment({ overageFactor: "1.2" }), ["300", "1000", "100"]);
    expect(jan!.commitments?.[0]?.overage).toBeUndefined();
    // February: 900.00 remains; 900.00 within, 100.00 beyond; overage 100.00 × 0.2 = 20.00
    expect(feb!.commitments?.[0]).toMatchObject({
      overage: "20.00",
      cumulative: { remaining: "900.00", within: "900.00", excess: "100.00", spendAfter: "1300.00" },
    });
    expect(feb!.total).toBe("1020.00");
    // March: nothing remains; all 100.00 beyond; overage 20.00; no true-up (1,400.00 ≥ 1,200.00)
    expect(mar!.commitments?.[0]).toMatchObject({
      overage: "20.00",
      cumulative: {
        remaining: "0.00",
        within: "0.00",
        excess: "100.00",
        spendAfter: "1400.00",
        closes: true,
      },
    });
    expect(mar!.total).toBe("120.00");
  });

  it("bills no true-up when the contract turns it off (Metronome: true-up disabled)", () => {
    const [, , mar] = quarter(
      quarterCommitment({ cumulative: { from: "2026-01-01", until: "2026-04-01", trueUp: false } }),
      ["300", "500", "250"],
    );
    // 1,050.00 < 1,200.00, but the shortfall is not billed: March bills its 250.00
    expect(mar!.commitments?.[0]?.trueUp).toBeUndefined();
    expect(mar!.commitments?.[0]?.cumulative?.closes).toBe(true);
    expect(mar!.total).toBe("250.00");
  });

  it("leaves an invoice outside the commitment period alone, even with spend carried", () => {
    const contract = quarterCommitment();
    // April lies after the period: no record, no line, and the carried spend is not read
    const april = rateInvoice(contract, spendIn("2026-04", "10"), "2026-04", {
      commitmentSpendToDate: { q1: "1050.00" },
    });
    expect(april.commitments).toBeUndefined();
    expect(april.total).toBe("10.00");
  });

  it("leaves an invoice that ends where the period starts alone (the period is half-open)", () => {
    // the commitment counts from 1 February; January's invoice ends at 1 February 00:00, so no instant
    // of it lies in the period: no record, no line, January's 10.00 billed as it is
    const contract = quarterCommitment({ cumulative: { from: "2026-02-01", until: "2026-05-01" } });
    const january = rateInvoice(contract, spendIn("2026-01", "10"), "2026-01");
    expect(january.commitments).toBeUndefined();
    expect(january.total).toBe("10.00");
  });

  it("opens the period with the term when the term starts after `from`", () => {
    const contract = quarterCommitment({}, { term: { start: "2026-01-15" } });
    // the first invoice covers 15–31 January: nothing before it, so nothing to carry; the minimum is
    // not prorated (it is owed over the whole period, whatever part of it the term covers)
    const jan = rateInvoice(contract, spendIn("2026-01", "0"), "2026-01");
    expect(jan.commitments?.[0]).toMatchObject({
      minimum: "1200.00",
      cumulative: { spendBefore: "0.00", remaining: "1200.00", closes: false },
    });
  });

  it("leaves a per-period commitment's invoice as it was (no cumulative record, no spendBefore)", () => {
    const contract = quarterCommitment({ cumulative: undefined, minimum: "100" });
    const invoice = rateInvoice(contract, spendIn("2026-02", "40"), "2026-02");
    expect(invoice.commitments).toEqual([
      { id: "q1", name: "Q1 commitment", minimum: "100.00", spend: "40.00", trueUp: "60.00" },
    ]);
    expect(invoice.lines.at(-1)?.steps[0]).toEqual({
      kind: "commitment_true_up",
      commitment: "q1",
      minimum: "100.00",
      spend: "40.00",
      amount: "60.00",
    });
  });
});
