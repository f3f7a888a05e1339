import { describe, expect, it } from "vitest";
import { parseUsageEvent, whatIfRow } from "../../src/index.js";
import { quarterCommitment, spendIn } from "../_support/cumulativeCommitment.js";
import { thrown } from "../_support/thrown.js";

// docs/what-if.md: a customer's previous invoice carries the spend to date of its cumulative commitments
// into both ratings. The quarter of docs/commitment-periods.md (1,200.00 over January–March, 1.00 a
// unit): March spends 250.00 with 800.00 carried from February.
const events = spendIn("2026-03", "250").map((event) => parseUsageEvent(event));
const today = quarterCommitment();
const march = (after: ReturnType<typeof quarterCommitment>, spend: Record<string, string>) =>
  whatIfRow(
    { name: "cus", before: today, after, events, options: { commitmentSpendToDate: spend } },
    "2026-03",
  );

describe("what-if with a cumulative commitment's spend to date", () => {
  it("continues the commitment on both sides when the proposal keeps it", () => {
    // today: 250.00 + true-up 1,200.00 − (800.00 + 250.00) = 150.00 → 400.00;
    // proposed 1,500.00: 250.00 + 1,500.00 − 1,050.00 = 450.00 → 700.00; change +300.00
    const row = march(quarterCommitment({ minimum: "1500" }), { q1: "800.00" });
    expect(row).toMatchObject({ before: "400.00", after: "700.00", change: "300.00" });
  });

  it("carries none of the spend into a proposal without the commitment", () => {
    // proposed: no commitment, March bills its 250.00; the carried q1 is not refused there
    const row = march(quarterCommitment({}, { commitments: [] }), { q1: "800.00" });
    expect(row).toMatchObject({ before: "400.00", after: "250.00", change: "-150.00" });
  });

  it("refuses spend for a commitment today's contract does not have, naming the customer", () => {
    const error = thrown(() => march(today, { q1: "800.00", nope: "1.00" }));
    expect(error).toMatchObject({ code: "unknown_commitment" });
    expect((error as Error).message).toContain("cus");
  });
});
