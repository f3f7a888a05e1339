import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePriceBook, rateInvoice, resolveContract } from "../../src/index.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// An independent oracle of a year on a price book (docs/price-books.md), in plain BigInt: two to four
// versions taking effect on any day of 2026, each with its own bandwidth price (4 decimals) and platform
// fee; the contract follows the book from a term that may start on any day of the first half-year (after
// versions it never saw, its first invoice a partial month), with a multiplier override on both charges
// and maybe a second that overwrites the bandwidth price from a date (Metronome's multiplier and
// overwrite), in UTC, Kolkata or Bogotá. Each month is priced by
// the version in force on each day: a version (or an override) dated inside the month cuts it into
// pieces as an amendment does, each piece a line of its own usage rounded half-up (the book's default),
// the fee prorated by the piece's days; a charge whose price is the same on both sides of a cut keeps one
// line. Nothing of ratecard is used but producing the invoices.

const DAYS_IN = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, "0");
const dateOf = (month: number, day: number) => `2026-${pad(month + 1)}-${pad(day)}`;
const monthText = (month: number) => `2026-${pad(month + 1)}`;
const cents = (value: bigint) => `${value / 100n}.${pad(Number(value % 100n))}`;
const decimal = (value: bigint, places: number) => {
  const text = value.toString().padStart(places + 1, "0");
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
};
// round(n / d) half-up, n ≥ 0
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

// A day of the year as [month, day] and its ordinal, so versions come in date order.
const ordinal = (month: number, day: number) => DAYS_IN.slice(0, month).reduce((a, b) => a + b, 0) + day;
const dayArb = fc
  .integer({ min: 0, max: 11 })
  .chain((month) => fc.integer({ min: 1, max: DAYS_IN[month]! }).map((day) => ({ month, day })));

interface Version {
  readonly month: number;
  readonly day: number;
  readonly price: bigint; // 1e-4 USD a GB
  readonly fee: bigint; // cents
}

