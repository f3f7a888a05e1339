import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { egressContractJson } from "../_support/egressContract.js";
import { assertCliBuilt, runCli, runCliWithEnv } from "../_support/runCli.js";

// Odd usage files, as a specialist gets them, through `--engine memory` and `--engine duckdb`: the
// engines must agree — the same invoice byte for byte (usage report, exclusions and their reasons
// included), or both refuse the file with exit 2 and a sentence (the sentences may differ). Any other
// difference bills the same file two ways.

let scratch = "";
let contract = "";
beforeAll(() => {
  assertCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), "ratecard-engines-agree-"));
  // $0.05 per GB, UTC, monthly, customer cus_a.
  contract = join(scratch, "contract.json");
  writeFileSync(contract, JSON.stringify(egressContractJson("cus_a")));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const HEADER = "id,type,customer,timestamp,gb\n";
const csvRow = (id: string, gb: string, timestamp = "2026-02-10T00:00:00Z") =>
  `${id},egress,cus_a,${timestamp},${gb}\n`;
const ndjsonLine = (id: string, gb: string, timestamp = "2026-02-10T00:00:00Z") =>
  `{"id":"${id}","type":"egress","customer":"cus_a","timestamp":"${timestamp}","properties":{"gb":"${gb}"}}\n`;

// Timestamps ratecard refuses (docs/concepts.md: an instant names its offset; years 1970–9999), which
// DuckDB's own cast reads as an instant (a missing zone as UTC, 24:00 as the next midnight).
const REFUSED_TIMESTAMPS = [
  "2026-02-10T00:00:00",
  "2026-02-10",
  "2026-02-10 00:00:00Z",
  "2026-02-10T24:00:00Z",
  "2026-02-10T00:00:00+05",
  "2026-02-10T00:00:00+24:00",
  "2026-02-10T00:00:00+00:00:00",
  "2026-2-10T00:00:00Z",
  "1969-12-31T23:59:59Z",
  "0026-02-10T00:00:00Z",
];

// Lines the in-memory reader refuses, naming the field: not text where text is due, properties that are
// not an object of flat values.
const event = (fields: string) =>
  `{"id":"e2","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z",${fields}}\n`;
const SHAPE_CASES: ReadonlyArray<readonly [string, string]> = [
  [
    "a numeric id",
    '{"id":1,"type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"}}\n',
  ],
  [
    "a numeric customer",
    '{"id":"e2","type":"egress","customer":7,"timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"}}\n',
  ],
  [
    "a boolean type",
    '{"id":"e2","type":true,"customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"}}\n',
  ],
  [
    "a numeric timestamp",
    '{"id":"e2","type":"egress","customer":"cus_a","timestamp":1770681600000,"properties":{"gb":"5"}}\n',
  ],
  ["an object property value", event('"properties":{"gb":{"x":1}}')],
  ["a list property value another meter could read", event('"properties":{"gb":"5","zone":[1]}')],
  ["an empty object property value", event('"properties":{"gb":"5","zone":{}}')],
  ["properties a list", event('"properties":[1]')],
  ["properties a number", event('"properties":5')],
  ["a property text containing :{", event('"properties":{"gb":"5","note":"a:{b"}')],
  // DuckDB's JSON reader accepts a trailing comma; ratecard's says "not valid JSON". In a string it is text.
  ["a trailing comma in the event", event('"properties":{"gb":"5"},')],
  ["a trailing comma in the properties", event('"properties":{"gb":"5" ,  }')],
  ["a comma before } inside strings", event('"properties":{"gb":"5","note":"a,} nan, \\",]"}')],
  // DuckDB's reader reads NaN and Infinity (any case, inf too) and numbers beyond a double as invalid
  // values and excluded the event; ratecard's refuses the line ("not valid JSON", "not Infinity").
  ["NaN", event('"properties":{"gb":NaN}')],
  ["nan", event('"properties":{"gb":nan}')],
  ["-Infinity", event('"properties":{"gb":-Infinity}')],
  ["inf", event('"properties":{"gb":INF}')],
  ["NaN in a field ratecard does not know", event('"extra":NaN,"properties":{"gb":"5"}')],
  ["1e400", event('"properties":{"gb":1e400}')],
  ["400 nines", event(`"properties":{"gb":${"9".repeat(400)}}`)],
  ["1e400 in a property no meter reads", event('"properties":{"gb":"5","other":-1E+400}')],
  // DuckDB read these as no properties, or left the field out; ratecard's reader refuses them.
  ["properties null", event('"properties":null')],
  ["properties null, an event type no meter reads", event('"properties":null').replace("egress", "login")],
  ["a field ratecard does not know", event('"extra":1,"properties":{"gb":"5"}')],
  // Fine for both: a number that rounds to 0, a large finite one, no properties, empty ones.
  ["1e-400", event('"properties":{"gb":1e-400}')],
  ["1e300", event('"properties":{"gb":1e300}')],
  ["no properties", event('"properties":{}').replace(',"properties":{}', "")],
  ["properties with blanks", event('"properties" : { "gb" : 5 , "n" : null }')],
];

