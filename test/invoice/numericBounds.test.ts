import { describe, expect, it } from "vitest";
import { type ContractInput, parseContract, safeParseContract } from "../../src/contracts/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContractJson, type ContractOverrides, meteredEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Examples of docs/decisions/numeric-bounds.md: values past a bound are refused with the field's path,
// and values at the bounds rate to the exact cent.

const contract = (extra: ContractOverrides = {}) => buildContractJson({ id: "ctr_metered" }, extra);

function refusal(input: ContractInput) {
  const result = safeParseContract(input);
  if (result.success) throw new Error("expected the contract to be refused");
  return { code: result.error.code, path: result.error.path, message: result.error.message };
}

const event = (v: string | number, id = "e1") => meteredEvent(id, v);

describe("values beyond the working precision are refused, never rounded", () => {
  it("refuses a flat fee of 1e48, which made 1e48 + 0.01 total 1e48", () => {
    const input = contract({
      charges: [
        { id: "big", name: "Big", price: { model: "flat", amount: "1e48" } },
        { id: "cent", name: "Cent", price: { model: "flat", amount: "0.01" } },
      ],
    });
    expect(refusal(input)).toEqual({
      code: "decimal_out_of_range",
      path: "charges[0].price.amount",
      message:
        "charges[0].price.amount is 1e+48 (too large); a money amount must be less than 10^15 in size, with at most 12 decimals.",
    });
  });

  it("refuses a unit price of 1e400, a package size of 1e-60 and a tax rate of 1e400 at their paths", () => {
    expect(
      refusal(
        contract({
          charges: [{ id: "u", name: "U", meter: "m", price: { model: "unit", unitPrice: "1e400" } }],
        }),
      ),
    ).toMatchObject({ code: "decimal_out_of_range", path: "charges[0].price.unitPrice" });
    expect(
      refusal(
        contract({
          charges: [
            {
              id: "p",
              name: "P",
              meter: "m",
              price: { model: "package", packageSize: "1e-60", packagePrice: "1" },
            },
          ],
        }),
      ),
    ).toMatchObject({ code: "decimal_out_of_range", path: "charges[0].price.packageSize" });
    expect(
      refusal(
        contract({ tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "1e400" }] } }),
      ),
    ).toMatchObject({ code: "decimal_out_of_range", path: "tax.rates[0].percent" });
  });

  it('judges a JSON number and its decimal text alike (5e50 and "5e50" are both refused as a fee)', () => {
    for (const amount of [5e50, "5e50"]) {
      expect(
        refusal(contract({ charges: [{ id: "f", name: "F", price: { model: "flat", amount } }] })),
      ).toMatchObject({ code: "decimal_out_of_range", path: "charges[0].price.amount" });
    }
  });

  it("excludes usage values past a quantity's bound, whether JSON number or text, and reports them", () => {
    const parsed = parseContract(contract({}));
    const invoice = rateInvoice(
      parsed,
      [event("5e50", "a"), event(5e50, "b"), event("1e-60", "c"), event(1e-60, "d"), event("2.5", "e")],
      "2026-02",
    );
    // only e counts: 2.5 × 1.00 = 2.50; a–d are invalid_value, reported with their ids
    expect(invoice.total).toBe("2.50");
    expect(invoice.usage.excluded).toEqual([
      { reason: "invalid_value", events: 4, sampleIds: ["a", "b", "c", "d"] },
    ]);
  });

  it("refuses a meter total of 10^15 units or more rather than pricing it, naming the charge's meter", () => {
    const parsed = parseContract(contract({}));
    // 600,000,000,000,000 + 400,000,000,000,000 = 10^15, each value within bounds, the sum not
    const error = thrown(() =>
      rateInvoice(parsed, [event("600000000000000", "a"), event("400000000000000", "b")], "2026-02"),
    );
    expect(error).toMatchObject({
      name: "UsageError",
      code: "decimal_out_of_range",
      path: "charges[0].meter",
    });
    // one unit less is priced exactly: 999,999,999,999,999 × 1.00
    expect(
      rateInvoice(parsed, [event("600000000000000", "a"), event("399999999999999", "b")], "2026-02").total,
    ).toBe("999999999999999.00");
  });

  it("refuses an override multiplier that makes a price past its bound, at the override's path", () => {
    // 0.0000025 × 0.333333 = 0.0000008333325 (13 decimals): a unit price may have 15, accepted;
    // 0.000000000000025 × 0.333333 = 0.000000000000008333325 (21 decimals): refused
    const charges = (unitPrice: string): ContractInput["charges"] => [
      { id: "use", name: "Use", meter: "m", price: { model: "unit", unitPrice } },
    ];
    const overrides = [{ id: "third", charge: "use", multiplier: "0.333333" }];
    expect(safeParseContract(contract({ charges: charges("0.0000025"), overrides })).success).toBe(true);
    expect(refusal(contract({ charges: charges("0.000000000000025"), overrides }))).toMatchObject({
      code: "decimal_out_of_range",
      path: "overrides[0].multiplier",
    });
    // multipliers on one charge compound: 0.5 × 0.5 on 0.000000000000001 (15 decimals) needs 17
    expect(
      refusal(
        contract({
          charges: charges("0.000000000000001"),
          overrides: [
            { id: "half", charge: "use", multiplier: "0.5" },
            { id: "again", charge: "use", multiplier: "0.5", from: "2026-03-01" },
          ],
        }),
      ),
    ).toMatchObject({ code: "decimal_out_of_range", path: "overrides[0].multiplier" });
  });

  it("burns a credit unit worth 104,044,259,082,499,823,111,129.839999…995 as .83, never .84", () => {
    // balance 105,344,812,214,369.448426308415 CREDIT × 987,654,321.987654321987653 USD a CREDIT
    // = 104,044,259,082,499,823,111,129.839999999999999999999999995 USD exactly (51 digits);
    // rounded to 50 digits first it became …129.84, one cent more than the balance is worth, and the
    // burn of …129.84 ÷ 987,654,321.987… CREDIT then exceeded the balance (an invariant error).
    const input = contract({
      customUnits: [{ code: "CREDIT", minorUnits: 12 }],
      meters: [],
      charges: [
        // (10^15 − 1) seats × (10^9 − 1) = 10^24 − 10^15 − 10^9 + 1 = 999,999,998,999,999,000,000,001.00 (more than the credit)
        {
          id: "seats",
          name: "Seats",
          quantity: "999999999999999",
          price: { model: "unit", unitPrice: "999999999" },
        },
      ],
      credits: [
        {
          id: "wallet",
          name: "Wallet",
          kind: "prepaid",
          taxed: "at_purchase",
          amount: "105344812214369.448426308415",
          unit: "CREDIT",
          unitValue: "987654321.987654321987653",
        },
      ],
    });
    const invoice = rateInvoice(parseContract(input), [], "2026-02", { creditsStartFull: true });
    expect(invoice.lines[0]!.amount).toBe("999999998999999000000001.00");
    expect(invoice.credits?.[0]).toMatchObject({ applied: "-104044259082499823111129.83" });
  });
});
