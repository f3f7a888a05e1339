// Property: reconcile pairs each line of a grouped charge with the line of the same group, however the
// issued invoice orders, drops, adds or re-amounts its groups (docs/diff-and-reconcile.md, "Matching
// rules"), for an issued ratecard invoice and for a Stripe invoice whose lines name their ratecard line.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromRatecardInvoice, type IssuedDocument, reconcile } from "../../src/compare/index.js";
import { bucketInvoice } from "./bucketInvoice.js";

const BUCKETS = ["a", "b", "c", "d", "e", "f"];

const invoiceOf = (usage: ReadonlyMap<string, number>) => bucketInvoice(Object.fromEntries(usage));

// A bucket's usage on one side, or absent (the group is not billed there). Small values collide often,
// so groups of equal amounts (the description and amount passes' bait) come up.
const sideArb = fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), {
  minLength: BUCKETS.length,
  maxLength: BUCKETS.length,
});
const usageOf = (side: ReadonlyArray<number | undefined>) =>
  new Map(BUCKETS.flatMap((bucket, at) => (side[at] === undefined ? [] : [[bucket, side[at]] as const])));

describe("reconcile pairs the lines of a grouped charge group with group", () => {
  it("every pair is of one group; a group on one side only is missing or extra", () => {
    fc.assert(
      fc.property(
        sideArb,
        sideArb,
        fc.boolean(),
        fc.integer({ min: 0, max: 1_000_000 }),
        (issuedSide, recomputedSide, asStripe, seed) => {
          const issuedUsage = usageOf(issuedSide);
          const recomputedUsage = usageOf(recomputedSide);
          if (issuedUsage.size === 0 || recomputedUsage.size === 0) return;
          const document = fromRatecardInvoice(invoiceOf(issuedUsage));
          // A permutation of the issued lines (a rotation and a reversal by the seed).
          const turned = [...document.lines.slice(seed % document.lines.length), ...document.lines];
          const lines = turned.slice(0, document.lines.length);
          const ordered = seed % 2 === 0 ? lines : lines.reverse();
          // A Stripe line carries only its id (metadata.ratecard_line), description and amount.
          const issued: IssuedDocument = {
            ...document,
            format: asStripe ? "stripe" : "ratecard",
            lines: asStripe
              ? ordered.map((l) => ({ id: l.id as string, description: l.description, amount: l.amount }))
              : ordered,
          };
          const result = reconcile(issued, invoiceOf(recomputedUsage));
          const bucketOf = (id: string | undefined) => /bucket="(\w)"/.exec(id ?? "")?.[1];
          const both = [...issuedUsage.keys()].filter((bucket) => recomputedUsage.has(bucket));
          expect(result.linesMatched).toBe(both.length);
          for (const found of result.discrepancies) {
            const bucket = bucketOf(found.line);
            if (found.cause === "missing_line") {
              expect(issuedUsage.has(bucket!)).toBe(false);
            } else if (found.cause === "extra_line") {
              // An extra line's amount is its group's usage at 1.00, negated.
              expect(found.amount.startsWith("-")).toBe(true);
            } else {
              // A paired line: the issued amount is its own group's usage (1.00 an operation).
              expect(Number(found.issued?.amount)).toBe(issuedUsage.get(bucket!));
            }
          }
          const extra = result.discrepancies.filter((d) => d.cause === "extra_line").length;
          const missing = result.discrepancies.filter((d) => d.cause === "missing_line").length;
          expect(extra).toBe(issuedUsage.size - both.length);
          expect(missing).toBe(recomputedUsage.size - both.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
