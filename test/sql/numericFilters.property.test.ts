import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  aggregateForRating,
  compileUsageSql,
  parseContract,
  prepareRating,
  usageAggregatesFromSql,
} from "../../src/index.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { duckdbEngine } from "./duckdbEngine.js";
import { closeStarted, contractHead, eventAt, type TestEngine } from "./engines.js";

// Numeric filters against the in-memory engine on values written every way a decimal can be: long
// integers, long fractions, exponents near and far, zeros around the digits, JSON numbers. The
// engines' 18-decimal types hold few of them; the comparison must be exact all the same.

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const textArb = fc
  .record({
    sign: fc.constantFrom("", "-", "+"),
    whole: digits(0, 26),
    fraction: fc.option(digits(0, 26), { nil: undefined }),
    exponent: fc.option(
      fc.oneof(
        fc.integer({ min: -40, max: 40 }).map(String),
        fc.constantFrom("99999999999999999999", "-0030"),
      ),
      { nil: undefined },
    ),
  })
  .filter(({ whole, fraction }) => whole !== "" || (fraction ?? "") !== "")
  .map(
    ({ sign, whole, fraction, exponent }) =>
      `${sign}${whole}${fraction === undefined ? "" : `.${fraction}`}${exponent === undefined ? "" : `e${exponent}`}`,
  );
const sizeArb = fc.oneof(
  textArb,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom("5", "5.000000000000000000001", "lots", null),
);
// A bound is a quantity: below 10^15, at most 9 decimals.
const boundArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 24n) + 1n, max: 10n ** 24n - 1n }), fc.integer({ min: 0, max: 9 }))
  .map(([units, scale]) => {
    const text = (units < 0n ? -units : units).toString().padStart(scale + 1, "0");
    const plain = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
    return `${units < 0n ? "-" : ""}${plain}`;
  })
  .filter((bound) => Math.abs(Number(bound)) < 1e14);

let engine: TestEngine;
beforeAll(async () => {
  engine = await duckdbEngine();
}, 60_000);
afterAll(() => closeStarted(engine));

describe("numeric filters in SQL (DuckDB) against the in-memory engine", () => {
  it("match the events memory matches, for values of any size and number of decimals", {
    timeout: fuzzTimeout(),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(boundArb, fc.array(sizeArb, { minLength: 1, maxLength: 40 }), async (bound, sizes) => {
        const ops = ["gt", "gte", "lt", "lte"] as const;
        const prepared = prepareRating(
          parseContract({
            ...contractHead,
            id: "ctr_filters",
            meters: ops.map((op) => ({
              id: op,
              eventType: "f",
              aggregation: "count",
              filters: [{ property: "size", op, value: bound }],
            })),
            charges: ops.map((op) => ({
              id: op,
              name: op,
              meter: op,
              price: { model: "unit", unitPrice: "1" },
            })),
          }),
          "2026-02",
        );
        const events = sizes.map((size, i) => eventAt(`s${i}`, "f", "2026-02-10T00:00:00Z", { size }));
        await engine.load(events);
        const results: unknown[][] = [];
        for (const sql of compileUsageSql(prepared, "duckdb", {
          from: "events",
          properties: { json: "properties" },
        }).queries)
          results.push(await engine.run(sql));
        expect(usageAggregatesFromSql(prepared, results)).toEqual(aggregateForRating(prepared, events));
      }),
      fuzzParameters(40),
    );
  });
});
