import { describe, expect, it } from "vitest";
import { type FocusRow, focusRows } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, sumMeter } from "../_support/contract.js";
import { PROGRESSIVE_EXAMPLE_CHARGES, progressiveExampleSequence } from "../_support/progressiveExample.js";
import { violations } from "./focusSpec.js";

const PROVIDER = { provider: "Acme Cloud" };
// docs/progressive-billing.md's example: bandwidth graduated 0–1,000 GB at 0.10, above at 0.05, a
// 20.00 platform fee; 800 GB on 5 March, 600 on the 15th, 100 on the 25th; VAT 20 % per line.
const contract = () =>
  buildContract({
    meters: [sumMeter("gb", { unit: "GB" })],
    charges: PROGRESSIVE_EXAMPLE_CHARGES,
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));
const periods = (rows: ReadonlyArray<FocusRow>) =>
  rows.map((row) => [row.x_LineId, row.ChargePeriodStart, row.ChargePeriodEnd, row.BilledCost]);

describe("focusRows of a progressive sequence: each invoice charges the stretch it billed", () => {
  it("charges a usage line from the earlier invoice's asOf to its own, fees the whole period", () => {
    const { first, second, closing } = progressiveExampleSequence(contract());
    // invoice 1 (as of 10 March): 800 GB × 0.10 = 80.00, VAT 16.00: usage of 1–10 March.
    // invoice 2 (as of 20 March): 1,000 × 0.10 + 400 × 0.05 = 120.00 − 80.00 = 40.00, VAT 8.00: 10–20 March.
    // close: 125.00 − 120.00 = 5.00 for 20 March – 1 April, VAT 1.00; the platform fee 20.00 (VAT 4.00)
    // and the close's VAT are the whole month's.
    const rows = [first, second, closing].map((invoice) => focusRows(invoice, PROVIDER));
    expect(rows.map(periods)).toEqual([
      [
        ["bw", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "80.00"],
        ["tax:vat", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z", "16.00"],
      ],
      [
        ["bw", "2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z", "40.00"],
        ["tax:vat", "2026-03-10T00:00:00Z", "2026-03-20T00:00:00Z", "8.00"],
      ],
      [
        ["bw", "2026-03-20T00:00:00Z", "2026-04-01T00:00:00Z", "5.00"],
        ["platform", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "20.00"],
        ["tax:vat", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z", "5.00"],
      ],
    ]);
    // Every row is still billed in March, and together they are the month: 145.00 + 20 % = 174.00.
    const all = rows.flat();
    expect(new Set(all.map((row) => `${row.BillingPeriodStart}/${row.BillingPeriodEnd}`))).toEqual(
      new Set(["2026-03-01T00:00:00Z/2026-04-01T00:00:00Z"]),
    );
    expect(sum(all).toFixed(2)).toBe("174.00");
    for (const row of all) expect(violations(row)).toEqual([]);
  });
});
