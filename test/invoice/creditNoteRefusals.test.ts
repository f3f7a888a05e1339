import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Invoice, invoiceSchema, issueCreditNote, rateInvoice } from "../../src/invoice/index.js";
import { type CreditNote, withDigest } from "../../src/schema/index.js";
import { fixtureContract } from "../_arbitraries/contracts.js";
import {
  buildContract,
  buildContractJson,
  fullQuantityTiersCharge,
  PRORATED_UNITS_METER,
  perRegionCharge,
  sumMeter,
  unitCharge,
} from "../_support/contract.js";
import { hourlyPeaksContract } from "../_support/hourlyPeaks.js";
import { thrown } from "../_support/thrown.js";

// What a billing specialist reads when ratecard refuses a credit note: the code, the path of what is
// wrong and the sentence. In process, so that each check (and each number in its sentence) is held by
// a test that can fail (the CLI tests of the same refusals run dist/, which mutation testing never
// changes). The cdn-basic February invoice (fixtures/cdn-basic/README.md): platform_fee 500.00,
// bandwidth_na 3,656.00 (61,400 GB), bandwidth_eu 2,242.04, bandwidth_apac 1,200.00, requests 65.74;
// total 7,663.78.
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const invoice: Invoice = invoiceSchema.parse(
  JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8")),
);
const contract = fixtureContract("cdn-basic");
const INVOICE_ID = "ctr_northwind_cdn:2026-02-01";
const goodwill = [{ kind: "invoice", reason: "goodwill" }];
const OTHER_DIGEST = `sha256:${"0".repeat(64)}`;
// A credit note whose content is changed and signed again: intact, but about something else.
const resigned = (note: CreditNote, change: Partial<CreditNote>) =>
  withDigest<CreditNote>({ ...note, ...change });

describe("issueCreditNote refuses an invoice that is not the one ratecard issued from this contract", () => {
  it("refuses another contract's invoice, at invoice.contractId", () => {
    const other = { ...invoice, contractId: "ctr_other" };
    expect(thrown(() => issueCreditNote(contract, other, goodwill))).toMatchObject({
      code: "contract_mismatch",
      path: "invoice.contractId",
      message: `Invoice ${INVOICE_ID} was rated from contract ctr_other, not from contract ctr_northwind_cdn; credit it with the contract it was rated from.`,
    });
  });

  it("refuses an invoice in another currency, or with other minor units, at invoice.currency", () => {
    const euro = { ...invoice, currency: { ...invoice.currency, code: "EUR" } };
    expect(thrown(() => issueCreditNote(contract, euro, goodwill))).toMatchObject({
      code: "currency_mismatch",
      path: "invoice.currency",
      message: `Invoice ${INVOICE_ID} is in EUR (2 decimals), but contract ctr_northwind_cdn bills in USD (2 decimals); a credit note is in the invoice's currency and the contract's, so they must be the same.`,
    });
    const mills = { ...invoice, currency: { ...invoice.currency, minorUnits: 3 } };
    expect(thrown(() => issueCreditNote(contract, mills, goodwill))).toMatchObject({
      code: "currency_mismatch",
      path: "invoice.currency",
      message: expect.stringContaining(
        "is in USD (3 decimals), but contract ctr_northwind_cdn bills in USD (2 decimals)",
      ),
    });
  });

  it("refuses an invoice rated from another version of the contract, at invoice.contractDigest", () => {
    const older = { ...invoice, contractDigest: OTHER_DIGEST };
    expect(thrown(() => issueCreditNote(contract, older, goodwill))).toMatchObject({
      code: "contract_mismatch",
      path: "invoice.contractDigest",
      message: `Invoice ${INVOICE_ID} was rated from a different version of contract ctr_northwind_cdn (digest ${OTHER_DIGEST}; the contract given has ${contract.digest}); credit it with the contract exactly as it was when the invoice was rated, since quantity corrections and tax use its terms.`,
    });
  });

  it("refuses an invoice whose lines or total were edited after it was issued, at invoice.digest", () => {
    const [first, ...rest] = invoice.lines;
    const editedLine = { ...invoice, lines: [{ ...first!, amount: "400.00" }, ...rest] };
    expect(thrown(() => issueCreditNote(contract, editedLine, goodwill))).toMatchObject({
      code: "digest_mismatch",
      path: "invoice.digest",
    });
    const editedTotal = { ...invoice, total: "7000.00" };
    expect(thrown(() => issueCreditNote(contract, editedTotal, goodwill))).toMatchObject({
      code: "digest_mismatch",
      path: "invoice.digest",
    });
  });

  it("refuses what is not an invoice ratecard issued, naming it", () => {
    expect(thrown(() => issueCreditNote(contract, null as never, goodwill))).toMatchObject({
      code: "invalid_argument",
      path: "invoice",
      message: expect.stringMatching(/^The invoice must be an invoice ratecard issued: ./),
    });
  });
});

