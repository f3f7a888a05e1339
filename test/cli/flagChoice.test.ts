import { describe, expect, it } from "vitest";
import { CDN_BASIC_FEBRUARY } from "../_support/cdnBasicFebruary.js";
import { runCli } from "../_support/runCli.js";

const EXPORT = ["export", "fixtures/cdn-basic/expected.json", "--provider", "Acme"];

// A flag that takes one of a few words names them, and the one most likely meant when the word given is
// a typo of it (one or two letters off, or another case), as the library's choices do; a word close to
// none gets the list alone. Exit 2, one line, no stack.
describe("a flag given a word it does not take", () => {
  it.each([
    [
      ["invoice", ...CDN_BASIC_FEBRUARY, "--engine", "duckbd"],
      'ratecard: --engine must be auto, memory or duckdb, not "duckbd"; did you mean "duckdb"?',
    ],
    [
      ["invoice", ...CDN_BASIC_FEBRUARY, "--format", "jsn"],
      'ratecard: --format must be text, json, markdown, html, explain-json or xlsx, not "jsn"; did you mean "json"?',
    ],
    [
      ["usage", ...CDN_BASIC_FEBRUARY, "--by", "hours"],
      'ratecard: --by must be day or hour, not "hours"; did you mean "hour"?',
    ],
    [
      [
        "batch",
        "--contracts",
        "fixtures/cdn-basic/contract.json",
        ...CDN_BASIC_FEBRUARY.slice(2),
        "--format",
        "nd-json",
      ],
      'ratecard: --format must be ndjson or json, not "nd-json"; did you mean "ndjson"?',
    ],
    [
      [
        "reconcile",
        "--issued",
        "fixtures/cdn-basic/expected.json",
        ...CDN_BASIC_FEBRUARY,
        "--issued-format",
        "stipe",
      ],
      'ratecard: --issued-format must be ratecard, csv or stripe, not "stipe"; did you mean "stripe"?',
    ],
    [
      [...EXPORT, "--output-format", "parket"],
      'ratecard: --output-format must be csv or parquet, not "parket"; did you mean "parquet"?',
    ],
  ])("%j names the word meant", (args, line) => {
    const { code, stderr } = runCli(...args);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(line);
  });

  it("gives the list alone for a word close to none of them", () => {
    const { code, stderr } = runCli("invoice", ...CDN_BASIC_FEBRUARY, "--engine", "spark");
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('ratecard: --engine must be auto, memory or duckdb, not "spark"');
  });

  it("names FOCUS's service category written in another case", () => {
    const { code, stderr } = runCli(...EXPORT, "--service-category", "networking");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/; not "networking"; did you mean "Networking"\?$/);
  });
});
