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

  // Billed on the 28th or 29th, February's last day ends a period and stands for the anchor day. Until
  // 6 December 2026 it read as the 30th: 29 January → 28 February was 31 days ("16 of 31 days (months
  // counted as 30 days)") and 28 January → 28 February 32.
  const anchoredOn = (anchorDay: number, start: string) =>
    buildContract(
      buildContractJson(contractJson("month_30_days"), {
        term: { start },
        billing: { cadence: "monthly", anchorDay, proration: "month_30_days" },
      }),
    );

  it("prorates a start on 14 February, billed on the 29th, as 15 of 30 days", () => {
    const invoice = rateOpeningInvoice(anchoredOn(29, "2026-02-14"));
    // period 29 Jan → 28 Feb; scale: Feb 28 stands for the 29th, 30 + 29 = 59; Feb 14 = 30 + 14 = 44;
    // 59 − 44 = 15 of 30 days: 30.00 × 15 ÷ 30 = 15.00 (was 30.00 × 16 ÷ 31 = 15.48)
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([["plan", "15.00"]]);
    expect(explainText(invoice)).toContain("Prorated for 15 of 30 days (months counted as 30 days)");
  });

  it("prorates a start on 14 March, billed on the 29th, as 15 of 30 days", () => {
    const invoice = rateOpeningInvoice(anchoredOn(29, "2026-03-14"));
    // period 28 Feb → 29 Mar: 89 − 59 = 30 days; Mar 14 = 74: 89 − 74 = 15 of 30: 15.00
    // (was 15 of 29: 30.00 × 15 ÷ 29 = 15.52)
    expect(invoice.lines[0]!.amount).toBe("15.00");
  });

  it("prorates a start on 10 February, billed on the 28th, as 18 of 30 days", () => {
    const invoice = rateOpeningInvoice(anchoredOn(28, "2026-02-10"));
    // period 28 Jan → 28 Feb: Feb 28 stands for the 28th, 30 + 28 = 58; 58 − 28 = 30 days; Feb 10 = 40:
    // 18 of 30 = 18.00 (was 20 of 32: 30.00 × 20 ÷ 32 = 18.75)
    expect(invoice.lines[0]!.amount).toBe("18.00");
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
