import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { quoteOutOfPlace } from "../../src/cli/duckdbCsvRefusal.js";

// quoteOutOfPlace finds a quote out of place in a CSV file (a space before an opening quote, text after
// a closing one, a quote inside an unquoted cell) exactly where csv-parse, ratecard's reader, refuses a
// quote; the file is read 64 KB at a time, so texts are also put across the first chunk's end.
const scratch = mkdtempSync(join(tmpdir(), "ratecard-quote-search-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const QUOTE_ERRORS = new Set(["INVALID_OPENING_QUOTE", "CSV_INVALID_CLOSING_QUOTE"]);

// What csv-parse says of the text's quotes (cell counts aside): whether it refuses one.
function csvParseRefusesAQuote(text: string): boolean {
  try {
    parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
    return false;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return QUOTE_ERRORS.has(error.code);
  }
}

const CHUNK = 1 << 16;

describe("quoteOutOfPlace", () => {
  it("finds a quote out of place where csv-parse refuses one, across the 64 KB chunks", () => {
    // One line break per file: lines ending both ways are refused on their own (csvLineEnds.ts).
    const token = fc.constantFrom("a", ",", '"', '""', " ", "\n");
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: -6, max: 2 }),
        fc.boolean(),
        fc.constantFrom("\n", "\r\n"),
        (tokens, bom, shift, padded, lineBreak) => {
          const body = tokens.join("").replaceAll("\n", lineBreak);
          // Padding of plain lines puts the body's start a few bytes before or after the chunk's end.
          const pad = padded
            ? `x${lineBreak}`.repeat(Math.floor((CHUNK + shift) / (1 + lineBreak.length)))
            : "";
          const text = `${bom ? "\uFEFF" : ""}${pad}${body}`;
          const file = join(scratch, "usage.csv");
          writeFileSync(file, text);
          expect(quoteOutOfPlace(file)).toBe(csvParseRefusesAQuote(text));
        },
      ),
    );
  });
});
