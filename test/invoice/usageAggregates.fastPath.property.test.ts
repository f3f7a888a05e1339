import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareRating, RatecardError, rateFromAggregates } from "../../src/index.js";
import { applyEdit, editArb, pathsOf } from "../_arbitraries/hostileJson.js";
import { asClassInstances } from "../_support/classInstances.js";
import { threeMeterAggregates, threeMeterContract } from "../_support/threeMeterAggregates.js";

// rateFromAggregates reads plain JSON with checks written by hand and leaves anything else to its zod
// schemas (issue 14: zod was most of rating from aggregates). The law: for any aggregates, hostile
// edits included, the outcome — the invoice, or the error's code, path and message — is the one the
// zod schemas alone give. They alone read the same JSON made of class instances (zod reads those; the
// checks by hand only take plain objects).

const contract = threeMeterContract("fast");
const prepared = prepareRating(contract, "2026-02");

const aggregates = threeMeterAggregates("fast");

function outcome(input: unknown): unknown {
  try {
    return JSON.stringify(rateFromAggregates(prepared, input));
  } catch (error) {
    if (!(error instanceof RatecardError)) throw error;
    return { code: error.code, path: error.path, message: error.message };
  }
}

const paths = pathsOf(aggregates);

describe("rateFromAggregates, read by hand or by zod", () => {
  it("gives the same invoice or the same error for any edit of the aggregates", () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), editArb, (path, edit) => {
        const edited = applyEdit(aggregates, path, edit);
        expect(outcome(edited)).toEqual(outcome(asClassInstances(edited)));
      }),
      { numRuns: 400 },
    );
  });

  it("rates the aggregates as written: 4 calls, 1,500.4 GB, an average load of 1.75", () => {
    // 4 × 0.0001 = 0.0004 → $0.00; 1,500.4 × 0.05 = $75.02; 3.5 / 2 = 1.75 × 2 = $3.50; total $78.52.
    const invoice = rateFromAggregates(prepared, aggregates);
    expect(invoice.lines.map((line) => line.amount)).toEqual(["0.00", "75.02", "3.50"]);
    expect(invoice.total).toBe("78.52");
    expect(JSON.stringify(invoice)).toBe(outcome(asClassInstances(aggregates)));
  });
});
