import { escapeControl } from "../explain/index.js";
import type { CheckResult, FixtureResult, LineWords } from "./check.js";
import type { Difference } from "./invoiceDifferences.js";

// A fixture whose whole invoice moved (a price changed) can differ in hundreds of fields: the first ones
// say what happened, the rest are counted.
const SHOWN_DIFFERENCES = 40;

const LABEL = { pass: "PASS ", fail: "FAIL ", error: "ERROR" } as const;

/**
 * The check in words: PASS, FAIL or ERROR per fixture; under a failure each differing field (its JSON
 * path, the expected and the recomputed value) grouped by invoice line, with both versions of the
 * line in words; then a SKIP line per folder (or file) skipped, with its reason; then the counts.
 */
export function checkReportText(result: CheckResult): string {
  const out: string[] = [];
  for (const fixture of result.fixtures) out.push(...fixtureText(fixture));
  const skipped = result.skipped ?? [];
  for (const folder of skipped)
    out.push(`SKIP  ${escapeControl(folder.name)} — ${escapeControl(folder.reason)}`);
  const total = result.fixtures.length;
  const skippedCount =
    skipped.length === 0
      ? ""
      : `; ${skippedWords(skipped)} skipped (${skipped.length === 1 ? "not a fixture" : "not fixtures"})`;
  out.push(
    "",
    `${total} fixture${total === 1 ? "" : "s"}: ${result.passed} passed, ${result.failed} failed, ${result.errors} could not be rated${skippedCount}`,
  );
  return `${out.join("\n")}\n`;
}

// "2 folders", "1 file", "1 file and 2 folders": a file named among the arguments
// (`ratecard check fixtures/*` with a README.md) is not counted as a folder.
function skippedWords(skipped: NonNullable<CheckResult["skipped"]>): string {
  const files = skipped.filter((item) => item.file === true).length;
  const folders = skipped.length - files;
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  return [files > 0 ? count(files, "file") : "", folders > 0 ? count(folders, "folder") : ""]
    .filter((part) => part !== "")
    .join(" and ");
}

/** One fixture's part of the report: its PASS, FAIL or ERROR line and, under a failure, the differences. */
export function fixtureText(fixture: FixtureResult): string[] {
  const name = escapeControl(fixture.name);
  // A pass says what it compared, unless it has something to say (--update's "written from ratecard's
  // output: check every number"); a failure or error says why (what differs is in its rows).
  const why = fixture.status === "pass" ? (fixture.reason ?? fixture.compared) : fixture.reason;
  const head = `${LABEL[fixture.status]} ${name}${why === undefined ? "" : ` — ${escapeControl(why)}`}`;
  const out = [head];
  const shown = fixture.differences.slice(0, SHOWN_DIFFERENCES);
  let currentLine: string | undefined;
  // A line both expected.json and expected-figures.json differ on is worded once, under its first rows.
  const worded = new Set<string>();
  for (const difference of shown) {
    if (difference.lineId !== currentLine && difference.lineId !== undefined) {
      out.push(`  line ${escapeControl(difference.lineId)}:`);
      const words = fixture.lines.find((line) => line.id === difference.lineId);
      if (words !== undefined && !worded.has(words.id)) out.push(...lineWordsText(words));
      worded.add(difference.lineId);
    }
    currentLine = difference.lineId;
    out.push(`${difference.lineId === undefined ? "  " : "    "}${differenceText(difference)}`);
  }
  const hidden = fixture.differences.length - shown.length;
  if (hidden > 0) out.push(`  … and ${hidden} more field${hidden === 1 ? "" : "s"}`);
  return out;
}

// Both versions of the line in words; a line only expected-figures.json differs on has one version
// (the figure written down is on the difference's own row).
function lineWordsText(words: LineWords): string[] {
  const indent = (text: string) => text.split("\n").map((row) => `        ${escapeControl(row)}`);
  const recomputed = [
    "      recomputed:",
    ...(words.actual === undefined ? ["        (no such line)"] : indent(words.actual)),
  ];
  if (words.figuresOnly === true) return recomputed;
  return [
    "      expected:",
    ...(words.expected === undefined ? ["        (no such line)"] : indent(words.expected)),
    ...recomputed,
  ];
}

/** `lines[1].amount: expected "3656.00", recomputed "3657.00" (recomputed − expected: +1.00)`. */
function differenceText(difference: Difference): string {
  // A figure of expected-figures.json has no field to be absent from: it was not written down, or the
  // invoice does not bill it.
  const figure = difference.path.startsWith("figures.") || difference.path.startsWith("figures[");
  const side = (value: string | undefined, absentFigure: string) =>
    value !== undefined ? escapeControl(value) : figure ? absentFigure : "(absent)";
  const expected = side(difference.expected, "(not written down)");
  const actual = side(difference.actual, "(not billed)");
  const what = difference.order === true ? `${difference.path}, the ids in order` : difference.path;
  return `${what}: expected ${expected}, recomputed ${actual}${byHowMuch(difference)}${likelyText(difference)}`;
}

// An id written down that is not billed, close to one billed that is not written down.
function likelyText(difference: Difference): string {
  return difference.likelyId === undefined
    ? ""
    : `; ${difference.likelyId} is billed but not written down: a misspelling of it?`;
}

// How far apart two amounts are, so a reviewer need not subtract "7663.79" from "7663.78" by eye.
function byHowMuch(difference: Difference): string {
  return difference.delta === undefined ? "" : ` (recomputed − expected: ${difference.delta})`;
}
