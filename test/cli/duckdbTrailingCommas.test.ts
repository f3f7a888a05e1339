import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trailingCommaLines, trailingCommaRefusal } from "../../src/cli/duckdbTrailingCommas.js";

// The search for trailing commas DuckDB's JSON reader would accept (src/cli/duckdbTrailingCommas.ts):
// every line with a comma before } or ] outside strings, counted once, the first quoted; lines of any
// length, across the 64 KB chunks the file is read in.

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
const search = (text: string) => trailingCommaLines(fileOf(text));

const line = (properties: string) =>
  `{"id":"e1","type":"egress","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":${properties}}`;

describe("trailingCommaLines", () => {
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
        expect(search(whole)).toEqual({ count: lines.length, first: lines[0] });
      }),
      { numRuns: 60 },
    );
  });
});

describe("trailingCommaRefusal", () => {
  it("names the file, how many lines and the first, and says what to do", () => {
    const path = fileOf(`${line('{"gb":"5"}')}\n${line('{"gb":"5",}')}\n${line('{"gb":"6",}')}\n`);
    expect(trailingCommaRefusal(path)?.message).toBe(
      `${path}: 2 line(s) are not valid JSON (a comma before } or ], which DuckDB's reader accepts and ratecard's refuses), such as ${JSON.stringify(line('{"gb":"5",}'))}; fix them, or rate the file with --engine memory, which names each line`,
    );
    expect(trailingCommaRefusal(fileOf(`${line('{"gb":"5"}')}\n`))).toBeUndefined();
  });

  it("quotes at most 200 characters of the line", () => {
    const long = line(`{"note":"${"n".repeat(300)}",}`);
    expect(trailingCommaRefusal(fileOf(`${long}\n`))?.message).toContain(JSON.stringify(long.slice(0, 200)));
  });
});
