import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff } from "../../src/compare/index.js";
import { type Invoice, rateClosingInvoice, rateInvoice, rateProgressiveInvoice } from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize, nextBillingPeriod } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const FIRST = { creditsStartFull: true } as const;
const checked = { periods: 0, contracts: 0, progressive: 0 };

// The law of docs/diff-and-reconcile.md: the attributions add up to the change exactly, each is a
// whole number of minor units, and what is left to "rounding" is never more than one minor unit per
// line of either invoice plus half a minor unit per cause rounded. Why that much and no more, with n
// lines and c causes at m minor units: each line is rounded once, which moves it by at most half a minor
// unit to the nearest and by less than one in a directed mode (up, ceiling), and each cause is rounded
// half-even, at most half a minor unit: |rounding| ≤ (n + c ÷ 2) × 10^−m. At 6 minor units (a unit such
// as POINTS) that is millionths: 9 lines and 60 causes allow 0.000039. FC_SEED=-1324157280 left
// 50.500000 to rounding: not rounding but a line diff lost (two lines of one id, see diff.test.ts), so
// the code was wrong, not the bound.
function expectExactAttribution(before: Invoice, after: Invoice): void {
  const result = diff(before, after);
  const minor = after.currency.minorUnits;
  const change = new Decimal(after.amountDue ?? after.total).minus(before.amountDue ?? before.total);
  expect(result.change).toBe(change.toFixed(minor));
  const sum = result.attributions.reduce((acc, a) => acc.plus(a.amount), new Decimal(0));
  expect(sum.toFixed(minor)).toBe(result.change);
  for (const attribution of result.attributions) {
    expect(new Decimal(attribution.amount).decimalPlaces()).toBeLessThanOrEqual(minor);
    expect(new Decimal(attribution.amount).isZero()).toBe(false);
  }
  const rounding = result.attributions.find((a) => a.cause === "rounding");
  const lines = before.lines.length + after.lines.length;
  // Up to five causes a line (usage, rate, proration, rounding; what earlier invoices of its period billed).
  const causes = lines * 5 + 4 + (before.credits?.length ?? 0) + (after.credits?.length ?? 0) + 20;
  const bound = new Decimal(lines).plus(new Decimal(causes).div(2)).times(new Decimal(10).pow(-minor));
  if (rounding !== undefined) expect(new Decimal(rounding.amount).abs().lessThanOrEqualTo(bound)).toBe(true);
  // Largest first.
  const sizes = result.attributions.map((a) => new Decimal(a.amount).abs());
  for (let at = 1; at < sizes.length; at += 1)
    expect(sizes[at]!.lessThanOrEqualTo(sizes[at - 1]!)).toBe(true);
}

describe("diff (fuzzing)", () => {
  it("attributes the change between two periods of a generated contract exactly", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), streamArb(), (scenario, stream, nextStream) => {
        const { contract, billingPeriod, period } = materialize(deepFreeze(scenario));
        const first = attempt(() => rateInvoice(contract, eventsIn(stream, period), period, FIRST));
        if (first === undefined) return;
        const next = nextBillingPeriod(contract, billingPeriod);
        const second = attempt(() => rateInvoice(contract, eventsIn(nextStream, next), next, FIRST));
        if (second === undefined) return;
        expectExactAttribution(first, second);
        expectExactAttribution(second, first);
        checked.periods += 1;
        expect(diff(first, first).attributions).toEqual([]);
      }),
      fuzzParameters(40),
    );
    // The law ran on real pairs, not only on refusals.
    expect(checked.periods).toBeGreaterThan(10);
  });

  it("attributes the change of the same usage under two generated contracts exactly", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(contractScenarioArb(), contractScenarioArb(), streamArb(), (one, other, stream) => {
        const a = materialize(deepFreeze(one));
        // Another price book (the other contract's meters, charges and terms) in the first one's currency,
        // zone, cycle and term, so the same period and usage can be rated under both.
        const { currency, customUnits, timeZone, billing, term, trial } = one.json;
        const json = {
          ...other.json,
          id: "ctr_other",
          currency,
          customUnits,
          timeZone,
          billing,
          term,
          trial,
        };
        if (customUnits === undefined) delete (json as Record<string, unknown>).customUnits;
        if (trial === undefined) delete (json as Record<string, unknown>).trial;
        const b = attempt(() => materialize(deepFreeze({ ...other, json })));
        if (b === undefined) return;
        const events = eventsIn(stream, a.period);
        const before = attempt(() => rateInvoice(a.contract, events, a.period, FIRST));
        const after = attempt(() => rateInvoice(b.contract, events, a.period, FIRST));
        if (before === undefined || after === undefined) return;
        expectExactAttribution(before, after);
        checked.contracts += 1;
      }),
      // 60 runs, not 40: about 4 in 10 pairs are refused (the other price book in the first one's
      // currency and term, or either rating), which left as few as 19 of 40 against the bar of 10.
      fuzzParameters(60),
    );
    expect(checked.contracts).toBeGreaterThan(10);
  });

  // A progressive invoice and the close of its period: each line is its period so far less what the
  // earlier invoice billed of it, so the law holds with nothing but the lines' own rounding left over
  // (before, the earlier invoice's whole part of a line was left to "rounding").
  it("attributes the change between a progressive invoice and its period's close exactly", {
    timeout: fuzzTimeout(),
  }, () => {
    fc.assert(
      fc.property(
        contractScenarioArb(),
        streamArb(),
        fc.integer({ min: 1, max: 9 }),
        (scenario, stream, tenths) => {
          const { contract, billingPeriod } = materialize(deepFreeze(scenario));
          const asOf = new Date(
            billingPeriod.start +
              Math.floor((billingPeriod.end - billingPeriod.start) / 10_000) * 1000 * tenths,
          ).toISOString();
          const events = eventsIn(stream, billingPeriod);
          const first = attempt(() => rateProgressiveInvoice(contract, events, billingPeriod, asOf, FIRST));
          if (first === undefined) return;
          const close = attempt(() =>
            rateClosingInvoice(contract, events, billingPeriod, { ...FIRST, earlier: [first] }),
          );
          if (close === undefined) return;
          expectExactAttribution(first, close);
          expectExactAttribution(close, first);
          checked.progressive += 1;
        },
      ),
      fuzzParameters(40),
    );
    expect(checked.progressive).toBeGreaterThan(10);
  });
});
