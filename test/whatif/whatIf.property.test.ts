import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, parseUsageEvent, rateParsedInvoice, type WhatIfRow, whatIf } from "../../src/index.js";
import { distributionOf, totalsPerCurrency } from "../../src/whatif/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { deepFreeze } from "../_arbitraries/prices.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { attempt } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";

const checked = { bases: 0 };

// Rows as whatIf writes them: whole minor units of one of three currencies, some with a before of 0.
const CURRENCIES = [
  { code: "USD", minorUnits: 2 },
  { code: "JPY", minorUnits: 0 },
  { code: "BHD", minorUnits: 3 },
] as const;
const rowArb: fc.Arbitrary<Omit<WhatIfRow, "customer">> = fc
  .tuple(
    fc.constantFrom(...CURRENCIES),
    fc.oneof(fc.constant(0), fc.integer({ min: -1_000_000, max: 100_000_000 })),
    fc.integer({ min: -1_000_000, max: 100_000_000 }),
  )
  .map(([currency, before, after]) => {
    const money = (minor: number) =>
      new Decimal(minor).div(10 ** currency.minorUnits).toFixed(currency.minorUnits);
    return { currency, before: money(before), after: money(after), change: money(after - before) };
  });
const rowsArb = fc
  .array(rowArb, { minLength: 1, maxLength: 30 })
  .map((rows) => rows.map((row, at) => ({ ...row, customer: `cus_${String(at).padStart(2, "0")}` })));

describe("whatIf (laws)", () => {
  it("totals each currency as the exact sum of its rows", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const totals = totalsPerCurrency(deepFreeze(rows));
        expect(totals.map((total) => total.currency.code)).toEqual(
          [...new Set(rows.map((row) => row.currency.code))].sort(),
        );
        for (const total of totals) {
          const own = rows.filter((row) => row.currency.code === total.currency.code);
          const sum = (field: "before" | "after" | "change") =>
            own.reduce((acc, row) => acc.plus(row[field]), new Decimal(0)).toFixed(total.currency.minorUnits);
          expect([total.before, total.after, total.change]).toEqual([
            sum("before"),
            sum("after"),
            sum("change"),
          ]);
          expect(total.customers).toBe(own.length);
          expect(total.increased + total.decreased + total.unchanged).toBe(own.length);
        }
      }),
    );
  });

  it("ranks every customer once, hardest hit first, and counts each in one bucket", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const { ranking, quantiles, histogram } = distributionOf(deepFreeze(rows));
        expect(ranking.map((item) => item.customer).sort()).toEqual(rows.map((row) => row.customer).sort());
        const percents = ranking.flatMap((item) =>
          item.percent === undefined ? [] : [new Decimal(item.percent)],
        );
        for (let at = 1; at < percents.length; at += 1)
          expect(percents[at]?.lessThanOrEqualTo(percents[at - 1] as Decimal)).toBe(true);
        // customers without a percent come after every customer with one
        const firstWithout = ranking.findIndex((item) => item.percent === undefined);
        if (firstWithout !== -1)
          expect(ranking.slice(firstWithout).every((item) => item.percent === undefined)).toBe(true);
        expect(histogram.reduce((sum, bucket) => sum + bucket.customers, 0)).toBe(rows.length);
        // quantiles never decrease, from the smallest percent to the largest
        const values = quantiles.map((q) => new Decimal(q.percent));
        for (let at = 1; at < values.length; at += 1)
          expect(values[at]?.greaterThanOrEqualTo(values[at - 1] as Decimal)).toBe(true);
        if (percents.length > 0) {
          expect(quantiles[0]?.percent).toBe(percents.at(-1)?.toFixed(2));
          expect(quantiles.at(-1)?.percent).toBe(percents[0]?.toFixed(2));
        }
      }),
    );
  });

  it("changes nothing when a generated base is compared with itself", { timeout: fuzzTimeout() }, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(contractScenarioArb(), streamArb()), { minLength: 1, maxLength: 3 }),
        (drafts) => {
          const customers = drafts.flatMap(([scenario, stream], at) => {
            const { contract, period } = materialize(deepFreeze(scenario));
            const events = attempt(() => eventsIn(stream, period).map(parseUsageEvent));
            if (events === undefined) return [];
            // Only contracts that rate over their period make a customer (a refusal is typed).
            const rated = attempt(() =>
              rateParsedInvoice(contract, events, period, { creditsStartFull: true }),
            );
            return rated === undefined ? [] : [{ name: `c${at}`, contract, events, period }];
          });
          for (const { name, contract, events, period } of customers) {
            const result = whatIf([{ name, before: contract, after: contract, events }], period);
            expect(result.rows[0]?.change).toBe(new Decimal(0).toFixed(result.rows[0]?.currency.minorUnits));
            expect(result.rows[0]?.topCause).toBeUndefined();
            expect(result.rows[0]?.before).toBe(result.rows[0]?.after);
            expect(result.totals[0]?.unchanged).toBe(1);
            checked.bases += 1;
          }
        },
      ),
      fuzzParameters(20),
    );
    expect(checked.bases).toBeGreaterThan(5);
  });
});
