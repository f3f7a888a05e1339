import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  FOCUS_COLUMNS,
  type FocusRow,
  focusCsv,
  focusRows,
  InputError,
  type Invoice,
  issueCreditNote,
  parseContract,
  parseInvoice,
  previewInvoice,
  rateInvoice,
} from "../../src/index.js";
import { Decimal } from "../../src/money/index.js";
import { buildContract, buildContractJson } from "../_support/contract.js";
import { smallInvoice } from "../_support/smallInvoice.js";
import { thrown } from "../_support/thrown.js";
import {
  ALLOWED_VALUES,
  DATE_TIME_COLUMNS,
  DECIMAL_COLUMNS,
  NOT_NULL_COLUMNS,
  violations,
} from "./focusSpec.js";

const PROVIDER = { provider: "Acme Cloud" };

/**
 * The worked example of docs/focus-export.md: April 2026 (UTC), a 20.00 platform fee (flat), egress
 * 120 GB at 0.10 a GB, 10% off egress, 20% VAT per line, exclusive.
 */
function workedContract() {
  return buildContract({
    meters: [{ id: "gb", eventType: "egress", aggregation: "sum", valueProperty: "v", unit: "GB" }],
    charges: [
      { id: "platform", name: "Platform", price: { model: "flat", amount: "20.00" } },
      { id: "egress", name: "Egress", meter: "gb", price: { model: "unit", unitPrice: "0.10" } },
    ],
    discounts: [{ id: "promo", name: "Promo 10% on egress", percent: "10", charges: ["egress"] }],
    tax: { mode: "exclusive", rounding: "per_line", rates: [{ id: "vat", name: "VAT 20%", percent: "20" }] },
  });
}
const workedEvents = [
  { id: "e1", type: "egress", customer: "cus", timestamp: "2026-04-03T12:00:00Z", properties: { v: "70" } },
  { id: "e2", type: "egress", customer: "cus", timestamp: "2026-04-20T12:00:00Z", properties: { v: "50" } },
];
const worked = () => rateInvoice(workedContract(), workedEvents, "2026-04");

const sum = (rows: ReadonlyArray<FocusRow>) =>
  rows.reduce((total, row) => total.plus(row.BilledCost ?? "NaN"), new Decimal(0));

