import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  allocate,
  canonicalJson,
  compileMeter,
  Decimal,
  digestOf,
  explainLine,
  focusCsv,
  focusRows,
  InputError,
  parseContract,
  periodOf,
  rateInvoice,
  ratePrice,
  resolveCurrency,
  resolveServicePeriod,
  summarizeBatch,
  usageEvidence,
  usageEvidenceText,
  whatIf,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";

// JavaScript callers are not held by the types: each public function below threw a raw TypeError
// ("Cannot read properties of null") or a RangeError for a missing or wrong-kind argument. Each now
// throws a typed InputError naming the argument (its path) in a sentence, as rateInvoice does
// (test/invoice/entryArguments.test.ts).
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const contract = parseContract(JSON.parse(readFileSync(join(FIXTURE, "contract.json"), "utf8")));
const invoice = rateInvoice(contract, [], "2026-02");
const line = invoice.lines[0]!;
const style = { prefix: "$", minorUnits: 2 };
const FEBRUARY = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) };
const usd = resolveCurrency("USD");
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;

const cases: ReadonlyArray<readonly [string, () => unknown, string]> = [
  ["explainLine without a line", () => loose(explainLine)(null, style), "line"],
  ["explainLine with a line that has no steps", () => loose(explainLine)({ id: "x" }, style), "line"],
  ["explainLine without a style", () => loose(explainLine)(line, undefined), "style"],
  ["explainLine with a wording of a number", () => loose(explainLine)(line, style, 5), "wording"],
  [
    "explainLine counting what it cannot name",
    () => loose(explainLine)(line, style, { counted: "rows" }),
    "wording",
  ],
  ["usageEvidenceText without evidence", () => loose(usageEvidenceText)(null), "evidence"],
  ["usageEvidenceText with a number", () => loose(usageEvidenceText)(5), "evidence"],
  ["focusRows without a document", () => loose(focusRows)(null, { provider: "Acme" }), "document"],
  ["focusRows with text", () => loose(focusRows)("invoice.json", { provider: "Acme" }), "document"],
  ["focusRows without options", () => loose(focusRows)(invoice, undefined), "options"],
  ["focusCsv without rows", () => loose(focusCsv)(undefined), "rows"],
  ["focusCsv with a row that is null", () => loose(focusCsv)([null]), "rows[0]"],
  ["summarizeBatch without invoices", () => loose(summarizeBatch)(null, undefined), "invoices"],
  ["summarizeBatch with text", () => loose(summarizeBatch)("x", undefined), "invoices"],
  [
    "summarizeBatch with an invoice that is null",
    () => loose(summarizeBatch)([null], { events: 0, customers: 0, sampleCustomers: [] }),
    "invoices[0]",
  ],
  [
    "summarizeBatch without unknownCustomers",
    () => loose(summarizeBatch)([invoice], undefined),
    "unknownCustomers",
  ],
  ["whatIf without customers", () => loose(whatIf)(null, "2026-02"), "customers"],
  ["whatIf with a customer that is null", () => loose(whatIf)([null], "2026-02"), "customers[0]"],
  ["periodOf without a billing cycle", () => loose(periodOf)(null, 0), "cycle"],
  ["periodOf with text for the instant", () => loose(periodOf)(contract.cycle, "2026-02-10"), "instant"],
  ["ratePrice without a price", () => loose(ratePrice)(null, new Decimal(1)), "terms"],
  [
    "ratePrice with a model ratecard does not know",
    () => loose(ratePrice)({ model: "tiered" }, new Decimal(1)),
    "terms.model",
  ],
  [
    "ratePrice with text for the quantity",
    () => loose(ratePrice)(contract.charges[0]!.price, "10"),
    "quantity",
  ],
  [
    "ratePrice with context that is a number",
    () => loose(ratePrice)(contract.charges[0]!.price, new Decimal(1), 5),
    "context",
  ],
  ["compileMeter without a meter", () => loose(compileMeter)(null, FEBRUARY, "UTC"), "meter"],
  [
    "compileMeter without a period",
    () => loose(compileMeter)(contract.meters[0], undefined, "UTC"),
    "period",
  ],
  ["compileMeter without a time zone", () => loose(compileMeter)(contract.meters[0], FEBRUARY), "timeZone"],
  ["allocate with text for the amount", () => loose(allocate)("10.00", [new Decimal(1)], usd), "amount"],
  ["allocate without weights", () => loose(allocate)(new Decimal("10.00"), null, usd), "weights"],
  [
    "allocate with a number for a weight",
    () => loose(allocate)(new Decimal("10.00"), [1], usd),
    "weights[0]",
  ],
  ["allocate without a currency", () => loose(allocate)(new Decimal("10.00"), [new Decimal(1)]), "currency"],
  ["digestOf without a document", () => loose(digestOf)(undefined), "document"],
  ["digestOf with a list", () => loose(digestOf)([]), "document"],
];

describe("public functions refuse a missing or wrong-kind argument with a typed error", () => {
  it.each(cases)("%s", (_, run, path) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path });
    // one plain sentence naming what was given, never a property read from undefined
    expect((error as Error).message).not.toMatch(/Cannot read|undefined \(reading/);
  });

  it("whatIf and resolveServicePeriod refuse a missing period as rateInvoice does (invalid_period)", () => {
    expect(thrown(() => loose(whatIf)([], undefined))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
    expect(thrown(() => loose(resolveServicePeriod)(contract, null))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
  });

  it("resolveServicePeriod refuses contract JSON as rateInvoice does (unparsed_contract)", () => {
    const json = JSON.parse(readFileSync(join(FIXTURE, "contract.json"), "utf8"));
    expect(thrown(() => loose(resolveServicePeriod)(json, "2026-02"))).toMatchObject({
      code: "unparsed_contract",
      path: "contract",
    });
  });

  it("usageEvidenceText still writes the evidence of a period", () => {
    // cdn-basic with no usage: the report's first line names the contract and the period
    const text = usageEvidenceText(usageEvidence(contract, [], "2026-02"));
    expect(text.split("\n")[0]).toContain("Usage evidence for ctr_northwind_cdn");
  });
});

describe("canonicalJson of a value that contains itself", () => {
  it("names where the cycle closes instead of overflowing the stack", () => {
    const document: Record<string, unknown> = { lines: [{ id: "a" }] };
    (document.lines as Array<Record<string, unknown>>)[0]!.parent = document;
    const error = thrown(() => canonicalJson(document));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "value.lines[0].parent" });
    expect((error as Error).message).toContain("value.lines[0].parent is value again");
  });

  it("still writes a value that holds the same object twice (shared, not a cycle)", () => {
    const shared = { b: 1 };
    // {"x":{"b":1},"y":{"b":1}}: the same object under two keys is written twice
    expect(canonicalJson({ y: shared, x: shared })).toBe('{"x":{"b":1},"y":{"b":1}}');
  });
});

describe("digestOf of a document that contains itself", () => {
  it("names where the cycle closes, from the document", () => {
    const document: Record<string, unknown> = { id: "x" };
    document.self = document;
    expect(thrown(() => digestOf(document))).toMatchObject({
      code: "invalid_argument",
      path: "document.self",
    });
  });
});
