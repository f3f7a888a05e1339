import { describe, expect, it } from "vitest";
import { previewInvoice } from "../../src/invoice/index.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";

// A preview of a period with a prepaid grant (docs/preview.md): the carried credit balance is applied to
// the usage so far and to the projection alike, and the projection says what would be due after it.
// February 2026 has 28 days; as of 8 February 00:00 UTC, 7 have passed (the projection is × 4).
const AS_OF = "2026-02-08T00:00:00Z";
const use = (id: string, day: number, v: string) =>
  usageEvent(id, "use", `2026-02-${String(day).padStart(2, "0")}T12:00:00Z`, { v });
const EVENTS = [use("a", 3, "30"), use("b", 5, "70"), use("late", 10, "50")];
const charges = [unitCharge("gb", "Bandwidth", "use")];
const wallet = {
  id: "wallet",
  name: "Prepaid",
  kind: "prepaid" as const,
  taxed: "at_use" as const,
  amount: "300",
};
const withWallet = () => buildContract({ meters: [sumMeter("use")], charges, credits: [wallet] });

describe("previewInvoice with a prepaid grant and a carried balance", () => {
  it("applies the carried balance so far and in the projection, and projects the amount due", () => {
    // The grant started with the term (1 January), so February needs its carried balance: 150.00 of 300.
    const preview = previewInvoice(withWallet(), EVENTS, "2026-02", AS_OF, {
      creditBalances: { wallet: "150.00" },
    });
    // so far: 30 + 70 = 100 GB × 1.00 = 100.00; the wallet pays all of it: 150.00 − 100.00 = 50.00 left, 0.00 due
    expect([preview.total, preview.amountDue]).toEqual(["100.00", "0.00"]);
    expect(
      preview.credits?.map((credit) => [credit.balanceBefore, credit.applied, credit.balanceAfter]),
    ).toEqual([["150.00", "-100.00", "50.00"]]);
    // projected: 100 GB × 4 = 400 GB → 400.00; the wallet's 150.00 pays 150.00 of it: 400.00 − 150.00 = 250.00 due
    expect(preview.preview?.projection).toStrictEqual({
      method: "linear_in_elapsed_time",
      lines: [{ line: "gb", method: "linear", quantity: "400", soFar: "100.00", projected: "400.00" }],
      subtotal: "400.00",
      total: "400.00",
      amountDue: "250.00",
    });
  });

  it("writes no amount due in a projection without credits (not even an empty one)", () => {
    const contract = buildContract({ meters: [sumMeter("use")], charges });
    const projection = previewInvoice(contract, EVENTS, "2026-02", AS_OF).preview?.projection;
    // 100 GB × 4 = 400 GB → 400.00, nothing to subtract
    expect(projection?.total).toBe("400.00");
    expect(Object.keys(projection ?? {})).toEqual(["method", "lines", "subtotal", "total"]);
  });
});
