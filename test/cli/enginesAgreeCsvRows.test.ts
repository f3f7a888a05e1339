import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";

// A CSV row with a cell too many (docs/cli.md, "Usage file formats"): both engines refuse the file with
// the in-memory reader's sentence, naming the row's physical line. Before (6 December 2026), DuckDB's
// sniffer took the long row's 7 cells for the header's and `--engine duckdb` said "DuckDB could not read
// usage.csv: it finds 7 columns in the header row, where ratecard finds 6", naming no line.

let scratch = "";
let contract = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-csv-rows-"));
  contract = join(scratch, "contract.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const FILES: ReadonlyArray<readonly [string, string, string]> = [
  [
    "plain rows",
    "id,type,customer,timestamp,gb,note\ne1,egress,cus_a,2026-02-10T00:00:00Z,10,x\ne2,egress,cus_a,2026-02-10T00:00:00Z,5,x,extra\n",
    "usage.csv line 3 has 7 cells but the header row has 6 columns",
  ],
  // Line 1 header, lines 2–3 e1 (its note holds a CRLF), line 4 e2 with a cell too many.
  [
    "after a quoted CRLF",
    'id,type,customer,timestamp,gb,note\ne1,egress,cus_a,2026-02-10T00:00:00Z,10,"two\r\nlines"\ne2,egress,cus_a,2026-02-10T00:00:00Z,5,x,extra\n',
    "usage.csv line 4 has 7 cells but the header row has 6 columns",
  ],
];

describe("a CSV usage file with a row of a cell too many", () => {
  it.each(FILES)("is refused by both engines naming its line (%s)", (name, text, sentence) => {
    const folder = join(scratch, name.replaceAll(/[^a-z0-9]+/gi, "_"));
    const usage = join(folder, "usage.csv");
    mkdirSync(folder);
    writeFileSync(usage, text);
    for (const engine of ["memory", "duckdb"]) {
      const result = runCli(
        ...["invoice", "--contract", contract, "--usage", usage, "--period", "2026-02"],
        ...["--engine", engine],
      );
      expect([engine, result.code, result.stdout]).toEqual([engine, 2, ""]);
      expect(result.stderr).toContain(sentence);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
