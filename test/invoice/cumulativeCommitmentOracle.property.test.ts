import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { carriedFrom } from "../_support/carriedFrom.js";
import { buildContract, sumMeter, unitCharge, usageEvent } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// An independent oracle of a cumulative commitment over a year billed monthly
// (docs/commitment-periods.md), in plain BigInt minor units (USD, JPY with none, BHD with three): a
// commitment whose period starts and ends on random months of 2026, scoped to one charge or to both,
// with or without an overage factor and a true-up, a term that may start mid-month after the period
// opens or end (mid-month too) before it closes, in UTC, New York or Chatham, and maybe a promotional
// credit that burns after it. Every month's total, true-up and overage, and the year's sum, are the
// oracle's. Nothing of ratecard is used but producing the invoices.

const monthStart = (m: number) => (m === 12 ? "2027-01-01" : `2026-${String(m + 1).padStart(2, "0")}-01`);
const dayOf = (m: number, d: number) =>
  `2026-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const MINOR = { USD: 2, JPY: 0, BHD: 3 } as const;
type Currency = keyof typeof MINOR;
// an amount in minor units as the invoice writes it
const amountText = (value: bigint, currency: Currency) => {
  const places = MINOR[currency];
  if (places === 0) return String(value);
  const scale = 10n ** BigInt(places);
  return `${value / scale}.${String(value % scale).padStart(places, "0")}`;
};
const hundredths = (value: bigint) => `${value / 100n}.${String(value % 100n).padStart(2, "0")}`;

// round(n / d) half-even, n ≥ 0, d > 0 (the contract's default rounding mode)
function halfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (2n * r > d || (2n * r === d && q % 2n === 1n)) return q + 1n;
  return q;
}

interface Case {
  readonly from: number; // the commitment period's first month (0 = January)
  readonly until: number; // the month after its last (12 = 2027-01-01)
  readonly currency: Currency;
  readonly minimum: bigint; // minor units
  readonly factor: bigint | undefined; // hundredths, above 100
  readonly trueUp: boolean;
  readonly scoped: boolean; // the commitment counts compute only
  readonly timeZone: string; // dates are local midnights there
  readonly termStart: { readonly month: number; readonly day: number };
  readonly termEnd: { readonly month: number; readonly day: number } | undefined;
  readonly compute: ReadonlyArray<number>; // units per month, at 0.37
  readonly storage: ReadonlyArray<number>; // units per month, at 1.25
  readonly grant: bigint | undefined; // a promotional credit on every line, minor units, from the term's start
}

const PRICE = { compute: 37n, storage: 125n }; // hundredths of the currency a unit (0.37, 1.25)

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    from: fc.integer({ min: 0, max: 11 }),
    length: fc.integer({ min: 1, max: 12 }),
    currency: fc.constantFrom<Currency>("USD", "JPY", "BHD"),
    minimum: fc.bigInt({ min: 1n, max: 2_000_000n }),
    factor: fc.option(fc.bigInt({ min: 101n, max: 300n }), { nil: undefined }),
    trueUp: fc.boolean(),
    scoped: fc.boolean(),
    timeZone: fc.constantFrom("UTC", "America/New_York", "Pacific/Chatham"),
    termStartLate: fc.option(
      fc.record({ months: fc.integer({ min: 0, max: 3 }), day: fc.integer({ min: 1, max: 28 }) }),
      {
        nil: undefined,
      },
    ),
    termEnd: fc.option(
      fc.record({ month: fc.integer({ min: 1, max: 11 }), day: fc.integer({ min: 1, max: 28 }) }),
      {
        nil: undefined,
      },
    ),
    compute: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 })), {
      minLength: 12,
      maxLength: 12,
    }),
    grant: fc.option(fc.bigInt({ min: 1n, max: 1_000_000n }), { nil: undefined }),
    storage: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 })), {
      minLength: 12,
      maxLength: 12,
    }),
  })
  .map((drawn) => {
    const until = Math.min(12, drawn.from + drawn.length);
    // a term starting late starts inside the commitment period (after `from`), never after it ends
    const late = drawn.termStartLate;
    const termStart =
      late === undefined
        ? { month: 0, day: 1 }
        : { month: Math.min(drawn.from + late.months, until - 1), day: late.day };
    const end = drawn.termEnd;
    const termEnd =
      end !== undefined &&
      (end.month > termStart.month || (end.month === termStart.month && end.day > termStart.day))
        ? end
        : undefined;
    return { ...drawn, until, termStart, termEnd };
  });

function contractOf(c: Case) {
  return buildContract({
    id: "ctr_year",
    currency: c.currency,
    timeZone: c.timeZone,
    term: {
      start: dayOf(c.termStart.month, c.termStart.day),
      ...(c.termEnd === undefined ? {} : { end: dayOf(c.termEnd.month, c.termEnd.day) }),
    },
    meters: [sumMeter("compute"), sumMeter("storage")],
    charges: [
      unitCharge("compute", "Compute", "compute", "0.37"),
      unitCharge("storage", "Storage", "storage", "1.25"),
    ],
    ...(c.grant === undefined
      ? {}
      : {
          credits: [
            { id: "promo", name: "Promo", kind: "promotional", amount: amountText(c.grant, c.currency) },
          ] as never,
        }),
    commitments: [
      {
        id: "commit",
        name: "Commitment",
        minimum: amountText(c.minimum, c.currency),
        ...(c.factor === undefined ? {} : { overageFactor: hundredths(c.factor) }),
        ...(c.scoped ? { charges: ["compute"] } : {}),
        cumulative: {
          from: monthStart(c.from),
          until: monthStart(c.until),
          ...(c.trueUp ? {} : { trueUp: false }),
        },
      },
    ],
  });
}

// The months the term reaches, each as its invoice's [start, end) (the term's own dates where it cuts one).
function invoicedMonths(c: Case): ReadonlyArray<{ month: number; period: string }> {
  const months = [];
  const last = c.termEnd === undefined ? 11 : c.termEnd.day === 1 ? c.termEnd.month - 1 : c.termEnd.month;
  for (let m = c.termStart.month; m <= last; m++) {
    const start = m === c.termStart.month ? dayOf(m, c.termStart.day) : monthStart(m);
    const end =
      c.termEnd !== undefined && m === c.termEnd.month ? dayOf(m, c.termEnd.day) : monthStart(m + 1);
    months.push({ month: m, period: `${start}/${end}` });
  }
  return months;
}

// Usage on the first day of each invoiced stretch, at 10:00 UTC: that local day from New York to Chatham.
function eventsOf(c: Case) {
  return invoicedMonths(c).flatMap(({ month, period }) => {
    const day = period.slice(0, 10);
    const at = `${day}T10:00:00Z`;
    return [
      usageEvent(`c${month}`, "compute", at, { v: String(c.compute[month]) }),
      usageEvent(`s${month}`, "storage", at, { v: String(c.storage[month]) }),
    ];
  });
}

interface Expected {
  readonly total: bigint;
  readonly trueUp: bigint;
  readonly overage: bigint;
  readonly spendAfter: bigint | undefined;
}

// The oracle: each month's lines, then Flexprice's cumulative rule with the carried spend to date, then
// the credit, which burns after the commitment (true-up and overage lines included) and never changes
// the spend.
function oracle(c: Case): ReadonlyArray<Expected> {
  let before = 0n;
  let balance = c.grant ?? 0n;
  const burn = (owed: bigint) => {
    const burned = balance < owed ? balance : owed;
    balance -= burned;
    return owed - burned;
  };
  return invoicedMonths(c).map(({ month, period }) => {
    // each line rounded once to the currency's minor units, half-even (the default mode)
    const line = (units: number, price: bigint) =>
      halfEven(BigInt(units) * price * 10n ** BigInt(MINOR[c.currency]), 100n);
    const compute = line(c.compute[month]!, PRICE.compute);
    const storage = line(c.storage[month]!, PRICE.storage);
    const lines = compute + storage;
    const inPeriod = month >= c.from && month < c.until;
    if (!inPeriod) return { total: burn(lines), trueUp: 0n, overage: 0n, spendAfter: undefined };
    const spend = c.scoped ? compute : lines;
    const remaining = c.minimum > before ? c.minimum - before : 0n;
    const within = spend < remaining ? spend : remaining;
    const excess = spend - within;
    const overage = c.factor === undefined ? 0n : halfEven(excess * (c.factor - 100n), 100n);
    const after = before + spend;
    // the invoice closes the period when its service period reaches `until` (a term ending earlier never does)
    const closes = period.slice(11) === monthStart(c.until);
    const trueUp = closes && c.trueUp && c.minimum > after ? c.minimum - after : 0n;
    before = after;
    return { total: burn(lines + trueUp + overage), trueUp, overage, spendAfter: after };
  });
}

function rateYear(c: Case): ReadonlyArray<Invoice> {
  const contract = contractOf(c);
  const events = eventsOf(c);
  const invoices: Invoice[] = [];
  for (const { period } of invoicedMonths(c)) {
    invoices.push(rateInvoice(contract, events, period, carriedFrom(invoices.at(-1))));
  }
  return invoices;
}

describe("cumulative commitment over a year, against a BigInt oracle", () => {
  it("bills every month's total, true-up and overage as the oracle does, whatever the period, scope and term", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const invoices = rateYear(c);
        const expected = oracle(c);
        expect(invoices.length).toBe(expected.length);
        invoices.forEach((invoice, at) => {
          const want = expected[at]!;
          const record = invoice.commitments?.find((entry) => entry.id === "commit");
          const label = `${invoice.period.start}`;
          const money = (value: bigint) => amountText(value, c.currency);
          expect(invoice.total, label).toBe(money(want.total));
          expect(record?.trueUp ?? money(0n), label).toBe(money(want.trueUp));
          expect(record?.overage ?? money(0n), label).toBe(money(want.overage));
          expect(record?.cumulative?.spendAfter, label).toBe(
            want.spendAfter === undefined ? undefined : money(want.spendAfter),
          );
        });
        const year = expected.reduce((sum, month) => sum + month.total, 0n);
        const billed = invoices.reduce((sum, invoice) => sum + BigInt(invoice.total.replace(".", "")), 0n);
        expect(billed).toBe(year);
      }),
      { numRuns: fuzzRuns(30) },
    );
  });
});
