import { describe, expect, it } from "vitest";
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
