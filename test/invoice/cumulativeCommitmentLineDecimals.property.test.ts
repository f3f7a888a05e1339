import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { carriedFrom } from "../_support/carriedFrom.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { textOf } from "../_support/invoiceOracle.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// A cumulative commitment over 3 or 12 monthly invoices with lines kept two decimals finer than the
// currency (rounding.lineDecimals; USD to 4, JPY to 2, BHD to 5) and each total rounded to it, against
// an oracle on BigInt units of the line decimals (docs/commitment-periods.md, "Lines finer than the
// currency"): each month's line, the spend carried as billed (rounded to the currency), the overage on
// the excess, the true-up on the last month, and each total rounded once. With no overage factor the
// period bills max(minimum, Σ round(spend)): the minimum exactly when short of it.
const MINOR = { USD: 2, JPY: 0, BHD: 3 } as const;
type Currency = keyof typeof MINOR;
const FINER = 2; // lineDecimals = the currency's minor units + 2
const STEP = 10n ** BigInt(FINER); // units of the line decimals in one minor unit

interface Case {
  readonly currency: Currency;
  readonly months: 3 | 12;
  readonly minimum: bigint; // minor units
  readonly factor: bigint | undefined; // hundredths, above 100
  readonly price: bigint; // a unit's price in hundredths of a line-decimal unit
  readonly usage: ReadonlyArray<number>; // units per month
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  currency: fc.constantFrom<Currency>("USD", "JPY", "BHD"),
  months: fc.constantFrom(3 as const, 12 as const),
  minimum: fc.bigInt({ min: 1n, max: 5_000n }),
  factor: fc.option(fc.bigInt({ min: 101n, max: 300n }), { nil: undefined }),
  price: fc.bigInt({ min: 1n, max: 9_999n }),
  usage: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })), {
    minLength: 12,
    maxLength: 12,
  }),
});

const monthStart = (m: number) => (m === 12 ? "2027-01-01" : `2026-${String(m + 1).padStart(2, "0")}-01`);
const lineDecimals = (c: Case) => MINOR[c.currency] + FINER;
const half = (n: bigint, d: bigint) => roundFractionByHand(n, d, "half_even");

function rateMonths(c: Case): Invoice[] {
  const contract = buildContract({
    id: "ctr_fine",
    currency: c.currency,
    rounding: { mode: "half_even", lineDecimals: lineDecimals(c) },
    meters: [sumMeter("m")],
    charges: [
      {
        id: "use",
        name: "Use",
        meter: "m",
        price: { model: "unit", unitPrice: textOf(c.price, lineDecimals(c) + 2) },
      },
    ],
    commitments: [
      {
        id: "commit",
        name: "Commitment",
        minimum: textOf(c.minimum, MINOR[c.currency]),
        ...(c.factor === undefined ? {} : { overageFactor: textOf(c.factor, 2) }),
        cumulative: { from: "2026-01-01", until: monthStart(c.months) },
      },
    ],
  });
  const invoices: Invoice[] = [];
  for (let m = 0; m < c.months; m++) {
    const events = [usageEvent(`u${m}`, "m", `${monthStart(m)}T10:00:00Z`, { v: String(c.usage[m]) })];
    invoices.push(
      rateInvoice(contract, events, `${monthStart(m)}/${monthStart(m + 1)}`, carriedFrom(invoices.at(-1))),
    );
  }
  return invoices;
}

// Each month's total in minor units, and the spend each rounded to the currency.
function oracle(c: Case): { readonly totals: bigint[]; readonly billedSpend: bigint } {
  const minimum = c.minimum * STEP;
  let before = 0n; // the spend to date as billed, in line-decimal units (whole minor units)
  let billedSpend = 0n;
  const totals = c.usage.slice(0, c.months).map((units, m) => {
    const spend = half(BigInt(units) * c.price, 100n);
    const remaining = minimum > before ? minimum - before : 0n;
    const within = spend < remaining ? spend : remaining;
    const overage = c.factor === undefined ? 0n : half((spend - within) * (c.factor - 100n), 100n);
    const rounded = half(spend, STEP);
    const closes = m === c.months - 1;
    const trueUp = closes && minimum > before + spend ? minimum - before - spend : 0n;
    before += rounded * STEP;
    billedSpend += rounded;
    return half(spend + overage + trueUp, STEP);
  });
  return { totals, billedSpend };
}

describe("a cumulative commitment with lines finer than the currency, against a BigInt oracle", () => {
  it("bills each month as the oracle does, and the period max(minimum, Σ spend as billed) without a factor", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const invoices = rateMonths(c);
        const { totals, billedSpend } = oracle(c);
        const minor = MINOR[c.currency];
        expect(invoices.map((invoice) => invoice.total)).toEqual(totals.map((total) => textOf(total, minor)));
        const period = totals.reduce((sum, total) => sum + total, 0n);
        if (c.factor === undefined) expect(period).toBe(billedSpend > c.minimum ? billedSpend : c.minimum);
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
