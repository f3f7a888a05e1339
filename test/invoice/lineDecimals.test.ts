import { describe, expect, it } from "vitest";
import { explainText, parseInvoice, rateInvoice, safeParseContract } from "../../src/index.js";
import { buildContract, buildContractJson, type ChargeInput } from "../_support/contract.js";

// Lines finer than the currency (rounding.lineDecimals), the total rounded to it with the difference
// kept as a rounding adjustment: Azure's invoice-level "rounding adjustment" (docs/decisions/currency-minor-units.md).
const fee = (id: string, amount: string): ChargeInput => ({
  id,
  name: id,
  quantity: "1",
  price: { model: "unit", unitPrice: amount },
});
const contractWith = (charges: ChargeInput[], rounding: object | undefined) =>
  buildContract({ meters: [], charges, rounding: rounding as never });

describe("rounding.lineDecimals", () => {
  it("keeps Azure's two charges of $0.004 and rounds only their sum: 0.008 → $0.01", () => {
    // Azure's cost-rounding example: 0.004 + 0.004 = 0.008, shown as $0.01. Lines to 3 decimals:
    // 0.004 and 0.004; subtotal 0.008; total 0.008 → 0.01 (half-even: 0.008 is above 0.005);
    // adjustment 0.01 − 0.008 = 0.002.
    const invoice = rateInvoice(
      contractWith([fee("a", "0.004"), fee("b", "0.004")], { lineDecimals: 3 }),
      [],
      "2026-03",
    );
    expect(invoice.lines.map((line) => line.amount)).toEqual(["0.004", "0.004"]);
    expect(invoice.subtotal).toBe("0.008");
    expect(invoice.total).toBe("0.01");
    expect(invoice.currency).toEqual({ code: "USD", minorUnits: 3 });
    expect(invoice.rounding).toEqual({
      mode: "half_even",
      point: "line",
      lineDecimals: 3,
      total: { minorUnits: 2, before: "0.008", adjustment: "0.002" },
    });
  });

  it("prints Azure's $0.125 and $0.1264 lines and rounds the total down, the adjustment negative", () => {
    // 0.125 + 0.1264 = 0.2514 → 0.25 (half-even, 0.0014 is below half a cent); adjustment −0.0014.
    const invoice = rateInvoice(
      contractWith([fee("a", "0.125"), fee("b", "0.1264")], { mode: "half_even", lineDecimals: 4 }),
      [],
      "2026-03",
    );
    expect(invoice.lines.map((line) => line.amount)).toEqual(["0.1250", "0.1264"]);
    expect([invoice.subtotal, invoice.total]).toEqual(["0.2514", "0.25"]);
    expect(invoice.rounding.total).toEqual({ minorUnits: 2, before: "0.2514", adjustment: "-0.0014" });
    // The invoice reads back, and its explanation says where the difference went.
    expect(parseInvoice(JSON.parse(JSON.stringify(invoice))).total).toBe("0.25");
    expect(explainText(invoice)).toContain(
      "Total before rounding $0.2514, rounded half-even to 2 decimals: a rounding adjustment of -$0.0014.\nTotal $0.25.",
    );
    // the lines keep their four decimals in words too
    expect(explainText(invoice)).toContain("Line total $0.1264.");
  });

  it("rounds tax at the line precision too, then the total to cents", () => {
    // 0.125 + 0.1264 = 0.2514 at 20 % exclusive, per line: 0.025 + 0.02528 → 0.0253 = 0.0503;
    // total 0.2514 + 0.0503 = 0.3017 → 0.30 (half-even), adjustment −0.0017.
    const invoice = rateInvoice(
      buildContract({
        meters: [],
        charges: [fee("a", "0.125"), fee("b", "0.1264")],
        rounding: { lineDecimals: 4 } as never,
        tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] } as never,
      }),
      [],
      "2026-03",
    );
    expect(invoice.tax?.total).toBe("0.0503");
    expect([invoice.total, invoice.rounding.total?.adjustment]).toEqual(["0.30", "-0.0017"]);
  });

  it("changes nothing when it equals the currency's decimals, and is absent by default", () => {
    const plain = rateInvoice(contractWith([fee("a", "0.125")], undefined), [], "2026-03");
    const same = rateInvoice(contractWith([fee("a", "0.125")], { lineDecimals: 2 }), [], "2026-03");
    // 0.125 → 0.12 half-even, the line and the total alike
    expect([plain.total, plain.rounding]).toEqual(["0.12", { mode: "half_even", point: "line" }]);
    expect([same.total, same.rounding, same.lines[0]?.amount]).toEqual([
      "0.12",
      { mode: "half_even", point: "line" },
      "0.12",
    ]);
  });

  it("refuses fewer decimals than the currency has, at rounding.lineDecimals", () => {
    const result = safeParseContract(
      buildContractJson({ currency: "BHD", rounding: { lineDecimals: 2 } as never }),
    );
    expect(result.success).toBe(false);
    expect(result.success ? undefined : result.error).toMatchObject({
      code: "invalid_field",
      path: "rounding.lineDecimals",
    });
  });
});
