import { describe, expect, it } from "vitest";
import { diff } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A grant that the earlier invoice used up takes nothing off the later one, which still lists it with a
// balance of 0: it ran out, it did not stop applying. "no longer applies" is what a grant that expired
// (or whose window ended) reads, and the later invoice then does not list it at all. Until 6 December
// 2026 both read "no longer applies", and a customer asking why the credit was not applied was told it
// had ended.
//
// UTC, monthly, usage at 1.00 a unit; a 100.00 promotional grant before tax.
const contract = (grant: Record<string, unknown>) =>
  buildContract({
    term: { start: "2026-01-01" },
    meters: [sumMeter("gb")],
    charges: [unitCharge("use", "Use", "gb")],
    credits: [{ id: "welcome", name: "Welcome credit", kind: "promotional", amount: "100.00", ...grant }],
  });
const usage = (month: string, v: number) => [usageEvent(`e${month}`, "gb", `${month}-10T00:00:00Z`, { v })];

describe("diff: a credit grant used up on the earlier invoice", () => {
  it("says the balance ran out on an earlier invoice, not that the grant no longer applies", () => {
    const terms = contract({});
    // January: 150.00 of usage, the grant pays 100.00 of it and is left at 0.00: total 50.00
    const january = rateInvoice(terms, usage("2026-01", 150), "2026-01");
    expect(january.total).toBe("50.00");
    // February: 80.00 of usage, the grant's 0.00 balance pays nothing: total 80.00
    const february = rateInvoice(terms, usage("2026-02", 80), "2026-02", {
      creditBalances: { welcome: "0.00" },
    });
    expect(february.total).toBe("80.00");
    const result = diff(january, february);
    // change 80.00 − 50.00 = +30.00 = usage −70.00 + the grant's +100.00
    const credit = result.attributions.find((entry) => entry.cause === "credit");
    expect(credit?.amount).toBe("100.00");
    expect(credit?.sentence).toBe(
      "Welcome credit (credit grant) took nothing off: its balance ran out before this invoice (-100.00 → 0.00).",
    );
  });

  it("still says a grant that expired no longer applies", () => {
    const terms = contract({ expires: "2026-02-01" });
    const january = rateInvoice(terms, usage("2026-01", 150), "2026-01");
    const february = rateInvoice(terms, usage("2026-02", 80), "2026-02");
    const credit = diff(january, february).attributions.find((entry) => entry.cause === "credit");
    // the later invoice no longer lists it: its name comes from the earlier one
    expect(credit?.sentence).toBe("Welcome credit (credit grant) no longer applies (-100.00 → 0.00).");
    expect(credit?.source).toBe("welcome");
  });
});
