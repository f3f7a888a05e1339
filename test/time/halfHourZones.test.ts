import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  type BillingCycle,
  formatInstant,
  nthPeriod,
  parsePeriod,
  periodOf,
  prorationRatio,
  startOfLocalDate,
} from "../../src/time/index.js";
import { buildContract } from "../_support/contract.js";

// Zones whose clocks move by half an hour (Australia/Lord_Howe: +10:30 ↔ +11:00), at midnight
// (America/Santiago), or sit at odd offsets (Asia/Kathmandu +05:45, Pacific/Chatham +12:45 ↔ +13:45).

const LORD_HOWE = "Australia/Lord_Howe";
const hours = (period: { start: number; end: number }) => (period.end - period.start) / 3_600_000;

describe("half-hour daylight saving time (Australia/Lord_Howe)", () => {
  it("gives the day clocks go from 02:00 to 02:30 23.5 hours, and the day they go back 24.5", () => {
    // 4 Oct 2026 00:00 +10:30 = 3 Oct 13:30Z; 5 Oct 00:00 +11:00 = 4 Oct 13:00Z: 23.5 h
    const spring = parsePeriod("2026-10-04/2026-10-05", LORD_HOWE);
    expect([formatInstant(spring.start), formatInstant(spring.end)]).toEqual([
      "2026-10-03T13:30:00.000Z",
      "2026-10-04T13:00:00.000Z",
    ]);
    expect(hours(spring)).toBe(23.5);
    // 5 Apr 2026 00:00 +11:00 = 4 Apr 13:00Z; 6 Apr 00:00 +10:30 = 5 Apr 13:30Z: 24.5 h
    expect(hours(parsePeriod("2026-04-05/2026-04-06", LORD_HOWE))).toBe(24.5);
    // October: 31 days less half an hour = 743.5 h
    expect(hours(parsePeriod("2026-10", LORD_HOWE))).toBe(743.5);
  });

  it("prorates by exact seconds or by whole local days across the half-hour change", () => {
    const october = parsePeriod("2026-10", LORD_HOWE);
    const part = { start: startOfLocalDate({ year: 2026, month: 10, day: 4 }, LORD_HOWE), end: october.end };
    // by the second: 28 days less half an hour = 2,419,200 − 1,800 = 2,417,400 of 31 × 86,400 − 1,800 = 2,676,600
    const bySecond = prorationRatio(part, october, "second", LORD_HOWE);
    expect([bySecond.elapsed.toString(), bySecond.total.toString()]).toEqual(["2417400", "2676600"]);
    // by the day: 4 Oct → 1 Nov is 28 local days of 31
    const byDay = prorationRatio(part, october, "day", LORD_HOWE);
    expect([byDay.elapsed.toString(), byDay.total.toString()]).toEqual(["28", "31"]);
  });

  it("bills a fee for the rest of October by its exact share", () => {
    const contract = buildContract({
      id: "ctr_lord_howe",
      currency: "AUD",
      timeZone: LORD_HOWE,
      term: { start: "2026-10-04" },
      meters: [],
      charges: [{ id: "fee", name: "Fee", price: { model: "flat", amount: "267.66" } }],
    });
    // 267.66 ÷ 2,676,600 s = 0.0001 a second; × 2,417,400 s = 241.74 exactly
    expect(rateInvoice(contract, [], "2026-10").lines[0]!.amount).toBe("241.74");
  });
});

describe("periods in zones with odd offsets and shifts tile time (laws)", () => {
  const zones = [LORD_HOWE, "America/Santiago", "Asia/Kathmandu", "Pacific/Chatham", "America/Havana"];
  const cadences = ["daily", "weekly", "monthly", "quarterly", "annual"] as const;
  it("puts every instant in exactly one period, which starts where the one before ends", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...cadences),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (timeZone, cadence, instant) => {
          const cycle: BillingCycle = {
            cadence,
            alignment: "calendar",
            timeZone,
            termStart: Date.UTC(2020, 0, 1),
            ...(cadence === "monthly" ? { anchorDay: 31 } : {}),
          };
          const period = periodOf(cycle, instant);
          expect(period.start <= instant && instant < period.end).toBe(true);
          const next = periodOf(cycle, period.end);
          expect(next.start).toBe(period.end);
          expect(nthPeriod(cycle, 0).start).toBeLessThan(nthPeriod(cycle, 1).start);
        },
      ),
    );
  });
});
