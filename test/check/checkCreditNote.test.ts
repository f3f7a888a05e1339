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
    expect(result?.reason).toBe(
      "there is no expected-credit-note.json or creditNote in expected-figures.json",
    );
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

describe("check, a credit note's figures worked out by hand (expected-figures.json's creditNote)", () => {
  // README: 360,000 instance-seconds × 0.000010 = 3.60 off instances@2026-05-20; 10 % × 77.03 = 7.703,
  // written 7.70 off plan@2026-05-20; 3.60 + 7.70 = 11.30, no tax in the contract.
  const noteFigures = {
    lines: {
      "instances@2026-05-20:credit:1": { quantity: "360000", amount: "3.60" },
      "plan@2026-05-20:credit:2": "7.70",
    },
    subtotal: "11.30",
    tax: "0",
    total: "11.30",
  };
  const invoiceFigures = JSON.parse(read("expected-figures.json")) as Record<string, unknown>;
  const withFigures = (creditNote: unknown, expectedText?: string): FixtureInput => ({
    name: "cloud-platform-may",
    contract: cloud.contract,
    events: cloud.events,
    figuresText: JSON.stringify({ ...invoiceFigures, creditNote }),
    creditNote: {
      corrections: cloud.creditNote?.corrections,
      ...(expectedText === undefined ? {} : { expectedText }),
    },
  });

  it("passes a credit note checked by its figures alone, with no expected-credit-note.json", () => {
    const [result] = check([withFigures(noteFigures)]).fixtures;
    expect(result?.status).toBe("pass");
  });

  it("fails on a credit note figure, named under figures.creditNote, beside expected-credit-note.json", () => {
    // 7.71 written down; the note credits 7.70 (7.70 − 7.71 = −0.01)
    const figures = { ...noteFigures, lines: { ...noteFigures.lines, "plan@2026-05-20:credit:2": "7.71" } };
    const [result] = check([withFigures(figures, noteText)]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toBe("expected-figures.json: 1 credit note figure differs");
    expect(result?.differences).toEqual([
      {
        path: 'figures.creditNote.lines["plan@2026-05-20:credit:2"]',
        expected: '"7.71"',
        actual: '"7.70"',
        delta: "-0.01",
      },
    ]);
  });

  it("fails on a credit line not written down, and on a quantity written for a line credited by amount", () => {
    const figures = {
      lines: { "plan@2026-05-20:credit:2": { quantity: "1", amount: "7.70" } },
      total: "11.30",
    };
    const [result] = check([withFigures(figures)]).fixtures;
    expect(result?.differences).toEqual([
      { path: 'figures.creditNote.lines["instances@2026-05-20:credit:1"]', actual: '"3.60"' },
      { path: 'figures.creditNote.lines["plan@2026-05-20:credit:2"].quantity', expected: '"1"' },
    ]);
  });

  it("fails naming exactly the figure changed, whatever credit note figure is off by whatever amount", () => {
    // Each figure of the note written k hundredths (a quantity: k units) above what the README works out:
    // the one difference is that figure, by -k (recomputed − expected).
    const targets = [
      { path: 'figures.creditNote.lines["instances@2026-05-20:credit:1"].amount', scale: 100 },
      { path: 'figures.creditNote.lines["instances@2026-05-20:credit:1"].quantity', scale: 1 },
      { path: 'figures.creditNote.lines["plan@2026-05-20:credit:2"]', scale: 100 },
      { path: "figures.creditNote.subtotal", scale: 100 },
      { path: "figures.creditNote.total", scale: 100 },
    ];
    const edit = (path: string, k: number, scale: number) => {
      const figures = structuredClone(noteFigures) as Record<string, unknown>;
      const lines = figures.lines as Record<string, unknown>;
      const instances = lines["instances@2026-05-20:credit:1"] as Record<string, string>;
      const bump = (text: string) => (Number(text) + k / scale).toFixed(scale === 1 ? 0 : 2);
      if (path.endsWith(".amount")) instances.amount = bump(instances.amount ?? "");
      else if (path.endsWith(".quantity")) instances.quantity = bump(instances.quantity ?? "");
      else if (path.includes("plan@")) lines["plan@2026-05-20:credit:2"] = bump("7.70");
      else {
        const key = path.endsWith("subtotal") ? "subtotal" : "total";
        figures[key] = bump(figures[key] as string);
      }
      return figures;
    };
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.integer({ min: 1, max: 999 }), ({ path, scale }, k) => {
        const [result] = check([withFigures(edit(path, k, scale))]).fixtures;
        expect(result?.status).toBe("fail");
        expect(result?.differences.map((difference) => difference.path)).toEqual([path]);
      }),
      { numRuns: 20 },
    );
  });

  it("is an error when the figures hold a credit note and the fixture has no corrections.json", () => {
    const { creditNote: _, ...fixture } = withFigures(noteFigures);
    const [result] = check([fixture]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toBe(
      "expected-figures.json has a creditNote, but there is no corrections.json to issue the credit note from",
    );
  });
});
