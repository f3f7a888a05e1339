import { type Dirent, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  type Contract,
  type CreditNoteFixture,
  type FixtureInput,
  type FixtureResult,
  fixtureError,
  isRatecardError,
  type PriceBook,
  parseInvoice,
  type RateInvoiceOptions,
  resolveContract,
  USAGE_TIMESTAMPS,
  type UsageTimestamps,
} from "../index.js";
import { carriedState } from "./carriedState.js";
import { invoiceStartUnlessRefused } from "./carriedStateOptions.js";
import {
  commitmentSpend,
  correctedInvoice,
  creditBalances,
  isObject,
  readIssued,
  requirePrevious,
  UsageLineError,
} from "./cliSupport.js";
import { fixtureUsageFile } from "./fixtureUsageFile.js";
import { fixtureSettingsRefused, fixtureTimestampsRefused, wordList } from "./messages.js";
import { readJsonFile, readJsonText, readTextFile } from "./readJsonFile.js";
import { withoutByteOrderMark } from "./readLines.js";
import { readUsage } from "./readUsage.js";
import { requirePreviousFits } from "./requirePreviousFits.js";
import { wrongDocument } from "./wrongDocument.js";

/** The usage file of a fixture (or a what-if customer), in the order looked for (the first that exists is read). */
export const USAGE_FILES = ["usage.ndjson", "usage.jsonl", "usage.csv", "usage.json"];

/** Why a folder whose name starts with "_" (fixtures/_generators) is skipped. */
export const HELPER_FOLDER = "not a fixture: a helper folder (its name starts with _)";

/** A folder `ratecard check` found and does not rate, and why (listed in the report, never dropped silently). */
interface SkippedFolder {
  readonly name: string;
  readonly reason: string;
  /** Present (true) when what was skipped is a file, not a folder: the summary counts it as a file. */
  readonly file?: true;
}

/** The folders a `ratecard check` argument names: those to rate, in name order, and those it skips. */
export interface FixtureFolders {
  /** Fixture folders: each holds a contract.json, or an expected file without one (readFixture reports it). */
  readonly folders: ReadonlyArray<string>;
  readonly skipped: ReadonlyArray<SkippedFolder>;
}

/**
 * The fixture folders a `ratecard check` argument names: the folder itself when it is a fixture, else
 * every folder directly inside it that is one (in name order), and the fixture folders of each folder
 * inside it that is a folder of fixtures with something to compare (fixtures/disputes, the dispute
 * cookbook's cases, inside fixtures/): one level more, never deeper. A folder is a fixture when it holds a
 * contract.json, or an expected.json (or expected-figures.json, expected-credit-note.json): one without its
 * contract is then an error, not a folder skipped, since the invoice written down in it would go
 * unchecked. Every other folder found is listed as skipped with the reason: a helper folder (its name
 * starts with "_", such as fixtures/_generators), a folder of fixture folders with nothing written down to
 * compare, one two levels down, or one with no fixture file at all. Hidden folders (".git") are not listed.
 */
export function fixtureFolders(dir: string): FixtureFolders {
  const found = fixtureFoldersFound(dir);
  if (found.folders.length === 0) {
    const inside = foldersIn(dir, readdirSync(dir, { withFileTypes: true }));
    // Folders of contracts and usage one level down, with nothing written down to compare (so not read in
    // place): say where they are, as checking them names what each one lacks.
    const deeper = inside.filter(({ name, path }) => !name.startsWith("_") && holdsFixtureFolders(path));
    const paths = deeper.map(({ path }) => path);
    const hint =
      paths.length === 0
        ? ""
        : `; ${paths.join(", ")} ${paths.length === 1 ? "holds" : "hold"} fixture folders: ratecard check ${paths.join(" ")}`;
    throw new UsageLineError(
      `${dir} holds no fixture: a fixture folder has a contract.json (docs/uat.md)${hint}`,
    );
  }
  return found;
}

/**
 * {@link fixtureFolders} without the refusal of a folder that holds no fixture (its `folders` are then
 * empty): for a list of arguments, where such a folder is skipped as it is inside a parent.
 * @throws UsageLineError when `dir` is not a folder
 */