// Value texts where the engines parted (docs/meters.md, "What a meter reads"): DuckDB refused a file
// with any decimal text with an exponent ("1e15", "1e-7") as sql_unsupported, where the in-memory engine
// reads 1e-7 and leaves 1e15 out as invalid_value. With them, the other shapes, which agreed already:
// signs, spaces, leading zeros, Infinity, NaN, hex, digit separators, numbers beyond a quantity.
const VALUE_TEXTS = [
  ...["1e15", "1e14", "1e-7", "1E3", "1e+3", "+1.5e2", "-.5e1", "1.e3", "1e-9", "1e-10", "10e-10"],
  ...["0e5", "-0e-5", "0e99999999999999999999", "1e99999999999999999999", "1e-99999999999999999999"],
  ...["1e2000000", "1e0000000000000000000000001", "00000000000000000000001e-5", "100000000000000e-9"],
  ...[`0.${"0".repeat(399)}1e399`, `0.${"0".repeat(399)}1e390`, "1e", "e5"],
  ...["1e1.5", "1ee5", "0x1e5", " 1e5", "1e5 ", "1_000e1", "Infinity", "-Infinity", "NaN", "0x10"],
  ...["+5", "-0", "00012", "1000000000000000", "0.1234567890", "1.0000000000", ".5", "5.", "١e3"],
];
// The same values as JSON numbers (NDJSON): read through their shortest text, as in JavaScript.
const VALUE_NUMBERS = [
  "1e15",
  "1e14",
  "1e-7",
  "1E3",
  "1e-10",
  "-0",
  "0.30000000000000004",
  "1e300",
  "5e-324",
];
const valueEvents = (values: ReadonlyArray<string>, line: (id: string, value: string) => string) =>
  values.map((value, i) => line(`v${String(i).padStart(2, "0")}`, value)).join("");
const ndjsonValue = (id: string, json: string) =>
  `{"id":"${id}","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":${json}}}\n`;

