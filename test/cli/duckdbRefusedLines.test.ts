import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refusedLines, refusedLinesError } from "../../src/cli/duckdbRefusedLines.js";

// The search for lines DuckDB's JSON reader would read and ratecard's refuses (src/cli/duckdbRefusedLines.ts):
// every line with a comma before } or ] outside strings, an event field that is not text, NaN or
// Infinity, a number too large for a double, properties null or a field ratecard does not know, counted
// once, the first quoted; lines of any length, across the 64 KB chunks the file is read in.

let scratch = "";
let written = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ratecard-trailing-commas-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fileOf = (text: string | Buffer) => {
  written += 1;
  const path = join(scratch, `usage-${written}.ndjson`);
  writeFileSync(path, text);
  return path;
};
// How many lines, and the first (the reason is looked at in its own tests).
const countAndFirst = ({ count, first }: { count: number; first: string | undefined }) => ({ count, first });
const search = (text: string) => countAndFirst(refusedLines(fileOf(text)).trailingCommas);
const fields = (text: string) => countAndFirst(refusedLines(fileOf(text)).refusedEvents);

const line = (properties: string) =>
  `{"id":"e1","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":${properties}}`;

describe("refusedLines: trailing commas", () => {
  it("finds nothing in plain lines", () => {
    expect(search(`${line('{"gb":"5"}')}\n${line('{"gb":[1,2]}')}\n`)).toEqual({
      count: 0,
      first: undefined,
    });
  });

  it("finds a comma before } or ], with spaces, tabs or \\r between", () => {
    const lines = [
      line('{"gb":"5",}'), // ,}
      line('{"gb":[1,2,]}'), // ,]
      line('{"gb":"5" , \t }'), // spaces and a tab
      `${line('{"gb":"5"}').slice(0, -1)},}`, // the event's own object
      `${line('{"gb":"5",\r}')}`, // a carriage return
    ];
    // 5 lines, the first one quoted.
    expect(search(`${lines.join("\n")}\n`)).toEqual({ count: 5, first: lines[0] });
  });

  it("counts a line with several trailing commas once", () => {
    expect(search(`${line('{"a":[1,],"b":"2",}')}\n`).count).toBe(1);
  });

  it("leaves commas before } or ] inside strings, escaped quotes and backslashes included", () => {
    const inside = [
      line('{"note":"a,}"}'),
      line('{"note":"a,]"}'),
      line('{"note":"a\\",}"}'), // an escaped quote: the string goes on past ,}
      line('{"note":"\\u2028,]"}'),
    ];
    expect(search(`${inside.join("\n")}\n`).count).toBe(0);
    // An escaped backslash ends the string before ",": the comma is outside it.
    expect(search(`${line('{"note":"a\\\\",}')}\n`).count).toBe(1);
  });

  it("quotes a CRLF line without its \\r", () => {
    const found = line('{"gb":"5",}');
    expect(search(`${line('{"gb":"1"}')}\r\n${found}\r\n`)).toEqual({ count: 1, first: found });
    expect(search(`${found}\r`)).toEqual({ count: 1, first: found });
  });

  it("reads a last line without a newline, and an empty file", () => {
    expect(search(line('{"gb":"5",}'))).toEqual({ count: 1, first: line('{"gb":"5",}') });
    expect(search("")).toEqual({ count: 0, first: undefined });
  });

  it("quotes the first line as UTF-8 text", () => {
    const found = line('{"region":"café ü","gb":"5",}');
    expect(search(`${line('{"gb":"1"}')}\n${found}\n${line('{"gb":"2",}')}\n`)).toEqual({
      count: 2,
      first: found,
    });
  });

  it("finds a trailing comma on a line that crosses a 64 KB chunk, and in a line longer than a chunk", () => {
    // 65,530 bytes of padding, then the comma 6 bytes before the first chunk's end and } after it.
    const padding = `{"id":"${"x".repeat(65_520)}"`;
    const crossing = `${padding},"a":"b"       ,}`;
    expect(Buffer.byteLength(padding)).toBeLessThan(65_536);
    expect(Buffer.byteLength(crossing)).toBeGreaterThan(65_536);
    expect(search(`${crossing}\n${line('{"gb":"5"}')}\n`)).toEqual({ count: 1, first: crossing });
    // A line of 200,000 bytes (about three chunks), its comma at the end.
    const long = `{"id":"${"y".repeat(200_000)}","gb":"5",}`;
    expect(search(`${line('{"gb":"5"}')}\n${long}\n${line('{"gb":"6",]}')}\n`).count).toBe(2);
  });

  it("agrees with a line-by-line search over any lines, any chunking", () => {
    // Lines of the characters that matter: quotes, backslashes, commas, brackets and blanks.
    const text = fc.string({
      unit: fc.constantFrom('"', "\\", ",", "}", "]", " ", "\t", "\r", "a", "é", "\n"),
      maxLength: 300,
    });
    const exact = /^([^"]|"([^"\\]|\\[\s\S])*")*,[ \t\r]*[}\]]/;
    fc.assert(
      fc.property(text, fc.nat(70_000), (body, padding) => {
        // Padding moves the lines across the first chunk's end.
        const whole = `${"p".repeat(padding)}\n${body}`;
        const lines = whole.split("\n").filter((each) => exact.test(each));
        // The first line is quoted without the "\r" of a CRLF end.
        expect(search(whole)).toEqual({ count: lines.length, first: lines[0]?.replace(/\r$/, "") });
      }),
      { numRuns: 300 },
    );
  });
});

describe("refusedLines: event fields that are not text", () => {
  const withField = (field: string, value: string) =>
    line('{"gb":"5"}').replace(new RegExp(`"${field}":"[^"]*"`), `"${field}":${value}`);

  it("finds an id, type, customer or timestamp that is a number, true/false, an object or a list", () => {
    const lines = [
      withField("id", "1"),
      withField("type", "true"),
      withField("customer", '{"a":1}'),
      withField("timestamp", "[1]"),
      withField("id", "-0.5"),
      withField("customer", "false"),
    ];
    expect(lines[0]).toBe(
      '{"id":1,"type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"5"}}',
    );
    // 6 lines, the first one quoted.
    expect(fields(`${lines.join("\n")}\n`)).toEqual({ count: 6, first: lines[0] });
  });

  it("finds them with blanks around the colon, and a key spelled with an escape", () => {
    const spaced = line('{"gb":"5"}').replace('"id":"e1"', '"id" :\t 7');
    const escaped = line('{"gb":"5"}').replace('"id":"e1"', '"\\u0069d":7');
    expect(escaped).toContain('"\\u0069d":7');
    expect(fields(`${spaced}\n${escaped}\n`)).toEqual({ count: 2, first: spaced });
  });

  it("leaves text, null and missing fields, properties of those names and escaped text alone", () => {
    const fine = [
      line('{"gb":"5"}'),
      withField("id", "null"), // the query refuses a null id itself
      '{"type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}', // no id: likewise
      line('{"type":5,"id":true,"customer":null,"timestamp":[1]}'), // properties, not the event's fields
      line('{"region":"caf\\u00e9"}'), // an escape in a property
      withField("id", '"\\u0065\\u0031"'), // the id "e1", escaped
      '[{"id":1}]', // a list, not an event: DuckDB's to refuse
    ];
    expect(fields(`${fine.join("\n")}\n`)).toEqual({ count: 0, first: undefined });
  });

  it("finds a line that is not valid JSON, and counts a trailing comma's line once, as that", () => {
    const nan = withField("id", "NaN");
    const both = `${withField("id", "1").slice(0, -1)},}`;
    const found = refusedLines(fileOf(`${nan}\n${both}\n`));
    expect(countAndFirst(found.refusedEvents)).toEqual({ count: 1, first: nan });
    expect(countAndFirst(found.trailingCommas)).toEqual({ count: 1, first: both });
  });
});

describe("refusedLines: what DuckDB reads as an invalid value, no properties or nothing", () => {
  const reasonOf = (text: string) => refusedLines(fileOf(`${line('{"gb":"5"}')}\n${text}\n`)).refusedEvents;

  it("finds NaN and Infinity in every spelling DuckDB's reader accepts, anywhere in the line", () => {
    // DuckDB 1.x read each of these as a value (checked by hand): any case, a minus, inf or infinity.
    const spellings = [
      "NaN",
      "nan",
      "nAn",
      "-nan",
      "Infinity",
      "infinity",
      "-Infinity",
      "inf",
      "-inf",
      "INF",
    ];
    for (const spelling of spellings) {
      const found = reasonOf(line(`{"gb":${spelling}}`));
      expect([spelling, found.count, found.reason]).toEqual([spelling, 1, "not valid JSON"]);
    }
    expect(reasonOf(line('{"gb":"5","note":[NaN]}')).count).toBe(1);
  });

  it("finds a property number too large for a double, and leaves large finite and tiny ones", () => {
    // 1e400, 1E+0400 and 400 nines are Infinity to JSON.parse; 1e308 and 1e-400 (0) are numbers.
    for (const huge of ["1e400", "-1E+0400", "9".repeat(400), `0.5e${"9".repeat(3)}`]) {
      const found = reasonOf(line(`{"gb":${huge}}`));
      expect([huge, found.count, found.reason]).toEqual([huge, 1, "properties.gb is too large a number"]);
    }
    for (const fine of ["1e308", "1e-400", "1e099", "9".repeat(200), `1.${"0".repeat(400)}`])
      expect([fine, reasonOf(line(`{"gb":${fine}}`)).count]).toEqual([fine, 0]);
  });

  it("finds properties null and a field ratecard does not know; leaves no properties and {} alone", () => {
    expect(reasonOf(line("null"))).toMatchObject({ count: 1, reason: "properties is null, not an object" });
    expect(reasonOf(line(" null ").replace('"properties":', '"properties" :'))).toMatchObject({ count: 1 });
    const extra = line('{"gb":"5"}').replace('{"id"', '{"extra":1,"id"');
    expect(reasonOf(extra)).toEqual({
      count: 1,
      first: extra,
      reason: '"extra" is not a field ratecard knows',
    });
    const escaped = line('{"gb":"5"}').replace('"properties"', '"propertie\\u0073"');
    expect(reasonOf(escaped).count).toBe(0);
    const none = '{"id":"e2","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}';
    expect(reasonOf(`${none}\n${line("{}")}\n${line('{ "gb" : "5" , "n" : null }')}`).count).toBe(0);
  });

  it("agrees with JSON.parse of every line, over lines of any fields and values", () => {
    // Keys and values the reader refuses among fine ones; lines valid JSON or not.
    const value = fc.constantFrom(
      ...['"x"', "1", "true", "null", '{"a":1}', '{"gb":NaN}', '{"gb":1e400}', '{"gb":-2.5e3}', "[2]"],
      ...['"\\u0041"', "-2.5e3", "NaN", "-Infinity", "1e400", "1e-400", '{"gb":"5"}', "{}"],
    );
    const key = fc.constantFrom("id", "type", "customer", "timestamp", "properties", "gb", "\\u0069d");
    const event = fc
      .array(fc.tuple(key, fc.constantFrom(":", " : ", ":\t"), value), { maxLength: 5 })
      .map((pairs) => `{${pairs.map(([k, colon, v]) => `"${k}"${colon}${v}`).join(",")}}`);
    // By hand, from the reader's rules: JSON.parse must read it; the four fields text, null or missing;
    // no other field than those and properties; properties not null, its numbers finite.
    const refused = (text: string) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return true;
      }
      const known = ["id", "type", "customer", "timestamp", "properties"];
      const properties = parsed.properties;
      return (
        known
          .slice(0, 4)
          .some(
            (name) => ![undefined, null].includes(parsed[name] as null) && typeof parsed[name] !== "string",
          ) ||
        Object.keys(parsed).some((name) => !known.includes(name)) ||
        properties === null ||
        (typeof properties === "object" &&
          Object.values(properties).some((v) => v === Infinity || v === -Infinity))
      );
    };
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), (events) => {
        const expected = events.filter(refused);
        expect(fields(`${events.join("\n")}\n`)).toEqual({ count: expected.length, first: expected[0] });
      }),
      { numRuns: 300 },
    );
  });
});

