// reconcile of a grouped charge rated on its groups' total (`transform.scope: "charge"`): a group line
// billing another amount at the same quantity is its share moving with the other groups' usage, not a
// price change, when the issued invoice shows its groups' total (docs/diff-and-reconcile.md).
import { describe, expect, it } from "vitest";
import { type IssuedDocument, reconcile } from "../../src/compare/index.js";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// Cloudflare R2 Class A: $4.50 a million, 1 million free per account, rounded up, one line per bucket.
const r2 = (unitPrice: string) => ({
  meters: [{ id: "ops", eventType: "r2.class_a", aggregation: "sum" as const, valueProperty: "ops" }],
  charges: [
    {
      id: "class_a",
      name: "Class A operations",
      meter: "ops",
      price: { model: "grouped" as const, groupBy: ["bucket"], price: { model: "unit" as const, unitPrice } },
      transform: { divideBy: "1000000", included: "1", round: "up" as const, scope: "charge" as const },
    },
  ],
});
const usageOf = (buckets: Record<string, number>) =>
  Object.entries(buckets).map(([bucket, ops], index) =>
    usageEvent(`e${index}`, "r2.class_a", "2026-02-10T12:00:00Z", { bucket, ops }),
  );
const A = 'class_a[bucket="a"]';

// Issued: a 2.5M, b 1M, c 1M = 4.5M → 4.5 − 1 = 3.5 → up 4 million × 4.50 = 18.00; a's share
// 1,800 cents × 2.5/4.5 = 1,000: 10.00. Recomputed with c at 2M: 5.5M → 5 million × 4.50 = 22.50;
// a's share 2,250 × 2.5/5.5 = 1,022.73 → 10.23 (the cent left goes to a's largest remainder, .73).
const issued = rateInvoice(
  buildContract(r2("4.50")),
  usageOf({ a: 2_500_000, b: 1_000_000, c: 1_000_000 }),
  "2026-02",
);
const more = usageOf({ a: 2_500_000, b: 1_000_000, c: 2_000_000 });
const lineOf = (result: ReturnType<typeof reconcile>, line: string) =>
  result.discrepancies.find((entry) => entry.line === line);

describe("reconcile of a charge rated on its groups' total", () => {
  it("calls a share moved by another group's usage usage, with the groups' totals", () => {
    // Before: cause "price", "the rate differs (a price change, override or amendment)".
    const found = lineOf(reconcile(issued, rateInvoice(buildContract(r2("4.50")), more, "2026-02")), A);
    expect(found?.cause).toBe("usage");
    expect(found?.amount).toBe("0.23");
    expect(found?.sentence).toBe(
      `"Class A operations [bucket a]": issued 10.00, recomputed 10.23 for the same quantity: the line is its share of the charge (transform scope "charge": the charge's 22.50 split over its groups by usage), whose groups measured 4,500,000 when issued and 5,500,000 recomputed: the other groups' usage differs.`,
    );
  });

  // The lines of one charge were all named "Class A operations": each is named with its group, as diff
  // names them, on both sides (an issued ratecard invoice's line too).
  it("names each line with its group, so two lines of one charge read apart", () => {
    // Recomputed a 2.5M, b 1M, c 2M → 22.50 (above); c's share 2,250 cents × 2/5.5 = 818.18 → 8.18
    // (the cent left over goes to a, whose remainder .73 is the largest). Issued without c: missing.
    const recomputed = rateInvoice(buildContract(r2("4.50")), more, "2026-02");
    const withoutC = rateInvoice(
      buildContract(r2("4.50")),
      usageOf({ a: 2_500_000, b: 1_000_000 }),
      "2026-02",
    );
    expect(lineOf(reconcile(withoutC, recomputed), 'class_a[bucket="c"]')?.sentence).toBe(
      `"Class A operations [bucket c]" (8.18) is missing from the issued invoice.`,
    );
    // Issued with d 1M too: 6.5M → 5.5 → up 6 million × 4.50 = 27.00; d's share 2,700 × 1/6.5 =
    // 415.38 → 4.15 (a 1,038.46, b 415.38, c 830.77: 2,698 whole cents, the 2 left to c's .77 and a's .46).
    const withD = rateInvoice(
      buildContract(r2("4.50")),
      usageOf({ a: 2_500_000, b: 1_000_000, c: 2_000_000, d: 1_000_000 }),
      "2026-02",
    );
    expect(reconcile(withD, recomputed).discrepancies.find((d) => d.cause === "extra_line")?.sentence).toBe(
      `"Class A operations [bucket d]" (4.15) was issued, but ratecard computes no such line.`,
    );
  });

  it("calls it a price when the groups measured the same", () => {
    // The same usage at 5.00 a million: 4 million × 5.00 = 20.00; a's 2,000 × 2.5/4.5 = 1,111.11 → 11.11.
    const same = usageOf({ a: 2_500_000, b: 1_000_000, c: 1_000_000 });
    const found = lineOf(reconcile(issued, rateInvoice(buildContract(r2("5.00")), same, "2026-02")), A);
    expect([found?.cause, found?.amount]).toEqual(["price", "1.11"]);
    expect(found?.sentence).toContain("whose groups measured 4,500,000 both times: the rate differs");
  });

  it("says an issued line without steps cannot tell usage from price", () => {
    const csv: IssuedDocument = {
      format: "csv",
      lines: [
        { id: A, description: "Class A operations", quantity: "2500000", amount: "10.00" },
        { id: 'class_a[bucket="b"]', description: "Class A operations", quantity: "1000000", amount: "4.00" },
        { id: 'class_a[bucket="c"]', description: "Class A operations", quantity: "1000000", amount: "4.00" },
      ],
    };
    const found = lineOf(reconcile(csv, rateInvoice(buildContract(r2("4.50")), more, "2026-02")), A);
    expect(found?.cause).toBe("price");
    expect(found?.sentence).toContain(
      "which the usage of the charge's other groups moves as much as its price; the charge's other lines tell which.",
    );
  });
});
