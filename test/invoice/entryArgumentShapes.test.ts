import { describe, expect, it } from "vitest";
import { parseContract } from "../../src/contracts/index.js";
import {
  requireContract,
  requireEventSource,
  requireEvents,
  requireOptions,
  requirePeriod,
} from "../../src/invoice/entryArguments.js";
import { buildContractJson } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The shape checks behind every entry point's argument errors, one field at a time: a parsed contract
// missing any one of the fields the rating code reads is refused at `contract`, before it could fail
// as a TypeError deep inside; the sentence tells contract JSON (pass it through parseContract) from
// anything else. test/invoice/entryArguments.test.ts checks the same through the public functions.
const json = buildContractJson();
const contract = parseContract(json);
const NOT_PARSED =
  "The contract is contract JSON as written, not a parsed contract: pass it through parseContract(json) first, which checks it and reads its dates and decimals.";

describe("requireContract", () => {
  it("accepts a parsed contract, and a spread copy of it", () => {
    expect(() => requireContract(contract)).not.toThrow();
    expect(() => requireContract({ ...contract })).not.toThrow();
  });

  it.each([
    ["id", { id: 1 }],
    ["timeZone", { timeZone: undefined }],
    ["customer", { customer: "cus" }],
    ["customer.id", { customer: {} }],
    ["currency", { currency: null }],
    ["currency.code", { currency: { minorUnits: 2 } }],
    ["currency.minorUnits", { currency: { code: "USD", minorUnits: "2" } }],
    ["cycle", { cycle: undefined }],
    ["cycle.termStart", { cycle: { termStart: "2026-01-01" } }],
    ["term", { term: undefined }],
    ["term.start", { term: { start: "2026-01-01" } }],
    ["meters", { meters: undefined }],
    ["charges", { charges: {} }],
    ["allowances", { allowances: undefined }],
    ["discounts", { discounts: undefined }],
    ["commitments", { commitments: undefined }],
    ["credits", { credits: undefined }],
    ["amendments", { amendments: undefined }],
    ["overrides", { overrides: undefined }],
    ["customUnits", { customUnits: undefined }],
  ])("refuses a parsed contract whose %s is missing or of the wrong kind", (_, change) => {
    expect(thrown(() => requireContract({ ...contract, ...change }))).toMatchObject({
      code: "unparsed_contract",
      path: "contract",
    });
  });

  it("tells contract JSON by its currency text, its billing or its term written as dates", () => {
    expect(thrown(() => requireContract(json))).toMatchObject({ message: NOT_PARSED });
    expect(thrown(() => requireContract({ currency: "USD" }))).toMatchObject({ message: NOT_PARSED });
    expect(thrown(() => requireContract({ billing: null }))).toMatchObject({ message: NOT_PARSED });
    expect(thrown(() => requireContract({ term: { start: "2026-01-01" } }))).toMatchObject({
      message: NOT_PARSED,
    });
  });

  it("names anything else by what it is", () => {
    for (const value of [null, [], "ctr", { id: "ctr" }, { currency: { code: "USD" } }, { term: "2026" }]) {
      expect(thrown(() => requireContract(value))).toMatchObject({
        code: "unparsed_contract",
        message: expect.stringMatching(/^The contract must be what parseContract\(json\) returns, not ./),
      });
    }
  });
});

describe("requireEvents and requireEventSource", () => {
  async function* stream() {
    yield* [];
  }

  it("read any iterable but a string; the streaming entry also an async iterable or a function", () => {
    for (const events of [[], new Set(), new Map().values()]) {
      expect(() => requireEvents(events)).not.toThrow();
      expect(() => requireEventSource(events)).not.toThrow();
    }
    expect(() => requireEventSource(stream())).not.toThrow();
    expect(() => requireEventSource(() => [])).not.toThrow();
  });

  it("refuse the rest at events, saying which forms they read", () => {
    for (const events of ["events.ndjson", null, undefined, 5, { id: "e1" }, stream(), () => []]) {
      expect(thrown(() => requireEvents(events))).toMatchObject({
        code: "invalid_argument",
        path: "events",
        message: expect.stringMatching(
          /^The usage events must be an array \(or another iterable\) of events, not .+; pass \[\] for a period without usage\.$/,
        ),
      });
    }
    for (const events of ["events.ndjson", null, undefined, 5, { id: "e1" }]) {
      expect(thrown(() => requireEventSource(events))).toMatchObject({
        code: "invalid_argument",
        path: "events",
        message: expect.stringMatching(
          /^The usage events must be an array of events, an iterable or async iterable of them, or a function that returns one, not ./,
        ),
      });
    }
  });
});