export function fixtureFoldersFound(dir: string): FixtureFolders {
  if (isFixture(dir)) return { folders: [dir], skipped: [] };
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new UsageLineError(`${dir} is not a folder; check takes fixture folders, or a folder of them`);
  }
  return fixturesIn(foldersIn(dir, entries), true);
}

interface Folder {
  readonly name: string;
  readonly path: string;
}

// The folders inside `dir` (not hidden ones), in path order.
function foldersIn(dir: string, entries: ReadonlyArray<Dirent>): Folder[] {
  return entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => ({ name: entry.name, path: join(dir, entry.name) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// The fixtures among `inside` and the folders skipped. With `walkSuites`, a folder of fixture folders
// that has something written down to compare is read in its place: finance keeps a suite (the dispute
// cookbook) beside the single fixtures, and `ratecard check fixtures` must run it rather than name it.
// Only one level: deeper, a suite is listed as skipped with the command that checks it.
function fixturesIn(inside: ReadonlyArray<Folder>, walkSuites: boolean): FixtureFolders {
  const folders: string[] = [];
  const skipped: SkippedFolder[] = [];
  for (const { name, path } of inside) {
    if (name.startsWith("_")) skipped.push({ name: path, reason: HELPER_FOLDER });
    else if (isFixture(path)) folders.push(path);
    else if (walkSuites && holdsExpectedFiles(path)) {
      const suite = fixturesIn(foldersIn(path, readdirSync(path, { withFileTypes: true })), false);
      folders.push(...suite.folders);
      skipped.push(...suite.skipped);
    } else skipped.push({ name: path, reason: notFixtureReason(path) });
  }
  return { folders, skipped };
}

// The files of a fixture folder other than its contract (docs/uat.md, "Write a fixture"), in the order a
// reason lists them.
const FIXTURE_FILES = [
  "expected.json",
  "expected-figures.json",
  ...USAGE_FILES,
  "fixture.json",
  "previous.json",
  "corrections.json",
  "expected-credit-note.json",
];

// A usage file or a corrections.json alone does not make a fixture (a scratch folder holds such files);
// an expected document does: someone wrote down what ratecard must bill.
function isFixture(dir: string): boolean {
  return ["contract.json", "expected.json", "expected-figures.json", "expected-credit-note.json"].some(
    (name) => existsSync(join(dir, name)),
  );
}

function fixtureFilesIn(dir: string): string[] {
  return FIXTURE_FILES.filter((name) => existsSync(join(dir, name)));
}

/** Why a folder that holds no fixture is skipped, as the report lists it. */
export function notFixtureReason(dir: string): string {
  if (!holdsFixtureFolders(dir)) return "not a fixture: it has no contract.json and no expected.json";
  // Folders of contracts and usage with nothing written down to compare (the dispute cookbook's cases
  // before they had their figures): checking them would only report that, so do not suggest it.
  return holdsExpectedFiles(dir)
    ? `not a fixture (no contract.json); it holds fixture folders: ratecard check ${dir}`
    : "not a fixture (no contract.json); its folders hold contracts and usage but nothing to compare (no expected.json, expected-figures.json or fixture.json in any)";
}

function holdsExpectedFiles(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some(
      (entry) =>
        entry.isDirectory() &&
        [...EXPECTED_FILES, "fixture.json"].some((name) => existsSync(join(dir, entry.name, name))),
    );
  } catch {
    return false;
  }
}

// The files that hold what a fixture must bill; a file named like one of them is never read.
const EXPECTED_FILES = ["expected.json", "expected-figures.json", "expected-credit-note.json"];

// A file whose name says it holds expected figures or an expected invoice but that check does not read
// (`expected_figures.json`, `Expected-Figures.json`, `figures.json`): the sentence saying so, since the
// figures in it would never be checked and the fixture could pass without them.
function misnamedExpectedFile(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  } catch {
    return undefined;
  }
  const looksExpected = (name: string) => /^(expected|.*figures).*\.json$/i.test(name);
  const misnamed = names.filter((name) => looksExpected(name) && !EXPECTED_FILES.includes(name)).sort();
  if (misnamed.length === 0) return undefined;
  const meant = (name: string) =>
    EXPECTED_FILES.find((known) => simplified(known) === simplified(name)) ?? "expected-figures.json";
  return `${wordList(misnamed)} ${misnamed.length === 1 ? "is" : "are"} not read by ratecard check, so nothing in ${misnamed.length === 1 ? "it" : "them"} is checked: rename ${misnamed.map((name) => `${name} to ${meant(name)}`).join(", ")} (check reads ${wordList(EXPECTED_FILES)})`;
}

// A name without case, "-" and "_", so that expected_figures.json is recognised as expected-figures.json.
function simplified(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, "");
}

