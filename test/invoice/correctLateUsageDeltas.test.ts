import { describe, expect, it } from "vitest";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, flatCharge, perRegionCharge, sumMeter, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The delta lines and sentences of a late-usage correction (docs/late-usage.md), in process: a line only
// the re-rating has is booked without a reversal, a line that did not change gets none, and each
// refusal says which periods it compared. Bandwidth at 0.20 a GB in every region (each region a line)
// and a 10.00 platform fee; UTC, billed monthly.
const contract = buildContract({
  meters: [sumMeter("use", { unit: "GB" })],
  charges: [perRegionCharge("bw", "use", "0.20"), flatCharge("platform", "Platform", "10")],
});
const gb = (id: string, day: number, region: string, v: string) =>
  usageEvent(id, "use", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { v, region });
const USAGE = [gb("a", 3, "na", "100")];
// 100 GB × 0.20 = 20.00, + 10.00 = 30.00
const issued = rateInvoice(contract, USAGE, "2026-03");

describe("correctLateUsage delta lines", () => {
  it("books a line only the re-rating has, and leaves unchanged lines alone", () => {
    expect(issued.total).toBe("30.00");
    const result = correctLateUsage(contract, issued, USAGE, [gb("late", 20, "eu", "50")], {
      billOn: "2026-04",
    });
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    // Europe: 50 GB × 0.20 = 10.00, booked; North America and the fee did not change
    expect(result.lines.map((line) => [line.kind, line.chargeId, line.quantity, line.amount])).toEqual([
      ["rebook", "bw", "50", "10.00"],
    ]);
    expect(result.lines[0]?.id).toBe(`ctr:2026-03-01/${result.lines[0]?.corrects}:rebook`);
    expect(result.subtotal).toBe("10.00");
    expect(result.total).toBe("10.00");
    expect(result.lateEvents).toEqual({ given: 1, counted: 1 });
  });

  it("counts only the late events the re-rating counted", () => {
    // the second is another customer's: given 2, counted 1
    const other = { ...gb("late2", 21, "na", "5"), customer: "someone_else" };
    const result = correctLateUsage(contract, issued, USAGE, [gb("late", 20, "na", "5"), other], {
      billOn: "2026-04",
    });
    expect(result.lateEvents).toEqual({
      given: 2,
      counted: 1,
      notCounted: [{ reason: "other_customer", events: 1 }],
    });
    // North America: 100 → 105 GB, 20.00 → 21.00
    if (result.mode !== "next_invoice") throw new Error("expected next_invoice");
    expect(result.lines.map((line) => [line.kind, line.quantity, line.amount])).toEqual([
      ["reversal", "-100", "-20.00"],
      ["rebook", "105", "21.00"],
    ]);
    expect(result.total).toBe("1.00");
  });
});

describe("correctLateUsage refusals, in words", () => {
  it("a billing period that is not later than the corrected one", () => {
    expect(thrown(() => correctLateUsage(contract, issued, USAGE, [], { billOn: "2026-03" }))).toMatchObject({
      code: "invalid_period",
      path: "billOn",
      message:
        "A correction of the period 2026-03-01/2026-04-01 is billed in a later billing period, not in 2026-03-01/2026-04-01.",
    });
  });

  it("a billing period past the look-back window, counting the periods back", () => {
    // March corrected in June: March, April, May = 3 periods back; the default window is 2
    expect(thrown(() => correctLateUsage(contract, issued, USAGE, [], { billOn: "2026-06" }))).toMatchObject({
      code: "correction_outside_window",
      path: "billOn",
      message: expect.stringMatching(
        /^The period 2026-03-01\/2026-04-01 is 3 billing periods before 2026-06-01\/2026-07-01; the contract's lateUsage.lookBackPeriods allows 2\./,
      ),
    });
  });

  it("usage that does not rate to the issued invoice, with both totals", () => {
    // no usage: the fee alone, 10.00, not the 30.00 issued
    expect(thrown(() => correctLateUsage(contract, issued, [], [], { billOn: "2026-04" }))).toMatchObject({
      code: "usage_does_not_reproduce",
      path: "usage",
      message: expect.stringMatching(
        /^The usage given for invoice ctr:2026-03-01 rates to a total of 10\.00, not the 30\.00 issued/,
      ),
    });
  });
});

describe("correctLateUsage, credit_note", () => {
  it("gives the credit note's line the reason: how many late events, and the re-issued invoice", () => {
    const byNote = buildContract(
      {
        meters: [sumMeter("use", { unit: "GB" })],
        charges: [perRegionCharge("bw", "use", "0.20"), flatCharge("platform", "Platform", "10")],
      },
      { lateUsage: { correction: "credit_note" } },
    );
    const issuedByNote = rateInvoice(byNote, USAGE, "2026-03");
    const result = correctLateUsage(byNote, issuedByNote, USAGE, [gb("late", 20, "na", "5")], {
      billOn: "2026-04",
    });
    if (result.mode !== "credit_note") throw new Error("expected credit_note");
    expect(result.creditNote?.lines.map((line) => line.reason)).toEqual([
      "late usage: 1 late events counted; re-issued as ctr:2026-03-01:reissued",
      "late usage: 1 late events counted; re-issued as ctr:2026-03-01:reissued",
    ]);
    // 105 GB × 0.20 = 21.00, + 10.00 = 31.00
    expect(result.reissued?.total).toBe("31.00");
  });
});