describe("requirePeriod", () => {
  it("accepts text, or two finite instants", () => {
    expect(() => requirePeriod("2026-02")).not.toThrow();
    expect(() => requirePeriod({ start: 0, end: 1 })).not.toThrow();
  });

  it.each([
    ["an end that is not finite", { start: 0, end: Number.POSITIVE_INFINITY }],
    ["a start that is not a number", { start: "0", end: 1 }],
    ["no end", { start: 0 }],
    ["a list", [0, 1]],
  ])("refuses %s at period", (_, period) => {
    expect(thrown(() => requirePeriod(period))).toMatchObject({
      code: "invalid_period",
      path: "period",
      message: expect.stringMatching(/^The invoice period must be text such as "2026-02"/),
    });
  });
});

describe("requirePeriod: a period written another way is told by what it is", () => {
  // Until 7 December 2026 (session 43) both read "…, or { start, end } in epoch milliseconds, not an
  // object.": the caller did pass an object, and was not told which part was wrong.
  it("a Date, with its instant", () => {
    expect(thrown(() => requirePeriod(new Date(Date.UTC(2026, 1, 1))))).toMatchObject({
      code: "invalid_period",
      message: expect.stringMatching(/, not a Date \(2026-02-01T00:00:00\.000Z\)\.$/),
    });
  });

  it("{ start, end } of dates as text: the field, and the one text to write", () => {
    expect(thrown(() => requirePeriod({ start: "2026-02-01", end: "2026-03-01" }))).toMatchObject({
      message: expect.stringMatching(
        /, not \{ start, end \} whose start is the text "2026-02-01"; write dates as one text, "2026-02-01\/2026-03-01"\.$/,
      ),
    });
    // The start in milliseconds, the end a Date: the end is named.
    expect(thrown(() => requirePeriod({ start: 0, end: new Date(0) }))).toMatchObject({
      message: expect.stringContaining("whose end is a Date (1970-01-01T00:00:00.000Z); write dates"),
    });
  });

  it("a number out of range is named without the advice about dates", () => {
    expect(thrown(() => requirePeriod({ start: 0, end: Number.NaN }))).toMatchObject({
      message: expect.stringMatching(/, not \{ start, end \} whose end is the number NaN\.$/),
    });
  });
});

describe("requireOptions", () => {
  it("accepts no options, and each option of its kind", () => {
    expect(() => requireOptions(undefined)).not.toThrow();
    expect(() =>
      requireOptions({
        creditBalances: { prepay: "600.00" },
        carried: {},
        daily: true,
        creditsStartFull: false,
      }),
    ).not.toThrow();
  });

  it.each([
    ["a list as options", [], "options", /^The options must be an object, not ./],
    [
      "creditBalances as a list",
      { creditBalances: [] },
      "options.creditBalances",
      /^creditBalances must be an object of credit grant id → balance text/,
    ],
    [
      "a balance as a number",
      { creditBalances: { prepay: 600 } },
      'options.creditBalances["prepay"]',
      /^The balance of credit grant "prepay" must be decimal text such as "600.00", not ./,
    ],
    [
      "carried as null",
      { carried: null },
      "options.carried",
      /^carried must be the previous invoice's usage.carryOut/,
    ],
    ["daily as 1", { daily: 1 }, "options.daily", /^daily must be true or false, not ./],
    [
      "creditsStartFull as null",
      { creditsStartFull: null },
      "options.creditsStartFull",
      /^creditsStartFull must be true or false, not ./,
    ],
  ])("refuses %s, naming the option", (_, options, path, message) => {
    expect(thrown(() => requireOptions(options))).toMatchObject({
      code: "invalid_argument",
      path,
      message: expect.stringMatching(message),
    });
  });
});
