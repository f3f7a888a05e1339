import { beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { expectBothEnginesRefuse, expectBothEnginesRefuseUsage } from "../_support/engineRefusals.js";
import { assertCliBuilt } from "../_support/runCli.js";
import { scratchFolder } from "../_support/scratchFolder.js";

// An NDJSON line, or an element of a JSON array, that DuckDB's JSON reader reads and ratecard's refuses:
// a Lago event (its timestamp a number of Unix seconds), a field ratecard does not know, a comma before
// } or ]. The in-memory engine refused it naming the line (`lago.ndjson line 2: has Lago's event fields,
// …`); --engine duckdb found it with its own search and said so in its own words, with a count and a
// quote but no line (`lago.ndjson: 1 line(s) are events ratecard refuses, though DuckDB's reader would
// take them (the first: timestamp is not text), such as "…"`). Now both print the in-memory reader's
// sentence, byte for byte, exit 2, for invoice, batch and usage.

const scratch = scratchFolder("ratecard-refused-events-", assertCliBuilt);
// $0.05 per GB, UTC, monthly, customer cus_a.
let contract = "";
beforeAll(() => {
  contract = scratch.file("contract.json", JSON.stringify(egressContractJson("cus_a")));
});

const OK =
  '{"id":"e1","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"10"}}';
// Lago's POST /api/v1/events fields; 1770681600 is 2026-02-10T00:00:00Z in Unix seconds.
const LAGO =
  '{"transaction_id":"t2","external_subscription_id":"cus_a","code":"egress","timestamp":1770681600,"properties":{"gb":"5"}}';
const UNKNOWN =
  '{"id":"e2","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"},"note":"x"}';
// The comma's column, by hand: `{` 1 + `"id":"e2",` 10 + `"type":"egress",` 16 + `"customer":"cus_a",` 19
// + `"timestamp":"2026-02-10T00:00:00Z",` 35 + `"properties":{"gb":"5"}` 23 = 104 characters before it: 105.
const TRAILING =
  '{"id":"e2","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"},}';

// docs/cli.md, "Events from another billing system": Lago's fields named, and what to write instead.
const LAGO_SENTENCE =
  "has Lago's event fields, not ratecard's (id, type, customer, timestamp, properties): write transaction_id as id, code as type and external_subscription_id as customer, and the timestamp (Unix seconds) as ISO 8601 text with an offset";
const UNKNOWN_SENTENCE = "note is not a field ratecard knows here; check the spelling";

// [name, file name, text, what stderr says after the file's name]
const FILES: ReadonlyArray<readonly [string, string, string, string]> = [
  ["a Lago event", "lago.ndjson", `${OK}\n${LAGO}\n`, `line 2: ${LAGO_SENTENCE}`],
  ["a field ratecard does not know", "unknown.ndjson", `${OK}\n${UNKNOWN}\n`, `line 2: ${UNKNOWN_SENTENCE}`],
  [
    "a comma before }",
    "trailing.ndjson",
    `${OK}\n${TRAILING}\n`,
    "line 2 is not valid JSON (a comma before } or ] at column 105, which JSON does not allow: remove it).",
  ],
  // In an array the element is named by its index from 0, as the in-memory reader names it.
  ["a Lago event in an array", "lago.json", `[\n${OK},\n${LAGO}\n]\n`, `event [1]: ${LAGO_SENTENCE}`],
  [
    "a field ratecard does not know in an array",
    "unknown.json",
    `[\n${OK},\n${UNKNOWN}\n]\n`,
    `event [1]: ${UNKNOWN_SENTENCE}`,
  ],
  [
    // The array's third line: `[`, then OK, then the event with the comma at column 105.
    "a comma before } in an array",
    "trailing.json",
    `[\n${OK},\n${TRAILING}\n]\n`,
    "is not valid JSON (a comma before } or ] at line 3, column 105, which JSON does not allow: remove it).",
  ],
  [
    // A comma before the array's `]`. OK is `{` 1 + `"id":"e1",` 10 + 16 + 19 + 35 + `"properties":{"gb":"10"}`
    // 24 + `}` 1 = 106 characters; line 3 is two spaces, the second event and the comma: 2 + 106 + 1 = 109.
    "a comma before ] in an array",
    "trailing-array.json",
    `[\n  ${OK},\n  ${OK.replace("e1", "e2")},\n]\n`,
    "is not valid JSON (a comma before } or ] at line 3, column 109, which JSON does not allow: remove it).",
  ],
];

describe("an event DuckDB's reader takes and ratecard's refuses", () => {
  it.each(FILES)(
    "is refused by both engines with the in-memory reader's sentence (%s)",
    (_name, fileName, text, sentence) => {
      const usage = scratch.file(fileName, text);
      expectBothEnginesRefuse(contract, usage, sentence);
      // ratecard usage reads the file through the same search.
      expect(expectBothEnginesRefuseUsage(contract, usage)).toContain(`${usage} ${sentence}`);
    },
  );
});