const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ["a byte order mark", "csv", `\uFEFF${HEADER}${csvRow("e1", "10")}`],
  ["CRLF line ends", "csv", (HEADER + csvRow("e1", "10") + csvRow("e2", "5")).replaceAll("\n", "\r\n")],
  [
    "quoted cells with commas and quotes",
    "csv",
    'id,type,customer,timestamp,gb,note\n"e1",egress,cus_a,2026-02-10T00:00:00Z,"10","a, ""b"""\n',
  ],
  ["a header only", "csv", HEADER],
  // Header names as written: DuckDB trimmed " gb" to "gb" (and billed it), renamed a second "gb" "gb_1"
  // and an unnamed column "column5"; the in-memory reader keeps the space and refuses the other two.
  // (" gb", a space before the name: "a CSV header name with a space in it", below)
  ["a property name with a space after it", "csv", `id,type,customer,timestamp,gb \n${csvRow("e1", "10")}`],
  ["an event column with a space before it", "csv", ` id,type,customer,timestamp,gb\n${csvRow("e1", "10")}`],
  [
    "a column named twice",
    "csv",
    "id,type,customer,timestamp,gb,gb\ne1,egress,cus_a,2026-02-10T00:00:00Z,10,20\n",
  ],
  ["a column without a name", "csv", `id,type,customer,timestamp,gb,\n${csvRow("e1", "10").trimEnd()},\n`],
  ["a malformed row right after the header", "csv", `${HEADER}e1,egress,cus_a,2026-02-10T00:00:00Z,10,5\n`],
  // (a missing column: "a CSV header without an event column", below)
  ["extra columns", "csv", "id,type,customer,timestamp,gb,zone\ne1,egress,cus_a,2026-02-10T00:00:00Z,10,\n"],
  ["a decimal comma", "csv", HEADER + csvRow("e1", '"1,5"')],
  [
    "a hexadecimal value, a padded one, -0",
    "csv",
    HEADER + csvRow("e1", "0x10") + csvRow("e2", " 12") + csvRow("e3", "-0"),
  ],
  [
    "an offset instant and one outside the period",
    "csv",
    HEADER + csvRow("e1", "10", "2026-02-10T00:00:00+05:30") + csvRow("e2", "5", "2026-02-28T23:30:00-01:00"),
  ],
  // (the value 1e15 beside 10 GB: "a value 1e15 beside 10 GB", below)
  ["value texts", "ndjson", valueEvents(VALUE_TEXTS, (id, value) => ndjsonValue(id, JSON.stringify(value)))],
  // A CSV cell is read as written (quoted where it holds a space).
  [
    "value texts",
    "csv",
    HEADER + valueEvents(VALUE_TEXTS, (id, value) => csvRow(id, value.includes(" ") ? `"${value}"` : value)),
  ],
  ["value numbers", "ndjson", valueEvents(VALUE_NUMBERS, ndjsonValue)],
  ["blank lines", "ndjson", `${ndjsonLine("e1", "10")}\n   \n${ndjsonLine("e2", "5")}`],
  ["a JSON array instead of NDJSON", "ndjson", `[${ndjsonLine("e1", "10").trimEnd()}]\n`],
  ["an empty file", "ndjson", ""],
  ["an empty file", "csv", ""],
  // No row either: the in-memory reader skips blank lines (and the mark); DuckDB refused these as a header
  // row without the event columns.
  ["blank lines only", "csv", "\n\n\n"],
  ["CRLF blank lines only", "csv", "\r\n\r\n"],
  ["a byte order mark alone", "csv", "\uFEFF"],
  ["a byte order mark and a blank line", "csv", "\uFEFF\r\n"],
  // No JSON at all: the in-memory reader refused these; DuckDB read them as no events and billed none.
  ["an empty file", "json", ""],
  ["white space only", "json", " \n\t\r\n"],
  // The in-memory reader refuses these (a field's JSON type, a nested property value); DuckDB's cast
  // read them as text or as an invalid value and billed the file.
  ...SHAPE_CASES.map(([name, line]) => [name, "ndjson", ndjsonLine("e1", "10") + line] as const),
  // The same events in a JSON array file (.json), written on one line and pretty-printed: DuckDB reads
  // an array with its JSON reader, which accepts what ratecard's refuses just as for NDJSON.
  ...SHAPE_CASES.map(
    ([name, line]) =>
      [`${name}, in an array`, "json", `[${ndjsonLine("e1", "10").trim()},${line.trim()}]`] as const,
  ),
  ...SHAPE_CASES.map(
    ([name, line]) =>
      [
        `${name}, in a pretty-printed array`,
        "json",
        `[\n  ${ndjsonLine("e1", "10").trim()},\n\t${line.trim().replaceAll(",", ",\n    ")}\r\n]\n`,
      ] as const,
  ),
  ["no seconds in the timestamp", "ndjson", ndjsonLine("e1", "10", "2026-02-10T00:00Z")],
  ["no seconds, an offset", "ndjson", ndjsonLine("e1", "10", "2026-02-10T05:30+05:30")],
  ["no seconds in the timestamp", "csv", HEADER + csvRow("e1", "10", "2026-02-10T00:00Z")],
  ...REFUSED_TIMESTAMPS.map(
    (timestamp) => [`the timestamp "${timestamp}"`, "ndjson", ndjsonLine("e1", "10", timestamp)] as const,
  ),
  ...REFUSED_TIMESTAMPS.map(
    (timestamp) =>
      [`the timestamp "${timestamp}" in CSV`, "csv", HEADER + csvRow("e1", "10", timestamp)] as const,
  ),
];