const caseArb = fc.record({
  later: fc.uniqueArray(dayArb, { minLength: 1, maxLength: 3, selector: (d) => ordinal(d.month, d.day) }),
  prices: fc.array(fc.bigInt({ min: 0n, max: 2_000n }), { minLength: 4, maxLength: 4 }),
  fees: fc.array(fc.constantFrom(0n, 2_000n, 2_500n, 9_999n), { minLength: 4, maxLength: 4 }),
  multiplier: fc.bigInt({ min: 50n, max: 150n }), // hundredths
  // a zone without daylight saving time, so every local day is 86,400 s and the fee prorates by days
  timeZone: fc.constantFrom("UTC", "Asia/Kolkata", "America/Bogota"),
  // the term starts on any day of the first half of the year (the first invoice a partial month)
  termStart: fc.option(
    dayArb.filter((d) => d.month < 6),
    { nil: undefined },
  ),
  overwrite: fc.option(fc.record({ from: dayArb, price: fc.bigInt({ min: 0n, max: 2_000n }) }), {
    nil: undefined,
  }),
  usage: fc.array(
    fc.record({ at: dayArb, hour: fc.integer({ min: 0, max: 23 }), gb: fc.integer({ min: 0, max: 50_000 }) }),
    { maxLength: 30 },
  ),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function versionsOf(c: Case): ReadonlyArray<Version> {
  const dates = [{ month: 0, day: 1 }, ...c.later.filter((d) => ordinal(d.month, d.day) > 1)].sort(
    (a, b) => ordinal(a.month, a.day) - ordinal(b.month, b.day),
  );
  return dates.map((d, i) => ({ ...d, price: c.prices[i]!, fee: c.fees[i]! }));
}

function filesOf(c: Case) {
  const versions = versionsOf(c);
  const book = parsePriceBook({
    schemaVersion: 1,
    id: "book",
    currency: "USD",
    meters: [{ id: "bw", eventType: "bw", aggregation: "sum", valueProperty: "gb" }],
    versions: versions.map((v, i) => ({
      version: `v${i}`,
      effective: dateOf(v.month, v.day),
      charges: [
        { id: "platform", name: "Platform", price: { model: "flat", amount: cents(v.fee) } },
        {
          id: "bandwidth",
          name: "Bandwidth",
          meter: "bw",
          price: { model: "unit", unitPrice: decimal(v.price, 4) },
        },
      ],
    })),
    defaults: { rounding: { mode: "half_up" } },
  });
  const overwrite = c.overwrite;
  const contract = resolveContract(
    {
      schemaVersion: 1,
      id: "ctr_book",
      customer: { id: "cus" },
      currency: "USD",
      timeZone: c.timeZone,
      billing: { cadence: "monthly" },
      term: { start: dateOf(startOf(c).month, startOf(c).day) },
      priceBook: { id: "book" },
      meters: [],
      charges: [],
      overrides: [
        { id: "deal", charge: "bandwidth", multiplier: decimal(c.multiplier, 2) },
        { id: "fee-deal", charge: "platform", multiplier: decimal(c.multiplier, 2) },
        ...(overwrite === undefined
          ? []
          : [
              {
                id: "fixed",
                charge: "bandwidth",
                from: dateOf(overwrite.from.month, overwrite.from.day),
                price: { model: "unit", unitPrice: decimal(overwrite.price, 4) },
              },
            ]),
      ],
    },
    [book],
  );
  const events = c.usage.map((u, i) => ({
    id: `e${i}`,
    type: "bw",
    customer: "cus",
    timestamp: `${dateOf(u.at.month, u.at.day)}T${pad(u.hour)}:00:00${c.timeZone === "UTC" ? "Z" : c.timeZone === "Asia/Kolkata" ? "+05:30" : "-05:00"}`,
    properties: { gb: String(u.gb) },
  }));
  return { contract, events, versions };
}

// The oracle: for each month, the days on which the terms may change; per charge, the price in force on
// each day (1e-6 USD a GB for bandwidth, 1e-4 USD for the fee), runs of days at one price, each run a line.
const startOf = (c: Case) => c.termStart ?? { month: 0, day: 1 };

function oracleMonth(c: Case, versions: ReadonlyArray<Version>, month: number): bigint {
  const inForce = (day: number) =>
    versions.filter((v) => ordinal(v.month, v.day) <= ordinal(month, day)).at(-1)!;
  const overwritten = (day: number) =>
    c.overwrite !== undefined && ordinal(c.overwrite.from.month, c.overwrite.from.day) <= ordinal(month, day);
  const bandwidthPrice = (day: number) =>
    overwritten(day) ? c.overwrite!.price * 100n : inForce(day).price * c.multiplier;
  const feePrice = (day: number) => inForce(day).fee * c.multiplier; // 1e-4 USD
  const first = month === startOf(c).month ? startOf(c).day : 1;
  const cuts = new Set([first]);
  for (let day = first + 1; day <= DAYS_IN[month]!; day++) {
    const version = inForce(day);
    if (version.month === month && version.day === day) cuts.add(day);
    if (c.overwrite !== undefined && c.overwrite.from.month === month && c.overwrite.from.day === day)
      cuts.add(day);
  }
  const pieces = [...cuts]
    .sort((a, b) => a - b)
    .map((start, i, all) => [start, all[i + 1] ?? DAYS_IN[month]! + 1] as const);
  // merge neighbouring pieces where a charge's price does not change: one line over them
  const runs = (price: (day: number) => bigint) =>
    pieces.reduce<Array<[number, number]>>((merged, [start, end]) => {
      const last = merged.at(-1);
      if (last !== undefined && price(last[0]) === price(start)) last[1] = end;
      else merged.push([start, end]);
      return merged;
    }, []);
  let total = 0n;
  for (const [start, end] of runs(bandwidthPrice)) {
    const gb = c.usage
      .filter((u) => u.at.month === month && u.at.day >= start && u.at.day < end)
      .reduce((sum, u) => sum + BigInt(u.gb), 0n);
    total += halfUp(gb * bandwidthPrice(start), 10_000n); // GB × 1e-6 USD → cents
  }
  for (const [start, end] of runs(feePrice)) {
    // the fee prorated by the run's share of the month's days (every local day 86,400 s)
    total += halfUp(feePrice(start) * BigInt(end - start), 100n * BigInt(DAYS_IN[month]!));
  }
  return total;
}

describe("a year on a price book, against a BigInt oracle", () => {
  it("prices every month by the version in force on each day, the contract's overrides on top", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { contract, events, versions } = filesOf(c);
        const start = startOf(c);
        for (let month = start.month; month < 12; month++) {
          const period =
            month === start.month && start.day > 1
              ? `${dateOf(month, start.day)}/${month === 11 ? "2027-01-01" : dateOf(month + 1, 1)}`
              : monthText(month);
          const invoice = rateInvoice(contract, events, period);
          expect(invoice.total, monthText(month)).toBe(cents(oracleMonth(c, versions, month)));
        }
      }),
      { numRuns: fuzzRuns(25) },
    );
  });
});
