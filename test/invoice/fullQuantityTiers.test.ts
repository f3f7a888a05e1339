import { describe, expect, it } from "vitest";
import { safeParseContract } from "../../src/contracts/index.js";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, type ChargeInput, type MeterInput } from "../_support/contract.js";

// Lago's prorated volume charge picks the tier by `full_units_number` (the units before proration) and
// prices the prorated units (getlago/lago-api, app/services/charge_models/volume_service.rb); its tiers
// are the ones of Lago's prorated graduated test (spec/services/charge_models/prorated_graduated_service_spec.rb):
// up to 5 at $10 with a $100 flat fee, then $5 with a $50 flat fee.
const TIERS = [
  { upTo: "5", unitPrice: "10", flatFee: "100" },
  { unitPrice: "5", flatFee: "50" },
];
const unitsMeter = (prorated = true): MeterInput => ({
  id: "units",
  eventType: "unit",
  aggregation: "sum",
  valueProperty: "n",
  persistent: true,
  ...(prorated ? { prorated: true } : {}),
});
const charge = (model: "volume" | "graduated", tiersBy?: "quantity" | "full_quantity"): ChargeInput => ({
  id: "units",
  name: "Units",
  meter: "units",
  price: { model, tiers: TIERS },
  ...(tiersBy === undefined ? {} : { tiersBy }),
});
const contractWith = (priced: ChargeInput, prorated = true) =>
  buildContract(buildContractJson({ meters: [unitsMeter(prorated)], charges: [priced] }));
// 8 units from March 15: March 15–31 = 17 of 31 days; 8 × 17 ÷ 31 = 136 ÷ 31 = 4.3870967… → 4.38710
const added = [
  { id: "u8", type: "unit", customer: "cus", timestamp: "2026-03-15T10:00:00Z", properties: { n: "8" } },
];
const rate = (priced: ChargeInput, prorated = true) =>
  rateInvoice(contractWith(priced, prorated), added, "2026-03").lines[0]!;

