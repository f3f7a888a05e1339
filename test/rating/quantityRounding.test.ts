import { describe, expect, it } from "vitest";
import { explainLine, parseContract, type RatecardError, rateInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { billableQuantity } from "../../src/rating/index.js";
import { buildContract, buildContractJson, sumMeter, usageEvent } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

const d = (value: string | number) => new Decimal(value);
const billable = (measured: string, round: Parameters<typeof billableQuantity>[1]) =>
  billableQuantity(d(measured), round).quantity.toFixed();

describe("rounding a billable quantity with a mode, to decimals or an increment", () => {
  it("rounds Lago's example 123.456 to 2 decimals: 123.46 (round), 123.45 (floor), 123.46 (ceil)", () => {
    // Lago's ApplyRoundingService spec: rounding_function round, rounding_precision 2, units 123.456 → 123.46
    expect(billable("123.456", { round: { mode: "half_up", decimals: 2 } })).toBe("123.46");
    expect(billable("123.456", { round: { mode: "down", decimals: 2 } })).toBe("123.45");
    expect(billable("123.451", { round: { mode: "up", decimals: 2 } })).toBe("123.46");
  });

  it("breaks a tie by its mode: 2.5 → 3 half-up, 2 half-even; 0.125 to 2 decimals → 0.13 / 0.12", () => {
    expect(billable("2.5", { round: { mode: "half_up" } })).toBe("3");
    expect(billable("2.5", { round: { mode: "half_even" } })).toBe("2");
    expect(billable("0.125", { round: { mode: "half_up", decimals: 2 } })).toBe("0.13");
    expect(billable("0.125", { round: { mode: "half_even", decimals: 2 } })).toBe("0.12");
  });

  it("rounds to the nearest 0.001 GB, and to a multiple of any increment", () => {
    // 1,234,567,891 bytes ÷ 10^9 = 1.234567891 GB → nearest 0.001 = 1.235
    expect(
      billable("1234567891", {
        divideBy: d("1000000000"),
        round: { mode: "half_up", increment: d("0.001") },
      }),
    ).toBe("1.235");
    // 7 minutes up to a 6-minute increment: ⌈7 ÷ 6⌉ = 2 × 6 = 12
    expect(billable("7", { round: { mode: "up", increment: d("6") } })).toBe("12");
  });

  it("bills any part of an hour from 1,800 seconds on as the whole hour: ÷ 3,600, half-up", () => {
    const hours = (seconds: string) => billable(seconds, { divideBy: d("3600"), round: { mode: "half_up" } });
    // 1,799 ÷ 3,600 = 0.4997… → 0; 1,800 ÷ 3,600 = 0.5 → 1; 5,399 → 1.4997… → 1; 5,400 → 1.5 → 2
    expect([hours("1799"), hours("1800"), hours("5399"), hours("5400")]).toEqual(["0", "1", "1", "2"]);
  });

  it("writes the mode and the increment in the step, and keeps the old step for up, down and none", () => {
    expect(billableQuantity(d("2.5"), { round: { mode: "half_even", decimals: 0 } }).step).toEqual({
      kind: "billable_quantity",
      measured: "2.5",
      divideBy: null,
      included: null,
      round: "half_even",
      roundIncrement: "1",
      billable: "2",
    });
    expect(billableQuantity(d("2.5"), { round: "up" }).step).not.toHaveProperty("roundIncrement");
  });

  it("explains the rounding in words", () => {
    const contract = buildContract({
      meters: [sumMeter("gb", { unit: "GB" })],
      charges: [
        {
          id: "storage",
          name: "Storage",
          meter: "gb",
          transform: { round: { mode: "half_up", decimals: 2 } },
          price: { model: "unit", unitPrice: "1" },
        },
      ],
    });
    const invoice = rateInvoice(
      contract,
      [usageEvent("s", "gb", "2026-02-03T00:00:00Z", { v: "123.456" })],
      "2026-02",
    );
    // 123.456 → 123.46 GB × $1 = $123.46
    expect(invoice.lines[0]!.amount).toBe("123.46");
    expect(explainLine(invoice.lines[0]!, { prefix: "$", minorUnits: 2 })).toContain(
      "rounded half-up to a multiple of 0.01 = 123.46 GB",
    );
  });

  it("refuses decimals together with an increment, and decimals beyond 9", () => {
    const refused = (round: unknown) =>
      thrown(() =>
        parseContract(
          buildContractJson({
            charges: [
              {
                id: "use",
                name: "Use",
                meter: "m",
                transform: { round } as never,
                price: { model: "unit", unitPrice: "1" },
              },
            ],
          }),
        ),
      ) as RatecardError;
    const both = refused({ mode: "up", decimals: 2, increment: "0.001" });
    expect([both.code, both.path]).toEqual(["invalid_field", "charges[0].transform.round.increment"]);
    expect(refused({ mode: "up", decimals: 10 }).path).toBe("charges[0].transform.round.decimals");
    expect(refused({ mode: "nearest" }).path).toContain("charges[0].transform.round");
  });
});