const rate = (usage: string, engine: string) =>
  runCli(
    ...["invoice", "--contract", contract, "--usage", usage, "--period", "2026-02"],
    ...["--format", "json", "--engine", engine],
  );

describe("--engine memory and --engine duckdb on odd usage files", () => {
  it.each(CASES)("agree on %s (%s)", (name, format, text) => {
    const usage = join(scratch, `${name.replaceAll(/[^a-z0-9]+/gi, "_")}.${format}`);
    writeFileSync(usage, text);
    const memory = rate(usage, "memory");
    const duckdb = rate(usage, "duckdb");
    expect(memory.stderr).not.toContain("    at ");
    expect(duckdb.stderr).not.toContain("    at ");
    expect([duckdb.code, duckdb.code === 0 ? duckdb.stdout : ""]).toEqual([
      memory.code,
      memory.code === 0 ? memory.stdout : "",
    ]);
    expect([0, 2]).toContain(memory.code);
    // A refusal in the same words: the in-memory reader's, naming the line.
    expect(duckdb.stderr).toBe(memory.stderr);
  });
});

describe("a value 1e15 beside 10 GB (docs/meters.md: a quantity is below 10^15)", () => {
  it.each(["ndjson", "csv"])(
    "is left out as invalid_value by both engines, the rest billed (%s)",
    (format) => {
      const usage = join(scratch, `1e15.${format}`);
      writeFileSync(
        usage,
        format === "csv"
          ? HEADER + csvRow("e1", "10") + csvRow("e2", "1e15")
          : ndjsonLine("e1", "10") + ndjsonLine("e2", "1e15"),
      );
      const memory = rate(usage, "memory");
      const duckdb = rate(usage, "duckdb");
      for (const [engine, result] of [
        ["memory", memory],
        ["duckdb", duckdb],
      ] as const) {
        expect([engine, result.code, result.stderr]).toEqual([engine, 0, ""]);
        const invoice = JSON.parse(result.stdout) as {
          total: string;
          usage: { excluded: ReadonlyArray<{ reason: string; events: number }> };
        };
        // e1: 10 GB × $0.05 = $0.50; e2 (10^15, not below 10^15) left out (DuckDB refused the file)
        expect(invoice.total).toBe("0.50");
        expect(invoice.usage.excluded).toMatchObject([{ reason: "invalid_value", events: 1 }]);
      }
      // The same invoice byte for byte (this file's odd usage files are rated once, here).
      expect(duckdb.stdout).toBe(memory.stdout);
    },
  );
});

describe("an NDJSON event the in-memory reader refuses by its shape", () => {
  it("is refused by --engine duckdb too, exit 2, in the in-memory reader's words, naming the line", () => {
    const numericId = join(scratch, "numeric-id.ndjson");
    writeFileSync(numericId, ndjsonLine("e1", "10") + SHAPE_CASES[0]![1]);
    const inMemory = rate(numericId, "memory");
    expect(inMemory.stderr).toContain("numeric-id.ndjson line 2: id must be text, not the number 1");
    const byId = rate(numericId, "duckdb");
    expect([byId.code, byId.stdout]).toEqual([2, ""]);
    // Found by the search of the file's lines (src/cli/duckdbRefusedLines.ts), then told by the in-memory
    // reader (before: "1 line(s) are events ratecard refuses, though DuckDB's reader would take them").
    expect(byId.stderr).toBe(inMemory.stderr);
    const nested = join(scratch, "nested.ndjson");
    writeFileSync(nested, ndjsonLine("e1", "10") + event('"properties":{"gb":{"x":1}}'));
    const byProperties = rate(nested, "duckdb");
    expect([byProperties.code, byProperties.stdout]).toEqual([2, ""]);
    // The in-memory reader's sentence for the first such line (before: DuckDB's count of them, "first id").
    expect(byProperties.stderr).toBe(rate(nested, "memory").stderr);
    expect(byProperties.stderr).toContain("nested.ndjson line 2: properties.gb must be text");
  });
});

