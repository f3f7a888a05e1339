import { describe, expect, it } from "vitest";
import { explainLateUsage } from "../../src/explain/index.js";
import { correctLateUsage, type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";

// docs/commitment-periods.md, "Late usage": the quarter's 1,200.00 commitment at 1.00 a unit. A
// correction is re-rated with the spend to date the issued invoice had; the invoice after it carries the
// corrected spend (the re-rated invoice's spendAfter), and an invoice already issued after it is
// corrected in turn with that spend (correctedCommitmentSpendToDate).
const JAN = spendIn("2026-01", "300");
const FEB = spendIn("2026-02", "500");
const MAR = spendIn("2026-03", "250");
const lateIn = (month: string, v: string) => [
  usageEvent(`${month}-late`, "e", `${month}-10T00:00:00Z`, { v }),
];
const sum = (...totals: string[]) => totals.reduce((s, t) => s.plus(t), new Decimal(0)).toFixed(2);

describe("late usage in a period of a cumulative commitment", () => {
  it("re-rates with the spend the issued invoice had; the next invoice carries the corrected spend", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    // 100 units of January arrive before February is rated; corrected on February's invoice
    const fix = correctLateUsage(contract, jan, JAN, lateIn("2026-01", "100"), { billOn: "2026-02" });
    if (fix.mode !== "next_invoice") throw new Error("expected next_invoice");
    // January re-rated: nothing before it, 300 + 100 = 400.00 spent; the correction bills +100.00
    expect(fix.total).toBe("100.00");
    expect(fix.rerated.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "0.00",
      within: "400.00",
      spendAfter: "400.00",
    });
    expect(explainLateUsage(fix)).toContain(
      "Q1 commitment: spend to date $400.00 with the late usage. The next invoice of its period carries it;",
    );
    // February carries 400.00 (not the issued 300.00): to date 400 + 500 = 900.00
    const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(fix.rerated) });
    expect(feb.commitments?.[0]?.cumulative?.spendAfter).toBe("900.00");
    // March: 900 + 250 = 1,150.00; true-up 1,200.00 − 1,150.00 = 50.00; March bills 300.00
    const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: spendToDate(feb) });
    expect(mar.commitments?.[0]?.trueUp).toBe("50.00");
    // the quarter: 300 + 100 (correction) + 500 + 300 = 1,200.00, exactly the commitment. Carrying
    // the issued 300.00 instead would have trued up 150.00 and billed the late 100 units twice (1,300.00).
    expect(sum(jan.total, fix.total, feb.total, mar.total)).toBe("1200.00");
  });

  it("corrects an invoice already issued after the corrected one with the corrected spend to date", () => {
    const contract = quarterCommitment();
    const jan = rateInvoice(contract, JAN, "2026-01");
    const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
    const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: spendToDate(feb) });
    // issued: 300.00, 500.00, 250.00 + true-up 150.00 = 400.00 (1,200.00 in all)
    expect([jan.total, feb.total, mar.total]).toEqual(["300.00", "500.00", "400.00"]);
    // in April, 100 units of February arrive: February re-rated with its own spend before (300.00)
    const febFix = correctLateUsage(contract, feb, FEB, lateIn("2026-02", "100"), {
      billOn: "2026-04",
      commitmentSpendToDate: spendToDate(jan),
    });
    if (febFix.mode !== "next_invoice") throw new Error("expected next_invoice");
    expect(febFix.total).toBe("100.00");
    expect(febFix.rerated.commitments?.[0]?.cumulative?.spendAfter).toBe("900.00");
    // March, issued with 800.00 carried, is corrected with no late event and the corrected 900.00:
    // 900 + 250 = 1,150.00, true-up 50.00 instead of 150.00, so March's correction is −100.00
    const marFix = correctLateUsage(contract, mar, MAR, [], {
      billOn: "2026-04",
      commitmentSpendToDate: spendToDate(feb),
      correctedCommitmentSpendToDate: spendToDate(febFix.rerated),
    });
    if (marFix.mode !== "next_invoice") throw new Error("expected next_invoice");
    expect(marFix.total).toBe("-100.00");
    expect(marFix.lateEvents).toEqual({ given: 0, counted: 0 });
    expect(marFix.lines.map((line) => [line.kind, line.corrects, line.amount])).toEqual([
      ["reversal", "q1", "-150.00"],
      ["rebook", "q1", "50.00"],
    ]);
    // the quarter still bills 1,200.00: usage 1,150.00 stays below the commitment
    expect(sum(jan.total, feb.total, mar.total, febFix.total, marFix.total)).toBe("1200.00");
  });

  it("re-issues the invoice with the corrected spend to date in credit-note mode", () => {
    const contract = quarterCommitment({}, { lateUsage: { correction: "credit_note" } });
    const jan = rateInvoice(contract, JAN, "2026-01");
    const fix = correctLateUsage(contract, jan, JAN, lateIn("2026-01", "100"), { billOn: "2026-02" });
    if (fix.mode !== "credit_note") throw new Error("expected credit_note");
    // the credit note gives the 300.00 back; the re-issued January bills 400.00 and leaves 400.00 to date
    expect(fix.creditNote?.total).toBe("300.00");
    const reissued = fix.reissued as Invoice;
    expect(reissued.total).toBe("400.00");
    expect(spendToDate(reissued)).toEqual({ q1: "400.00" });
    expect(explainLateUsage(fix)).toContain("Q1 commitment: spend to date $400.00 with the late usage.");
  });
});