function holdsFixtureFolders(dir: string): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some(
      (entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "contract.json")),
    );
  } catch {
    return false;
  }
}

/**
 * One fixture folder read into the check's input, or, when a file is missing or wrong, its error result.
 * `books`: the price books its contract may follow (to find where its invoice starts, which previous.json
 * must end at).
 */
export async function readFixture(
  dir: string,
  books: ReadonlyArray<PriceBook> = [],
): Promise<FixtureInput | FixtureResult> {
  // A folder with fixture files but no contract is an error in its place: skipped, its expected invoice
  // would never be checked, and the check would pass without it.
  if (!existsSync(join(dir, "contract.json")))
    return fixtureError(
      dir,
      `there is no contract.json, but the folder has ${wordList(fixtureFilesIn(dir))}: add the contract the invoice is rated from, or move the folder out of the fixtures`,
    );
  const misnamed = misnamedExpectedFile(dir);
  if (misnamed !== undefined) return fixtureError(dir, misnamed);
  try {
    const usageFile = fixtureUsageFile(dir, USAGE_FILES);
    const contract = await readJsonFile(join(dir, "contract.json"), "contract.json");
    const expectedFile = join(dir, "expected.json");
    const expectedText = existsSync(expectedFile)
      ? await readTextFile(expectedFile, "expected.json")
      : undefined;
    const figuresFile = join(dir, "expected-figures.json");
    const figuresText = existsSync(figuresFile)
      ? await readJsonText(figuresFile, "expected-figures.json")
      : undefined;
    const { timestamps, ...named } = await fixtureSettings(dir);
    const period = expectedPeriod(expectedText) ?? figuresPeriod(figuresText) ?? named.period;
    const resolved = () => resolveContract(contract, books);
    const startsAt = period === undefined ? undefined : invoiceStartUnlessRefused(resolved, period);
    return {
      name: dir,
      contract,
      events: await readUsage(usageFile, timestamps),
      ...(expectedText === undefined ? {} : { expectedText }),
      ...(figuresText === undefined ? {} : { figuresText }),
      ...named,
      ...(await previousInvoice(
        dir,
        contract,
        startsAt,
        period === undefined ? undefined : { resolved, period },
      )),
      ...(await earlierInvoices(dir)),
      ...(await creditNote(dir)),
    };
  } catch (error) {
    if (isRatecardError(error) || error instanceof UsageLineError) return fixtureError(dir, error.message);
    throw error;
  }
}

// fixture.json (optional) names the period to rate when there is no expected.json to take it from, and
// how the fixture's usage writes its timestamps (`"timestamps": "epoch_s"`, as --timestamps names it):
// each fixture says so itself, since one folder of fixtures may hold a Stripe export in seconds beside a
// warehouse's ISO text, and `ratecard check fixtures` then needs no flag to read them all (docs/cli.md).
async function fixtureSettings(dir: string): Promise<{ period?: string; timestamps?: UsageTimestamps }> {
  const file = join(dir, "fixture.json");
  if (!existsSync(file)) return {};
  const data = await readJsonFile(file, "fixture.json");
  const { period, timestamps } = isObject(data) ? data : {};
  if (
    !isObject(data) ||
    (period !== undefined && typeof period !== "string") ||
    (period ?? timestamps) === undefined
  )
    throw new UsageLineError(fixtureSettingsRefused(file));
  const named = USAGE_TIMESTAMPS.find((known) => known === timestamps);
  if (timestamps !== undefined && named === undefined)
    throw new UsageLineError(fixtureTimestampsRefused(file, timestamps, USAGE_TIMESTAMPS));
  return {
    ...(typeof period === "string" ? { period } : {}),
    ...(named === undefined ? {} : { timestamps: named }),
  };
}