describe("a usage file with no events in it", () => {
  // The file written to the scratch folder, rated by each engine.
  const onBothEngines = (name: string, text: string) => {
    const usage = join(scratch, name);
    writeFileSync(usage, text);
    return { usage, results: ["memory", "duckdb"].map((engine) => [engine, rate(usage, engine)] as const) };
  };

  it("is no events on both engines when a CSV holds only blank lines after a byte order mark", () => {
    for (const [engine, result] of onBothEngines("blank-lines.csv", "\uFEFF\r\n\r\n").results) {
      expect([engine, result.code, result.stderr]).toEqual([engine, 0, ""]);
      const invoice = JSON.parse(result.stdout) as { total: string; usage: { eventsRead: number } };
      // No event read, so no GB: 0 × $0.05 = $0.00.
      expect([invoice.usage.eventsRead, invoice.total]).toEqual([0, "0.00"]);
    }
  });

  it("is refused by both engines with one sentence when a .json file holds only white space", () => {
    const { usage, results } = onBothEngines("blank.json", "  \n");
    for (const [engine, result] of results) {
      expect([engine, result.code, result.stdout]).toEqual([engine, 2, ""]);
      expect(result.stderr).toBe(
        `ratecard: ${usage} is empty: a .json usage file holds one JSON array of events ([] when there are none).\n`,
      );
    }
  });
});

describe("ratecard invoice --engine duckdb, an event the SQL cannot read", () => {
  it("names the usage file, as the in-memory engine does", () => {
    const usage = join(scratch, "no-zone.ndjson");
    writeFileSync(usage, ndjsonLine("e1", "10", "2026-02-10T00:00:00"));
    const result = rate(usage, "duckdb");
    expect([result.code, result.stdout]).toEqual([2, ""]);
    // Its only event has no readable instant: the in-memory reader's sentence, with the line (before,
    // DuckDB's "None of the 1 event(s) read has a timestamp ratecard can read (first id "e1")", and the
    // warehouse mapping's advice, meant for a table).
    expect(result.stderr).toBe(rate(usage, "memory").stderr);
    expect(result.stderr).toContain(
      `${usage} line 1: timestamp "2026-02-10T00:00:00" is not an ISO 8601 timestamp with an offset`,
    );
  });
});

describe("events with timestamps that are no instants, on invoice, batch and usage", () => {
  // z9 is fine; m5 (line 2) is written day first, b2 (line 3) has no time: the first refused event in
  // file order is m5. DuckDB's count named the smallest id in text order, b2: "2 event(s) … (first id
  // "b2")", a sentence of its own; now both engines print the in-memory reader's, naming line 2 (line 3
  // of the CSV file, after its header).
  const rows: ReadonlyArray<readonly [string, string]> = [
    ["z9", "2026-02-10T00:00:00Z"],
    ["m5", "10/02/2026 00:00"],
    ["b2", "2026-02-11"],
  ];
  const files = {
    ndjson: rows.map(([id, at]) => ndjsonLine(id, "1", at)).join(""),
    csv: HEADER + rows.map(([id, at]) => csvRow(id, "1", at)).join(""),
    json: `[\n${rows.map(([id, at]) => ndjsonLine(id, "1", at).trimEnd()).join(",\n")}\n]\n`,
  };
  const run = (command: string, usage: string, engine: string) =>
    runCli(
      command,
      ...(command === "batch" ? ["--contracts", contract, "--workers", "1"] : ["--contract", contract]),
      ...["--usage", usage, "--period", "2026-02", "--engine", engine],
      ...(command === "usage" ? ["--meter", "egress"] : []),
    );
  it.each(Object.entries(files))(
    "name the first in file order, in one sentence on both engines (%s)",
    (format, text) => {
      const usage = join(scratch, `day-first.${format}`);
      writeFileSync(usage, text);
      // A JSON array's event is named by its index ([1], the second), as the in-memory reader names it.
      const where = { ndjson: "line 2", csv: "line 3", json: "event [1]" }[format];
      const sentence = `ratecard: ${usage} ${where}: timestamp "10/02/2026 00:00" is not an ISO 8601 timestamp with an offset`;
      for (const command of ["invoice", "batch", "usage"]) {
        const memory = run(command, usage, "memory");
        const duckdb = run(command, usage, "duckdb");
        expect([command, memory.code, memory.stderr.startsWith(sentence)]).toEqual([command, 2, true]);
        expect([command, duckdb.code, duckdb.stdout, duckdb.stderr]).toEqual([command, 2, "", memory.stderr]);
      }
    },
  );
});

