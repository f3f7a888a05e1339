import { CsvError, type Info, parse as parseCsv } from "csv-parse";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRecordBatches, malformedRow } from "../../src/cli/csvRecords.js";
import { isRatecardError } from "../../src/errors/index.js";

type Row = readonly [ReadonlyArray<string>, number, number];
interface Outcome {
  readonly rows: Row[];
  readonly error?: { readonly message: string; readonly details: unknown };
}

interface Core {
  parse(
    chunk: Buffer,
    end: boolean,
    push: (row: { record: string[]; info: Info }) => void,
    close: () => void,
  ): unknown;
}

// The first line break outside quotes that is not the file's first one ("\n" in a file of "\r\n" lines,
// or the other way; a file whose first line ends "\r" alone is not looked at), found by tokens: a quoted
// text (to its closing quote, or the end of an unclosed one), a line break, other text. Its line is the
// physical line, as an editor counts: 1 + the line breaks before it ("\r\n", "\n" or "\r" alone).
function otherLineEnd(
  text: string,
): { at: number; line: number; found: string; expected: string } | undefined {
  let expected: string | undefined;
  for (const token of text.matchAll(/"[^"]*(?:"|$)|\r\n|\n|\r|[^"\r\n]+/g)) {
    const found = token[0];
    if (found !== "\n" && found !== "\r\n" && found !== "\r") continue;
    expected ??= found;
    if (expected === "\r") return undefined;
    if (found !== "\r" && found !== expected) {
      const line = 1 + (text.slice(0, token.index).match(/\r\n|\r|\n/g)?.length ?? 0);
      return { at: token.index, line, found, expected };
    }
  }
  return undefined;
}

// Whether the first line break outside quotes, by the same tokens, is a "\r" alone: csv-parse's third
// kind of file, where a "\r\n" outside quotes is a row's end and then a "\n" in the next row's cell.
function linesEndInCarriageReturns(text: string): boolean {
  return text.match(/^(?:"[^"]*(?:"|$)|[^"\r\n])*(\r\n|\n|\r)/)?.[1] === "\r";
}

const lineEndName = (ends: string) => (ends === "\n" ? "LF (\\n)" : "CRLF (\\r\\n)");

interface Parsed {
  readonly rows: { record: string[]; info: Info }[];
  readonly error?: CsvError & Info & { record?: string[] };
}

// csv-parse's parser itself (what its stream and sync APIs run), so no row before an error is lost.
function parsed(bytes: Buffer): Parsed {
  const parser = (parseCsv({ bom: true, skip_empty_lines: true, info: true }) as unknown as { api: Core })
    .api;
  const rows: { record: string[]; info: Info }[] = [];
  try {
    const error = parser.parse(
      bytes,
      true,
      (row) => rows.push(row),
      () => {},
    );
    if (error !== undefined) throw error;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows, error: error as CsvError & Info };
  }
  return { rows };
}

