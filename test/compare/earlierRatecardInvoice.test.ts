// An invoice an earlier ratecard issued (schemaVersion 1 without digest, contractDigest, priceKind) is
// read for what reconcile compares (docs/diff-and-reconcile.md, "What the issued invoice can be").
import { describe, expect, it } from "vitest";
import { fromEarlierRatecardInvoice, reconcile } from "../../src/compare/index.js";
import { bucketInvoice } from "./bucketInvoice.js";

// Today's invoice less the fields an earlier ratecard did not write; a unit price written "tiered".
function earlier(buckets: Record<string, number>) {
  const { digest: _d, contractDigest: _c, ...rest } = bucketInvoice(buckets);
  return {
    ...rest,
    lines: rest.lines.map(({ priceKind: _k, ...line }) => ({ ...line, unitPrice: "tiered" })),
  };
}

describe("fromEarlierRatecardInvoice", () => {
  it("reads the lines by charge and group, and no unit price that is not a number", () => {
    // Issued a 10, d 40 (50.00); recomputed a 10, c 30 (40.00): a agrees, c missing +30.00, d extra −40.00.
    const document = fromEarlierRatecardInvoice(earlier({ a: 10, d: 40 }));
    expect(document.lines.map((line) => [line.chargeId, line.group, line.unitPrice])).toEqual([
      ["class_a", { bucket: "a" }, undefined],
      ["class_a", { bucket: "d" }, undefined],
    ]);
    const result = reconcile(document, bucketInvoice({ a: 10, c: 30 }));
    expect(result.discrepancies.map((d) => [d.cause, d.amount])).toEqual([
      ["missing_line", "30.00"],
      ["extra_line", "-40.00"],
    ]);
  });

  it("refuses a document without lines, naming the field", () => {
    expect(() =>
      fromEarlierRatecardInvoice({ schemaVersion: 1, currency: { code: "USD" }, total: "1" }),
    ).toThrow(/lines/);
  });
});
