import { beforeAll, describe, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import {
  expectBothEnginesBill,
  expectBothEnginesRefuse,
  expectBothEnginesRefuseUsage,
} from "../_support/engineRefusals.js";
import { assertCliBuilt } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// A CSV cell whose quotes are not where RFC 4180 puts them: a space before the opening quote
// (`e1, "10"`, a hand-written or printf-made file), a space after the closing quote, a quote inside an
// unquoted cell (`10"`). The in-memory engine (csv-parse) refuses the row, naming the line; DuckDB's CSV
// reader took it (it trims the spaces around a quoted cell and keeps a stray quote as text) and billed the
// file. Before, with e1 ` "10"` and e2 `5` ($0.05 per GB): memory exit 2, DuckDB 10 + 5 = 15 GB × $0.05
// = $0.75, exit 0. Now both refuse with the in-memory engine's sentence.

const scratch = scratchFolder("ratecard-csv-quotes-", assertCliBuilt);
// $0.05 per GB, UTC, monthly, customer cus_a.
let contract = "";
beforeAll(() => {
  contract = scratch.file("contract.json", JSON.stringify(egressContractJson("cus_a")));
});

const row = (id: string, gb: string) => `${id},egress,cus_a,2026-02-10T00:00:00Z,${gb}`;
const file = (bad: string, eol = "\n") =>
  ["id,type,customer,timestamp,gb,note", `${row("e1", "10")},ok`, `${row("e2", "5")},${bad}`, ""].join(eol);
// Past DuckDB's sniffing sample (20,480 rows) and the search's first 64 KB chunk.
const far = `id,type,customer,timestamp,gb\n${Array.from({ length: 30_000 }, (_, i) => `${row(`b${i}`, "1")}\n`).join("")}${row("x", ' "5"')}\n`;

const FILES: ReadonlyArray<readonly [string, string, string]> = [
  ["a space before the opening quote", file(' "a"'), "line 3 is not valid CSV (Invalid Opening Quote"],
  ["a space after the closing quote", file('"a" '), "line 3: text follows the closing quote of a cell"],
  [
    "spaces on both sides, CRLF lines",
    file(' "a" ', "\r\n"),
    "line 3 is not valid CSV (Invalid Opening Quote",
  ],
  ["a quote inside an unquoted cell", file('5"'), "line 3 is not valid CSV (Invalid Opening Quote"],
  ["a stray quote after 30,000 plain rows", far, "line 30002 is not valid CSV (Invalid Opening Quote"],
];

describe("a CSV usage file with a quote out of place", () => {
  it.each(FILES)(
    "is refused by both engines with the same sentence naming the line (%s)",
    (name, text, sentence) => {
      const usage = scratch.file(`${name.replaceAll(/[^a-z0-9]+/gi, "_")}.csv`, text);
      expectBothEnginesRefuse(contract, usage, sentence);
      // ratecard usage reads the file through the same search.
      expectBothEnginesRefuseUsage(contract, usage);
    },
  );

  it("still reads quoted cells where they belong: at a cell's start, with doubled quotes, a comma or a line break inside", () => {
    const quotes = '"say ""hi"", then\nleave"';
    const usage = scratch.file(
      "quoted-well.csv",
      `"id","type","customer","timestamp","gb","note"\n"e1","egress","cus_a","2026-02-10T00:00:00Z","10",${quotes}\ne2,egress,cus_a,2026-02-10T00:00:00Z,"5",""\n`,
    );
    // e1 10 GB + e2 5 GB = 15 GB × $0.05 = $0.75
    expectBothEnginesBill(contract, usage, "0.75");
  });
});