describe("issueCreditNote refuses options and earlier credit notes that do not belong", () => {
  const first = issueCreditNote(contract, invoice, [
    { kind: "amount", line: "requests", amount: "5", reason: "goodwill" },
  ]);

  it("refuses options that are not an object, at options", () => {
    for (const options of [null, [], "previous"]) {
      expect(thrown(() => issueCreditNote(contract, invoice, goodwill, options as never))).toMatchObject({
        code: "invalid_argument",
        path: "options",
        message: expect.stringMatching(/^The options must be an object, not ./),
      });
    }
  });

  it("takes options without previous, or with previous left undefined, as no earlier note", () => {
    // 7,663.78 credited in full: nothing was credited before
    expect(issueCreditNote(contract, invoice, goodwill, {}).total).toBe("7663.78");
    expect(issueCreditNote(contract, invoice, goodwill, { previous: undefined } as never).total).toBe(
      "7663.78",
    );
  });

  it("refuses previous that is not a list, at options.previous", () => {
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: first as never })),
    ).toMatchObject({
      code: "invalid_argument",
      path: "options.previous",
      message: expect.stringMatching(
        /^previous must be a list of the credit notes already issued against the invoice, not ./,
      ),
    });
  });

  it("refuses an earlier note that is not a credit note, numbering it from 1", () => {
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [first, invoice as never] })),
    ).toMatchObject({
      code: "invalid_argument",
      path: expect.stringMatching(/^options\.previous\[1\]/),
      message: expect.stringMatching(/^Previous credit note 2 must be a credit note ratecard issued: ./),
    });
  });

  it("refuses an earlier note edited after it was issued, at its digest", () => {
    const edited = { ...first, total: "1.00" };
    expect(thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [edited] }))).toMatchObject({
      code: "digest_mismatch",
      path: "options.previous[0].digest",
    });
  });

  it("refuses an earlier note of another invoice, at its invoiceId", () => {
    const ofOther = resigned(first, { invoiceId: "ctr_northwind_cdn:2026-01-01" });
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [first, ofOther] })),
    ).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.previous[1].invoiceId",
      message: `Credit note ${first.id} credits invoice ctr_northwind_cdn:2026-01-01, not invoice ${INVOICE_ID}; give only the credit notes issued against ${INVOICE_ID}.`,
    });
  });

  it("refuses an earlier note of another version of the invoice, at its invoiceDigest", () => {
    const ofOtherVersion = resigned(first, { invoiceDigest: OTHER_DIGEST });
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [ofOtherVersion] })),
    ).toMatchObject({
      code: "credit_note_mismatch",
      path: "options.previous[0].invoiceDigest",
      message: `Credit note ${first.id} was issued against another version of invoice ${INVOICE_ID} (digest ${OTHER_DIGEST}; this invoice has ${invoice.digest}).`,
    });
  });

  it("refuses the same earlier note given twice, at the second", () => {
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [first, first] })),
    ).toMatchObject({
      code: "duplicate_id",
      path: "options.previous[1].id",
      message: `Credit note ${first.id} is given twice among the earlier credit notes; what it credited would count twice.`,
    });
  });
});

