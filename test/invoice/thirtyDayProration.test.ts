import { describe, expect, it } from "vitest";
import { ContractError } from "../../src/errors/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateOpeningInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Kill Bill's fixed 30-day months (org.killbill.invoice.proration.fixed.days = 30): a monthly
// subscription billed on the 15th that starts on May 23, 2023 pays 22 of 30 days for the first part
// (TestInvoiceDateUtilsWithFixedProration: 0.733333333).
const contractJson = (proration: "day" | "month_30_days") =>
  buildContractJson({
    id: "ctr_30",
    term: { start: "2023-05-23" },
    billing: { cadence: "monthly", anchorDay: 15, proration },
    meters: [],
    charges: [flatCharge("plan", "Plan", "30", { billed: "in_advance" })],
  });

describe("billing.proration: month_30_days", () => {
  it("prorates the first part, May 23 → June 15, as 22 of 30 days", () => {
    const invoice = rateOpeningInvoice(buildContract(contractJson("month_30_days")));
    // 30.00 × 22 ÷ 30 = 22.00 (calendar days would give 30.00 × 23 ÷ 31 = 22.258… → 22.26)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([["plan", "22.00"]]);
    expect(invoice.lines[0]!.steps.find((step) => step.kind === "proration")).toEqual({
      kind: "proration",
      basis: "month_30_days",
      elapsed: "22",
      total: "30",
      before: "30",
      amount: "22",
    });
    expect(explainText(invoice)).toContain("Prorated for 22 of 30 days (months counted as 30 days)");
  });

  it("keeps real calendar days with proration: day (23 of 31)", () => {
    const invoice = rateOpeningInvoice(buildContract(contractJson("day")));
    // 30.00 × 23 ÷ 31 = 22.2580… → 22.26
    expect(invoice.lines[0]!.amount).toBe("22.26");
  });

  it("refuses 30-day months on a daily or weekly contract", () => {
    for (const cadence of ["daily", "weekly"] as const) {
      const json = buildContractJson(contractJson("month_30_days"), {
        billing: { cadence, proration: "month_30_days" },
      });
      const error = thrown(() => buildContract(json));
      expect(error).toBeInstanceOf(ContractError);
      expect(error).toMatchObject({ code: "invalid_field", path: "billing.proration" });
    }
  });
});