// How the CSV reader worked before issue 14: csv-parse alone over the file's bytes, each row's first
// line worked out from the lines and blank lines it had counted after the row before; since December
// 2026, with the file refused at a line that ends the other way, after the rows (and problems) before it.
// csv-parse counts a "\r\n" inside a quoted cell as two lines; the lines are taken from csv-parse run
// again over the text with each such "\r\n" written "\n" (one line, as an editor shows it), which
// gives the same rows and problems at physical lines.
async function reference(bytes: Buffer): Promise<Outcome> {
  const text = bytes.toString("utf8");
  const other = bytes[0] === 0xff ? undefined : otherLineEnd(text);
  if (other !== undefined) bytes = Buffer.from(text.slice(0, other.at), "utf8");
  const values = parsed(bytes);
  // Each "\r\n" that csv-parse counts as two lines written so that it counts one, the rows unchanged:
  // inside quotes as "\n"; outside quotes in a file of "\r" lines (where it ends a row and its "\n" is
  // the next row's first character) as "\r" and a character that is no line break.
  const crLines = linesEndInCarriageReturns(text);
  const physical =
    bytes[0] === 0xff
      ? values
      : parsed(
          Buffer.from(
            bytes
              .toString("utf8")
              .replace(/"[^"]*(?:"|$)|\r\n/g, (token) =>
                token === "\r\n" ? (crLines ? "\r\u0001" : token) : token.replaceAll("\r\n", "\n"),
              ),
            "utf8",
          ),
        );
  expect(physical.rows.length).toBe(values.rows.length);
  expect(physical.error?.code).toBe(values.error?.code);
  const rows: Row[] = [];
  let after = { lines: 0, emptyLines: 0 };
  let columns: number | undefined;
  values.rows.forEach(({ record }, index) => {
    const info = physical.rows[index]!.info;
    const first = after.lines + (info.empty_lines - after.emptyLines) + 1;
    after = { lines: info.lines, emptyLines: info.empty_lines };
    rows.push([record, first, info.lines]);
    columns ??= record.length;
  });
  const counts = physical.error;
  if (counts !== undefined) {
    // The row cut at the line that ends the other way was never ended: neither it nor its problem counts.
    if (other !== undefined && counts.lines >= other.line) return refused(rows, other);
    const first = after.lines + (counts.empty_lines - after.emptyLines) + 1;
    // csv-parse's own sentence (which quotes the cell) from the file as it is, at the physical line.
    const original = values.error!;
    const message = original.message.replace(` at line ${original.lines}`, ` at line ${counts.lines}`);
    const problem = { code: counts.code, message, lines: counts.lines, record: original.record };
    const failure = malformedRow(problem, "usage.csv", first, columns);
    return { rows, error: { message: failure.message, details: failure.details } };
  }
  return other === undefined ? { rows } : refused(rows, other);
}

function refused(rows: Row[], other: NonNullable<ReturnType<typeof otherLineEnd>>): Outcome {
  const message = `usage.csv line ${other.line} ends with ${lineEndName(other.found)} where the file's first line ends with ${lineEndName(other.expected)}: a CSV usage file's lines end one way (two exports joined?). Save it with one line ending (dos2unix converts CRLF to LF) and rate it again.`;
  const kept = rows.filter(([, , last]) => last < other.line);
  return { rows: kept, error: { message, details: { file: "usage.csv", line: other.line } } };
}

async function* chunked(bytes: Buffer, cuts: ReadonlyArray<number>): AsyncGenerator<Buffer> {
  let start = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b)) {
    if (cut <= start) continue;
    yield bytes.subarray(start, cut);
    start = cut;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

async function fast(bytes: Buffer, cuts: ReadonlyArray<number>, only?: string): Promise<Outcome> {
  const rows: Row[] = [];
  try {
    for await (const batch of csvRecordBatches(chunked(bytes, cuts), "usage.csv", only))
      for (let i = 0; i < batch.records.length; i += 1)
        rows.push([batch.records[i]!, batch.firstLines[i]!, batch.lastLines[i]!]);
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    return { rows, error: { message: error.message, details: error.details } };
  }
  return { rows };
}

// Cells as usage files hold them, and every way one can go wrong: quotes, doubled quotes, commas and
// line breaks inside quotes, a quote in the middle of a cell, text after a closing quote, a stray "\r".
const cell = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "evt_1", "2026-02-10T00:00:00Z", "1.5", "", "é", " x ") },
  { weight: 2, arbitrary: fc.constantFrom('"a,b"', '"say ""hi"""', '"a\nb"', '"a\r\nb"', '""', '"x"') },
  { weight: 1, arbitrary: fc.constantFrom('a"b', '"a"b', '"open', "a\rb", "\r", '"') },
);
const lineBreak = fc.constantFrom("\n", "\r\n", "\r");
const row = (columns: number) =>
  fc.oneof(
    { weight: 10, arbitrary: fc.array(cell, { minLength: columns, maxLength: columns }) },
    { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: columns + 1 }) },
  );
const csvText = fc
  .record({
    bom: fc.boolean(),
    breaks: fc.tuple(lineBreak, lineBreak),
    header: fc.oneof(
      { weight: 6, arbitrary: fc.constant(["id", "type", "gb"]) },
      { weight: 1, arbitrary: fc.array(cell, { minLength: 1, maxLength: 4 }) },
    ),
    rows: fc.array(fc.tuple(row(3), fc.nat(6)), { maxLength: 12 }),
    finalBreak: fc.boolean(),
    mostlyFirstBreak: fc.nat(9),
  })
  .map(({ bom, breaks, header, rows, finalBreak, mostlyFirstBreak }) => {
    // A file mostly keeps one line break; now and then another slips in.
    const pickBreak = (n: number) => (n < mostlyFirstBreak ? breaks[0] : breaks[1]);
    const lines = [header.join(",")];
    for (const [cells, blanks] of rows) {
      for (let i = 0; i < (blanks === 0 ? 1 : 0); i += 1) lines.push("");
      lines.push(cells.join(","));
    }
    let text = lines
      .map((line, i) => (i < lines.length - 1 || finalBreak ? line + pickBreak(i) : line))
      .join("");
    if (bom) text = `\uFEFF${text}`;
    return text;
  });

