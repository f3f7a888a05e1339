import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A contract or an invoice saved as Latin-1 or Windows-1252: Node's "utf8" decoding turned "é" (byte E9)
// into U+FFFD and went on, so "Northwind Stréaming" became "Northwind Str\uFFFDaming" on the invoice
// and in its digest, without a word. Every file a flag names is now read as UTF-8 or refused: exit 2,
// the flag, the file and the line, no stack (the usage files' check is in enginesAgree.test.ts).
beforeAll(assertCliBuilt);

const scratch = mkdtempSync(join(tmpdir(), "ratecard-not-utf8-"));
const CONTRACT = "fixtures/cdn-basic/contract.json";
const USAGE = "fixtures/cdn-basic/usage.ndjson";
const INVOICE = "fixtures/cdn-basic/expected.json";

// The file's text with the customer's name spelt with an é, written as Latin-1 (é is the one byte E9).
function latin1Copy(source: string, name: string): string {
  const text = readFileSync(source, "utf8").replace("Northwind Streaming", "Northwind Str\u00e9aming");
  const file = join(scratch, name);
  writeFileSync(file, Buffer.from(text, "latin1"));
  return file;
}

// The line (from 1) on which the customer's name stands in `source`.
const nameLine = (source: string): number =>
  readFileSync(source, "utf8")
    .split("\n")
    .findIndex((line) => line.includes("Northwind Streaming")) + 1;

function expectRefused(result: ReturnType<typeof runCli>, flagAndFile: string, line: number): void {
  expect([result.code, result.stdout]).toEqual([2, ""]);
  expect(result.stderr).toContain(`${flagAndFile}: line ${line} holds bytes that are no UTF-8 character`);
  expect(result.stderr).toContain("save the file as UTF-8");
  expect(result.stderr).not.toContain("    at ");
}

describe("a contract or an invoice that is not UTF-8", () => {
  it("is refused as --contract, naming the line (ratecard invoice)", () => {
    const contract = latin1Copy(CONTRACT, "contract.json");
    const result = runCli("invoice", "--contract", contract, "--usage", USAGE, "--period", "2026-02");
    // cdn-basic's contract names the customer on line 4.
    expect(nameLine(CONTRACT)).toBe(4);
    expectRefused(result, `--contract ${contract}`, 4);
  });

  it("is refused by ratecard validate", () => {
    const contract = latin1Copy(CONTRACT, "validate.json");
    expectRefused(runCli("validate", contract), `validate ${contract}`, 4);
  });

  it("is refused as the invoice ratecard explain reads", () => {
    const invoice = latin1Copy(INVOICE, "invoice.json");
    expectRefused(runCli("explain", invoice), `explain ${invoice}`, nameLine(INVOICE));
  });

  it("is refused as a line of ratecard batch's --contracts list (NDJSON)", () => {
    const list = join(scratch, "contracts.ndjson");
    const compact = JSON.stringify(JSON.parse(readFileSync(CONTRACT, "utf8")));
    // Line 1 plain, line 2 with the é written as Latin-1.
    writeFileSync(
      list,
      Buffer.concat([
        Buffer.from(`${compact.replace("cus_northwind", "cus_a")}\n`),
        Buffer.from(`${compact.replace("Northwind Streaming", "Str\u00e9aming")}\n`, "latin1"),
      ]),
    );
    const result = runCli("batch", "--contracts", list, "--usage", USAGE, "--period", "2026-02");
    expectRefused(result, `--contracts ${list}`, 2);
  });

  it("is refused as a fixture's expected.json in ratecard check, named in the report", () => {
    const fixture = join(scratch, "fixture");
    cpSync("fixtures/cdn-basic", fixture, { recursive: true });
    latin1Copy(INVOICE, "fixture/expected.json");
    const result = runCli("check", fixture);
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain(
      `line ${nameLine(INVOICE)} holds bytes that are no UTF-8 character`,
    );
    expect(result.stderr).not.toContain("    at ");
  });

  it("still reads the same files saved as UTF-8, é and all", () => {
    const contract = join(scratch, "utf8.json");
    writeFileSync(
      contract,
      readFileSync(CONTRACT, "utf8").replace("Northwind Streaming", "Northwind Str\u00e9aming"),
    );
    const result = runCli(
      "invoice",
      ...["--contract", contract, "--usage", USAGE, "--period", "2026-02", "--format", "json"],
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).customer.name).toBe("Northwind Str\u00e9aming");
  });
});
