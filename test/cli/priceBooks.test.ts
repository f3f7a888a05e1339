import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// fixtures/_price-books (docs/price-books.md): acme and globex follow edge-standard, whose version
// 2026-03 (bandwidth 0.08 → 0.06) takes effect on March 15; test/contracts/priceBooks.test.ts works
// March out by hand: acme 130.00, globex 218.00.
const DIR = "fixtures/_price-books";
const BOOK = `${DIR}/edge-standard.json`;
const MARCH_JSON = ["--period", "2026-03", "--format", "json"];
const acme = ["--contract", `${DIR}/acme/contract.json`, "--usage", `${DIR}/acme/usage.ndjson`];

let scratch: string;
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-price-books-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("--price-book", () => {
  it("rates a contract that follows a book, each line naming the version that priced it", () => {
    const { code, stdout, stderr } = runCli("invoice", ...acme, "--price-book", BOOK, ...MARCH_JSON);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const invoice = JSON.parse(stdout);
    expect(invoice.total).toBe("130.00");
    expect(
      invoice.lines.map((line: { id: string; priceBook: { version: string } }) => [
        line.id,
        line.priceBook.version,
      ]),
    ).toEqual([
      ["platform", "2026-01"],
      ["bandwidth@2026-03-01", "2026-01"],
      ["bandwidth@2026-03-15", "2026-03"],
    ]);
  });

  it("previews the open month under the version in force", () => {
    const { code, stdout } = runCli(
      "preview",
      ...acme,
      "--price-book",
      BOOK,
      "--period",
      "2026-03",
      "--as-of",
      "2026-03-12",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    // before March 12 only the 1,000 GB of March 10 count, at version 2026-01: 80.00
    const preview = JSON.parse(stdout);
    const bandwidth = preview.lines.filter((line: { chargeId: string }) => line.chargeId === "bandwidth");
    expect(bandwidth.map((line: { amount: string }) => line.amount)).toContain("80.00");
  });

  it("shows the events behind a book's line (ratecard usage takes --price-book too)", () => {
    const { code, stdout } = runCli("usage", ...acme, "--price-book", BOOK, "--period", "2026-03");
    expect(code).toBe(0);
    // the two bandwidth events of March: 1,000 + 500 = 1,500 GB
    expect(stdout).toContain("1,500");
  });

  it("refuses a contract that follows a book when the book is not given, naming the flag to add", () => {
    const { code, stderr } = runCli("invoice", ...acme, "--period", "2026-03");
    expect(code).toBe(2);
    expect(stderr).toContain("--price-book");
    expect(stderr).toContain('"edge-standard"');
  });

  it("names the book's file when the book itself is wrong", () => {
    const bad = join(scratch, "bad-book.json");
    const book = JSON.parse(readFileSync(BOOK, "utf8"));
    writeFileSync(bad, JSON.stringify({ ...book, versions: [...book.versions].reverse() }));
    const { code, stderr } = runCli("invoice", ...acme, "--price-book", bad, "--period", "2026-03");
    expect(code).toBe(2);
    expect(stderr).toContain(`--price-book ${bad}: versions[1].effective`);
  });

  it("validates a contract against its book", () => {
    const ok = runCli("validate", `${DIR}/globex/contract.json`, "--price-book", BOOK, "--format", "json");
    expect(ok.code).toBe(0);
    // the book's two charges and meter, none of globex's own
    expect(JSON.parse(ok.stdout).contract).toMatchObject({ charges: 2, meters: 1 });
    const missing = runCli("validate", `${DIR}/globex/contract.json`, "--format", "json");
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).problems[0]).toMatchObject({
      code: "unknown_price_book",
      path: "priceBook.id",
    });
  });

  it("checks fixtures whose contracts follow a book", () => {
    const fixture = join(scratch, "acme");
    cpSync(`${DIR}/acme`, fixture, { recursive: true });
    writeFileSync(join(fixture, "fixture.json"), JSON.stringify({ period: "2026-03" }));
    const written = runCli("check", fixture, "--price-book", BOOK, "--update");
    expect(written.stderr).toBe("");
    expect(JSON.parse(readFileSync(join(fixture, "expected.json"), "utf8")).total).toBe("130.00");
    expect(runCli("check", fixture, "--price-book", BOOK).code).toBe(0);
    expect(runCli("check", fixture).code).toBe(2);
  });

  it("what-if compares a new version of the book across the customers that follow it", () => {
    // The proposal: version 2026-03 at 0.05 instead of 0.06.
    // acme: 80.00 + 500 × 0.05 = 25.00, + 20.00 = 125.00 (from 130.00: −5.00)
    // globex: 144.00 + 1,000 × (0.05 × 0.9 = 0.045) = 45.00, + 20.00 = 209.00 (from 218.00: −9.00)
    const book = JSON.parse(readFileSync(BOOK, "utf8"));
    book.versions[1].charges[1].price.unitPrice = "0.05";
    const proposed = join(scratch, "edge-standard-proposed.json");
    writeFileSync(proposed, JSON.stringify(book));
    const { code, stdout, stderr } = runCli(
      "what-if",
      "--before",
      DIR,
      "--usage",
      DIR,
      "--price-book",
      BOOK,
      "--after-price-book",
      proposed,
      ...MARCH_JSON,
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout).rows.map(
      (row: { customer: string; before: string; after: string; change: string }) => [
        row.customer,
        row.before,
        row.after,
        row.change,
      ],
    );
    expect(rows).toEqual([
      ["acme", "130.00", "125.00", "-5.00"],
      ["globex", "218.00", "209.00", "-9.00"],
    ]);
  });
});
