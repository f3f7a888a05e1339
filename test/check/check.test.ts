import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckResult,
  check,
  checkReportText,
  type FixtureInput,
  invoiceDifferences,
} from "../../src/check/index.js";
import { readUsage } from "../../src/cli/readUsage.js";

// The cdn-basic fixture as the CLI hands it to check: contract JSON, validated events, expected text.
const DIR = join(import.meta.dirname, "..", "..", "fixtures", "cdn-basic");
const contract = JSON.parse(readFileSync(join(DIR, "contract.json"), "utf8"));
const expectedText = readFileSync(join(DIR, "expected.json"), "utf8");
const events = await readUsage(join(DIR, "usage.ndjson"));
const cdnBasic: FixtureInput = { name: "cdn-basic", contract, events, expectedText };
const saasEvents = await readUsage(join(DIR, "..", "saas-seats", "usage.ndjson"));

// expected.json with one field replaced, written in the canonical form.
function edited(edit: (invoice: Record<string, unknown>) => void): string {
  const invoice = JSON.parse(expectedText);
  edit(invoice);
  return `${JSON.stringify(invoice, null, 2)}\n`;
}

describe("check", () => {
  it("passes a fixture checked against itself", () => {
    const result = check([cdnBasic]);
    expect(result.fixtures[0]?.status).toBe("pass");
    expect(result).toMatchObject({ passed: 1, failed: 0, errors: 0 });
  });

  it("names the field, the expected and the recomputed value, and the line in words", () => {
    // docs/uat-fixtures.md: bandwidth_na is lines[1], 3,656.00 by hand; expected.json says 3,657.00 here.
    const text = edited((invoice) => {
      (invoice.lines as Array<Record<string, unknown>>)[1] = {
        ...(invoice.lines as Array<Record<string, unknown>>)[1],
        amount: "3657.00",
      };
    });
    const [result] = check([{ ...cdnBasic, expectedText: text }]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.differences).toEqual([
      // 3656.00 − 3657.00 = −1.00
      {
        path: "lines[1].amount",
        expected: '"3657.00"',
        actual: '"3656.00"',
        lineId: "bandwidth_na",
        delta: "-1.00",
      },
    ]);
    // Both sides of the line in words: the recomputed one says the README's total, $3,656.00.
    expect(result?.lines).toHaveLength(1);
    expect(result?.lines[0]?.id).toBe("bandwidth_na");
    expect(result?.lines[0]?.actual).toContain("Line total $3,656.00");
    const report = checkReportText(check([{ ...cdnBasic, expectedText: text }]));
    expect(report).toContain("FAIL  cdn-basic — 1 field differs");
    expect(report).toContain('lines[1].amount: expected "3657.00", recomputed "3656.00"');
    expect(report).toContain("0 passed, 1 failed, 0 could not be rated");
  });

  it("words a line in the invoice's dates, once, when expected.json and its figures both differ on it", () => {
    // saas-seats (docs/uat-fixtures.md): from 21 April 10 seats are credited for the rest of April,
    // 10 × 12.00 × 10/30 days = 40.00. A seat price of 13.00 in the contract makes it 10 × 13.00 × 10/30
    // = 43.33 in both expected.json and expected-figures.json.
    const SEATS = join(import.meta.dirname, "..", "..", "fixtures", "saas-seats");
    const seats = JSON.parse(readFileSync(join(SEATS, "contract.json"), "utf8"));
    seats.charges[0].price.unitPrice = "13.00";
    const input: FixtureInput = {
      name: "saas-seats",
      contract: seats,
      events: saasEvents,
      expectedText: readFileSync(join(SEATS, "expected.json"), "utf8"),
      figuresText: readFileSync(join(SEATS, "expected-figures.json"), "utf8"),
    };
    const report = checkReportText(check([input]));
    expect(report).toContain("Credit for the unused time from 2026-04-21 to 2026-05-01 of the fee billed");
    expect(report).not.toContain("from 2026-04-21T00:00:00.000Z");
    expect(report).toContain(
      'figures.lines["seats:unused@2026-04-21"].amount: expected "-40.00", recomputed "-43.33"',
    );
    // The line's two versions in words are printed under its first rows only.
    expect(report.match(/^ {6}expected:$/gm)).toHaveLength(1);
  });

  it("fails with the change named, whatever string field of the expected invoice is changed", () => {
    const leaves = stringLeaves(JSON.parse(expectedText), []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), (leaf) => {
        const text = edited((invoice) => setAt(invoice, leaf.path, `${leaf.value}x`));
        const [result] = check([{ ...cdnBasic, expectedText: text }]).fixtures;
        // A value an invoice cannot hold (a model "graduatedx") makes expected.json unreadable: the
        // error names the field. Any other change is the one difference found.
        if (result?.status === "error") expect(result.reason).toContain(leaf.jsonPath);
        else if (isItemId(leaf.path)) {
          // Lines and credits are matched by id: a renamed one is one item gone and one item new.
          const item = leaf.jsonPath.replace(/\.id$/, "");
          expect(result?.differences.map((difference) => difference.path)).toEqual([item, item]);
        } else {
          expect(result?.status).toBe("fail");
          expect(result?.differences.map((difference) => difference.path)).toEqual([leaf.jsonPath]);
          expect(result?.differences[0]?.actual).toBe(JSON.stringify(leaf.value));
        }
      }),
      { numRuns: 100 },
    );
  });

  it("reports a line missing from the recomputed invoice as that one line, not a shift of the others", () => {
    const expected = JSON.parse(expectedText);
    const extra = { ...expected.lines[0], id: "support_fee", chargeId: "support_fee", name: "Support" };
    const differences = invoiceDifferences(
      { ...expected, lines: [expected.lines[0], extra, ...expected.lines.slice(1)] },
      expected,
    );
    expect(differences).toEqual([
      { path: "lines[1]", expected: JSON.stringify(extra), lineId: "support_fee" },
    ]);
  });

  it("says by how much two decimals differ, recomputed − expected, for a script as for the text", () => {
    const expected = JSON.parse(expectedText);
    // total 7663.78 written as 7623.78: recomputed − expected = 7663.78 − 7623.78 = +40.00; a
    // quantity 61400 written as 61400.125: 61400 − 61400.125 = −0.125, in the finer decimals (3)
    const edited = {
      ...expected,
      total: "7623.78",
      lines: [expected.lines[0], { ...expected.lines[1], quantity: "61400.125" }, ...expected.lines.slice(2)],
    };
    const differences = invoiceDifferences(edited, expected);
    expect(differences).toEqual([
      {
        path: "lines[1].quantity",
        expected: '"61400.125"',
        actual: '"61400"',
        lineId: "bandwidth_na",
        delta: "-0.125",
      },
      { path: "total", expected: '"7623.78"', actual: '"7663.78"', delta: "+40.00" },
    ]);
    // a field that is no decimal (a name) has no delta
    const renamed = invoiceDifferences(
      { ...expected, customer: { ...expected.customer, name: "X" } },
      expected,
    );
    expect(renamed.map((difference) => difference.delta)).toEqual([undefined]);
  });

  it("names lines that are only in another order, instead of calling the data the same", () => {
    // expected.json with its first two lines swapped (platform_fee and bandwidth_na), in canonical form:
    // before, the report said "the data are the same but the text differs (key order, indentation …)"
    const text = edited((invoice) => {
      const lines = invoice.lines as unknown[];
      invoice.lines = [lines[1], lines[0], ...lines.slice(2)];
    });
    const [result] = check([{ ...cdnBasic, expectedText: text }]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toBe("1 field differs");
    const order = (ids: string[]) => JSON.stringify(ids);
    expect(result?.differences).toEqual([
      {
        path: "lines",
        order: true,
        expected: order(["bandwidth_na", "platform_fee", "bandwidth_eu", "bandwidth_apac", "requests"]),
        actual: order(["platform_fee", "bandwidth_na", "bandwidth_eu", "bandwidth_apac", "requests"]),
      },
    ]);
    const report = checkReportText(check([{ ...cdnBasic, expectedText: text }]));
    expect(report).toContain(
      '  lines, the ids in order: expected ["bandwidth_na","platform_fee","bandwidth_eu","bandwidth_apac","requests"], recomputed ["platform_fee","bandwidth_na","bandwidth_eu","bandwidth_apac","requests"]',
    );
  });

  it("refuses a fixture.json period that is not expected.json's, rather than check another month", () => {
    // expected.json is February's invoice (2026-02-01/2026-03-01); fixture.json says March
    const [march] = check([{ ...cdnBasic, period: "2026-03" }]).fixtures;
    expect(march?.status).toBe("error");
    expect(march?.reason).toBe(
      "fixture.json names the period 2026-03, but expected.json is the invoice for 2026-02-01/2026-03-01: correct one of them (or delete fixture.json, which only names the period until expected.json is written)",
    );
    // the same period, written as a month or as dates, is no conflict (nor is a month that a term
    // starting mid-month clips: fixtures/cloud-platform-may names 2026-05 and bills from 2026-05-12)
    for (const period of ["2026-02", "2026-02-01/2026-03-01"])
      expect(check([{ ...cdnBasic, period }]).fixtures[0]?.status).toBe("pass");
  });

  it("fails a fixture whose data match but whose text is not canonical", () => {
    const [result] = check([{ ...cdnBasic, expectedText: expectedText.trimEnd() }]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.differences).toEqual([]);
    expect(result?.reason).toContain("not in ratecard's canonical form");
  });

  it("fails a fixture with no expected.json and hands back the recomputed invoice", () => {
    const period = JSON.parse(expectedText).period.label;
    const [result] = check([{ name: "new", contract, events, period }]).fixtures;
    expect(result?.status).toBe("fail");
    expect(result?.reason).toContain("there is no expected.json");
    expect(result?.actualText).toBe(expectedText);
  });

  it("reports a contract that is not valid as an error at its JSON path, and checks the others", () => {
    const broken = { ...contract, currency: "US DOLLARS" };
    const result = check([{ ...cdnBasic, name: "broken", contract: broken }, cdnBasic]);
    expect(result.fixtures.map((fixture) => fixture.status)).toEqual(["error", "pass"]);
    expect(result.fixtures[0]?.reason).toContain("currency");
    // The path is one into contract.json, and the reason says which file it is in.
    expect(result.fixtures[0]?.reason).toMatch(/^contract\.json: .*\(at currency(\.code)?\)$/);
    expect(result).toMatchObject({ passed: 1, failed: 0, errors: 1 });
  });

  it("reports an expected.json that is not an invoice as an error", () => {
    const [result] = check([{ ...cdnBasic, expectedText: '{"total": "1.00"}\n' }]).fixtures;
    expect(result?.status).toBe("error");
    expect(result?.reason).toContain("expected.json is not a ratecard invoice");
  });
});

