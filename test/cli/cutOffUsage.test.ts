import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { endsInsideARow } from "../../src/cli/csvLastLine.js";
import { jsonEndsTooSoon } from "../../src/cli/jsonEndsTooSoon.js";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

const { file } = scratchFolder("ratecard-cut-off-", assertCliBuilt);
const event = (id: string) =>
  JSON.stringify({
    id,
    type: "egress",
    customer: "cus_a",
    timestamp: "2026-02-10T00:00:00Z",
    properties: { gb: "1" },
  });
// A usage file cut off while copied: the second event stops inside its "type" field.
const cutOff = `${event("e1")}\n${event("e2").slice(0, 20)}`;

const invoice = (usage: string, engine: string) =>
  runCli(
    "invoice",
    ...["--contract", file("egress.json", JSON.stringify(egressContractJson("cus_a")))],
    ...["--usage", usage, "--period", "2026-02", "--engine", engine],
  );

describe("a usage file that ends before its JSON does", () => {
  it("says the NDJSON line ends before its event does, on both engines, exit 2", () => {
    // Before: "usage.ndjson line 2 is not valid JSON." and nothing about why.
    const usage = file("usage.ndjson", cutOff);
    for (const engine of ["memory", "duckdb"]) {
      const run = invoice(usage, engine);
      expect([engine, run.code, run.stdout]).toEqual([engine, 2, ""]);
      expect(run.stderr).toBe(
        `ratecard: ${usage} line 2 is not valid JSON (the line ends before its event does: was the file cut off while it was copied, or an event written over two lines?).\n`,
      );
    }
  });

  it("says a .json file ends before its JSON does", () => {
    const usage = file("usage.json", `[${event("e1")},\n${event("e2").slice(0, 30)}`);
    const run = invoice(usage, "memory");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "is not valid JSON (the file ends before its JSON does: was it cut off while it was copied?)",
    );
  });

  it("tells a line cut off from a line wrong in its middle", () => {
    // `{"a":"1"`: JSON.parse stops at position 8, the end; `{"a" "1"}`: at 5, with text after it.
    const stop = (text: string) => {
      try {
        JSON.parse(text);
      } catch (error) {
        return String(error);
      }
      return "";
    };
    expect(jsonEndsTooSoon('{"a":"1"', stop('{"a":"1"'))).toBe(true);
    expect(jsonEndsTooSoon('{"a":"1', stop('{"a":"1'))).toBe(true);
    expect(jsonEndsTooSoon('{"a" "1"}', stop('{"a" "1"}'))).toBe(false);
  });
});

describe("a CSV usage file that ends inside its last row", () => {
  const header = "id,type,customer,timestamp,gb\n";
  const row = (id: string, gb: string) => `${id},egress,cus_a,2026-02-10T00:00:00Z,${gb}`;
  // The second row was 2.5 GB; the copy stopped after its "2".
  const cut = `${header}${row("e1", "1")}\n${row("e2", "2")}`;
  const warning = (name: string) =>
    `ratecard: warning: ${name} ends without a line break after its last row. A file cut off while it was copied ends so, and its last value may be cut short (25 of 25.325) with nothing to show it; its rows are rated as they are. Compare the file with its source; a CSV writer ends every row with a line break.\n`;

  it("is rated as it is, with a warning on stderr, on both engines", () => {
    // Before: no word, and 3 GB billed where the source held 3.5.
    const usage = file("cut.csv", cut);
    for (const engine of ["memory", "duckdb"]) {
      const run = invoice(usage, engine);
      expect([engine, run.code, run.stderr]).toEqual([engine, 0, warning(usage)]);
      // 1 + 2 = 3 GB at $0.05 = $0.15: the rows as the file holds them.
      expect(run.stdout).toContain("$0.15");
    }
  });

  it("warns of standard input once it is read", () => {
    const cli = join(import.meta.dirname, "..", "..", "dist", "cli.js");
    const contract = file("egress-stdin.json", JSON.stringify(egressContractJson("cus_a")));
    const args = ["invoice", "--contract", contract, "--usage", "-", "--usage-format", "csv"];
    const run = spawnSync(process.execPath, [cli, ...args, "--period", "2026-02"], {
      input: cut,
      encoding: "utf8",
    });
    expect([run.status, run.stderr]).toEqual([0, warning("stdin")]);
  });

  it("says nothing of a file whose rows all end, or of a header alone", () => {
    for (const [name, text] of [
      ["whole.csv", `${cut}.5\n`],
      ["crlf.csv", `${cut.replaceAll("\n", "\r\n")}.5\r\n`],
      ["header.csv", header.trimEnd()],
    ] as const) {
      const run = invoice(file(name, text), "memory");
      expect([name, run.code, run.stderr]).toEqual([name, 0, ""]);
    }
  });

  it("is told from the last bytes: a line break before the last byte, none after it", () => {
    const bytes = (text: string) => Buffer.from(text);
    expect(endsInsideARow(bytes("id\ne1"), true)).toBe(true);
    expect(endsInsideARow(bytes("id\re1"), true)).toBe(true);
    expect(endsInsideARow(bytes("id\ne1\n"), true)).toBe(false);
    expect(endsInsideARow(bytes("id,type"), true)).toBe(false); // a header alone
    expect(endsInsideARow(bytes("e1,egress"), false)).toBe(true); // the end of a larger file
    expect(endsInsideARow(bytes(""), true)).toBe(false);
  });
});
