import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Invoice,
  type InvoiceWorkbook,
  invoiceWorkbook,
  parseContract,
  rateInvoice,
} from "../../../src/index.js";
import { buildContract } from "../../_support/contract.js";
import { calcValuesOf, expectCalcMatches, fixtureInvoices, workbooksOf } from "./workbookHelpers.js";

// LibreOffice Calc, headless, is the spreadsheet engine: it recalculates every workbook and the
// values it computes are compared with the invoice's. One Calc run per test (its start is the slow part).
const CALC_TIMEOUT = 180_000;
const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures");

// The workbook with one quantity cell changed, as a person would type a new number into it.
function withQuantity(book: InvoiceWorkbook, line: string, quantity: string): InvoiceWorkbook {
  const cell = book.quantities.find((figure) => figure.name === line)!.cell;
  const row = Number(cell.slice(1)) - 2;
  return {
    ...book,
    rows: book.rows.map((r, index) =>
      index === row
        ? {
            ...r,
            cells: r.cells.map((c, column) => (column === 2 ? { kind: "number", value: quantity } : c)),
          }
        : r,
    ),
  };
}

function fixtureRating(name: string) {
  const dir = join(FIXTURES, name);
  const contract = parseContract(JSON.parse(readFileSync(join(dir, "contract.json"), "utf8")));
  const events = readFileSync(join(dir, "usage.ndjson"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { contract, events };
}

const figure = (book: InvoiceWorkbook, name: string) => book.totals.find((f) => f.name === name)!.cell;

// One invoice's workbook and what Calc computes in it.
async function recalculatedAlone(invoice: Invoice) {
  const books = workbooksOf(new Map([["alone", invoice]]));
  return { book: books.get("alone")!, values: (await calcValuesOf(books)).get("alone")! };
}

// One event of the default contract's meter (test/_support/contract.ts) in February 2026.
const oneEvent = (v: string) => ({
  id: "e",
  type: "e",
  customer: "cus",
  timestamp: "2026-02-03T00:00:00Z",
  properties: { v },
});

describe("the invoice workbook in LibreOffice Calc", () => {
  it("gives every line amount and total of every bundled fixture, to the minor unit", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    const invoices = fixtureInvoices();
    const books = workbooksOf(invoices);
    const values = await calcValuesOf(books);
    let checked = 0;
    for (const [name, book] of books) checked += expectCalcMatches(name, book, values.get(name)!);
    // 10 fixtures: every line and at least the subtotal and total of each.
    expect(checked).toBeGreaterThan(invoices.size * 3);
  });

  it("takes a charge's included units off in the meter's units, before the divide, and rounds to an increment (issue 13)", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // 2,500,000,000 bytes − 1,000,000,000 included = 1,500,000,000; ÷ 10^9 = 1.5; up → 2 GB × 0.09 = 0.18;
    // 15,000,000 requests − 10,000,000 = 5,000,000 × 0.30 ÷ 1,000,000 = 1.50
    const contract = parseContract({
      schemaVersion: 1,
      id: "ctr",
      customer: { id: "cus" },
      currency: "USD",
      timeZone: "UTC",
      billing: { cadence: "monthly" },
      term: { start: "2026-01-01" },
      meters: [
        { id: "bytes", eventType: "bytes", aggregation: "sum", valueProperty: "v" },
        { id: "requests", eventType: "requests", aggregation: "sum", valueProperty: "v" },
      ],
      charges: [
        {
          id: "egress",
          name: "Egress",
          meter: "bytes",
          included: "1000000000",
          transform: { divideBy: "1000000000", round: "up" },
          price: { model: "unit", unitPrice: "0.09" },
        },
        {
          id: "requests",
          name: "Requests",
          meter: "requests",
          included: "10000000",
          price: { model: "unit", unitPrice: "0.30", per: "1000000" },
        },
        {
          id: "storage",
          name: "Storage",
          meter: "bytes",
          transform: { divideBy: "1000000000", round: { mode: "half_even", increment: "0.25" } },
          price: { model: "unit", unitPrice: "1" },
        },
        {
          id: "hours",
          name: "Hours",
          meter: "requests",
          transform: { round: { mode: "half_up", decimals: 2 } },
          price: { model: "unit", unitPrice: "0.000001" },
        },
      ],
    });
    const at = "2026-02-03T00:00:00Z";
    const invoice = rateInvoice(
      contract,
      [
        { id: "b", type: "bytes", customer: "cus", timestamp: at, properties: { v: "2500000000" } },
        { id: "r", type: "requests", customer: "cus", timestamp: at, properties: { v: "15000000" } },
      ],
      "2026-02",
    );
    // storage: 2.5 GB ÷ 0.25 = 10 increments, exact → 2.5 × $1 = $2.50; hours: 15,000,000 (already 2
    // decimals) × 0.000001 = $15.00; total 0.18 + 1.50 + 2.50 + 15.00 = 19.18
    expect(invoice.total).toBe("19.18");
    const books = workbooksOf(new Map([["included", invoice]]));
    const values = await calcValuesOf(books);
    expect(expectCalcMatches("included", books.get("included")!, values.get("included")!)).toBeGreaterThan(4);
  });

  it("writes the tax and the total as values when a line's exact tax is beyond a spreadsheet's digits (SUM skips text)", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Found by the generated-contract test (FC_SEED=1182743181, draw 37): one line of 885,047,388.45 at
    // 8.875 % exclusive has the exact tax 885,047,388.45 × 0.08875 = 78,547,955.7249375, 15 significant
    // digits, so its cell and its rate's are ratecard's values (text). The tax total was SUM(rate cells),
    // which skips text: Calc showed 0.00. Rounded up per line: 78,547,955.73; total 885,047,388.45 +
    // 78,547,955.73 = 963,595,344.18.
    // The default contract: `use` at 1.00 a unit of meter `m` (the sum of `v`), customer `cus`, USD.
    const contract = buildContract({
      rounding: { mode: "up" },
      tax: {
        mode: "exclusive",
        rounding: "per_line",
        rates: [{ id: "vat1", name: "VAT 1", percent: "8.875", charges: ["use"] }],
      },
    });
    const invoice = rateInvoice(contract, [oneEvent("885047388.45")], "2026-02");
    expect(invoice.tax?.total).toBe("78547955.73");
    expect(invoice.total).toBe("963595344.18");
    const { book, values } = await recalculatedAlone(invoice);
    expect(values(figure(book, "tax"))).toBe("78547955.73");
    expect(values(figure(book, "total"))).toBe("963595344.18");
    expectCalcMatches("wide-tax", book, values);
  });

  it("bills a commitment's overage at a factor just above 1 to the minor unit (no cancellation in doubles)", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Found by the generated-contract test (FC_SEED=1220610668, 150 runs, draw 131). Spend 2,400.00 over a
    // minimum of 1,000.00: the excess 1,400.00 is billed ×1.0001, so the overage line is
    // 1,400.00 × 0.0001 = 0.14 exactly, and floored it stays 0.14. In doubles 1.0001 − 1 is
    // 0.000099999999999988987, so 1,400 × (1.0001 − 1) = 0.13999999999998 floored to 0.13.
    const contract = buildContract({
      rounding: { mode: "floor" },
      commitments: [
        { id: "commit", name: "Commit", minimum: "1000.00", overageFactor: "1.0001", charges: ["use"] },
      ],
    });
    const invoice = rateInvoice(contract, [oneEvent("2400")], "2026-02");
    const overage = invoice.lines.find((line) => line.model === "commitment");
    expect(overage?.amount).toBe("0.14");
    // 2,400.00 + 0.14
    expect(invoice.total).toBe("2400.14");
    const { book, values } = await recalculatedAlone(invoice);
    expect(values(book.lines.find((l) => l.name === overage?.id)!.cell)).toBe("0.14");
    expectCalcMatches("overage", book, values);
  });

  it("bills a commitment's true-up to the minor unit where minimum − spend cancels in doubles", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Found by the generated-contract test (FC_SEED=203429267, 150 runs, draw 80: 0.001499 − 0.001466
    // floored to 6 decimals gave 0.000032). Here: spend 1,000.10 under a minimum of 1,000.30, so the
    // true-up is 1,000.30 − 1,000.10 = 0.20 exactly, and floored it stays 0.20. In doubles the
    // difference is 0.1999999999999318, which floors to 0.19.
    const contract = buildContract({
      rounding: { mode: "floor" },
      commitments: [{ id: "commit", name: "Commit", minimum: "1000.30", charges: ["use"] }],
    });
    const invoice = rateInvoice(contract, [oneEvent("1000.10")], "2026-02");
    const trueUp = invoice.lines.find((line) => line.model === "commitment");
    expect(trueUp?.amount).toBe("0.20");
    // 1,000.10 + 0.20
    expect(invoice.total).toBe("1000.30");
    const { book, values } = await recalculatedAlone(invoice);
    expect(values(book.lines.find((l) => l.name === trueUp?.id)!.cell)).toBe("0.20");
    expectCalcMatches("true-up", book, values);
  });

  it("rounds the total and the amount due to the currency when lines are finer than it (rounding.lineDecimals)", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Azure's lines of 0.125 and 0.1264 kept to 4 decimals, VAT 20 % per line: 0.025 + 0.02528 → 0.0253
    // = 0.0503; net + tax = 0.2514 + 0.0503 = 0.3017, rounded half-even to cents: 0.30 (adjustment
    // −0.0017). A wallet of 0.10 taxed at use pays 0.10 of it: 0.30 − 0.10 = 0.20 due. The sheet summed
    // net + tax and stopped there: a total of 0.3017 and 0.2017 due.
    const contract = buildContract({
      meters: [],
      charges: [
        { id: "a", name: "A", quantity: "1", price: { model: "unit", unitPrice: "0.125" } },
        { id: "b", name: "B", quantity: "1", price: { model: "unit", unitPrice: "0.1264" } },
      ],
      rounding: { lineDecimals: 4 },
      tax: { mode: "exclusive", rates: [{ id: "vat", name: "VAT", percent: "20" }] },
      credits: [{ id: "wallet", name: "Wallet", kind: "prepaid", taxed: "at_use", amount: "0.10" }],
    });
    const invoice = rateInvoice(contract, [], "2026-02", { creditsStartFull: true });
    expect([invoice.tax?.total, invoice.total, invoice.amountDue]).toEqual(["0.0503", "0.30", "0.20"]);
    const { book, values } = await recalculatedAlone(invoice);
    expect([values(figure(book, "total")), values(figure(book, "amountDue"))]).toEqual(["0.30", "0.20"]);
    expectCalcMatches("line-decimals", book, values);
  });

  it("shows ratecard's value for an inclusive tax a hair past a minor unit, where a double cannot tell", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Found by the generated-contract test (FC_SEED=1393116203, 150 runs, draw 137). The tax inside a
    // price of 70,000,000,003.16 at 7.75 % is 70,000,000,003.16 × 7.75 ÷ 107.75 = 2,170,000,000,097.96 ÷
    // 431 = 5,034,802,784.45 + 0.01 ÷ 431 (431 × 5,034,802,784.45 = 2,170,000,000,097.95), rounded up:
    // 5,034,802,784.46. In doubles the quotient is 0.0000232 past the cent, inside the formula's tolerance
    // of 5 × 10^-15 × 5.03 × 10^9 = 0.0000252, so a formula took it as on the cent: 5,034,802,784.45.
    const contract = buildContract({
      rounding: { mode: "up" },
      tax: {
        mode: "inclusive",
        rounding: "per_line",
        rates: [{ id: "vat", name: "VAT", percent: "7.75", charges: ["use"] }],
      },
    });
    const invoice = rateInvoice(contract, [oneEvent("70000000003.16")], "2026-02");
    expect(invoice.tax?.total).toBe("5034802784.46");
    // inclusive: the total is the price, tax included
    expect(invoice.total).toBe("70000000003.16");
    const { book, values } = await recalculatedAlone(invoice);
    expect(values(figure(book, "tax"))).toBe("5034802784.46");
    expectCalcMatches("inclusive", book, values);
  });

  it("shows ratecard's value for a percentage discount a hair from a tie, where a double cannot tell", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    // Found by the generated-contract test (FC_SEED=1640533101, 150 runs, draw 115). 99.99 % off a line
    // of 150,592,918,853.46 is 150,592,918,853.46 − 15,059,291.885346 = 150,577,859,561.574654, rounded
    // half-even: 150,577,859,561.57 (0.000346 below the tie at …561.575); the total is
    // 150,592,918,853.46 − 150,577,859,561.57 = 15,059,291.89. The formula's tolerance is
    // 5 × 10^-15 × 1.5058 × 10^11 = 0.000753, so it took the product as the tie and rounded it to the even
    // cent, …561.58, and the total to 15,059,291.88.
    const contract = buildContract({ discounts: [{ id: "d", name: "Almost all", percent: "99.99" }] });
    const invoice = rateInvoice(contract, [oneEvent("150592918853.46")], "2026-02");
    expect(invoice.discounts?.[0]?.amount).toBe("-150577859561.57");
    expect(invoice.total).toBe("15059291.89");
    const { book, values } = await recalculatedAlone(invoice);
    expect(values(figure(book, "total"))).toBe("15059291.89");
    expectCalcMatches("discount", book, values);
  });

  it("computes the cells itself: wrong cached results in the file change nothing, unless Calc is left to trust them", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    const invoices = new Map([["golden-rich", fixtureInvoices().get("golden-rich")!]]);
    const books = workbooksOf(invoices);
    const book = books.get("golden-rich")!;
    // Every formula stored with the result -1: Calc told to recalculate gives the invoice's figures …
    const recalculated = await calcValuesOf(books, { cachedResult: -1 });
    expectCalcMatches("golden-rich", book, recalculated.get("golden-rich")!);
    // … while Calc's default for .xlsx ("never recalculate") shows the -1: so the first assertion
    // would fail if the tests read cached values, and ratecard stores none for that reason.
    const trusted = await calcValuesOf(books, { cachedResult: -1, keepCachedResults: true });
    expect(trusted.get("golden-rich")!(figure(book, "total"))).toBe("-1.00");
  });

  it("re-rates as ratecard does when a quantity cell changes, across tiers and through tax", {
    timeout: CALC_TIMEOUT,
  }, async () => {
    const cdn = fixtureRating("cdn-basic");
    const vat = fixtureRating("currency-eur-vat");
    const cdnInvoice = rateInvoice(cdn.contract, cdn.events, "2026-02");
    const vatInvoice = rateInvoice(vat.contract, vat.events, "2026-04");
    // cdn-basic, bandwidth_na: 61,400 GB → 30,000 GB, by leaving out events until the meter reads 30,000.
    // Tiers 0.08 to 10,000, 0.06 to 50,000, 0.04 above: 10,000 × 0.08 + 20,000 × 0.06 = 800 + 1,200
    // = 2,000.00 (was 3,656.00), so the total falls from 7,663.78 to 7,663.78 − 1,656.00 = 6,007.78.
    const lower = {
      ...cdn,
      events: [
        ...cdn.events.filter(
          (e) => e.type !== "cdn.bandwidth" || (e.properties as { region: string }).region !== "na",
        ),
        {
          id: "evt_na_whole",
          type: "cdn.bandwidth",
          customer: "cus_northwind",
          timestamp: "2026-02-10T00:00:00Z",
          properties: { region: "na", gb: "30000" },
        },
      ],
    };
    const cdnRerated = rateInvoice(lower.contract, lower.events, "2026-02");
    expect(cdnRerated.total).toBe("6007.78");
    // currency-eur-vat, api_calls: 12,345 calls → 20,000 (7,655 more events): 20,000 × 0.0005 = 10.00;
    // total 49.00 + 10.00 = 59.00; VAT 19 % included: 49 × 19/119 = 7.8235… → 7.82 and
    // 10 × 19/119 = 1.5966… → 1.60, so 9.42.
    const more = Array.from({ length: 7655 }, (_, i) => ({
      id: `evt_more_${i}`,
      type: "api.call",
      customer: "cus_rheinwerk",
      timestamp: "2026-04-15T12:00:00Z",
      properties: { endpoint: "search" },
    }));
    const vatRerated = rateInvoice(vat.contract, [...vat.events, ...more], "2026-04");
    expect([vatRerated.total, vatRerated.tax?.total]).toEqual(["59.00", "9.42"]);

    const books = new Map([
      ["cdn", withQuantity(invoiceWorkbook(cdnInvoice), "bandwidth_na", "30000")],
      ["vat", withQuantity(invoiceWorkbook(vatInvoice), "api_calls", "20000")],
    ]);
    const values = await calcValuesOf(books);
    // The changed sheets are checked against the re-rated invoices' figures, cell by cell.
    const expectedOf = (book: InvoiceWorkbook, rerated: typeof cdnRerated): InvoiceWorkbook => ({
      ...book,
      lines: book.lines.map((l) => ({ ...l, value: rerated.lines.find((r) => r.id === l.name)!.amount })),
      totals: book.totals.map((t) => ({
        ...t,
        value: t.name === "tax" ? rerated.tax!.total : (rerated[t.name as "subtotal" | "total"] as string),
      })),
    });
    expectCalcMatches("cdn", expectedOf(books.get("cdn")!, cdnRerated), values.get("cdn")!);
    expectCalcMatches("vat", expectedOf(books.get("vat")!, vatRerated), values.get("vat")!);
  });
});
