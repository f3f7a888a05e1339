import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { expectBothEnginesBill, expectBothEnginesRefuse } from "../_support/engineRefusals.js";
import { assertCliBuilt } from "../_support/runCli.js";

// A CSV whose lines end LF and CRLF both: two exports joined (docs/cli.md, "Usage file formats").
// Before: the in-memory engine read a file of LF lines with one CRLF line as csv-parse does, its "\r"
// kept in the last cell, so e2's "5\r" was no number: e1 10 GB + e3 7 GB = 17 GB × $0.05 = $0.85 billed,
// e2 left out as invalid_value; DuckDB refused the file ("Error when sniffing file"). A file of CRLF lines
// with one LF line: the in-memory engine read lines 3–4 as one row of 9 cells. DuckDB cannot be told to
// read both line ends (its new_line option takes one), so both engines refuse the file with one
// sentence naming the line.

let scratch = "";
let contract = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-line-ends-"));
  // $0.05 per GB, UTC, monthly, customer cus_a.
  contract = join(scratch, "contract.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const row = (id: string, gb: string, day: string) => `${id},egress,cus_a,2026-02-${day}T00:00:00Z,${gb}`;
const lines = [
  "id,type,customer,timestamp,gb",
  row("e1", "10", "10"),
  row("e2", "5", "10"),
  row("e3", "7", "11"),
];
// Line 3 (e2) ends the other way.
const joined = (first: string, other: string) =>
  lines.map((line, index) => line + (index === 2 ? other : first)).join("");

const FILES: ReadonlyArray<readonly [string, string, string]> = [
  [
    "LF lines, one CRLF",
    joined("\n", "\r\n"),
    "line 3 ends with CRLF (\\r\\n) where the file's first line ends with LF (\\n)",
  ],
  [
    "CRLF lines, one LF",
    joined("\r\n", "\n"),
    "line 3 ends with LF (\\n) where the file's first line ends with CRLF (\\r\\n)",
  ],
  // Past DuckDB's sniffing sample (20,480 rows): it failed later, "state machine reached an invalid state".
  [
    "30,000 LF lines, then one CRLF",
    `${lines[0]}\n${Array.from({ length: 30_000 }, (_, i) => `${row(`b${i}`, "1", "12")}\n`).join("")}${row("x", "5", "13")}\r\n`,
    "line 30002 ends with CRLF (\\r\\n)",
  ],
];

describe("a CSV usage file whose lines end LF and CRLF both", () => {
  it.each(FILES)(
    "is refused by both engines with one sentence naming the line (%s)",
    (name, text, sentence) => {
      const usage = join(scratch, `${name.replaceAll(/[^a-z0-9]+/gi, "_")}.csv`);
      writeFileSync(usage, text);
      expectBothEnginesRefuse(contract, usage, sentence);
    },
  );

  it("is still read when a quoted cell holds a CRLF inside an LF file (a line break in a value, not a line end)", () => {
    const usage = join(scratch, "quoted-crlf.csv");
    writeFileSync(
      usage,
      `${lines[0]},note\n${row("e1", "10", "10")},"two\r\nlines"\n${row("e2", "5", "10")},x\n`,
    );
    // e1 10 GB + e2 5 GB = 15 GB × $0.05 = $0.75
    expectBothEnginesBill(contract, usage, "0.75");
  });
});
