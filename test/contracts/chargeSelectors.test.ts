import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesPattern } from "../../src/contracts/charge/chargeSelectors.js";
import { rateInvoice, safeParseContract } from "../../src/index.js";
import { buildContract, buildContractJson, type ChargeInput } from "../_support/contract.js";

// Credits and discounts scoped by a pattern over charge ids or by a tag the charges carry, as a
// compute credit covers every compute charge (Supabase's monthly compute credit; GCP's credits scoped
// to services). Three fees: compute_cpu 60, compute_gpu 40 (both tagged "compute"), storage 30.
const fee = (id: string, amount: string, tags?: string[]): ChargeInput => ({
  id,
  name: id,
  quantity: "1",
  price: { model: "unit", unitPrice: amount },
  ...(tags === undefined ? {} : { tags }),
});
const charges = [
  fee("compute_cpu", "60", ["compute"]),
  fee("compute_gpu", "40", ["compute"]),
  fee("storage", "30"),
];
const grant = (scope: object) => ({
  id: "cc",
  name: "Compute credit",
  kind: "promotional",
  amount: "80",
  ...scope,
});
const invoiceWith = (terms: object) =>
  rateInvoice(buildContract({ meters: [], charges: charges as never, ...terms }), [], "2026-01");

describe("charge selectors", () => {
  it.each([
    ["a hand-written list", { charges: ["compute_cpu", "compute_gpu"] }],
    ["a pattern", { chargesMatching: ["compute_*"] }],
    ["a tag", { chargeTags: ["compute"] }],
  ])("a compute credit scoped by %s burns on the compute lines only", (_how, scope) => {
    // subtotal 60 + 40 + 30 = 130; the credit's scope holds 60 + 40 = 100 ≥ 80, so all 80 burns;
    // total 130 − 80 = 50 (storage's 30 is never paid by it)
    const invoice = invoiceWith({ credits: [grant(scope)] });
    expect([invoice.subtotal, invoice.credits?.[0]?.applied, invoice.total]).toEqual([
      "130.00",
      "-80.00",
      "50.00",
    ]);
  });

  it("covers no more than its scope: a credit of 200 on compute_* pays 100 and keeps 100", () => {
    // scope 60 + 40 = 100 < 200: burns 100, balance 200 − 100 = 100; total 130 − 100 = 30 (storage)
    const invoice = invoiceWith({ credits: [grant({ amount: "200", chargesMatching: ["compute_*"] })] });
    expect([invoice.credits?.[0]?.applied, invoice.credits?.[0]?.balanceAfter, invoice.total]).toEqual([
      "-100.00",
      "100.00",
      "30.00",
    ]);
  });

  it("scopes a discount by tag: 10 % of the compute lines", () => {
    // 10 % of (60 + 40) = 10; total 130 − 10 = 120
    const invoice = invoiceWith({
      discounts: [{ id: "d", name: "Compute 10 %", percent: "10", chargeTags: ["compute"] }],
    });
    expect([invoice.discounts?.[0]?.amount, invoice.total]).toEqual(["-10.00", "120.00"]);
  });

  it("refuses a pattern or a tag that selects no charge, at the selector", () => {
    const result = safeParseContract(
      buildContractJson({
        meters: [],
        charges: charges as never,
        credits: [grant({ chargesMatching: ["compte_*"], chargeTags: ["gpu"] })] as never,
      }),
    );
    expect(result.success).toBe(false);
    const problems = result.success
      ? []
      : (result.error.details.problems as Array<{ code: string; path: string }>);
    expect(problems.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "invalid_field", path: "credits[0].chargesMatching[0]" },
      { code: "invalid_field", path: "credits[0].chargeTags[0]" },
    ]);
  });

  it("matches * over any run of characters and ? over one, the rest literally", () => {
    expect(matchesPattern("compute_*", "compute_")).toBe(true);
    expect(matchesPattern("compute_*", "compute")).toBe(false);
    expect(matchesPattern("r?gion.eu", "region.eu")).toBe(true);
    expect(matchesPattern("r?gion.eu", "regionxeu")).toBe(false); // "." is a dot, not any character
  });

  it("a tag selects exactly what the list of the tagged charges selects (a property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 200 }),
        (tagged, amount) => {
          fc.pre(tagged.some(Boolean));
          const ids = ["compute_cpu", "compute_gpu", "storage"];
          const taggedCharges = charges.map((charge, i) => ({
            ...charge,
            tags: tagged[i] ? ["x"] : undefined,
          }));
          const rate = (scope: object) =>
            rateInvoice(
              buildContract({
                meters: [],
                charges: taggedCharges as never,
                credits: [grant({ amount: `${amount}`, ...scope })] as never,
              }),
              [],
              "2026-01",
            );
          const byTag = rate({ chargeTags: ["x"] });
          const byList = rate({ charges: ids.filter((_, i) => tagged[i]) });
          expect([byTag.total, byTag.credits]).toEqual([byList.total, byList.credits]);
        },
      ),
    );
  });
});