describe("issueCreditNote says what it cannot credit, with the figures", () => {
  it("a line already credited in full: 0.00 remains, a credit of 0.00 is refused", () => {
    const first = issueCreditNote(contract, invoice, [{ kind: "line", line: "platform_fee", reason: "x" }]);
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [{ kind: "line", line: "platform_fee", reason: "y" }], {
          previous: [first],
        }),
      ),
    ).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections[0]",
      message:
        "Line platform_fee billed 500.00 and 500.00 is already credited; a credit of 0.00 must be more than 0 and at most the 0.00 that remains.",
    });
  });

  it("an amount above what remains: 65.74 − 5.00 = 60.74 remains, 60.75 is refused, 60.74 credited", () => {
    const first = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "requests", amount: "5", reason: "x" },
    ]);
    const more = [{ kind: "amount", line: "requests", amount: "60.75", reason: "y" }];
    expect(thrown(() => issueCreditNote(contract, invoice, more, { previous: [first] }))).toMatchObject({
      code: "credit_exceeds_invoiced",
      message:
        "Line requests billed 65.74 and 5.00 is already credited; a credit of 60.75 must be more than 0 and at most the 60.74 that remains.",
    });
    const rest = [{ kind: "amount", line: "requests", amount: "60.74", reason: "y" }];
    expect(issueCreditNote(contract, invoice, rest, { previous: [first] }).lines[0]).toMatchObject({
      creditedBefore: "5.00",
      amount: "60.74",
    });
  });

  it("an unknown line, named with the invoice", () => {
    expect(
      thrown(() => issueCreditNote(contract, invoice, [{ kind: "line", line: "nope", reason: "x" }])),
    ).toMatchObject({ message: `Invoice ${INVOICE_ID} has no line "nope".` });
  });

  it("an amount finer than cents, while a whole number of cents is credited", () => {
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "amount", line: "requests", amount: "0.015", reason: "x" },
        ]),
      ),
    ).toMatchObject({
      code: "invalid_field",
      path: "corrections[0].amount",
      message: "A credit of 0.015 is not a whole number of minor units (2 decimals).",
    });
    const cent = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "requests", amount: "0.01", reason: "x" },
    ]);
    expect(cent.total).toBe("0.01");
  });

  it("more units than the line has left, counting those taken off before", () => {
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "quantity", line: "bandwidth_na", quantity: "61401", reason: "x" },
        ]),
      ),
    ).toMatchObject({
      code: "credit_exceeds_invoiced",
      path: "corrections[0].quantity",
      message: "Line bandwidth_na billed 61400 GB: at most 61400 GB can be taken off it, not 61401 GB.",
    });
    const first = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "x" },
    ]);
    expect(
      thrown(() =>
        issueCreditNote(
          contract,
          invoice,
          [{ kind: "quantity", line: "bandwidth_na", quantity: "50001", reason: "y" }],
          { previous: [first] },
        ),
      ),
    ).toMatchObject({
      message:
        "Line bandwidth_na billed 61400 GB and earlier credit notes took 11400 GB off it: at most the 50000 GB left can be taken off, not 50001 GB.",
    });
    // Every unit left can be taken off: 50,000 GB left rated 3,200.00 (10,000 × 0.08 + 40,000 × 0.06),
    // none kept rates 0.00, so the credit is 3,200.00, what remained of the line (3,656.00 − 456.00).
    const all = issueCreditNote(
      contract,
      invoice,
      [{ kind: "quantity", line: "bandwidth_na", quantity: "50000", reason: "y" }],
      { previous: [first] },
    );
    expect(all.lines[0]).toMatchObject({ creditedBefore: "456.00", rerated: "0.00", amount: "3200.00" });
  });

  it("a flat fee cannot be re-rated by quantity: credit an amount instead", () => {
    expect(
      thrown(() =>
        issueCreditNote(contract, invoice, [
          { kind: "quantity", line: "platform_fee", quantity: "1", reason: "x" },
        ]),
      ),
    ).toMatchObject({
      message:
        "Line platform_fee cannot be re-rated from its quantity alone: its price does not follow its quantity (a flat fee, or a price per transaction); credit an amount instead.",
    });
  });
});