describe("a CSV header name with a space in it", () => {
  it("is another property on both engines: the meter's gb is missing, the event left out, nothing billed", () => {
    const usage = join(scratch, "space-gb.csv");
    writeFileSync(usage, `id,type,customer,timestamp, gb\n${csvRow("e1", "10")}`);
    const memory = rate(usage, "memory");
    const duckdb = rate(usage, "duckdb");
    expect([duckdb.code, duckdb.stdout, duckdb.stderr]).toEqual([memory.code, memory.stdout, memory.stderr]);
    expect([memory.code, memory.stderr]).toEqual([0, ""]);
    const invoice = JSON.parse(duckdb.stdout) as {
      total: string;
      usage: { excluded: ReadonlyArray<{ reason: string; events: number }> };
    };
    // The event's property is " gb", not "gb": no value for the sum meter, so 0 GB × $0.05 = $0.00, and
    // e1 is reported as invalid_value (DuckDB read 10 GB and billed $0.50).
    expect(invoice.total).toBe("0.00");
    expect(invoice.usage.excluded).toMatchObject([{ reason: "invalid_value", events: 1 }]);
  });
});

describe("a CSV header without an event column", () => {
  it("is refused by both engines with the same sentence, naming the column", () => {
    const usage = join(scratch, "no-customer.csv");
    writeFileSync(usage, "id,type,timestamp,gb\ne1,egress,2026-02-10T00:00:00Z,10\n");
    const memory = rate(usage, "memory");
    const duckdb = rate(usage, "duckdb");
    expect(memory.stderr).toContain('no-customer.csv line 1: the header row has no "customer" column');
    expect(memory.stderr).not.toContain("    at ");
    expect([memory.code, memory.stdout]).toEqual([2, ""]);
    expect([duckdb.code, duckdb.stdout, duckdb.stderr]).toEqual([2, "", memory.stderr]);
  });

  it("names a column that differs from the missing one only by a space or capitals", () => {
    // " type" (an export's space after the comma) and "Customer" are not "type" and "customer".
    const usage = join(scratch, "near-header.csv");
    writeFileSync(usage, "id, type,Customer,timestamp,gb\ne1,egress,cus_a,2026-02-10T00:00:00Z,10\n");
    const memory = rate(usage, "memory");
    const duckdb = rate(usage, "duckdb");
    expect(memory.stderr).toContain(
      'near-header.csv line 1: the header row has no "type", "customer" columns (it has " type", "Customer": column names are read exactly as written, spaces and capitals included); a CSV usage file needs',
    );
    expect([memory.code, duckdb.code, duckdb.stderr]).toEqual([2, 2, memory.stderr]);
  });
});

describe("ratecard batch, --engine memory and --engine duckdb", () => {
  it("both refuse a timestamp without its zone, even in the events of a customer no contract bills", () => {
    const folder = join(scratch, "batch-contracts.json");
    writeFileSync(folder, JSON.stringify([JSON.parse(readFileSync(contract, "utf8"))]));
    const usage = join(scratch, "batch-no-zone.ndjson");
    writeFileSync(
      usage,
      ndjsonLine("e1", "10") +
        `{"id":"e2","type":"egress","customer":"cus_zz","timestamp":"2026-02-10T00:00:00","properties":{"gb":"1"}}\n`,
    );
    for (const engine of ["memory", "duckdb"]) {
      const result = runCli(
        ...["batch", "--contracts", folder, "--usage", usage, "--period", "2026-02", "--engine", engine],
      );
      expect([engine, result.code, result.stdout]).toEqual([engine, 2, ""]);
      expect(result.stderr).toMatch(/zone|offset/);
      expect(result.stderr).not.toContain("    at ");
    }
  });
});