// corrections.json (optional): a credit note to issue against the invoice, compared with
// expected-credit-note.json (docs/uat.md, "Credit notes").
async function creditNote(dir: string): Promise<{ creditNote?: CreditNoteFixture }> {
  const file = join(dir, "corrections.json");
  if (!existsSync(file)) return {};
  const expectedFile = join(dir, "expected-credit-note.json");
  return {
    creditNote: {
      corrections: await readJsonFile(file, "corrections.json"),
      ...(existsSync(expectedFile)
        ? { expectedText: await readTextFile(expectedFile, "expected-credit-note.json") }
        : {}),
    },
  };
}

// earlier-1.json, earlier-2.json, … (optional): the progressive invoices issued earlier in the period of
// an expected progressive or closing invoice, in order (docs/progressive-billing.md).
async function earlierInvoices(dir: string): Promise<{ earlier?: ReadonlyArray<unknown> }> {
  const earlier: unknown[] = [];
  for (let n = 1; existsSync(join(dir, `earlier-${n}.json`)); n += 1)
    earlier.push(await readJsonFile(join(dir, `earlier-${n}.json`), `earlier-${n}.json`));
  return earlier.length === 0 ? {} : { earlier };
}

// The period an expected file names: expected.json's `period.label`, expected-figures.json's `period`,
// when the text is JSON and the field is text (the check itself reports a file that is not valid).
function namedPeriod(text: string | undefined, read: (data: unknown) => unknown): string | undefined {
  if (text === undefined) return undefined;
  try {
    const period = read(JSON.parse(withoutByteOrderMark(text)));
    return typeof period === "string" ? period : undefined;
  } catch {
    return undefined;
  }
}

const expectedPeriod = (text: string | undefined) =>
  namedPeriod(text, (data) => (data as { period?: { label?: unknown } } | null)?.period?.label);
const figuresPeriod = (text: string | undefined) =>
  namedPeriod(text, (data) => (data as { period?: unknown } | null)?.period);

// previous.json (optional): the invoice before this one in a sequence, or a late-usage correction of
// it (its re-rated or re-issued invoice is how that period now stands). Its usage.carryOut continues the
// persistent and weighted meters, its credits' balanceAfter the grants and its cumulative commitments'
// spendAfter their spend, as --carry, --balances and --commitment-spend do. It is checked here, once and
// under its own name (not under those flags, which `ratecard check` does not take): an invoice of this
// fixture's contract that ends where the fixture's invoice starts (`startsAt`).
async function previousInvoice(
  dir: string,
  contract: unknown,
  startsAt: string | undefined,
  rated: { readonly resolved: () => Contract; readonly period: string } | undefined,
): Promise<{ options?: RateInvoiceOptions }> {
  const file = join(dir, "previous.json");
  if (!existsSync(file)) return {};
  const raw = await readJsonFile(file, "previous.json");
  const data = correctedInvoice(file, raw);
  const contractId = isObject(contract) && typeof contract.id === "string" ? contract.id : "";
  // Not an invoice: refused in previous.json's own terms, not in those of --commitment-spend or
  // --balances, whose object forms read it next.
  if (!isObject(data) || !("schemaVersion" in data)) {
    const other = wrongDocument(data, "a ratecard invoice");
    throw new UsageLineError(
      other === undefined
        ? `${file} is not a ratecard invoice: previous.json must be the invoice just before this one (ratecard invoice --format json), or a late-usage correction of it.`
        : `${file} ${other}.`,
    );
  }
  const invoice = readIssued(file, data, parseInvoice, "a ratecard invoice");
  if (invoice.contractId !== contractId)
    throw new UsageLineError(
      `${file} is an invoice of contract ${invoice.contractId}, not of the fixture's contract ${contractId}; previous.json must be this contract's invoice for the period before.`,
    );
  requirePrevious(invoice, startsAt, file);
  const spend = commitmentSpend(data, file, contractId);
  const options = {
    carried: carriedState(data, file, contractId),
    creditBalances: creditBalances(data, file, contractId),
    ...(Object.keys(spend).length > 0 ? { commitmentSpendToDate: spend } : {}),
  };
  if (rated !== undefined) await requirePreviousFits(file, raw, options, rated.resolved, rated.period);
  return { options };
}
