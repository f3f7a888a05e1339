import { describe, expect, it } from "vitest";
import { explainLateUsage } from "../../src/explain/index.js";
import { correctLateUsage, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, type ContractOverrides } from "../_support/contract.js";
import { marchGb, VOLUME_BANDWIDTH } from "../_support/lateUsageExample.js";

// docs/late-usage.md's example: 900 GB at 0.10 (volume, up to 1,000 GB) + a 10.00 fee = 100.00 issued;
// 200 GB late: 1,100 GB × 0.08 = 88.00 + 10.00 = 98.00, correction total 98.00 − 100.00 = −2.00. The
// re-rating draws the grants again from the balances the issued invoice opened with; what the next
// invoice asks in money is then the change in the amount due, and it opens the grants as re-rated.
const USAGE = [marchGb("a", 3, "500"), marchGb("b", 9, "400")];
const LATE = [marchGb("late", 20, "200")];
const WALLET = {
  id: "wallet",
  name: "Wallet",
  kind: "prepaid" as const,
  taxed: "at_use" as const,
  amount: "200.00",
};
const PROMO = { id: "promo", name: "Promo", kind: "promotional" as const, amount: "150.00" };

const corrected = (credits: NonNullable<ContractOverrides["credits"]>) => {
  const contract = buildContract(VOLUME_BANDWIDTH, { credits });
  const issued = rateInvoice(contract, USAGE, "2026-03", { creditsStartFull: true });
  const result = correctLateUsage(contract, issued, USAGE, LATE, {
    billOn: "2026-04",
    creditsStartFull: true,
  });
  if (result.mode !== "next_invoice") throw new Error("next_invoice expected");
  return { issued, result };
};

describe("next_invoice correction with credits after tax: the amount due it asks (amountDue)", () => {
  it("asks 0.00 when a wallet paid both: the wallet takes the −2.00 back, as a re-issue would", () => {
    const { issued, result } = corrected([WALLET]);
    // issued: the wallet pays 100.00 of 100.00, 100.00 left, 0.00 due; re-rated: 98.00, 102.00 left, 0.00
    expect([issued.amountDue, result.rerated.amountDue]).toEqual(["0.00", "0.00"]);
    expect(result.rerated.credits?.[0]?.balanceAfter).toBe("102.00");
    // billing the −2.00 total as money and opening April's wallet at 102.00 would give 2.00 back twice
    expect(result.total).toBe("-2.00");
    expect(result.amountDue).toBe("0.00");
    expect(explainLateUsage(result)).toContain(
      "Lines -$2.00; total -$2.00 (with the period's discounts, commitments, credits and tax worked again).\nFor the next invoice $0.00 in money: the credits paid after tax were drawn again from their balances before the period; the next invoice opens them as re-rated.",
    );
  });

  it("asks the change in money when the wallet runs out: 60.00 wallet, 40.00 → 38.00 due, −2.00", () => {
    const { result } = corrected([{ ...WALLET, amount: "60.00" }]);
    // issued 100.00 − 60.00 = 40.00 due; re-rated 98.00 − 60.00 = 38.00; the wallet 0.00 left in both
    expect(result.amountDue).toBe("-2.00");
    expect(result.rerated.credits?.[0]?.balanceAfter).toBe("0.00");
  });

  it("has none when only credits before tax paid: the total already has their draw", () => {
    const { issued, result } = corrected([PROMO]);
    // the promo pays 100.00 (50.00 left), re-rated 98.00 (52.00 left): totals 0.00 and 0.00
    expect([issued.total, result.total]).toEqual(["0.00", "0.00"]);
    expect(result.amountDue).toBeUndefined();
  });

  it("a wallet beside a promo: the promo 60.00 before tax, the wallet the rest after", () => {
    // issued 100.00 − 60.00 = 40.00, the wallet pays it (160.00 left), 0.00 due; re-rated 98.00 − 60.00 =
    // 38.00, the wallet 162.00 left, 0.00 due: total −2.00, amount due 0.00
    const { result } = corrected([{ ...PROMO, amount: "60.00" }, WALLET]);
    expect([result.total, result.amountDue]).toEqual(["-2.00", "0.00"]);
  });
});
