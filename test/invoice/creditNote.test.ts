import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readUsage } from "../../src/cli/readUsage.js";
import { parseContract } from "../../src/contracts/index.js";
import { type Invoice, invoiceSchema, issueCreditNote, rateParsedInvoice } from "../../src/invoice/index.js";
import { fixtureContract, fixtureContractJson } from "../_arbitraries/contracts.js";
import { thrown } from "../_support/thrown.js";

// The cdn-basic February invoice (worked out by hand in fixtures/cdn-basic/README.md):
// platform_fee 500.00, bandwidth_na 3,656.00 (61,400 GB), bandwidth_eu 2,242.04, bandwidth_apac
// 1,200.00, requests 65.74; total 7,663.78.
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const invoice: Invoice = invoiceSchema.parse(
  JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")),
);
const contract = fixtureContract("cdn-basic");

describe("issueCreditNote", () => {
  it("credits a whole line, referencing it", () => {
    const note = issueCreditNote(contract, invoice, [
      { kind: "line", line: "bandwidth_na", reason: "CDN outage" },
    ]);
    expect(note.lines).toEqual([
      {
        id: "bandwidth_na:credit:1",
        corrects: "bandwidth_na",
        name: "Bandwidth (North America)",
        reason: "CDN outage",
        invoiced: "3656.00",
        creditedBefore: "0.00",
        amount: "3656.00",
      },
    ]);
    expect(note.total).toBe("3656.00");
    expect(note.id).toBe("ctr_northwind_cdn:2026-02-01:credit-note:1");
  });

  it("re-rates a line without the units taken off: 11,400 GB off 61,400 GB credits the third tier, 456.00", () => {
    // kept 50,000 GB: 10,000 × 0.08 + 40,000 × 0.06 = 800 + 2,400 = 3,200.00; credit 3,656.00 − 3,200.00 = 456.00
    const note = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "double-counted edge logs" },
    ]);
    expect(note.lines[0]).toMatchObject({ quantity: "11400", rerated: "3200.00", amount: "456.00" });
  });

  it("credits only what remains after earlier credit notes, and never more", () => {
    const first = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "bandwidth_na", amount: "456", reason: "goodwill" },
    ]);
    // 3,656.00 − 456.00 = 3,200.00 remains; crediting the line credits exactly that
    const second = issueCreditNote(
      contract,
      invoice,
      [{ kind: "line", line: "bandwidth_na", reason: "outage" }],
      {
        previous: [first],
      },
    );
    expect(second.lines[0]).toMatchObject({ creditedBefore: "456.00", amount: "3200.00" });
    expect(second.id).toBe("ctr_northwind_cdn:2026-02-01:credit-note:2");
    // a third credit of 0.01 would exceed the 0.00 left
    expect(
      thrown(() =>
        issueCreditNote(
          contract,
          invoice,
          [{ kind: "amount", line: "bandwidth_na", amount: "0.01", reason: "x" }],
          {
            previous: [first, second],
          },
        ),
      ),
    ).toMatchObject({ code: "credit_exceeds_invoiced", path: "corrections[0]" });
  });

  it("refuses two corrections that together credit more than the line billed", () => {
    // 65.74 billed; 60 + 10 = 70 > 65.74
    const corrections = [
      { kind: "amount", line: "requests", amount: "60", reason: "a" },
      { kind: "amount", line: "requests", amount: "10", reason: "b" },
    ];
    expect(thrown(() => issueCreditNote(contract, invoice, corrections))).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections[1]",
    });
  });

  it("credits the whole invoice line by line", () => {
    const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "contract cancelled" }]);
    // 500.00 + 3,656.00 + 2,242.04 + 1,200.00 + 65.74 = 7,663.78
    expect(note.lines.map((line) => line.corrects)).toEqual([
      "platform_fee",
      "bandwidth_na",
      "bandwidth_eu",
      "bandwidth_apac",
      "requests",
    ]);
    expect(note.total).toBe("7663.78");
  });

  it("credits the tax of the credited amounts as the invoice charged it", async () => {
    const taxed = parseContract({
      ...fixtureContractJson("cdn-basic"),
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
    });
    // The February invoice rated again under the taxed contract: the invoice really charged VAT.
    const taxedInvoice = rateParsedInvoice(taxed, await readUsage(join(FIXTURE, "usage.ndjson")), "2026-02");
    // requests billed 65.74 (cdn-basic README), taxed at 20 %
    expect(taxedInvoice.tax?.rates[0]?.lines.find((line) => line.line === "requests")).toMatchObject({
      base: "65.74",
    });
    const note = issueCreditNote(taxed, taxedInvoice, [
      { kind: "amount", line: "requests", amount: "10.05", reason: "x" },
    ]);
    // 10.05 × 20 % = 2.01; total 10.05 + 2.01 = 12.06
    expect(note.tax?.total).toBe("2.01");
    expect(note.total).toBe("12.06");
  });

  it("names what it cannot do: an unknown line, a quantity on a flat fee, sub-cent amounts", () => {
    expect(
      thrown(() => issueCreditNote(contract, invoice, [{ kind: "line", line: "nope", reason: "x" }])),
    ).toMatchObject({
      code: "unknown_line",
      path: "corrections[0].line",
    });
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "quantity", line: "platform_fee", quantity: "1", reason: "x" },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "amount", line: "requests", amount: "0.001", reason: "x" },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].amount" });
    expect(thrown(() => issueCreditNote(contract, invoice, []))).toMatchObject({ name: "InputError" });
  });
});

