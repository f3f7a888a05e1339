import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { expectBothEnginesRefuse } from "../_support/engineRefusals.js";
import { assertCliBuilt } from "../_support/runCli.js";

// A usage CSV saved by a spreadsheet set to a decimal comma (German or French Excel) has its columns
// separated by semicolons, and a tab-separated export by tabs: its header row is one cell. Before, the
// refusal said only that line 1 is not a header row, quoting "id;type;customer;timestamp;gb", and left
// the reader to see why; it now names the separator and what ratecard reads, on both engines.
let scratch = "";
let contract = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-csv-separators-"));
  contract = join(scratch, "contract.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a usage CSV separated by semicolons or tabs", () => {
  it("is refused naming the semicolons and the decimal comma that comes with them", () => {
    const file = join(scratch, "semicolons.csv");
    writeFileSync(file, "id;type;customer;timestamp;gb\ne1;egress;cus_a;2026-02-10T00:00:00Z;1,5\n");
    expectBothEnginesRefuse(
      contract,
      file,
      'line 1 is not a header row: a CSV usage file starts with a row naming its columns, at least id, type, customer and timestamp (found "id;type;customer;timestamp;gb"): its columns are separated by semicolons (as a spreadsheet set to a decimal comma saves CSV); ratecard reads a usage CSV separated by commas, with decimal points in numbers ("1.5", not "1,5"): save or export it so.',
    );
  });

  it("is refused naming the tabs", () => {
    const file = join(scratch, "tabs.csv");
    writeFileSync(file, "id\ttype\tcustomer\ttimestamp\tgb\ne1\tegress\tcus_a\t2026-02-10T00:00:00Z\t1.5\n");
    // The quoted header shows each tab escaped, as the file's text is written in any refusal.
    expectBothEnginesRefuse(
      contract,
      file,
      'line 1 is not a header row: a CSV usage file starts with a row naming its columns, at least id, type, customer and timestamp (found "id\\ttype\\tcustomer\\ttimestamp\\tgb"): its columns are separated by tabs; ratecard reads a usage CSV separated by commas, with decimal points in numbers ("1.5", not "1,5"): save or export it so.',
    );
  });
});
