import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors/index.js";
import {
  aggregateForRating,
  aggregateParsedForRating,
  mergeUsageAggregates,
  prepareRating,
  rateFromAggregates,
  rateMany,
  rateParsedForRating,
} from "../../src/invoice/index.js";
import { buildContract, buildContractJson } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// The sharded entry points and rateMany take what prepareRating and parseContract return; from
// JavaScript anything else (null, contract JSON, the contract itself) must be a typed error with a path,
// never a TypeError such as "Cannot read properties of null (reading 'period')".
const contract = buildContract({});
const prepared = prepareRating(contract, "2026-03");
const aggregates = aggregateForRating(prepared, []);
// biome-ignore lint/suspicious/noExplicitAny: the point is to call the API with what the types forbid
const loose = (fn: unknown) => fn as (...args: any[]) => any;
const notPrepared: ReadonlyArray<readonly [string, unknown]> = [
  ["null", null],
  ["an empty object", {}],
  ["the contract itself", contract],
  ["a period text", "2026-03"],
];

describe("what the sharded entry points take as prepared", () => {
  it.each(notPrepared)("aggregateForRating refuses %s (invalid_argument at prepared)", (_, value) => {
    const error = thrown(() => loose(aggregateForRating)(value, []));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "prepared" });
  });

  it.each(notPrepared)("aggregateParsedForRating refuses %s", (_, value) => {
    expect(thrown(() => loose(aggregateParsedForRating)(value, []))).toMatchObject({ path: "prepared" });
  });

  it.each(notPrepared)("rateFromAggregates refuses %s", (_, value) => {
    expect(thrown(() => loose(rateFromAggregates)(value, aggregates))).toMatchObject({
      code: "invalid_argument",
      path: "prepared",
    });
  });

  it.each(notPrepared)("rateParsedForRating refuses %s", (_, value) => {
    expect(thrown(() => loose(rateParsedForRating)(value, []))).toMatchObject({
      code: "invalid_argument",
      path: "prepared",
    });
  });

  it("rateParsedForRating refuses an option it does not know, at its path", () => {
    expect(thrown(() => loose(rateParsedForRating)(prepared, [], { dayly: true }))).toMatchObject({
      code: "invalid_argument",
    });
  });

  it.each(notPrepared)("mergeUsageAggregates refuses %s", (_, value) => {
    expect(thrown(() => loose(mergeUsageAggregates)(value, aggregates, aggregates))).toMatchObject({
      code: "invalid_argument",
      path: "prepared",
    });
  });
});

describe("a prepared rating known without a shape check", () => {
  // prepareRating brands what it makes; a copy of it (or one from a second copy of the library) is
  // checked by shape once, then known. Either way the invoice is the one the original gives.
  it("rates with a spread copy of a prepared rating, twice, as with the original", () => {
    const copy = { ...prepared };
    const original = JSON.stringify(rateFromAggregates(prepared, aggregates));
    expect(JSON.stringify(rateFromAggregates(copy, aggregates))).toBe(original);
    expect(JSON.stringify(rateFromAggregates(copy, aggregates))).toBe(original);
  });

  it("still refuses a copy whose contract was replaced by contract JSON", () => {
    const copy = { ...prepared, contract: buildContractJson({}) };
    expect(thrown(() => loose(rateFromAggregates)(copy, aggregates))).toMatchObject({
      code: "invalid_argument",
      path: "prepared",
    });
  });
});

describe("what rateMany takes as contracts", () => {
  it.each([
    ["one contract, not a list", contract],
    ["null", null],
  ])("refuses %s (invalid_argument at contracts)", (_, value) => {
    const error = thrown(() => loose(rateMany)(value, [], "2026-03"));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: "invalid_argument", path: "contracts" });
  });

  it.each([
    ["null", null],
    ["contract JSON as written", buildContractJson({ id: "ctr_2", customer: { id: "cus_2" } })],
  ])("refuses %s among the contracts (unparsed_contract at its index)", (_, value) => {
    const error = thrown(() => loose(rateMany)([contract, value], [], "2026-03"));
    expect(error).toMatchObject({ code: "unparsed_contract", path: "contracts[1]" });
  });
});