describe("csvRecordBatches", () => {
  it("gives the rows, lines and errors csv-parse alone gives, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text, "utf8");
          expect(await fast(bytes, cuts)).toEqual(await reference(bytes));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("keeps only the asked column's cell of every row after the header, with the same lines and errors", async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.constantFrom("id", "gb", "absent"),
        async (text, cuts, only) => {
          const bytes = Buffer.from(text, "utf8");
          const all = await reference(bytes);
          const column = all.rows[0]?.[0].indexOf(only) ?? -1;
          const rows = all.rows.map(
            ([cells, first, last], index): Row => [
              index === 0 || column === -1 ? cells : [cells[column]!],
              first,
              last,
            ],
          );
          expect(await fast(bytes, cuts, only)).toEqual({ ...all, rows });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("reads a file whose third row quotes a cell across two lines, then plain rows again", async () => {
    const text = 'id,type,gb\na,t,1\n\nb,t,"1\n2"\nc,t,3\n';
    const outcome = await fast(Buffer.from(text), []);
    // line 1 header, 2 a, 3 blank, 4–5 b (quoted cell spans them), 6 c
    expect(outcome.rows).toEqual([
      [["id", "type", "gb"], 1, 1],
      [["a", "t", "1"], 2, 2],
      [["b", "t", "1\n2"], 4, 5],
      [["c", "t", "3"], 6, 6],
    ]);
  });

  it("names the physical line of a row with a cell left out after the switch to csv-parse", async () => {
    const text = 'id,type,gb\na,t,"1"\nb,t\n';
    const outcome = await fast(Buffer.from(text), []);
    expect(outcome.error?.details).toEqual({
      file: "usage.csv",
      line: 3,
      csv: "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH",
    });
    expect(outcome.error?.message).toContain("usage.csv line 3 has 2 cells but the header row has 3 columns");
  });

  it("counts a CRLF inside a quoted cell as one line, as an editor shows it (csv-parse counts two)", async () => {
    // line 1 header, 2–3 a (its quoted cell holds "1\r\n2"), 4 b with a cell too many. csv-parse alone
    // says line 5: it counts the "\r" and the "\n" inside quotes one line each.
    const tooMany = await fast(Buffer.from('id,type,gb\na,t,"1\r\n2"\nb,t,3,4\n'), []);
    expect(tooMany.rows).toEqual([
      [["id", "type", "gb"], 1, 1],
      [["a", "t", "1\r\n2"], 2, 3],
    ]);
    expect(tooMany.error?.message).toContain("usage.csv line 4 has 4 cells but the header row has 3 columns");
    // The same before a line that ends with CRLF in a file of LF lines: that is line 4, not 5.
    const mixed = await fast(Buffer.from('id,type,gb\na,t,"1\r\n2"\nb,t,3\r\n'), [0.6]);
    expect(mixed.error?.details).toEqual({ file: "usage.csv", line: 4 });
    // The CI counterexample of 6 December (seed 838380306): the quote problem on line 8 comes before the
    // CRLF that ends line 9, whether the bytes arrive in one chunk or two.
    const text = 'id,type,gb\n\n"a,b",a,"a\r\nb"\n\na,",a\n\na"b,a,a\na,a,\r\n';
    for (const cuts of [[], [0.8775510204081632]]) {
      const outcome = await fast(Buffer.from(text), cuts);
      expect(outcome.error?.message).toMatch(/^usage\.csv lines 6–8: text follows the closing quote/);
    }
  });

  it("reads a UTF-16 file (byte order mark FF FE) as csv-parse does", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,type\r\na,b\r\n", "utf16le")]);
    expect(await fast(bytes, [0.5])).toEqual(await reference(bytes));
  });
});