describe("issueCreditNote: a correction's errors name the corrections argument", () => {
  // Paths start at the argument, as the options' start at `options.`: `corrections[1].line` is the
  // second correction's line; a bare `[1].line` named no argument.
  it("addresses a wrong line id at corrections[i].line, i the correction's index", () => {
    const corrections = [
      { kind: "amount", line: "platform_fee", amount: "10.00", reason: "goodwill" },
      { kind: "line", line: "bandwidth_mars", reason: "typo" },
    ];
    expect(thrown(() => issueCreditNote(contract, invoice, corrections))).toMatchObject({
      name: "InputError",
      code: "unknown_line",
      path: "corrections[1].line",
    });
  });

  it("addresses a bad amount at corrections[i].amount: not positive, not a decimal, finer than a cent", () => {
    const amount = (value: string) => [
      { kind: "line", line: "platform_fee", reason: "outage" },
      { kind: "amount", line: "requests", amount: value, reason: "goodwill" },
    ];
    for (const value of ["-10.00", "ten", "0.001"]) {
      const error = thrown(() => issueCreditNote(contract, invoice, amount(value)));
      expect(error).toMatchObject({
        name: "InputError",
        code: "invalid_field",
        path: "corrections[1].amount",
      });
    }
    // A sentence that names its place says the same path.
    expect((thrown(() => issueCreditNote(contract, invoice, amount("-10.00"))) as Error).message).toMatch(
      /^corrections\[1\]\.amount /,
    );
  });

  it("addresses corrections that are not a list of at least one at corrections", () => {
    for (const corrections of [[], { kind: "invoice", reason: "x" }, null]) {
      expect(thrown(() => issueCreditNote(contract, invoice, corrections))).toMatchObject({
        name: "InputError",
        path: "corrections",
      });
    }
  });
});

describe("credit notes on discounted lines", () => {
  const discountedContract = parseContract({
    ...fixtureContractJson("cdn-basic"),
    discounts: [{ id: "na10", name: "NA 10% off", percent: "10", charges: ["bandwidth_na"] }],
  });
  // The February invoice rated again under the discounted contract (a real invoice, with its digests).
  const discountedInvoice = readUsage(join(FIXTURE, "usage.ndjson")).then((events) =>
    rateParsedInvoice(discountedContract, events, "2026-02"),
  );

  it("credits at most what the line cost after its discounts", async () => {
    // 3,656.00 − 10 % (365.60) = 3,290.40 is all that can be credited
    const note = issueCreditNote(discountedContract, await discountedInvoice, [
      { kind: "line", line: "bandwidth_na", reason: "x" },
    ]);
    expect(note.lines[0]).toMatchObject({ invoiced: "3290.40", amount: "3290.40" });
  });

  it("refuses to re-rate a discounted line by quantity", async () => {
    const invoice = await discountedInvoice;
    expect(
      thrown(() =>
        issueCreditNote(discountedContract, invoice, [
          { kind: "quantity", line: "bandwidth_na", quantity: "100", reason: "x" },
        ]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
  });
});
