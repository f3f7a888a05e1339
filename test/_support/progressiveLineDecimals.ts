import { buildContract, sumMeter, usageEvent } from "./contract.js";

/**
 * A period billed progressively under lines finer than the currency (rounding.lineDecimals 4): GB at
 * 0.1234, a fee of 0.125, VAT 20 % per line; 1 GB on 5 March, 2 on the 15th, 3 on the 25th. Invoice 1
 * as of 10 March bills 0.1481 → 0.15; the month 1.0385 → 1.04; the close 1.04 − 0.15 = 0.89 on 0.8904
 * of its own. `credits` adds grants (a prepaid one taxed at use pays after tax).
 */
export const LINE_DECIMALS_USAGE = [
  usageEvent("a", "gb", "2026-03-05T00:00:00Z", { v: "1" }),
  usageEvent("b", "gb", "2026-03-15T00:00:00Z", { v: "2" }),
  usageEvent("c", "gb", "2026-03-25T00:00:00Z", { v: "3" }),
];

export function lineDecimalsContract(credits?: object[]) {
  return buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: [
      { id: "bw", name: "Bandwidth", meter: "gb", price: { model: "unit", unitPrice: "0.1234" } },
      { id: "fee", name: "Fee", price: { model: "flat", amount: "0.125" } },
    ],
    rounding: { lineDecimals: 4 } as never,
    tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
    ...(credits ? { credits: credits as never } : {}),
  });
}

/** A 0.33 prepaid grant taxed at use, paying after tax. */
export const PREPAID_033 = [
  { id: "pre", name: "Prepaid", kind: "prepaid", taxed: "at_use", amount: "0.33", priority: 1 },
];
