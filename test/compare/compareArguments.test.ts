import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diff, fromRatecardInvoice, reconcile } from "../../src/compare/index.js";
import { InputError } from "../../src/errors/index.js";
import { thrown } from "../_support/thrown.js";

// A dispute script passes what it read from disk: a missing file read as null, a contract by mistake.
// diff, reconcile and fromRatecardInvoice refuse it with a typed error naming the argument, never a
// TypeError ("Cannot read properties of null (reading 'currency')").
const invoice = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic", "expected.json"), "utf8"),
);
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;
const notInvoices: ReadonlyArray<readonly [string, unknown]> = [
  ["null", null],
  ["a string", "invoice.json"],
  ["an object without lines", { currency: { code: "USD", minorUnits: 2 } }],
];

describe("what the comparison functions take as invoices", () => {
  it.each(notInvoices)("diff refuses %s as the invoice before (invalid_argument at before)", (_, value) => {
    const error = thrown(() => loose(diff)(value, invoice));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "before" });
  });

  it.each(notInvoices)("diff refuses %s as the invoice after", (_, value) => {
    expect(thrown(() => loose(diff)(invoice, value))).toMatchObject({
      code: "invalid_argument",
      path: "after",
    });
  });

  it.each(notInvoices)("reconcile refuses %s as the recomputed invoice", (_, value) => {
    expect(thrown(() => loose(reconcile)(invoice, value))).toMatchObject({
      code: "invalid_argument",
      path: "recomputed",
    });
  });

  it("reconcile refuses null as the issued document", () => {
    expect(thrown(() => loose(reconcile)(null, invoice))).toMatchObject({
      code: "invalid_argument",
      path: "issued",
    });
  });

  it.each(notInvoices)("fromRatecardInvoice refuses %s", (_, value) => {
    expect(thrown(() => loose(fromRatecardInvoice)(value))).toMatchObject({
      code: "invalid_argument",
      path: "invoice",
    });
  });
});
