import { describe, expect, it } from "vitest";
import { runCli } from "../_support/runCli.js";

// The cdn-basic fixture's contract, usage and February period, for the two commands that rate it.
const RATED = [
  "--contract",
  "fixtures/cdn-basic/contract.json",
  "--usage",
  "fixtures/cdn-basic/usage.ndjson",
  "--period",
  "2026-02",
];
const EXPORT = ["export", "fixtures/cdn-basic/expected.json", "--provider", "Acme"];

// A flag that takes one of a few words names them, and the one most likely meant when the word given is
// a typo of it (one or two letters off, or another case), as the library's choices do; a word close to
// none gets the list alone. Exit 2, one line, no stack.
describe("a flag given a word it does not take", () => {
  it.each([
    [
      ["invoice", ...RATED, "--engine", "duckbd"],
      'ratecard: --engine must be auto, memory or duckdb, not "duckbd"; did you mean "duckdb"?',
    ],
    [
      ["invoice", ...RATED, "--format", "jsn"],
      'ratecard: --format must be text, json, markdown, html, explain-json or xlsx, not "jsn"; did you mean "json"?',
    ],
    [
      ["usage", ...RATED, "--by", "hours"],
      'ratecard: --by must be day or hour, not "hours"; did you mean "hour"?',
    ],
    [
      ["batch", "--contracts", "fixtures/cdn-basic/contract.json", ...RATED.slice(2), "--format", "nd-json"],
      'ratecard: --format must be ndjson or json, not "nd-json"; did you mean "ndjson"?',
    ],
    [
      ["reconcile", "--issued", "fixtures/cdn-basic/expected.json", ...RATED, "--issued-format", "stipe"],
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
    const { code, stderr } = runCli("invoice", ...RATED, "--engine", "spark");
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('ratecard: --engine must be auto, memory or duckdb, not "spark"');
  });

  it("names FOCUS's service category written in another case", () => {
    const { code, stderr } = runCli(...EXPORT, "--service-category", "networking");
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/; not "networking"; did you mean "Networking"\?$/);
  });
});
