import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type CheckResult,
  check,
  checkReportText,
  type FixtureInput,
  type FixtureResult,
  InputError,
  junitXml,
} from "../index.js";
import { outputFormat, readPriceBooks, write } from "./cliSupport.js";
import { FORMAT_OPTION, PRICE_BOOK_OPTION } from "./commonOptions.js";
import { defineCommand } from "./defineCommand.js";
import { EXIT } from "./exitCodes.js";
import { fixtureFoldersOfArguments } from "./fixtureArguments.js";
import { flagFileUnwritable } from "./messages.js";
import { readFixture } from "./readFixture.js";

/**
 * `ratecard check DIR...`: rates every fixture folder and compares it with its expected.json. Exit 0
 * when all pass, 3 when an invoice differs (or a fixture has no expected.json but fixture.json names
 * its period), 2 when a fixture cannot be rated (its input is wrong, or it has no period to rate, or no
 * contract.json), which weighs more: its invoice was never compared. Folders that are not fixtures are
 * listed as skipped and change nothing.
 */
export const checkCommand = defineCommand({
  name: "check",
  summary: "rate every fixture folder and compare each invoice with its expected.json",
  notes: `A fixture folder holds contract.json, a usage file and expected.json (docs/uat.md); DIR may
also be a folder of fixture folders.`,
  arguments: [{ name: "<dirs...>", description: "fixture folders, or folders of them" }],
  options: {
    "price-book": PRICE_BOOK_OPTION,
    junit: { type: "string", value: "FILE", description: "also write the result as JUnit XML" },
    update: {
      type: "boolean",
      description: "write expected.json where a fixture has none (never over one)",
    },
    format: {
      ...FORMAT_OPTION,
      description: "text: the report; json: { passed, failed, errors, fixtures } for scripts",
    },
  },
  findsDifferences: true,
  examples: [
    "ratecard check fixtures",
    "ratecard check fixtures/cdn-basic --junit check.xml",
    "ratecard check customers --price-book edge-standard.json",
  ],
  run: (values, positionals) => checkFolders(positionals, values),
});

async function checkFolders(
  positionals: ReadonlyArray<string>,
  values: {
    readonly "price-book"?: ReadonlyArray<string>;
    readonly junit?: string;
    readonly update?: boolean;
    readonly format?: string;
  },
): Promise<number> {
  const format = outputFormat(values.format);
  const { folders, skipped } = fixtureFoldersOfArguments(positionals);
  const priceBooks = await readPriceBooks(values["price-book"]);
  const read = await Promise.all(folders.map((folder) => readFixture(folder, priceBooks)));
  const inputs = read.filter(isInput);
  const checked = check(inputs, { priceBooks });
  // Results in the order of the folders: those that could not be read take their place among the others.
  const byName = new Map(checked.fixtures.map((result) => [result.name, result]));
  let fixtures = read.map((item) => (isInput(item) ? (byName.get(item.name) as FixtureResult) : item));
  if (values.update) fixtures = await writeMissingExpected(fixtures, inputs);
  const result = { ...summarize(fixtures), skipped };
  write(format === "json" ? `${JSON.stringify(checkDocument(result), null, 2)}\n` : checkReportText(result));
  if (values.junit !== undefined) await writeJunit(values.junit, junitXml(result));
  if (result.errors > 0) return EXIT.badInput;
  return result.failed > 0 ? EXIT.differences : EXIT.ok;
}

// A --junit path that cannot be written (a folder that does not exist, no permission) is the command
// line's fault: exit 2 naming the flag, not a crash.
async function writeJunit(file: string, xml: string): Promise<void> {
  try {
    await writeFile(file, xml);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EISDIR"
          ? "it is a folder"
          : code === "EACCES" || code === "EPERM"
            ? "permission denied"
            : `${code ?? "unknown error"}`;
    throw InputError.from(flagFileUnwritable("--junit", file, reason), "");
  }
}

/**
 * The JSON of `check --format json`: the counts and each fixture's name, status, reason, differences
 * and lines in words, then the folders skipped (name and reason). The recomputed invoice text (`actualText`) is left out: `ratecard invoice`
 * prints it, and it would repeat every invoice whole.
 */
function checkDocument(result: CheckResult) {
  return {
    passed: result.passed,
    failed: result.failed,
    errors: result.errors,
    fixtures: result.fixtures.map(({ actualText: _, ...fixture }) => fixture),
    skipped: result.skipped ?? [],
  };
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
      // expected-figures.json is never written: a figure that differs still fails the fixture.
      const stillDiffers =
        differs(input.expectedText, fixture.actualText) ||
        differs(note?.expectedText, fixture.creditNoteText) ||
        fixture.differences.some((difference) => difference.path.startsWith("figures"));
      return {
        ...fixture,
        status: stillDiffers ? fixture.status : ("pass" as const),
        reason: [
          `${written.join(" and ")} written from ratecard's output: check every number by hand against the README before you commit it`,
          ...(fixture.reason ?? "").split("; ").filter((part) => part.startsWith("expected-figures.json")),
        ].join("; "),
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