describe("issueCreditNote: what the note carries", () => {
  it("names the invoice, its digest, the contract, customer and currency, without tax or rounding on an untaxed invoice in cents", () => {
    const note = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "requests", amount: "5", reason: "x" },
    ]);
    expect(note).toMatchObject({
      schemaVersion: 1,
      invoiceId: INVOICE_ID,
      invoiceDigest: invoice.digest,
      contractId: "ctr_northwind_cdn",
      customer: invoice.customer,
      currency: invoice.currency,
      subtotal: "5.00",
      total: "5.00",
    });
    expect("tax" in note).toBe(false);
    // Its lines are in cents: no rounding to record (the key absent, not present and undefined).
    expect("rounding" in note).toBe(false);
    expect(note.lines[0]).not.toHaveProperty("quantity");
    expect(note.lines[0]).not.toHaveProperty("rerated");
  });

  it("records how its total was rounded when the invoice's lines are finer than cents", () => {
    // One fee of 0.1264 kept to 4 decimals, billed as 0.13 (half-even: 0.1264 is above 0.125). Its note
    // credits 0.1264 exactly and rounds as the invoice did: round(0.1264) − round(0) = 0.13, an
    // adjustment of 0.13 − 0.1264 = 0.0036.
    const fine = buildContract({
      meters: [],
      charges: [{ id: "b", name: "B", quantity: "1", price: { model: "unit", unitPrice: "0.1264" } }],
      rounding: { lineDecimals: 4 } as never,
    });
    const billed = rateInvoice(fine, [], "2026-03");
    expect(billed.total).toBe("0.13");
    const note = issueCreditNote(fine, billed, [{ kind: "line", line: "b", reason: "x" }]);
    expect([note.subtotal, note.total]).toEqual(["0.1264", "0.13"]);
    expect(note.rounding).toEqual({
      lineDecimals: 4,
      total: { minorUnits: 2, before: "0.1264", adjustment: "0.0036" },
    });
  });

  it("numbers the lines of a whole-invoice credit in order", () => {
    const note = issueCreditNote(contract, invoice, goodwill);
    expect(note.lines.map((line) => line.id)).toEqual([
      "platform_fee:credit:1",
      "bandwidth_na:credit:2",
      "bandwidth_eu:credit:3",
      "bandwidth_apac:credit:4",
      "requests:credit:5",
    ]);
    // 500.00 + 3,656.00 + 2,242.04 + 1,200.00 + 65.74 = 7,663.78
    expect(note.subtotal).toBe("7663.78");
  });

  it("a quantity correction after an amount credit re-rates from every unit: no units were taken off", () => {
    const first = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "bandwidth_na", amount: "100", reason: "x" },
    ]);
    const note = issueCreditNote(
      contract,
      invoice,
      [{ kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "y" }],
      { previous: [first] },
    );
    // 61,400 GB billed 3,656.00; 50,000 kept rate 3,200.00; credit 456.00 (at most 3,656.00 − 100.00)
    expect(note.lines[0]).toMatchObject({ creditedBefore: "100.00", rerated: "3200.00", amount: "456.00" });
  });

  it("inclusive tax: the credit holds its tax, the total is the credited amount", () => {
    const plain = buildContract(
      buildContractJson({
        id: "ctr_inclusive",
        meters: [sumMeter("cpu", { unit: "h" })],
        charges: [unitCharge("compute", "Compute", "cpu")],
      }),
      { tax: { mode: "inclusive", rates: [{ id: "vat", name: "VAT 19%", percent: "19" }] } },
    );
    const rated = rateInvoice(
      plain,
      [
        {
          id: "a",
          type: "cpu",
          customer: "cus",
          timestamp: "2026-03-10T12:00:00Z",
          properties: { v: "200" },
        },
      ],
      "2026-03",
    );
    const note = issueCreditNote(plain, rated, [
      { kind: "amount", line: "compute", amount: "119", reason: "x" },
    ]);
    // 119.00 gross at 19 %: 119 × 19 ÷ 119 = 19.00 of tax inside it (docs/tax.md); the total stays 119.00
    expect(note.tax?.total).toBe("19.00");
    expect(note.subtotal).toBe("119.00");
    expect(note.total).toBe("119.00");
  });
});

