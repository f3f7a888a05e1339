import { describe, expect, it } from "vitest";
import {
  correctLateUsage,
  type Invoice,
  type LateUsageResult,
  rateInvoice,
} from "../../src/invoice/index.js";
import { Decimal } from "../../src/money/index.js";
import { usageEvent } from "../_support/contract.js";
import { quarterCommitment, spendIn, spendToDate } from "../_support/cumulativeCommitment.js";

// The chain of corrections of docs/commitment-periods.md, "Late usage": the quarter's 1,200.00 at 1.00
// a unit, January 300, February 500 and March 250 issued (March's true-up 1,200 − 1,050 = 150.00), the
// late units corrected in April (three periods back at most).
const JAN = spendIn("2026-01", "300");
const FEB = spendIn("2026-02", "500");
const MAR = spendIn("2026-03", "250");
const lateIn = (month: string, v: string) => [
  usageEvent(`${month}-late`, "e", `${month}-10T00:00:00Z`, { v }),
];

function issuedQuarter(contract: ReturnType<typeof quarterCommitment>): [Invoice, Invoice, Invoice] {
  const jan = rateInvoice(contract, JAN, "2026-01");
  const feb = rateInvoice(contract, FEB, "2026-02", { commitmentSpendToDate: spendToDate(jan) });
  const mar = rateInvoice(contract, MAR, "2026-03", { commitmentSpendToDate: spendToDate(feb) });
  return [jan, feb, mar];
}

// The credit note's total and the re-issued invoice of a credit_note correction that changed something.
function reissuedBy(result: LateUsageResult): { credited: string | undefined; reissued: Invoice } {
  if (result.mode !== "credit_note" || result.reissued === undefined) throw new Error("expected a re-issue");
  return { credited: result.creditNote?.total, reissued: result.reissued };
}

describe("late usage: a line the re-rating no longer has", () => {
  it("reverses March's true-up, with no rebook, once late February usage reaches the minimum", () => {
    const contract = quarterCommitment({}, { lateUsage: { lookBackPeriods: 3 } });
    const [jan, feb, mar] = issuedQuarter(contract);
    expect(mar.lines.map((line) => [line.id, line.quantity, line.amount])).toEqual([
      ["use", "250", "250.00"],
      ["q1", "1", "150.00"],
    ]);
    // 400 units of February arrive: February re-rated from 300.00 before, 500 + 400 = 900.00 spent,
    // 300 + 900 = 1,200.00 to date
    const febFix = correctLateUsage(contract, feb, FEB, lateIn("2026-02", "400"), {
      billOn: "2026-04",
      commitmentSpendToDate: spendToDate(jan),
    });
    if (febFix.mode !== "next_invoice") throw new Error("expected next_invoice");
    expect(spendToDate(febFix.rerated)).toEqual({ q1: "1200.00" });
    // March with 1,200.00 before: 1,200 + 250 = 1,450 ≥ 1,200, so no shortfall and no true-up line
    const marFix = correctLateUsage(contract, mar, MAR, [], {
      billOn: "2026-04",
      commitmentSpendToDate: spendToDate(feb),
      correctedCommitmentSpendToDate: spendToDate(febFix.rerated),
    });
    if (marFix.mode !== "next_invoice") throw new Error("expected next_invoice");
    expect(marFix.lines).toEqual([
      {
        id: "ctr_quarter:2026-03-01/q1:reversal",
        kind: "reversal",
        corrects: "q1",
        chargeId: "q1",
        name: "Q1 commitment",
        quantity: "-1",
        amount: "-150.00",
      },
    ]);
    // 0.00 − 150.00; the quarter bills 300 + 500 + 400 + 400 − 150 = 1,450.00, its usage (300 + 900 + 250)
    expect([marFix.subtotal, marFix.total]).toEqual(["-150.00", "-150.00"]);
  });
});

describe("late usage under credit_note: a correction that moves only the spend to date", () => {
  it("credits and re-issues February, whose lines and total stay, so March is corrected with its spend", () => {
    const contract = quarterCommitment({}, { lateUsage: { lookBackPeriods: 3, correction: "credit_note" } });
    const [jan, feb, mar] = issuedQuarter(contract);
    // 100 units of January arrive: credit 300.00, re-issue 300 + 100 = 400.00, 400.00 to date
    const janFix = reissuedBy(
      correctLateUsage(contract, jan, JAN, lateIn("2026-01", "100"), { billOn: "2026-04" }),
    );
    expect([janFix.credited, janFix.reissued.total]).toEqual(["300.00", "400.00"]);
    // February, no late event, from the corrected 400.00: its line (500 units, 500.00) and total stay;
    // its commitment now reads 400.00 before and 400 + 500 = 900.00 after (issued: 300.00 and 800.00)
    const febFix = reissuedBy(
      correctLateUsage(contract, feb, FEB, [], {
        billOn: "2026-04",
        commitmentSpendToDate: spendToDate(jan),
        correctedCommitmentSpendToDate: spendToDate(janFix.reissued),
      }),
    );
    expect([febFix.credited, febFix.reissued.total]).toEqual(["500.00", "500.00"]);
    expect(febFix.reissued.commitments?.[0]?.cumulative).toMatchObject({
      spendBefore: "400.00",
      spendAfter: "900.00",
    });
    // March from 900.00: 900 + 250 = 1,150, true-up 1,200 − 1,150 = 50.00 (was 150.00): credit 400.00,
    // re-issue 250 + 50 = 300.00
    const marFix = reissuedBy(
      correctLateUsage(contract, mar, MAR, [], {
        billOn: "2026-04",
        commitmentSpendToDate: spendToDate(feb),
        correctedCommitmentSpendToDate: spendToDate(febFix.reissued),
      }),
    );
    expect([marFix.credited, marFix.reissued.total]).toEqual(["400.00", "300.00"]);
    // the quarter as it now stands: 400 + 500 + 300 = 1,200.00, the commitment (usage 1,150.00 is below
    // it). Had February re-issued nothing, March would be re-rated from the issued 800.00, keep its
    // 150.00 true-up, and the quarter would bill 400 + 500 + 400 = 1,300.00: the late 100 units twice.
    const quarter = [janFix, febFix, marFix].reduce(
      (sum, fix) => sum.plus(fix.reissued.total),
      new Decimal(0),
    );
    expect(quarter.toFixed(2)).toBe("1200.00");
  });

  it("still issues nothing when neither the late events nor the spend to date change anything", () => {
    const contract = quarterCommitment({}, { lateUsage: { lookBackPeriods: 3, correction: "credit_note" } });
    const [jan, feb] = issuedQuarter(contract);
    const result = correctLateUsage(contract, feb, FEB, [], {
      billOn: "2026-04",
      commitmentSpendToDate: spendToDate(jan),
      correctedCommitmentSpendToDate: spendToDate(jan),
    });
    expect(result).not.toHaveProperty("creditNote");
    expect(result).not.toHaveProperty("reissued");
  });
});
