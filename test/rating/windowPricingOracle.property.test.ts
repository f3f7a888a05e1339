import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { daysLater, localMidnight, monthsLater, type OracleDate } from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";
import {
  compareRatio,
  decimalArb,
  instantOf,
  lineRatio,
  outcomesOf,
  type Ratio,
  ratio,
  ratioOfUnits,
  rawEventsArb,
  unitsOf,
} from "../_support/meterOracle.js";

// Window pricing (docs/window-pricing.md) from events to the line, against an oracle on BigInts: the
// windows of a local month (hours and 5 minutes from the period start, local days across DST), each
// window's value its events' sum, maximum or average, per second of its own length if asked, priced
// with graduated tiers (up to 1 at 0.37, up to 5 at 0.11, then 0.05) that restart in every window or
// follow the month's running total, the line rounded once or each window rounded first (half-even).
// A window's value that does not end is priced as the fraction it is.

type Inner = "sum" | "max" | "avg";
interface Setup {
  readonly zone: string;
  readonly month: number;
  readonly size: "5m" | "hour" | "day";
  readonly inner: Inner;
  readonly perSecond: boolean;
  readonly empty: "zero" | "skip";
  readonly rounding: "line" | "each_window";
}
// 5-minute windows leave empty ones out: priced one by one, the 8,900 windows of a month take ratecard
// about 0.6 s with running totals, too long for a property's run (an empty window is 0 in any price: no amount changes).
const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    zone: fc.constantFrom("UTC", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe"),
    month: fc.constantFrom(3, 4, 10, 11),
    size: fc.constantFrom("5m" as const, "hour" as const, "day" as const),
    inner: fc.constantFrom<Inner>("sum", "max", "avg"),
    perSecond: fc.boolean(),
    empty: fc.constantFrom("zero" as const, "skip" as const),
    rounding: fc.constantFrom("line" as const, "each_window" as const),
  })
  .map((setup) => (setup.size === "5m" ? { ...setup, empty: "skip" as const } : setup));

const TIERS = [{ upTo: "1", unitPrice: "0.37" }, { upTo: "5", unitPrice: "0.11" }, { unitPrice: "0.05" }];
// G(q) in cents: 37 × min(q, 1) + 11 × the part in (1, 5] + 5 × the part above 5.
function graduatedCents([n, d]: Ratio): Ratio {
  const part = (from: bigint, to: bigint | undefined) => {
    const low = n > from * d ? n - from * d : 0n;
    const width = to === undefined ? low : (to - from) * d;
    return low < width ? low : width;
  };
  return ratio(37n * part(0n, 1n) + 11n * part(1n, 5n) + 5n * part(5n, undefined), d);
}
const add = (a: Ratio, b: Ratio): Ratio => ratio(a[0] * b[1] + b[0] * a[1], a[1] * b[1]);
const minus = (a: Ratio, b: Ratio): Ratio => add(a, [-b[0], b[1]]);
// Cents rounded half-even to whole cents.
function roundCents([n, d]: Ratio): bigint {
  const truncated = n / d;
  const twice = (n - truncated * d) * 2n;
  return twice > d || (twice === d && truncated % 2n !== 0n) ? truncated + 1n : truncated;
}
const centsText = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;

function contractOf(setup: Setup) {
  const window = {
    size: setup.size,
    aggregation: setup.inner,
    perSecond: setup.perSecond,
    emptyWindows: setup.empty,
  };
  const price = { model: "graduated", tiers: TIERS } as const;
  return buildContract({
    timeZone: setup.zone,
    meters: [{ id: "ws", eventType: "t", aggregation: "sum", valueProperty: "v", window }] as never,
    charges: [
      {
        id: "each",
        name: "each",
        meter: "ws",
        price,
        windows: { tiers: "each_window", rounding: setup.rounding },
      },
      {
        id: "run",
        name: "run",
        meter: "ws",
        price,
        windows: { tiers: "running_total", rounding: setup.rounding },
      },
    ] as never,
  });
}

