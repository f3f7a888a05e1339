import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainText, type Invoice, rateInvoice } from "../../src/index.js";
import {
  buildContract,
  buildContractJson,
  COMPUTE_AND_STORAGE,
  computeAndStorageUsage,
  flatCharge,
  seatsCharge,
} from "../_support/contract.js";

// A discount or a commitment cap spread over lines names each line as its own paragraph starts (its
// name, and a group after it), as a shared allowance's draws do: "spread over egress[region="eu"]
// -€6.50" put a bare line id before the amount.
describe("the lines a discount or a cap is spread over", () => {
  it("read by their names and groups (golden-rich's discount on egress)", () => {
    const invoice = JSON.parse(readFileSync("fixtures/golden-rich/expected.json", "utf8")) as Invoice;
    // 10 % of 82.53 (eu 65.00 + us 17.53) = 8.253 → 8.25; by the lines' nets: 8.25 × 65.00 ÷ 82.53 =
    // 6.4976 and 8.25 × 17.53 ÷ 82.53 = 1.7524, floored 6.49 + 1.75 = 8.24, the cent left to the larger
    // remainder (0.0076 > 0.0024): 6.50 and 1.75
    expect(explainText(invoice)).toContain(
      "Launch discount 10% on egress: 10% of €82.53 = €8.253, rounded half-up: -€8.25, spread over CDN egress [region eu] -€6.50, CDN egress [region us] -€1.75.",
    );
  });

  it("read by their names for a commitment cap", () => {
    const contract = buildContract({ id: "ctr_cap" }, COMPUTE_AND_STORAGE, {
      commitments: [{ id: "cap", name: "Spend cap", maximum: "100" }],
    });
    const invoice = rateInvoice(contract, computeAndStorageUsage("90", "60"), "2026-03");
    // spend 90 + 60 = 150.00, cap 100.00: 50.00 off, split 90:60 → 30.00 and 20.00
    expect(explainText(invoice)).toContain(
      "Spend cap: spend $150.00 is above the maximum of $100.00: -$50.00, spread over Compute -$30.00, Storage -$20.00.",
    );
  });

  it("tell lines of one name apart by their dates, as the lines table does", () => {
    // Seats at 12.00, 10 seats then 15 from 21 April: April bills Support 50.00, the credit of the 10
    // seats' unused time −120.00 × 10 ÷ 30 = −40.00, the 15 seats for that time 180.00 × 10 ÷ 30 =
    // 60.00 and May's 180.00. A 10 % discount takes 10 % of 50 + 60 + 180 = 290.00 (the credit is no
    // base: a discount never raises a line) = 29.00, by the nets: 29 × 50 ÷ 290 = 5.00, 29 × 60 ÷ 290 =
    // 6.00, 29 × 180 ÷ 290 = 18.00
    const contract = buildContract(
      buildContractJson({
        id: "ctr_spread_titles",
        term: { start: "2026-03-10" },
        charges: [seatsCharge("10"), flatCharge("support", "Support", "50.00")],
        discounts: [{ id: "ten", name: "Ten off", percent: "10" }],
      }),
      {
        amendments: [
          {
            id: "more-seats",
            effective: "2026-04-21",
            charges: [seatsCharge("15"), flatCharge("support", "Support", "50.00")],
          },
        ],
      },
    );
    const text = explainText(rateInvoice(contract, [], "2026-04"));
    const sentence = text.split("\n").find((line) => line.startsWith("Ten off: "));
    expect(sentence).toContain("-$29.00, spread over ");
    expect(sentence).toContain("Support -$5.00");
    expect(sentence).toContain("Seats (2026-04-21 to 2026-05-01) -$6.00");
    expect(sentence).toContain("Seats (2026-05-01 to 2026-06-01) -$18.00");
  });
});
