import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CheckResult,
  check,
  checkReportText,
  type FixtureInput,
  type FixtureResult,
  junitXml,
} from "../index.js";
import { parseFlags, UsageLineError, write } from "./cliSupport.js";
import { fixtureFolders, readFixture } from "./readFixture.js";

/** Exit code of a check that found a fixture whose invoice differs (issue 11's "differences found"). */
const DIFFERENCES_FOUND = 3;

/**
 * `ratecard check DIR...`: rates every fixture folder and compares it with its expected.json. Exit 0
 * when all pass, 3 when an invoice differs (or a fixture has no expected.json), 2 when a fixture
 * cannot be rated (its input is wrong), which weighs more: its invoice was never compared.
 */
export async function checkCommand(args: ReadonlyArray<string>): Promise<number> {
  const { values, positionals } = parseFlags({
    args: [...args],
    allowPositionals: true,
    options: { junit: { type: "string" }, update: { type: "boolean", default: false } },
  });
  if (positionals.length === 0) throw new UsageLineError("check takes one or more fixture folders");
  const folders = positionals.flatMap(fixtureFolders);
  const read = await Promise.all(folders.map(readFixture));
  const inputs = read.filter(isInput);
  const checked = check(inputs);
  // Results in the order of the folders: those that could not be read take their place among the others.
  const byName = new Map(checked.fixtures.map((result) => [result.name, result]));
  let fixtures = read.map((item) => (isInput(item) ? (byName.get(item.name) as FixtureResult) : item));
  if (values.update) fixtures = await writeMissingExpected(fixtures, inputs);
  const result = summarize(fixtures);
  write(checkReportText(result));
  if (values.junit !== undefined) await writeFile(values.junit, junitXml(result));
  if (result.errors > 0) return 2;
  return result.failed > 0 ? DIFFERENCES_FOUND : 0;
}

// --update writes expected.json (and expected-credit-note.json, for a fixture with corrections.json)
// where there is none, from ratecard's own output, and never overwrites one (the "wx" flag refuses an
// existing file even if it appeared since the check read the folder).
async function writeMissingExpected(
  fixtures: ReadonlyArray<FixtureResult>,
  inputs: ReadonlyArray<FixtureInput>,
): Promise<FixtureResult[]> {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  return Promise.all(
    fixtures.map(async (fixture) => {
      const input = byName.get(fixture.name);
      if (input === undefined) return fixture;
      const written: string[] = [];
      if (input.expectedText === undefined && fixture.actualText !== undefined) {
        await writeFile(join(fixture.name, "expected.json"), fixture.actualText, { flag: "wx" });
        written.push("expected.json");
      }
      const note = input.creditNote;
      if (note !== undefined && note.expectedText === undefined && fixture.creditNoteText !== undefined) {
        await writeFile(join(fixture.name, "expected-credit-note.json"), fixture.creditNoteText, {
          flag: "wx",
        });
        written.push("expected-credit-note.json");
      }
      if (written.length === 0) return fixture;
      // Only files that were missing were written: a fixture that also differs elsewhere still fails.
      const differs = (expected: string | undefined, actual: string | undefined) =>
        expected !== undefined && expected !== actual;
      const stillDiffers =
        differs(input.expectedText, fixture.actualText) ||
        differs(note?.expectedText, fixture.creditNoteText);
      return {
        ...fixture,
        status: stillDiffers ? fixture.status : ("pass" as const),
        reason: `${written.join(" and ")} written from ratecard's output: check every number by hand against the README before you commit it`,
      };
    }),
  );
}

function summarize(fixtures: ReadonlyArray<FixtureResult>): CheckResult {
  const count = (status: FixtureResult["status"]) =>
    fixtures.filter((fixture) => fixture.status === status).length;
  return { fixtures, passed: count("pass"), failed: count("fail"), errors: count("error") };
}

function isInput(item: FixtureInput | FixtureResult): item is FixtureInput {
  return "contract" in item;
}