describe("issueCreditNote: what its mutation survivors showed unchecked", () => {
  it("names the document that was edited: the invoice, or the earlier credit note", () => {
    const editedInvoice = { ...invoice, total: "7000.00" };
    expect(thrown(() => issueCreditNote(contract, editedInvoice, goodwill))).toMatchObject({
      message: expect.stringMatching(
        /^The invoice ctr_northwind_cdn:2026-02-01 was changed after ratecard issued it/,
      ),
    });
    const first = issueCreditNote(contract, invoice, [
      { kind: "amount", line: "requests", amount: "5", reason: "x" },
    ]);
    expect(
      thrown(() => issueCreditNote(contract, invoice, goodwill, { previous: [{ ...first, total: "1.00" }] })),
    ).toMatchObject({
      message: expect.stringMatching(
        /^The credit note ctr_northwind_cdn:2026-02-01:credit-note:1 was changed after/,
      ),
    });
  });

  it("re-rates a second quantity correction of the same note from what the first left", () => {
    // as two notes (creditNoteTerms.test.ts): 11,400 GB off credits 456.00; 10,000 more off the 50,000
    // left (3,200.00) keeps 40,000 = 800 + 30,000 × 0.06 = 2,600.00, so credits 600.00
    const note = issueCreditNote(contract, invoice, [
      { kind: "quantity", line: "bandwidth_na", quantity: "11400", reason: "x" },
      { kind: "quantity", line: "bandwidth_na", quantity: "10000", reason: "y" },
    ]);
    expect(note.lines.map((line) => [line.rerated, line.amount])).toEqual([
      ["3200.00", "456.00"],
      ["2600.00", "600.00"],
    ]);
  });

  it("re-rates a line of a matrix charge with its own cell's price", () => {
    const matrix = buildContract({
      meters: [sumMeter("bw")],
      charges: [perRegionCharge("bandwidth", "bw", "0.20", [{ region: "na", unitPrice: "0.10" }])],
    });
    const event = (id: string, region: string, v: string) => ({
      id,
      type: "bw",
      customer: "cus",
      timestamp: "2026-03-10T12:00:00Z",
      properties: { region, v },
    });
    const rated = rateInvoice(matrix, [event("a", "na", "100"), event("b", "eu", "50")], "2026-03");
    const na = rated.lines.find((line) => line.group?.region === "na")!;
    const eu = rated.lines.find((line) => line.group?.region === "eu")!;
    const note = issueCreditNote(matrix, rated, [
      { kind: "quantity", line: na.id, quantity: "10", reason: "x" },
      { kind: "quantity", line: eu.id, quantity: "10", reason: "y" },
    ]);
    // North America: 100 × 0.10 = 10.00, kept 90 × 0.10 = 9.00, credit 1.00;
    // Europe (the default 0.20): 50 × 0.20 = 10.00, kept 40 × 0.20 = 8.00, credit 2.00
    expect(note.lines.map((line) => [line.rerated, line.amount])).toEqual([
      ["9.00", "1.00"],
      ["8.00", "2.00"],
    ]);
  });

  it("refuses to re-rate a prorated line by quantity", () => {
    const late = buildContract({
      term: { start: "2026-03-10" },
      charges: [{ id: "seats", name: "Seats", quantity: "10", price: { model: "unit", unitPrice: "12" } }],
    });
    const rated = rateInvoice(late, [], "2026-03");
    expect(
      thrown(() =>
        issueCreditNote(late, rated, [{ kind: "quantity", line: "seats", quantity: "1", reason: "x" }]),
      ),
    ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
  });

  // A transformed line (divided, rounded up) and a capped line were rated by steps a quantity alone
  // does not redo: 1,500 MB ÷ 1,000 = 1.5 GB, rounded up to 2 GB; 80 GB at 1.00 = 80.00, capped at 50.00.
  // Crediting 1 unit of either would re-rate it without them, so both are refused, at the note's kind.
  it("refuses to re-rate a transformed or a limited line by quantity", () => {
    const shaped = buildContract({
      meters: [sumMeter("mb"), sumMeter("gb")],
      charges: [
        unitCharge("storage", "Storage", "mb", "1", { transform: { divideBy: "1000", round: "up" } }),
        unitCharge("transfer", "Transfer", "gb", "1", { maximum: "50" }),
      ],
    });
    const usage = (type: string, v: string) => ({
      id: type,
      type,
      customer: "cus",
      timestamp: "2026-03-10T12:00:00Z",
      properties: { v },
    });
    const rated = rateInvoice(shaped, [usage("mb", "1500"), usage("gb", "80")], "2026-03");
    expect(rated.lines.map((line) => [line.id, line.amount])).toEqual([
      ["storage", "2.00"],
      ["transfer", "50.00"],
    ]);
    for (const line of ["storage", "transfer"]) {
      expect(
        thrown(() =>
          issueCreditNote(shaped, rated, [{ kind: "quantity", line, quantity: "1", reason: "x" }]),
        ),
      ).toMatchObject({ code: "invalid_field", path: "corrections[0].kind" });
    }
  });

  // Two lines whose amount is not the price of their quantity, so re-rating fewer units with the price
  // alone would credit the wrong money. Lago's prorated graduated charge (test/invoice/fullQuantityTiers
  // .test.ts): 8 units from 15 March, 8 × 17 ÷ 31 = 4.3871 priced at the tiers of the full 8, 185.65;
  // 1 unit off re-rated by the price alone would walk 3.3871 through the tiers: 3.3871 × 10 + the $100
  // flat fee = 133.87, crediting 185.65 − 133.87 = 51.78. Flexprice's bucketed max priced window by
  // window (test/rating/windowPricing.test.ts): peaks 9 and 15, 0.90 + 1.25 = 2.15; 5 units off the
  // total 24 re-rated at once would be 10 × 0.10 + 9 × 0.05 = 1.45, crediting 0.70, and no window says
  // which peak they came off. Both are refused, at the note's kind.
  it("refuses to re-rate a line priced at its full quantity's tiers or window by window", () => {
    const prorated = buildContract(
      buildContractJson({
        meters: [PRORATED_UNITS_METER],
        charges: [fullQuantityTiersCharge("graduated")],
      }),
    );
    const added = { id: "u8", type: "unit", customer: "cus", timestamp: "2026-03-15T10:00:00Z" };
    const seats = rateInvoice(prorated, [{ ...added, properties: { n: "8" } }], "2026-03");
    expect(seats.lines.map((line) => [line.quantity, line.amount])).toEqual([["4.3871", "185.65"]]);
    const windowed = hourlyPeaksContract({ id: "use", name: "Use" });
    const reading = (id: string, minute: string, v: string) => ({
      id,
      type: "e",
      customer: "cus",
      timestamp: `2026-03-01T${minute}:00Z`,
      properties: { v },
    });
    const peaks = rateInvoice(
      windowed,
      [
        reading("a", "00:05", "2"),
        reading("b", "00:50", "9"),
        reading("c", "01:10", "10"),
        reading("d", "01:40", "15"),
      ],
      "2026-03",
    );
    expect(peaks.lines.map((line) => [line.quantity, line.amount])).toEqual([["24", "2.15"]]);
    for (const [terms, rated, line, quantity, why] of [
      [prorated, seats, "units", "1", "it was priced at the tiers of its full quantity"],
      [
        windowed,
        peaks,
        "use",
        "5",
        "it was priced window by window, and no window says which units come off",
      ],
    ] as const) {
      expect(
        thrown(() => issueCreditNote(terms, rated, [{ kind: "quantity", line, quantity, reason: "x" }])),
      ).toMatchObject({
        code: "invalid_field",
        path: "corrections[0].kind",
        message: `Line ${line} cannot be re-rated from its quantity alone: ${why}; credit an amount instead.`,
      });
    }
  });

  it("taxes a credited line at its own charge's rates, not another line's", () => {
    const taxed = buildContract({
      meters: [sumMeter("cpu")],
      charges: [
        { id: "platform", name: "Platform", price: { model: "flat", amount: "10" } },
        unitCharge("compute", "Compute", "cpu"),
      ],
      tax: {
        mode: "exclusive",
        rates: [{ id: "vat", name: "VAT 20%", percent: "20", charges: ["compute"] }],
      },
    });
    const rated = rateInvoice(
      taxed,
      [{ id: "a", type: "cpu", customer: "cus", timestamp: "2026-03-10T12:00:00Z", properties: { v: "50" } }],
      "2026-03",
    );
    const note = issueCreditNote(taxed, rated, [
      { kind: "amount", line: "compute", amount: "10", reason: "x" },
    ]);
    // compute is taxed at 20 %: 10.00 × 20 % = 2.00 (the platform fee, first on the invoice, is not taxed)
    expect(note.tax?.total).toBe("2.00");
    expect(note.total).toBe("12.00");
  });
});