function isItemId(path: ReadonlyArray<string | number>): boolean {
  return path.length === 3 && (path[0] === "lines" || path[0] === "credits") && path[2] === "id";
}

interface Leaf {
  readonly path: ReadonlyArray<string | number>;
  readonly jsonPath: string;
  readonly value: string;
}

// Every string value of the invoice with its path, except the digest (which seals the rest).
function stringLeaves(value: unknown, path: ReadonlyArray<string | number>): Leaf[] {
  if (typeof value === "string")
    return path[0] === "digest" ? [] : [{ path, jsonPath: jsonPathOf(path), value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

// The JSON path written independently of the code under test: names joined by dots, indexes in brackets.
function jsonPathOf(path: ReadonlyArray<string | number>): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join("");
}

function setAt(target: Record<string, unknown>, path: ReadonlyArray<string | number>, value: string): void {
  let node: Record<string | number, unknown> = target;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

// The report of a run that rated nothing and skipped these.
const skippedReport = (skipped: NonNullable<CheckResult["skipped"]>) =>
  checkReportText({ fixtures: [], passed: 0, failed: 0, errors: 0, skipped });

describe("checkReportText, folders the caller skipped", () => {
  it("lists each with its reason after the fixtures, and counts them in the last line", () => {
    const report = skippedReport([
      { name: "suite/notes", reason: "not a fixture: it has no contract.json and no expected.json" },
    ]);
    expect(report).toBe(
      "SKIP  suite/notes — not a fixture: it has no contract.json and no expected.json\n\n0 fixtures: 0 passed, 0 failed, 0 could not be rated; 1 folder skipped (not a fixture)\n",
    );
  });

  it("counts a file skipped as a file, not among the folders (ratecard check fixtures/* with a README.md)", () => {
    // 1 file + 2 folders = the 3 SKIP lines; before, "3 folders skipped"
    const report = skippedReport([
      { name: "fixtures/README.md", reason: "not a fixture: a file, not a folder", file: true },
      { name: "fixtures/_generators", reason: "not a fixture: a helper folder (its name starts with _)" },
      { name: "fixtures/_price-books", reason: "not a fixture: a helper folder (its name starts with _)" },
    ]);
    expect(report).toContain("; 1 file and 2 folders skipped (not fixtures)\n");
    const fileOnly = skippedReport([
      { name: "README.md", reason: "not a fixture: a file, not a folder", file: true },
    ]);
    expect(fileOnly).toContain("; 1 file skipped (not a fixture)\n");
  });
});
