import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, type FixtureInput } from "../../src/check/index.js";
import { howTextDiffers } from "../../src/check/textDiffers.js";
import { readUsage } from "../../src/cli/readUsage.js";

// expected.json as a Windows machine hands it over: git's core.autocrlf writes every line ending as
// CRLF on checkout, and Notepad (before 2019) saved a byte order mark. The data are cdn-basic's own; the
// reason must name what differs, never "key order, indentation or the final newline" for a line end.

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const contract = JSON.parse(readFileSync(join(DIR, "contract.json"), "utf8"));
const expectedText = readFileSync(join(DIR, "expected.json"), "utf8");
const events = await readUsage(join(DIR, "usage.ndjson"));
const cdnBasic: FixtureInput = { name: "cdn-basic", contract, events, expectedText };

function reasonFor(text: string): string | undefined {
  const [result] = check([{ ...cdnBasic, expectedText: text }]).fixtures;
  expect(result?.status).toBe("fail");
  expect(result?.differences).toEqual([]);
  return result?.reason;
}

describe("check: expected.json whose data match but whose text does not", () => {
  it("names CRLF line ends, as git on Windows checks the file out", () => {
    expect(reasonFor(expectedText.replaceAll("\n", "\r\n"))).toBe(
      "the data are the same but the text differs (its lines end with CRLF, \\r\\n, where ratecard writes LF, \\n: git's core.autocrlf writes CRLF on Windows; a .gitattributes line `*.json text eol=lf` keeps LF): expected.json is not in ratecard's canonical form",
    );
  });

  it("reads expected.json that starts with a byte order mark, and names the mark", () => {
    // before, the mark made the file "not JSON: Unexpected token" (an error, exit 2) with the mark quoted
    const [result] = check([{ ...cdnBasic, expectedText: `\uFEFF${expectedText}` }]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toBe(
      "the data are the same but the text differs (it starts with a byte order mark, U+FEFF, which ratecard does not write): expected.json is not in ratecard's canonical form",
    );
  });

  it("names the final newline, the indentation and the key order, each alone", () => {
    const canonical = (reason: string) =>
      `the data are the same but the text differs (${reason}): expected.json is not in ratecard's canonical form`;
    expect(reasonFor(expectedText.trimEnd())).toBe(canonical("the final newline"));
    expect(reasonFor(`${JSON.stringify(JSON.parse(expectedText), null, 4)}\n`)).toBe(
      canonical("indentation or spacing"),
    );
    // the same invoice with its first two keys swapped (id before schemaVersion)
    const { schemaVersion, id, ...rest } = JSON.parse(expectedText);
    expect(reasonFor(`${JSON.stringify({ id, schemaVersion, ...rest }, null, 2)}\n`)).toBe(
      canonical("key order"),
    );
  });
});

describe("check: expected-credit-note.json whose data match but whose text does not", () => {
  // cloud-platform-may's credit note of its outage (fixtures/cloud-platform-may/README.md)
  const NOTE_DIR = join(import.meta.dirname, "..", "..", "fixtures", "cloud-platform-may");
  const read = (file: string) => readFileSync(join(NOTE_DIR, file), "utf8");
  const noteText = read("expected-credit-note.json");
  const cloud = async (text: string): Promise<FixtureInput> => ({
    name: "cloud-platform-may",
    contract: JSON.parse(read("contract.json")),
    events: await readUsage(join(NOTE_DIR, "usage.ndjson")),
    expectedText: read("expected.json"),
    creditNote: { corrections: JSON.parse(read("corrections.json")), expectedText: text },
  });

  it("names a byte order mark and CRLF line ends together", async () => {
    // before, a mark made the note "not JSON" and CRLF read as no more than "the text differs"
    const [result] = check([await cloud(`\uFEFF${noteText.replaceAll("\n", "\r\n")}`)]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.differences).toEqual([]);
    expect(result?.reason).toBe(
      "the credit note's data are as expected but the text differs (it starts with a byte order mark, U+FEFF, which ratecard does not write; its lines end with CRLF, \\r\\n, where ratecard writes LF, \\n: git's core.autocrlf writes CRLF on Windows; a .gitattributes line `*.json text eol=lf` keeps LF): expected-credit-note.json is not in ratecard's canonical form",
    );
  });
});

describe("howTextDiffers, as a law", () => {
  it("names every change a Windows machine or an editor makes to a canonical text, and only those", () => {
    const json = fc.jsonValue().filter((value) => JSON.stringify(value, null, 2).includes("\n"));
    fc.assert(
      fc.property(json, fc.boolean(), fc.boolean(), fc.boolean(), (value, mark, crlf, cut) => {
        const canonical = `${JSON.stringify(value, null, 2)}\n`;
        let text = cut ? canonical.trimEnd() : canonical;
        if (crlf) text = text.replaceAll("\n", "\r\n");
        if (mark) text = `\uFEFF${text}`;
        const words = howTextDiffers(text, canonical);
        expect(words.includes("byte order mark")).toBe(mark);
        expect(words.includes("CRLF")).toBe(crlf);
        expect(words.includes("the final newline")).toBe(cut);
        expect(words.includes("key order")).toBe(false);
      }),
    );
  });
});
