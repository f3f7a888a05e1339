import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check, checkReportText, type FixtureInput } from "../../src/check/index.js";
import { readUsage } from "../../src/cli/readUsage.js";

// The cloud-platform-may fixture as the CLI hands it to check: its invoice and the credit note of its
// outage (fixtures/cloud-platform-may/README.md works both out by hand).
const DIR = join(import.meta.dirname, "..", "..", "fixtures", "cloud-platform-may");
const read = (file: string) => readFileSync(join(DIR, file), "utf8");
const noteText = read("expected-credit-note.json");
const cloud: FixtureInput = {
  name: "cloud-platform-may",
  contract: JSON.parse(read("contract.json")),
  events: await readUsage(join(DIR, "usage.ndjson")),
  expectedText: read("expected.json"),
  creditNote: { corrections: JSON.parse(read("corrections.json")), expectedText: noteText },
};

function editedNote(edit: (note: Record<string, unknown>) => void): string {
  const note = JSON.parse(noteText);
  edit(note);
  return `${JSON.stringify(note, null, 2)}\n`;
}

describe("check, a fixture with a credit note", () => {
  it("passes when the invoice and the credit note are both as expected", () => {
    const [result] = check([cloud]).fixtures;
    expect(result?.status).toBe("pass");
    expect(result?.creditNoteText).toBe(noteText);
  });

  it("fails on a credit note field, named under creditNote", () => {
    // By hand the SLA credit is 7.70; expected-credit-note.json says 7.71 here.
    const text = editedNote((note) => {
      const lines = note.lines as Array<Record<string, unknown>>;
      lines[1] = { ...lines[1], amount: "7.71" };
    });
    const result = check([
      {
        ...cloud,
        creditNote: { ...cloud.creditNote, corrections: cloud.creditNote?.corrections, expectedText: text },
      },
    ]);
    expect(result.fixtures[0]?.status).toBe("fail");
    expect(result.fixtures[0]?.differences).toEqual([
      {
        path: "creditNote.lines[1].amount",
        expected: '"7.71"',
        actual: '"7.70"',
        lineId: "plan@2026-05-20:credit:2",
        delta: "-0.01", // 7.70 − 7.71
      },
    ]);
    const report = checkReportText(result);
    expect(report).toContain("FAIL  cloud-platform-may — the credit note differs in 1 field");
    expect(report).toContain('creditNote.lines[1].amount: expected "7.71", recomputed "7.70"');
  });

  it("fails with the change named, whatever amount of the credit note is changed", () => {
    const note = JSON.parse(noteText);
    const paths = [
      ...note.lines.flatMap((_: unknown, at: number) => [`lines[${at}].amount`, `lines[${at}].invoiced`]),
      "subtotal",
      "total",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.integer({ min: 1, max: 99 }), (path, cents) => {
        const text = editedNote((edited) => {
          const [, line, field] = /^lines\[(\d+)\]\.(\w+)$/.exec(path) ?? [];
          const target =
            line === undefined ? edited : (edited.lines as Array<Record<string, string>>)[Number(line)];
          const key = field ?? path;
          (target as Record<string, string>)[key] = (
            Number((target as Record<string, string>)[key]) +
            cents / 100
          ).toFixed(2);
        });
        const [result] = check([
          { ...cloud, creditNote: { corrections: cloud.creditNote?.corrections, expectedText: text } },
        ]).fixtures;
        expect(result?.status).toBe("fail");
        expect(result?.differences.map((difference) => difference.path)).toContain(`creditNote.${path}`);
      }),
      { numRuns: 20 },
    );
  });

  it("fails when the fixture has corrections but no expected credit note yet, and offers the note", () => {
    const [result] = check([
      { ...cloud, creditNote: { corrections: cloud.creditNote?.corrections } },
    ]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toBe("there is no expected-credit-note.json");
    expect(result?.creditNoteText).toBe(noteText);
  });

  it("cannot rate a fixture whose corrections credit more than the line billed, naming corrections.json", () => {
    // The Pro plan line billed 77.03: a credit of 80.00 is more than it.
    const corrections = [{ kind: "amount", line: "plan@2026-05-20", amount: "80.00", reason: "too much" }];
    const [result] = check([{ ...cloud, creditNote: { corrections, expectedText: noteText } }]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toMatch(/\(at corrections\.json\[0\]/);
  });
});
