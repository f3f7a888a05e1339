import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRatecardError } from "../../src/errors/index.js";
import type { Invoice } from "../../src/index.js";
import { issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import type { CreditNote } from "../../src/schema/index.js";
import { carriedFrom } from "../_support/carriedFrom.js";
import { buildContract, sumMeter, usageEvent } from "../_support/contract.js";
import { recordToDate } from "../_support/cumulativeCommitment.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import { textOf, unitsOfText } from "../_support/invoiceOracle.js";
import { roundFractionByHand } from "../_support/roundByHand.js";

// A cumulative commitment over 3 or 12 monthly invoices with credit notes of units and of amounts
// (goodwill) against any of them, against sums worked out apart on BigInt (docs/commitment-periods.md,
// "Credit notes"). A note of units off a month before the close is issued before some later month is
// rated, and every later month is given every note issued so far (so each note but the newest is given
// again: the carried record says it is already in the spend). Goodwill notes go against any month, the
// close too, before or after it. Charge `use` counts toward the commitment; `side`, out of its scope,
// takes notes too (without line decimals). USD, JPY and BHD, lines in the currency or two decimals finer.
// Law: Σ billed − Σ credited = max(minimum, the in-scope usage as billed less its notes of units) + the
// side's usage less its notes of units − the goodwill, to the minor unit. Without line decimals the
// in-scope usage as billed less its notes is price(true usage): each note of units re-rates the units
// left, so a month's notes credit price(u) − price(u − units taken off).
const MINOR = { USD: 2, JPY: 0, BHD: 3 } as const;
type Currency = keyof typeof MINOR;

interface NotePlan {
  readonly target: number; // the month it credits
  readonly later: number; // issued that many months after it (before that month is rated)
  readonly kind: "units" | "amount";
  readonly line: "use" | "side";
  readonly quantity: number;
  readonly amount: number; // minor units
}

interface Case {
  readonly currency: Currency;
  readonly months: 3 | 12;
  readonly finer: 0 | 2;
  readonly minimum: bigint; // minor units
  readonly price: bigint; // a `use` unit's price, in hundredths of a line-decimal unit
  readonly sidePrice: bigint; // `side`'s, 0 for no side charge (always 0 with finer lines)
  readonly usage: ReadonlyArray<readonly [number, number]>; // units of use and side per month
  readonly notes: ReadonlyArray<NotePlan>;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    currency: fc.constantFrom<Currency>("USD", "JPY", "BHD"),
    months: fc.constantFrom(3 as const, 12 as const),
    finer: fc.constantFrom(0 as const, 2 as const),
    minimum: fc.bigInt({ min: 1n, max: 5_000n }),
    price: fc.bigInt({ min: 1n, max: 9_999n }),
    sidePrice: fc.bigInt({ min: 0n, max: 9_999n }),
    usage: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), {
      minLength: 12,
      maxLength: 12,
    }),
    notes: fc.array(
      fc.record({
        // often the first month, with few units, so that several notes of one invoice round together
        target: fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat(11), weight: 1 }),
        later: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 12 })),
        kind: fc.constantFrom("units" as const, "units" as const, "amount" as const),
        line: fc.constantFrom("use" as const, "side" as const),
        quantity: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 40 })),
        amount: fc.integer({ min: 1, max: 500 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map((c) => (c.finer === 0 ? c : { ...c, sidePrice: 0n }));

const monthStart = (m: number) => (m === 12 ? "2027-01-01" : `2026-${String(m + 1).padStart(2, "0")}-01`);
const lineDecimals = (c: Case) => MINOR[c.currency] + c.finer;
const STEP = (c: Case) => 10n ** BigInt(c.finer);
const half = (n: bigint, d: bigint) => roundFractionByHand(n, d, "half_even");

function contractOf(c: Case) {
  const unit = (id: string, meter: string, price: bigint) => ({
    id,
    name: id,
    meter,
    price: { model: "unit" as const, unitPrice: textOf(price, lineDecimals(c) + 2) },
  });
  return buildContract({
    id: "ctr_notes",
    currency: c.currency,
    rounding: c.finer === 0 ? { mode: "half_even" } : { mode: "half_even", lineDecimals: lineDecimals(c) },
    meters: [sumMeter("m"), sumMeter("s")],
    charges: [unit("use", "m", c.price), ...(c.sidePrice > 0n ? [unit("side", "s", c.sidePrice)] : [])],
    commitments: [
      {
        id: "commit",
        name: "Commitment",
        minimum: textOf(c.minimum, MINOR[c.currency]),
        charges: ["use"],
        cumulative: { from: "2026-01-01", until: monthStart(c.months) },
      },
    ],
  });
}

interface Issued {
  readonly plan: NotePlan;
  readonly note: CreditNote;
}

// The period as ratecard bills it: the notes due at month g are issued just before g is rated (those due
// after the close, once all months are). A note ratecard refuses (more units or money than the line has
// left, a units note where the line has none) is not issued; the oracle counts only the notes issued.
function billPeriod(c: Case): { readonly invoices: Invoice[]; readonly issued: Issued[] } {
  const contract = contractOf(c);
  const plans = c.notes
    .map((plan) => ({ ...plan, target: plan.target % c.months }))
    .map((plan) => ({ ...plan, at: Math.min(plan.target + plan.later, c.months) }))
    // units off an earlier month issued after the close no invoice of the period carries (not built);
    // units off the close are refused when they take its spend below the minimum
    .filter((plan) => plan.kind === "amount" || plan.at < c.months || plan.target === c.months - 1)
    .filter((plan) => plan.line === "use" || c.sidePrice > 0n);
  const invoices: Invoice[] = [];
  const issued: Issued[] = [];
  for (let g = 0; g <= c.months; g++) {
    for (const plan of plans.filter((p) => p.at === g)) {
      const invoice = invoices[plan.target]!;
      const previous = issued.filter((done) => done.plan.target === plan.target).map((done) => done.note);
      const correction =
        plan.kind === "units"
          ? { kind: "quantity", line: plan.line, quantity: String(plan.quantity), reason: "wrong units" }
          : {
              kind: "amount",
              line: plan.line,
              amount: textOf(BigInt(plan.amount), MINOR[c.currency]),
              reason: "goodwill",
            };
      try {
        issued.push({ plan, note: issueCreditNote(contract, invoice, [correction], { previous }) });
      } catch (error) {
        if (!isRatecardError(error)) throw error;
      }
    }
    if (g === c.months) break;
    const [use, side] = c.usage[g]!;
    const events = [
      usageEvent(`u${g}`, "m", `${monthStart(g)}T10:00:00Z`, { v: String(use) }),
      usageEvent(`s${g}`, "s", `${monthStart(g)}T10:00:00Z`, { v: String(side) }),
    ];
    const previous = invoices.at(-1);
    const options = {
      ...carriedFrom(previous),
      ...(previous === undefined ? {} : { commitmentSpendToDate: recordToDate(previous) }),
      commitmentCreditNotes: issued.map((done) => done.note),
    };
    invoices.push(rateInvoice(contract, events, `${monthStart(g)}/${monthStart(g + 1)}`, options));
  }
  return { invoices, issued };
}

// What the period owes, on BigInt minor units, from the usage and the notes' units and amounts alone.
function owed(c: Case, issued: ReadonlyArray<Issued>): bigint {
  const price = (units: number, unitPrice: bigint) => half(BigInt(units) * unitPrice, 100n); // line units
  const settle = (amount: bigint) => half(amount, STEP(c)); // to minor units
  const taken = (m: number, line: "use" | "side") =>
    issued
      .filter(({ plan }) => plan.kind === "units" && plan.target === m && plan.line === line)
      .reduce((sum, { plan }) => sum + plan.quantity, 0);
  let inScope = 0n;
  let side = 0n;
  for (let m = 0; m < c.months; m++) {
    const [use, sideUnits] = c.usage[m]!;
    const billed = price(use, c.price);
    // billed as rounded, less the notes of units, which credit (rounded cumulatively) billed − kept
    inScope += settle(billed) - settle(billed - price(use - taken(m, "use"), c.price));
    if (c.sidePrice > 0n) side += price(sideUnits - taken(m, "side"), c.sidePrice);
  }
  const goodwill = issued
    .filter(({ plan }) => plan.kind === "amount")
    .reduce((sum, { plan }) => sum + BigInt(plan.amount), 0n);
  return (inScope > c.minimum ? inScope : c.minimum) + side - goodwill;
}

describe("a cumulative commitment with credit notes of units and of amounts, against a BigInt oracle", () => {
  it("bills max(minimum, in-scope usage less its notes of units) + the rest − goodwill", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { invoices, issued } = billPeriod(c);
        const minor = MINOR[c.currency];
        const billed = invoices.reduce((sum, invoice) => sum + unitsOfText(invoice.total, minor), 0n);
        const credited = issued.reduce((sum, { note }) => sum + unitsOfText(note.total, minor), 0n);
        expect(textOf(billed - credited, minor)).toBe(textOf(owed(c, issued), minor));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
