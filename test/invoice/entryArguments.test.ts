import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/contracts/index.js";
import { InputError, isRatecardError } from "../../src/errors/index.js";
import { explainText } from "../../src/explain/index.js";
import {
  issueCreditNote,
  rateInvoice,
  rateInvoiceAsync,
  rateOpeningInvoice,
} from "../../src/invoice/index.js";
import { thrown } from "../_support/thrown.js";

// JavaScript callers are not held by the types: every wrong argument must be a typed error with a
// path, never a TypeError from inside the pipeline.
const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const json = JSON.parse(readFileSync(join(FIXTURE, "contract.json"), "utf8"));
const contract = parseContract(json);
const invoice = JSON.parse(readFileSync(join(FIXTURE, "expected.json"), "utf8"));
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to reject");
}

describe("argument checks at the library's entry points", () => {
  it.each([
    ["contract JSON as written", json],
    ["null", null],
    ["a contract with its charges removed", { ...contract, charges: undefined }],
    ["a string", "ctr_northwind_cdn"],
  ])("rateInvoice refuses %s as the contract (unparsed_contract)", (_, value) => {
    const error = thrown(() => loose(rateInvoice)(value, [], "2026-02"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "unparsed_contract", path: "contract" });
  });

  it("accepts a spread copy of a parsed contract (the check is by shape, not identity)", () => {
    // no usage: the 500.00 platform fee alone, as in expected.json's first line
    expect(rateInvoice({ ...contract }, [], "2026-02").lines[0]?.amount).toBe("500.00");
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 5],
    ["a plain object", { id: "e1" }],
    ["a string (iterable, but as characters)", "events.ndjson"],
  ])("rateInvoice refuses %s as the events (invalid_argument)", (_, value) => {
    expect(thrown(() => loose(rateInvoice)(contract, value, "2026-02"))).toMatchObject({
      code: "invalid_argument",
      path: "events",
    });
  });

  it.each([
    ["no period", undefined],
    ["null", null],
    ["a number", 202602],
    ["an object without instants", { start: "2026-02-01", end: "2026-03-01" }],
    ["an object with NaN", { start: Number.NaN, end: 1 }],
  ])("rateInvoice refuses %s as the period (invalid_period)", (_, value) => {
    expect(thrown(() => loose(rateInvoice)(contract, [], value))).toMatchObject({
      code: "invalid_period",
      path: "period",
    });
  });

  it.each([
    ["null options", null, "options"],
    ["options that are a number", 5, "options"],
    ["creditBalances that are a number", { creditBalances: 5 }, "options.creditBalances"],
    ["a balance that is a number", { creditBalances: { wallet: 5 } }, 'options.creditBalances["wallet"]'],
    ["carried state that is a list", { carried: [] }, "options.carried"],
    ["daily as text", { daily: "yes" }, "options.daily"],
    ["creditsStartFull as text", { creditsStartFull: "true" }, "options.creditsStartFull"],
  ])("rateInvoice refuses %s (invalid_argument)", (_, options, path) => {
    expect(thrown(() => loose(rateInvoice)(contract, [], "2026-02", options))).toMatchObject({
      code: "invalid_argument",
      path,
    });
  });

  it("rateInvoiceAsync rejects the same arguments with the same codes", async () => {
    await expect(rejection(() => loose(rateInvoiceAsync)(json, [], "2026-02"))).resolves.toMatchObject({
      code: "unparsed_contract",
    });
    await expect(rejection(() => loose(rateInvoiceAsync)(contract, null, "2026-02"))).resolves.toMatchObject({
      code: "invalid_argument",
      path: "events",
    });
    await expect(rejection(() => loose(rateInvoiceAsync)(contract, []))).resolves.toMatchObject({
      code: "invalid_period",
    });
  });

  it("rateOpeningInvoice refuses contract JSON and bad options", () => {
    expect(thrown(() => loose(rateOpeningInvoice)(json))).toMatchObject({ code: "unparsed_contract" });
    expect(thrown(() => loose(rateOpeningInvoice)(contract, null))).toMatchObject({
      code: "invalid_argument",
      path: "options",
    });
  });

  it("issueCreditNote blames the argument that is wrong, not the corrections", () => {
    const corrections = [{ kind: "invoice", reason: "goodwill" }];
    expect(thrown(() => loose(issueCreditNote)(json, invoice, corrections))).toMatchObject({
      code: "unparsed_contract",
    });
    expect(thrown(() => loose(issueCreditNote)(contract, null, corrections))).toMatchObject({
      code: "invalid_argument",
      path: "invoice",
    });
    expect(
      thrown(() => loose(issueCreditNote)(contract, { ...invoice, total: 7663.78 }, corrections)),
    ).toMatchObject({
      code: "invalid_argument",
      path: "invoice.total",
    });
    expect(
      thrown(() => loose(issueCreditNote)(contract, invoice, corrections, { previous: [{}] })),
    ).toMatchObject({ code: "invalid_argument", path: "options.previous[0].schemaVersion" });
  });

  it("explainText refuses what is not an invoice, with the path inside it", () => {
    expect(thrown(() => loose(explainText)(null))).toMatchObject({
      code: "invalid_argument",
      path: "invoice",
    });
    expect(thrown(() => loose(explainText)(json))).toMatchObject({ code: "invalid_argument" });
  });

  it("law: any value as the contract, events or period gives a RatecardError or an invoice, never a crash", () => {
    const anything = fc.oneof(
      fc.anything(),
      fc.constant(json),
      fc.constant(contract),
      fc.constant([]),
      fc.constant("2026-02"),
    );
    fc.assert(
      fc.property(anything, anything, anything, (c, events, period) => {
        try {
          loose(rateInvoice)(c, events, period);
        } catch (error) {
          expect(isRatecardError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