describe("focusRows: the worked example (docs/focus-export.md)", () => {
  const rows = focusRows(worked(), PROVIDER);
  const [platform, egress, tax] = rows;

  it("writes one row per line and one per tax rate", () => {
    expect(rows.map((row) => [row.x_LineId, row.ChargeCategory])).toEqual([
      ["platform", "Purchase"],
      ["egress", "Usage"],
      ["tax:vat", "Tax"],
    ]);
  });

  it("bills the flat fee as a recurring purchase of one unit at 20.00", () => {
    expect(platform).toMatchObject({
      BilledCost: "20.00",
      EffectiveCost: "20.00",
      ListCost: "20.00",
      ListUnitPrice: "20.00",
      PricingQuantity: "1",
      PricingUnit: "Units",
      ChargeFrequency: "Recurring",
      ConsumedQuantity: null,
      SkuId: "platform",
    });
  });

  it("bills egress with its discount in BilledCost and the list price in ListCost", () => {
    // 70 + 50 = 120 GB; 120 × 0.10 = 12.00 at list; 10% off: 12.00 − 1.20 = 10.80 billed.
    expect(egress).toMatchObject({
      BilledCost: "10.80",
      EffectiveCost: "10.80",
      ListCost: "12",
      ContractedCost: "12",
      ListUnitPrice: "0.1", // the invoice's own text of 0.10
      ContractedUnitPrice: "0.1",
      PricingQuantity: "120",
      PricingUnit: "GB",
      ConsumedQuantity: "120",
      ConsumedUnit: "GB",
      ChargeFrequency: "Usage-Based",
      PricingCategory: "Standard",
      ChargeClass: null,
    });
  });

  it("bills the tax on its own row, its list cost the tax on the lines' list costs", () => {
    // 20% × 20.00 = 4.00 and 20% × 10.80 = 2.16: 6.16 billed. At list: 20% × (20.00 + 12) = 6.4.
    expect(tax).toMatchObject({
      BilledCost: "6.16",
      EffectiveCost: "6.16",
      ListCost: "6.4",
      ContractedCost: "6.4",
      ListUnitPrice: null,
      PricingQuantity: null,
      SkuId: null,
      ChargeDescription: "VAT 20%",
    });
  });

  it("adds up to the invoice's total: 20.00 + 10.80 + 6.16 = 36.96", () => {
    expect(worked().total).toBe("36.96");
    expect(sum(rows).toFixed(2)).toBe("36.96");
  });

  it("writes the periods in UTC to the second and the parties as given", () => {
    expect(egress).toMatchObject({
      BillingPeriodStart: "2026-04-01T00:00:00Z",
      BillingPeriodEnd: "2026-05-01T00:00:00Z",
      ChargePeriodStart: "2026-04-01T00:00:00Z",
      ChargePeriodEnd: "2026-05-01T00:00:00Z",
      BillingAccountId: "cus",
      BillingAccountName: "cus",
      BillingCurrency: "USD",
      InvoiceIssuerName: "Acme Cloud",
      ProviderName: "Acme Cloud",
      PublisherName: "Acme Cloud",
      ServiceName: "Acme Cloud",
      ServiceCategory: "Other",
      x_ContractId: "ctr",
    });
  });

  it("meets every FOCUS requirement the validator transcribes", () => {
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("takes the names it is given", () => {
    const named = focusRows(worked(), {
      provider: "Acme Cloud",
      invoiceIssuer: "Acme Cloud EU GmbH",
      publisher: "Acme Labs",
      serviceName: "Acme CDN",
      serviceCategory: "Networking",
    });
    expect(named[0]).toMatchObject({
      InvoiceIssuerName: "Acme Cloud EU GmbH",
      PublisherName: "Acme Labs",
      ServiceName: "Acme CDN",
      ServiceCategory: "Networking",
    });
  });
});

/** A fixture's expected invoice, its FOCUS rows, and each row by the line it comes from. */
function fixtureRows(name: string) {
  const invoice = parseInvoice(JSON.parse(readFileSync(`fixtures/${name}/expected.json`, "utf8")));
  const rows = focusRows(invoice, PROVIDER);
  return { invoice, rows, byLine: new Map(rows.map((row) => [row.x_LineId, row])) };
}

describe("focusRows: tiers, credits, commitments and tax (fixtures/golden-rich)", () => {
  const { invoice, rows, byLine } = fixtureRows("golden-rich");

  it("prices a tiered line as one block at its amount and keeps its quantity as consumed", () => {
    // 420 connections on tiers: 168.00, no single unit price; 1 × 168.00 = 168.00.
    expect(byLine.get("connections")).toMatchObject({
      BilledCost: "168.00",
      ListUnitPrice: "168.00",
      PricingQuantity: "1",
      ListCost: "168.00",
      ConsumedQuantity: "420",
      ConsumedUnit: "connections",
    });
  });

  it("bills the commitment's true-up as its unused part", () => {
    // minimum 400.00, spend 295.96: 104.04 unused.
    expect(byLine.get("usage_floor")).toMatchObject({
      ChargeCategory: "Usage",
      BilledCost: "104.04",
      CommitmentDiscountId: "ctr_helios_media/commitments/usage_floor",
      CommitmentDiscountStatus: "Unused",
      CommitmentDiscountCategory: "Spend",
      CommitmentDiscountQuantity: "104.04",
      CommitmentDiscountUnit: "EUR",
      PricingCategory: "Committed",
      ConsumedQuantity: null,
    });
  });

  it("writes each credit as a Credit row, before and after tax", () => {
    expect(byLine.get("credit:sla_march")).toMatchObject({
      ChargeCategory: "Credit",
      BilledCost: "-25.00",
      ListCost: "-25.00",
    });
    expect(byLine.get("credit:wallet")).toMatchObject({ ChargeCategory: "Credit", BilledCost: "-200.00" });
    expect(rows.map((row) => row.x_LineId).slice(-3)).toEqual([
      "credit:sla_march",
      "tax:de_vat",
      "credit:wallet",
    ]);
  });

  it("adds up to the amount due", () => {
    // lines net of discounts 99.00 + 49.60 + 58.50 + 15.78 + 4.08 + 168.00 + 180.00 + 104.04 = 679.00;
    // 679.00 − 25.00 (credit before tax) + 124.27 (tax) − 200.00 (credit after tax) = 578.27.
    expect(invoice.amountDue).toBe("578.27");
    expect(sum(rows).toFixed(2)).toBe("578.27");
  });

  it("meets every FOCUS requirement the validator transcribes", () => {
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("focusRows: a credit note of an invoice that drew a prepaid wallet (fixtures/golden-rich)", () => {
  const { invoice, rows } = fixtureRows("golden-rich");
  const contract = parseContract(JSON.parse(readFileSync("fixtures/golden-rich/contract.json", "utf8")));
  const note = issueCreditNote(contract, invoice, [{ kind: "invoice", reason: "re-issued" }]);
  const correctionPeriod = { start: "2026-04-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
  const corrections = focusRows(note, { ...PROVIDER, invoice, correctionPeriod });

  it("puts the wallet's Credit row back, so the note's rows give back the 578.27 of money", () => {
    // the note credits 654.00 + 124.27 = 778.27; the wallet's 200.00 goes back to it, not as money
    expect(corrections.at(-1)).toMatchObject({
      x_LineId: "credit:wallet",
      ChargeCategory: "Credit",
      ChargeClass: "Correction",
      BilledCost: "200.00",
    });
    expect(sum(corrections).toFixed(2)).toBe("-578.27");
    // the invoice's rows (578.27) and the note's (−578.27): nothing left billed
    expect(sum(rows).plus(sum(corrections)).toFixed(2)).toBe("0.00");
    expect(corrections.flatMap(violations)).toEqual([]);
  });
});

describe("focusRows: a credit for unused time (fixtures/saas-seats)", () => {
  const { rows, byLine } = fixtureRows("saas-seats");

  it("prices the seats given back at a negative quantity, so the list cost is negative like the billed cost", () => {
    // 10 seats at 12.00 billed in advance for April, 15 from the 21st: the 10 seats' last 10 of 30 days
    // are credited, 10 × 12.00 × 10/30 = 40.00 back. At list price the 10 seats given back are
    // −10 × 12.00 = −120.00 (before proration, as on every row), never +120.00 on a row that bills −40.00.
    expect(byLine.get("seats:unused@2026-04-21")).toMatchObject({
      ChargeCategory: "Purchase",
      BilledCost: "-40.00",
      PricingQuantity: "-10",
      ListUnitPrice: "12",
      ContractedUnitPrice: "12",
      ListCost: "-120",
      ContractedCost: "-120",
    });
    // The 15 seats' last 10 days are charged as before: 15 × 12.00 = 180 at list, 60.00 billed.
    expect(byLine.get("seats@2026-04-21")).toMatchObject({ PricingQuantity: "15", ListCost: "180" });
  });

  it("meets every FOCUS requirement the validator transcribes", () => {
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("focusRows: a negative total with a credit after tax (a fuzzing counterexample)", () => {
  it("adds the negative total back, as the amount due does, so the rows reach the amount due", () => {
    const contract = parseContract({
      ...buildContractJson({
        currency: "EUR",
        charges: [
          {
            id: "c2",
            name: "Rebate",
            price: { model: "graduated_percentage", tiers: [{ percent: "0", flatFee: "-0.91" }] },
            quantity: "2.5",
            credit: true,
          },
        ],
        credits: [{ id: "grant0", name: "Grant 0", kind: "prepaid", taxed: "at_use", amount: "5" }],
        meters: [],
      }),
      timeZone: "Australia/Sydney",
      billing: { cadence: "quarterly", alignment: "anniversary", proration: "day" },
      term: { start: "2024-01-07", end: "2026-03-15" },
      rounding: { mode: "ceiling" },
    });
    const invoice = rateInvoice(contract, [], "2024-01-26/2024-01-27", { creditsStartFull: true });
    // The line is −0.01, so the total is −0.01; the wallet pays nothing and the amount due is 0.00.
    expect([invoice.total, invoice.amountDue]).toEqual(["-0.01", "0.00"]);
    const rows = focusRows(invoice, PROVIDER);
    expect(rows.map((row) => [row.ChargeCategory, row.BilledCost])).toEqual([
      ["Usage", "-0.01"],
      ["Adjustment", "0.01"],
      ["Credit", "0.00"],
    ]);
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("focusRows: inclusive tax", () => {
  it("takes each line's tax out of its row, so the rows still add up to the total", () => {
    const contract = buildContract({
      tax: {
        mode: "inclusive",
        rounding: "per_invoice",
        rates: [{ id: "vat", name: "VAT 19%", percent: "19" }],
      },
    });
    const event = {
      id: "e1",
      type: "e",
      customer: "cus",
      timestamp: "2026-03-02T00:00:00Z",
      properties: { v: "119" },
    };
    const invoice = rateInvoice(contract, [event], "2026-03");
    const rows = focusRows(invoice, PROVIDER);
    // 119.00 gross holds 119 × 19 / 119 = 19.00 of tax: the usage row bills 100.00, the tax row 19.00.
    expect(rows.map((row) => [row.ChargeCategory, row.BilledCost])).toEqual([
      ["Usage", "100.00"],
      ["Tax", "19.00"],
    ]);
    expect(invoice.total).toBe("119.00");
    // The list price holds the tax too, so it is stated net as BilledCost is: 119 × 100 / 119 = 100 (per
    // unit 1 × 100 / 119), and the tax row's list cost is 19 % of it: 19. ListCost 100 + 19 = 119 = the
    // 119.00 billed: no discount. Until 6 December 2026 the usage row's ListCost was 119 and the rows'
    // 138, a 19.00 "saving" that was the tax counted twice.
    const list = rows.reduce((total, row) => total.plus(row.ListCost ?? "NaN"), new Decimal(0));
    expect(rows.map((row) => row.ListCost)).toEqual(["100", "19"]);
    expect(list.toString()).toBe("119");
    expect(rows.flatMap(violations)).toEqual([]);
  });
});

describe("focusRows: a credit note", () => {
  const contract = workedContract();
  const invoice = worked();
  const note = issueCreditNote(contract, invoice, [
    { kind: "line", line: "egress", reason: "Outage on April 20" },
  ]);
  const correctionPeriod = { start: "2026-05-01T00:00:00Z", end: "2026-06-01T00:00:00Z" };
  const rows = focusRows(note, { ...PROVIDER, invoice, correctionPeriod });

  it("writes every row as a Correction booked in the period it is issued in", () => {
    // The egress line billed 10.80 and its tax 2.16: both are credited.
    expect(rows.map((row) => [row.ChargeCategory, row.ChargeClass, row.BilledCost])).toEqual([
      ["Usage", "Correction", "-10.80"],
      ["Tax", "Correction", "-2.16"],
    ]);
    expect(rows[0]).toMatchObject({
      BillingPeriodStart: "2026-05-01T00:00:00Z",
      ChargePeriodStart: "2026-04-01T00:00:00Z",
      ChargePeriodEnd: "2026-05-01T00:00:00Z",
      SkuId: "egress",
      InvoiceId: note.id,
      ListCost: "-10.80",
      PricingQuantity: null,
      ConsumedQuantity: null,
    });
  });

  it("adds up to minus the note's total: it credits 10.80 + 2.16 = 12.96", () => {
    expect(note.total).toBe("12.96");
    expect(sum(rows).toFixed(2)).toBe("-12.96");
  });

  it("meets every FOCUS requirement the validator transcribes", () => {
    expect(rows.flatMap(violations)).toEqual([]);
  });

  it("asks for the invoice it corrects, the same version of it, and the period it is issued in", () => {
    expect(thrown(() => focusRows(note, { ...PROVIDER, correctionPeriod }))).toMatchObject({
      code: "credit_note_mismatch",
      path: "invoice",
    });
    const other = { ...invoice, digest: `sha256:${"0".repeat(64)}` } as Invoice;
    expect(thrown(() => focusRows(note, { ...PROVIDER, invoice: other, correctionPeriod }))).toMatchObject({
      code: "credit_note_mismatch",
      path: "invoice",
    });
    expect(thrown(() => focusRows(note, { ...PROVIDER, invoice }))).toMatchObject({
      code: "missing_field",
      path: "correctionPeriod",
    });
    const april = { start: "2026-04-15T00:00:00Z", end: "2026-05-01T00:00:00Z" };
    expect(thrown(() => focusRows(note, { ...PROVIDER, invoice, correctionPeriod: april }))).toMatchObject({
      code: "invalid_period",
      path: "correctionPeriod.start",
    });
    const backwards = { start: "2026-06-01T00:00:00Z", end: "2026-05-01T00:00:00Z" };
    expect(
      thrown(() => focusRows(note, { ...PROVIDER, invoice, correctionPeriod: backwards })),
    ).toMatchObject({ code: "invalid_period", path: "correctionPeriod.end" });
  });
});

describe("focusRows: what it refuses", () => {
  it("refuses a missing or blank provider, and a service category FOCUS does not list", () => {
    const invoice = worked();
    expect(thrown(() => focusRows(invoice, { provider: "  " }))).toMatchObject({ path: "provider" });
    expect(thrown(() => focusRows(invoice, {} as { provider: string }))).toMatchObject({
      code: "missing_field",
      path: "provider",
    });
    expect(
      thrown(() => focusRows(invoice, { provider: "A", serviceCategory: "Billing" as "Other" })),
    ).toMatchObject({ path: "serviceCategory" });
  });

  it("refuses a misspelt option, naming the one meant, where its value was dropped for the default", () => {
    // Until 7 December 2026 { servicename: "Edge CDN" } was ignored: every row's ServiceName was the
    // provider's, "Acme Cloud", without a word; the CLI's --service-name was right, the library's typo not.
    const invoice = worked();
    const misspelt = { provider: "Acme Cloud", servicename: "Edge CDN" } as { provider: string };
    expect(thrown(() => focusRows(invoice, misspelt))).toMatchObject({
      code: "unknown_field",
      path: "servicename",
      message: expect.stringContaining(
        'servicename is not a field ratecard knows here; did you mean "serviceName"?',
      ),
    });
    const snake = { provider: "Acme Cloud", service_category: "Networking" } as { provider: string };
    expect(thrown(() => focusRows(invoice, snake))).toMatchObject({
      code: "unknown_field",
      message: expect.stringContaining('did you mean "serviceCategory"?'),
    });
    // Spelt right, it is every row's.
    const rows = focusRows(invoice, { provider: "Acme Cloud", serviceName: "Edge CDN" });
    expect(new Set(rows.map((row) => row.ServiceName))).toEqual(new Set(["Edge CDN"]));
  });

  it("refuses a preview: nothing on it was billed, so it has no cost rows", () => {
    // The worked example as of 10 April: e1's 70 GB so far, a line of 70 × 0.10 = 7.00 (6.30 after the
    // 10 % off), which would be written as BilledCost of the April invoice's id before it is issued.
    const preview = previewInvoice(workedContract(), workedEvents, "2026-04", "2026-04-10T00:00:00Z");
    expect(preview.lines.find((line) => line.id === "egress")?.amount).toBe("7.00");
    expect(thrown(() => focusRows(preview, PROVIDER))).toMatchObject({
      code: "invalid_argument",
      path: "preview",
    });
  });

  it("refuses a currency that is not ISO 4217", () => {
    const invoice = { ...worked(), currency: { code: "POINTS", minorUnits: 0 } };
    expect(thrown(() => focusRows(invoice, PROVIDER))).toMatchObject({
      code: "unknown_currency",
      path: "currency.code",
    });
  });

  it("floors a boundary with a fraction of a second to its second, and refuses one that is no instant", () => {
    // A term may start at 23:59:59.999 (a fuzzing counterexample); FOCUS writes seconds only.
    const invoice = worked();
    const odd = { ...invoice, period: { ...invoice.period, start: "2026-03-31T23:59:59.999Z" } };
    expect(focusRows(odd, PROVIDER)[0]?.BillingPeriodStart).toBe("2026-03-31T23:59:59Z");
    const broken = { ...invoice, period: { ...invoice.period, end: "May 1st" } };
    expect(thrown(() => focusRows(broken, PROVIDER))).toMatchObject({
      code: "invalid_instant",
      path: "period.end",
    });
  });
});

describe("focusCsv", () => {
  it("writes the header in column order, null as empty, CRLF line ends", () => {
    const csv = focusCsv(focusRows(worked(), PROVIDER));
    const records = csv.split("\r\n");
    expect(records[0]).toBe(FOCUS_COLUMNS.join(","));
    expect(records).toHaveLength(5); // header, three rows, and the empty string after the last CRLF
    expect(records[4]).toBe("");
    expect(records[3]?.startsWith("6.16,cus,cus,USD,")).toBe(true);
  });

  it("quotes a field with a comma, a quote or a line break, doubling its quotes (RFC 4180)", () => {
    const invoice = smallInvoice({ name: 'Egress, "fast"\nlane' });
    const csv = focusCsv(focusRows(invoice, PROVIDER));
    expect(csv).toContain('"Egress, ""fast""\nlane"');
  });

  it("gives the same bytes for the same invoice", () => {
    expect(focusCsv(focusRows(structuredClone(worked()), PROVIDER))).toBe(
      focusCsv(focusRows(worked(), PROVIDER)),
    );
  });

  // Until 7 December 2026 each of these wrote a record: `[{ a: 1 }]` one of 39 empty fields, an added
  // column was dropped, a number written as its text. A row that is not a FOCUS row is refused.
  const problemsOf = (error: unknown) =>
    ((error as InputError).details as { problems: { code: string; path: string }[] }).problems;
  it("refuses a row that is not a FOCUS row, naming the row and each column at fault", () => {
    const error = thrown(() => focusCsv([{ a: 1 }] as unknown as FocusRow[]));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "missing_field", path: "rows[0].BilledCost" });
    // Each of the 39 columns left out, and the one that is no FOCUS column: 40 problems.
    const problems = problemsOf(error);
    expect(problems).toHaveLength(FOCUS_COLUMNS.length + 1);
    expect(problems).toContainEqual(expect.objectContaining({ code: "unknown_field", path: "rows[0].a" }));
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "missing_field", path: "rows[0].x_LineId" }),
    );
  });

  it("refuses a column focusCsv does not write, a column left out and a value that is not text", () => {
    const [first, second] = focusRows(worked(), PROVIDER) as [FocusRow, FocusRow];
    const withTeam = { ...second, x_Team: "edge" } as unknown as FocusRow;
    expect(thrown(() => focusCsv([first, withTeam]))).toMatchObject({
      code: "unknown_field",
      path: "rows[1].x_Team",
    });
    const { SkuId: _, ...withoutSku } = second;
    expect(thrown(() => focusCsv([first, withoutSku as FocusRow]))).toMatchObject({
      code: "missing_field",
      path: "rows[1].SkuId",
      message: "rows[1].SkuId is required.",
    });
    const numeric = { ...first, BilledCost: 8.25 } as unknown as FocusRow;
    expect(thrown(() => focusCsv([numeric]))).toMatchObject({
      code: "invalid_field",
      path: "rows[0].BilledCost",
    });
    // null is FOCUS's null, an empty field: still taken.
    expect(focusCsv([{ ...first, SkuId: null }]).split("\r\n")).toHaveLength(3);
  });
});

describe("the FOCUS validator (test/export/focusSpec.ts)", () => {
  it("checks only columns ratecard writes, so no requirement is vacuous", () => {
    const columns: ReadonlyArray<string> = FOCUS_COLUMNS;
    const checked = [
      ...DECIMAL_COLUMNS,
      ...DATE_TIME_COLUMNS,
      ...NOT_NULL_COLUMNS,
      ...Object.keys(ALLOWED_VALUES),
    ];
    expect(checked.filter((column) => !columns.includes(column))).toEqual([]);
  });

  it("catches a row that breaks the specification", () => {
    const [, egress] = focusRows(worked(), PROVIDER);
    const broken = (change: Partial<FocusRow>) => violations({ ...(egress as FocusRow), ...change });
    expect(broken({ ListCost: "12.01" })).toEqual([expect.stringContaining("ListCost:")]);
    expect(broken({ BilledCost: "1e3", EffectiveCost: "1e3" }).length).toBeGreaterThan(0);
    // Not Usage any more, so its consumed quantity and unit must go too: three violations.
    expect(broken({ ChargeCategory: "Refund" })).toEqual([
      expect.stringContaining("ChargeCategory:"),
      expect.stringContaining("ConsumedQuantity:"),
      expect.stringContaining("ConsumedUnit:"),
    ]);
    expect(broken({ ChargePeriodStart: "2026-04-01T00:00:00.000Z" })).toEqual([
      expect.stringContaining("ChargePeriodStart:"),
    ]);
    expect(broken({ ConsumedQuantity: null })).toEqual([expect.stringContaining("ConsumedQuantity:")]);
    expect(broken({ ChargeClass: "Refund" })).toEqual([expect.stringContaining("ChargeClass:")]);
    expect(broken({ BillingCurrency: "XBT" })).toEqual([expect.stringContaining("BillingCurrency:")]);
    expect(broken({ CommitmentDiscountStatus: "Used" })).toEqual([
      expect.stringContaining("CommitmentDiscountStatus:"),
    ]);
  });
});