describe("a usage file that is not UTF-8", () => {
  // "caf\xE9": café saved as Latin-1. The in-memory reader replaced the byte with U+FFFD and billed the
  // event under an id nobody sent; DuckDB refuses the file. Both must refuse it, naming the line.
  const latin1 = (text: string) => Buffer.from(text, "latin1");
  // csv: header, e1, café on line 3; ndjson: e1, a blank line, café on line 3; json: "[", e1, ",", café.
  const FILES: ReadonlyArray<readonly [string, Buffer, number]> = [
    ["csv", latin1(`${HEADER}${csvRow("e1", "10")}${csvRow("caf\u00e9", "5")}`), 3],
    ["ndjson", latin1(`${ndjsonLine("e1", "10")}\n${ndjsonLine("caf\u00e9", "5")}`), 3],
    ["json", latin1(`[\n${ndjsonLine("e1", "10")},\n${ndjsonLine("caf\u00e9", "5")}]`), 4],
  ];

  it.each(FILES)(
    "is refused by both engines, exit 2, the line named in memory (%s)",
    (format, bytes, line) => {
      const usage = join(scratch, `latin1.${format}`);
      writeFileSync(usage, bytes);
      const memory = rate(usage, "memory");
      const duckdb = rate(usage, "duckdb");
      expect([memory.code, memory.stdout]).toEqual([2, ""]);
      expect([duckdb.code, duckdb.stdout]).toEqual([2, ""]);
      expect(memory.stderr).toContain(`latin1.${format} line ${line} is not UTF-8 text`);
      expect(memory.stderr).not.toContain("    at ");
    },
  );

  it("is refused when the file ends inside a character, and a character cut between two 64 KB chunks is read whole", () => {
    // 65,535 bytes of padding put the two bytes of "é" (C3 A9) on either side of the first chunk's end.
    const padding = `${HEADER}${csvRow("e1", "10").replace("e1", `e1${"x".repeat(65_536 - 1 - HEADER.length - csvRow("e1", "10").length)}`)}`;
    const cut = Buffer.concat([Buffer.from(padding), Buffer.from(csvRow("\u00e9", "5"))]);
    expect(cut[65_535]).toBe(0xc3);
    const whole = join(scratch, "cut.csv");
    writeFileSync(whole, cut);
    // e1x… 10 GB + é 5 GB = 15 GB × $0.05 = $0.75
    expect(JSON.parse(rate(whole, "memory").stdout).total).toBe("0.75");
    const truncated = join(scratch, "truncated.ndjson");
    writeFileSync(truncated, Buffer.concat([Buffer.from(ndjsonLine("e1", "10")), Buffer.from([0xc3])]));
    const result = rate(truncated, "memory");
    expect([result.code, result.stderr]).toEqual([
      2,
      expect.stringContaining("truncated.ndjson line 2 is not UTF-8 text"),
    ]);
  });
});

describe("an NDJSON or JSON usage file that starts with a byte order mark (docs/cli.md: every format may)", () => {
  it.each([
    ["ndjson", `\uFEFF${ndjsonLine("e1", "10")}`],
    ["json", `\uFEFF[${ndjsonLine("e1", "10").trimEnd()}]`],
  ])(
    "is rated in memory under --engine auto, with a note, and refused with a sentence by --engine duckdb (%s)",
    (format, text) => {
      const usage = join(scratch, `bom-auto.${format}`);
      writeFileSync(usage, text);
      const memory = rate(usage, "memory");
      // 10 GB × $0.05 = $0.50
      expect([memory.code, JSON.parse(memory.stdout).total]).toEqual([0, "0.50"]);
      const auto = runCliWithEnv(
        { RATECARD_AUTO_DUCKDB_BYTES: "0" },
        ...["invoice", "--contract", contract, "--usage", usage, "--period", "2026-02", "--format", "json"],
      );
      expect([auto.code, auto.stdout]).toEqual([0, memory.stdout]);
      expect(auto.stderr).toContain("byte order mark");
      const duckdb = rate(usage, "duckdb");
      expect(duckdb.code).toBe(2);
      expect(duckdb.stderr).toContain("byte order mark");
      expect(duckdb.stderr).toContain("--engine memory");
    },
  );
});