// Window values in time order (empty windows have none: 0 in any price, so they change no amount).
function windowValues(
  setup: Setup,
  start: OracleDate,
  events: ReadonlyArray<{ t: number; units: bigint }>,
): Ratio[] {
  const from = localMidnight(start, setup.zone);
  const to = localMidnight(monthsLater(start.y, start.m, 1, 1), setup.zone);
  const bounds: number[] = [];
  if (setup.size === "day")
    for (let day = start; localMidnight(day, setup.zone) <= to; day = daysLater(day, 1))
      bounds.push(localMidnight(day, setup.zone));
  else {
    const length = setup.size === "hour" ? 3_600_000 : 300_000;
    for (let t = from; t < to; t += length) bounds.push(t);
    bounds.push(to);
  }
  const values: Ratio[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const inside = events.filter(({ t }) => t >= bounds[i]! && t < bounds[i + 1]!).map(({ units }) => units);
    if (inside.length === 0) continue;
    const sum = inside.reduce((a, b) => a + b, 0n);
    const value: Ratio =
      setup.inner === "sum"
        ? ratioOfUnits(sum)
        : setup.inner === "max"
          ? ratioOfUnits(inside.reduce((a, b) => (b > a ? b : a)))
          : ratio(sum, 1_000_000_000n * BigInt(inside.length));
    values.push(
      setup.perSecond ? ratio(value[0], value[1] * BigInt((bounds[i + 1]! - bounds[i]!) / 1000)) : value,
    );
  }
  return values;
}

const scenarioArb = setupArb.chain((setup) => {
  const start = { y: 2026, m: setup.month, d: 1 };
  const from = localMidnight(start, setup.zone);
  const to = localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone);
  return fc.record({
    setup: fc.constant(setup),
    events: rawEventsArb({
      ids: ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
      type: "t",
      instants: fc.oneof(
        fc.constantFrom(from, to - 1, from - 1, to),
        fc.integer({ min: from, max: to - 1 }),
        fc.integer({ min: 0, max: 12 }).map((k) => from + k * 300_000),
        fc.integer({ min: 0, max: 31 }).map((day) => localMidnight(daysLater(start, day), setup.zone) - 1),
      ),
      properties: fc.record({ v: decimalArb({ negative: false, digits: 4 }) }),
      conflict: { v: "2" },
      maxLength: 12,
    }),
  });
});

describe("window pricing against a BigInt oracle (property)", () => {
  it("prices each window from zero or at the running total, rounding the line or each window", () => {
    fc.assert(
      fc.property(scenarioArb, ({ setup, events }) => {
        const start = { y: 2026, m: setup.month, d: 1 };
        const period = [
          localMidnight(start, setup.zone),
          localMidnight(monthsLater(2026, setup.month, 1, 1), setup.zone),
        ] as const;
        const outcomes = outcomesOf(events, {
          customer: "cus",
          eventTypes: ["t"],
          period,
          isRead: (event) => event.type === "t",
          isReadable: (event) => unitsOf(event.properties.v) !== undefined,
        });
        const counted = events
          .filter((_, i) => outcomes[i] === "counted")
          .map((event) => ({ t: instantOf(event.timestamp), units: unitsOf(event.properties.v)! }));
        const values = windowValues(setup, start, counted);
        const total = values.reduce(add, [0n, 1n] as Ratio);
        // each window from zero: Σ G(w); at the running total: Σ G(T_i) − G(T_i−1)
        const each = values.map(graduatedCents);
        let running: Ratio = [0n, 1n];
        const run = values.map((value) => {
          const before = graduatedCents(running);
          running = add(running, value);
          return minus(graduatedCents(running), before);
        });
        const lineCents = (amounts: ReadonlyArray<Ratio>) =>
          setup.rounding === "line"
            ? roundCents(amounts.reduce(add, [0n, 1n] as Ratio))
            : amounts.reduce((sum, amount) => sum + roundCents(amount), 0n);

        const invoice = rateInvoice(
          contractOf(setup),
          events,
          `2026-${String(setup.month).padStart(2, "0")}`,
        );
        for (const [id, amounts] of [
          ["each", each],
          ["run", run],
        ] as const) {
          const line = invoice.lines.find((candidate) => candidate.chargeId === id)!;
          expect({ id, cmp: compareRatio(lineRatio(line), total) }).toEqual({ id, cmp: 0 });
          expect({ id, amount: line.amount }).toEqual({ id, amount: centsText(lineCents(amounts)) });
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