describe("refusedLinesError", () => {
  // Once the search finds a line, the in-memory reader's error for the file: the first refused line, in
  // file order, as --engine memory names it (before: the search's own count and quote, no line).
  const messageOf = async (path: string) => ((await refusedLinesError(path)) as Error | undefined)?.message;

  it("names the first line with a trailing comma, and its column", async () => {
    const path = fileOf(`${line('{"gb":"5"}')}\n${line('{"gb":"5",}')}\n${line('{"gb":"6",}')}\n`);
    // The comma's column, by hand: `{"id":"e1",` 11 + `"type":"egress",` 16 + `"customer":"cus_a",` 19
    // + `"timestamp":"2026-02-10T00:00:00Z",` 35 + `"properties":` 13 + `{"gb":"5"` 9 = 103 before it: 104.
    expect(await messageOf(path)).toBe(
      `${path} line 2 is not valid JSON (a comma before } or ] at column 104, which JSON does not allow: remove it).`,
    );
    expect(await refusedLinesError(fileOf(`${line('{"gb":"5"}')}\n`))).toBeUndefined();
  });

  it("names a field that is not text, with its line", async () => {
    const numeric = line('{"gb":"5"}').replace('"id":"e1"', '"id":1');
    const path = fileOf(`${line('{"gb":"5"}')}\n${numeric}\n`);
    expect(await messageOf(path)).toContain(`${path} line 2: id must be text, not the number 1`);
  });

  it("names the first refused line in file order, whatever the search found first", async () => {
    // Line 2 has a field ratecard does not know, line 3 a trailing comma: the search counts them apart,
    // the reader stops at line 2.
    const path = fileOf(
      `${line('{"gb":"5"}')}\n${line('{"gb":"5"}').replace("{", '{"x":1,')}\n${line('{"gb":"6",}')}\n`,
    );
    expect(await messageOf(path)).toContain(`${path} line 2: x is not a field ratecard knows here`);
  });
});
