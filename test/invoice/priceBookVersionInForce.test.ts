import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parsePriceBook, rateInvoice, resolveContract } from "../../src/index.js";

// fixtures/_price-books (docs/price-books.md): edge-standard's version 2026-01 (bandwidth 0.08) and
// 2026-03 (0.06 from March 15), and acme, who follows it: 1,000 GB on March 10, 500 GB on March 20.
const DIR = join(import.meta.dirname, "../../fixtures/_price-books");
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, file), "utf8"));

describe("the price book version a line names", () => {
  it("is the last of several in force at the line's start, not another one before it", () => {
    // A version 2026-02 from February 1 with 2026-01's prices puts three versions in force on March 15.
    const book = read("edge-standard.json");
    const [january, march] = book.versions as Array<Record<string, unknown>>;
    const february = { ...january, version: "2026-02", effective: "2026-02-01" };
    const three = parsePriceBook({ ...book, versions: [january, february, march] });
    const contract = resolveContract(read("acme/contract.json"), [three]);
    const usage = readFileSync(join(DIR, "acme", "usage.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const invoice = rateInvoice(contract, usage, "2026-03");
    // March 1: 2026-01 and 2026-02 in force, the later named; 1,000 GB × 0.08 = 80.00.
    // March 15: all three in force, 2026-03 named; 500 GB × 0.06 = 30.00. Platform 20.00 under 2026-02.
    expect(invoice.lines.map((line) => [line.id, line.priceBook?.version, line.amount])).toEqual([
      ["platform", "2026-02", "20.00"],
      ["bandwidth@2026-03-01", "2026-02", "80.00"],
      ["bandwidth@2026-03-15", "2026-03", "30.00"],
    ]);
  });
});
