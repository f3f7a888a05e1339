import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contractInBatch, parseContract, rateInvoice } from "../../src/index.js";
import {
  addLocalDays,
  type LocalDate,
  parsePeriod,
  startOfLocalDate,
  toLocalDate,
} from "../../src/time/index.js";
import { egressContractJson } from "../_support/egressContract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// contractInBatch against an oracle of its own, for calendar cycles: a batch rates a contract iff the
// batch's period, cut to the term, is the whole of one billing period cut to the term, the billing
// periods worked out here from local dates alone (a day; a month from the 1st; a quarter from January,
// April, July, October; a year from January), not by periodsBetween. When it rates one, rating it alone
// for the period issues exactly that: rateInvoice's period is the billing period cut to the term.
const CADENCES = ["daily", "monthly", "quarterly", "annual"] as const;
type Cadence = (typeof CADENCES)[number];
const ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland", "America/Santiago"];
const pad = (n: number) => String(n).padStart(2, "0");
const text = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

// The calendar unit of `cadence` that holds local date `d`: its first date and the date after its last.
function unitOf(cadence: Cadence, d: LocalDate): { from: LocalDate; to: LocalDate } {
  if (cadence === "daily") return { from: d, to: addLocalDays(d, 1) };
  const months = cadence === "monthly" ? 1 : cadence === "quarterly" ? 3 : 12;
  const first = d.month - ((d.month - 1) % months);
  const after = first - 1 + months;
  return {
    from: { year: d.year, month: first, day: 1 },
    to: { year: d.year + Math.floor(after / 12), month: (after % 12) + 1, day: 1 },
  };
}

const boundary = (day: number, hour: number | undefined) => {
  const date = new Date(Date.UTC(2025, 9, 1 + day)).toISOString().slice(0, 10);
  return hour === undefined ? date : `${date}T${pad(hour)}:30:00Z`;
};

const scenario = fc.record({
  cadence: fc.constantFrom(...CADENCES),
  timeZone: fc.constantFrom(...ZONES),
  startDay: fc.integer({ min: 0, max: 200 }),
  startHour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
  // At least two days: a start at 23:30Z and an end date at Auckland's midnight (11:00Z) a day later are refused.
  length: fc.option(fc.integer({ min: 2, max: 200 }), { nil: undefined }),
  endHour: fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined }),
  // The batch's period: a day, a month, a quarter, a year, or a range of dates, around 2026.
  period: fc.oneof(
    fc
      .record({ y: fc.constantFrom(2025, 2026), m: fc.integer({ min: 1, max: 12 }) })
      .map(({ y, m }) => `${y}-${pad(m)}`),
    fc
      .record({ y: fc.constantFrom(2025, 2026), q: fc.integer({ min: 1, max: 4 }) })
      .map(({ y, q }) => `${y}-Q${q}`),
    fc.constantFrom("2025", "2026"),
    fc
      .record({ day: fc.integer({ min: 0, max: 300 }), days: fc.integer({ min: 1, max: 100 }) })
      .map(({ day, days }) => {
        const from = addLocalDays({ year: 2025, month: 10, day: 1 }, day);
        return days === 1 ? text(from) : `${text(from)}/${text(addLocalDays(from, days))}`;
      }),
  ),
});

describe("contractInBatch (oracle, calendar cycles)", () => {
  it("rates a contract iff the period cut to its term is one whole billing period cut to it, and rateInvoice bills that", () => {
    let rated = 0;
    let aside = 0;
    fc.assert(
      fc.property(scenario, ({ cadence, timeZone, startDay, startHour, length, endHour, period }) => {
        const term =
          length === undefined
            ? { start: boundary(startDay, startHour) }
            : { start: boundary(startDay, startHour), end: boundary(startDay + length, endHour) };
        const contract = parseContract(
          egressContractJson("cus", "USD", { timeZone, billing: { cadence, alignment: "calendar" }, term }),
        );
        const requested = parsePeriod(period, timeZone);
        const termEnd = contract.term.end ?? Number.MAX_SAFE_INTEGER;
        const cut = (p: { start: number; end: number }) => ({
          start: Math.max(p.start, contract.term.start),
          end: Math.min(p.end, termEnd),
        });
        const service = cut(requested);
        const decision = contractInBatch(contract, period);
        if (service.start >= service.end) {
          expect(decision).toEqual({ rated: false, reason: "out_of_term" });
          return;
        }
        const unit = unitOf(cadence, toLocalDate(requested.start, timeZone));
        const billing = {
          start: startOfLocalDate(unit.from, timeZone),
          end: startOfLocalDate(unit.to, timeZone),
        };
        const whole =
          requested.end <= billing.end && JSON.stringify(cut(billing)) === JSON.stringify(service);
        expect(decision.rated, JSON.stringify({ term, period, decision })).toBe(whole);
        if (!whole) {
          aside += 1;
          // Each billing period it names rates it, given as the batch's period.
          for (const named of decision.rated === false && decision.reason === "another_cycle"
            ? decision.billingPeriods
            : [])
            expect(contractInBatch(contract, named), `${named} of ${JSON.stringify(term)}`).toEqual({
              rated: true,
            });
          return;
        }
        rated += 1;
        const invoice = rateInvoice(contract, [], period);
        expect([Date.parse(invoice.period.start), Date.parse(invoice.period.end)]).toEqual([
          service.start,
          service.end,
        ]);
      }),
      { numRuns: fuzzRuns(300) },
    );
    // Both sides of the law were drawn.
    expect(rated).toBeGreaterThan(0);
    expect(aside).toBeGreaterThan(0);
  });
});