describe('tiersBy: "full_quantity" (Lago\'s prorated volume and graduated charges)', () => {
  it("prices the prorated quantity of a volume charge at the tier of the full quantity", () => {
    // full 8 reaches tier 2: 4.3871 × $5 + $50 = 21.9355 + 50 = $71.9355 → $71.94
    const line = rate(charge("volume", "full_quantity"));
    expect(line).toMatchObject({ quantity: "4.3871", amount: "71.94" });
    expect(line.steps.find((step) => step.kind === "full_quantity_tiers")).toEqual({
      kind: "full_quantity_tiers",
      full: "8",
      quantity: "4.3871",
      before: "90", // 8 × $5 + $50 at the full quantity
      flatFees: "50",
      amount: "71.9355", // 50 + (90 − 50) × 4.3871 ÷ 8
    });
  });

  it("picks the tier by the prorated quantity by default", () => {
    // 4.3871 reaches tier 1: 4.3871 × $10 + $100 = 43.871 + 100 = $143.871 → $143.87
    expect(rate(charge("volume"))).toMatchObject({ quantity: "4.3871", amount: "143.87" });
    expect(rate(charge("volume", "quantity"))).toMatchObject({ amount: "143.87" });
  });

  it("scales a graduated charge's tiers of the full quantity by the prorated share", () => {
    // full 8: 5 × $10 + 3 × $5 = 65, flat fees 100 + 50 = 150, before = 215
    // 150 + 65 × 4.3871 ÷ 8 = 150 + 35.6451875 = $185.6451875 → $185.65
    // (Lago walks the single event the same way: 5 × 0.5483875 × 10 + 3 × 0.5483875 × 5 + 150)
    const line = rate(charge("graduated", "full_quantity"));
    expect(line).toMatchObject({ amount: "185.65" });
    expect(line.steps.find((step) => step.kind === "full_quantity_tiers")).toMatchObject({
      before: "215",
      flatFees: "150",
      amount: "185.6451875",
    });
  });

  it("says so in the explanation", () => {
    const text = explainText(rateInvoice(contractWith(charge("volume", "full_quantity")), added, "2026-03"));
    expect(text).toContain(
      "Tiers reached by the full quantity, 8, and the prorated 4.3871 priced (Lago's prorated charges)",
    );
  });

  it("prices units removed before the period ends at the first tier, when the full quantity is 0", () => {
    // 8 units added on March 1, removed on March 15: the running total ends at 0 (the full quantity),
    // the prorated sum is 8 × 31 − 8 × 17 (March 15–31) = 112 unit-days ÷ 31 = 3.6129032… → 3.61291.
    // A full quantity of 0 reaches tier 1 only: its flat fee $100 stays whole and the 3.61291 units
    // are priced at tier 1's $10 (Lago's volume charge: prorated units × the price of the tier the
    // full units reach, plus its flat fee): 100 + 3.61291 × 10 = $136.1291 → $136.13, volume and
    // graduated alike (graduated's own tiers at a full quantity f cost f × $10 up to 5: the scaled
    // rest (f × 10) × 3.61291 ÷ f is 36.1291 for any f up to 5, so at 0 too). Before: $100.00, the
    // 3.61291 units billed nothing, and the explanation divided by 0.
    const removed = [
      { id: "u1", type: "unit", customer: "cus", timestamp: "2026-03-01T10:00:00Z", properties: { n: "8" } },
      { id: "u2", type: "unit", customer: "cus", timestamp: "2026-03-15T10:00:00Z", properties: { n: "-8" } },
    ];
    for (const model of ["volume", "graduated"] as const) {
      const invoice = rateInvoice(contractWith(charge(model, "full_quantity")), removed, "2026-03");
      const line = invoice.lines[0]!;
      expect(line).toMatchObject({ quantity: "3.61291", amount: "136.13" });
      expect(line.steps.find((step) => step.kind === "full_quantity_tiers")).toEqual({
        kind: "full_quantity_tiers",
        full: "0",
        quantity: "3.61291",
        before: "100",
        flatFees: "100",
        unitPrice: "10",
        amount: "136.1291",
      });
      const text = explainText(invoice);
      expect(text).toContain(
        "the flat fees $100.00 stay whole, and a full quantity of 0 prices them at the first unit's price: 3.61291 at $10.0000 = $36.1291; $100.00 + $36.1291 = $136.1291.",
      );
      expect(text).not.toContain("÷ 0");
    }
  });

  it("prices the held units at an overriding unit price when the full quantity is 0", () => {
    // The tiers replaced by a unit price of $10 (an override); 8 units held March 1–14: 3.61291 × 10 =
    // $36.1291 → $36.13, as the same units at a full quantity of 8 would be (80 × 3.61291 ÷ 8). Before:
    // "3.61291 at $0.0000", $0.00 (only a tier step was read for the first unit's price).
    const removed = [
      { id: "u1", type: "unit", customer: "cus", timestamp: "2026-03-01T10:00:00Z", properties: { n: "8" } },
      { id: "u2", type: "unit", customer: "cus", timestamp: "2026-03-15T10:00:00Z", properties: { n: "-8" } },
    ];
    const contract = buildContract(
      buildContractJson({
        meters: [unitsMeter()],
        charges: [charge("volume", "full_quantity")],
        overrides: [{ id: "o", charge: "units", price: { model: "unit", unitPrice: "10" } }],
      }),
    );
    const line = rateInvoice(contract, removed, "2026-03").lines[0]!;
    expect(line).toMatchObject({ quantity: "3.61291", amount: "36.13" });
    expect(line.steps.find((step) => step.kind === "full_quantity_tiers")).toMatchObject({
      unitPrice: "10",
      amount: "36.1291",
    });
  });

  it("takes the charge's included units off the full quantity too, as transform.included does", () => {
    // 8 units from March 15 (prorated 4.3871), 3 units included. The prorated billable quantity is
    // 4.3871 − 3 = 1.3871; the full one 8 − 3 = 5, which reaches tier 1 ($10, flat fee $100):
    // volume 100 + (5 × 10 + 100 − 100) × 1.3871 ÷ 5 = 100 + 13.871 = $113.871 → $113.87;
    // graduated (5 × 10 = 50, flat fee 100) the same, $113.87. `included` counts in the meter's units
    // and `transform.included` in the divided unit; without a divideBy they are one allowance and
    // bill alike. Before, `included` left the full quantity at 8 (tier 2): volume 50 + 40 × 1.3871 ÷ 8
    // = $56.94, graduated 150 + 65 × 1.3871 ÷ 8 = $161.27, where transform.included billed $113.87.
    for (const model of ["volume", "graduated"] as const) {
      const measured = rate({ ...charge(model, "full_quantity"), included: "3" });
      const divided = rate({ ...charge(model, "full_quantity"), transform: { included: "3" } });
      expect(measured).toMatchObject({ quantity: "1.3871", amount: "113.87" });
      expect(divided).toMatchObject({ quantity: "1.3871", amount: "113.87" });
      expect(measured.steps.find((step) => step.kind === "full_quantity_tiers")).toMatchObject({
        full: "5",
        amount: "113.871",
      });
    }
  });

  it("is refused without a prorated meter or on another price", () => {
    const refusal = (priced: ChargeInput, prorated = true) => {
      const result = safeParseContract(
        buildContractJson({ meters: [unitsMeter(prorated)], charges: [priced] }),
      );
      return result.success ? undefined : { code: result.error.code, path: result.error.path };
    };
    const expected = { code: "invalid_field", path: "charges[0].tiersBy" };
    expect(refusal(charge("volume", "full_quantity"), false)).toEqual(expected);
    const unit: ChargeInput = {
      ...charge("volume", "full_quantity"),
      price: { model: "unit", unitPrice: "1" },
    };
    expect(refusal(unit)).toEqual(expected);
    expect(refusal(charge("graduated", "full_quantity"))).toBeUndefined();
  });

  it("is refused in an amendment's charge as in the contract's", () => {
    const result = safeParseContract(
      buildContractJson({
        meters: [unitsMeter(false)],
        charges: [charge("volume")],
        amendments: [{ id: "a1", effective: "2026-03-10", charges: [charge("volume", "full_quantity")] }],
      }),
    );
    expect(result.success ? undefined : { code: result.error.code, path: result.error.path }).toEqual({
      code: "invalid_field",
      path: "amendments[0].charges[0].tiersBy",
    });
  });
});
