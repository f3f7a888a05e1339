import type { ErrorMessage } from "../index.js";
import { groupedCount } from "./groupedCount.js";

// The sentences of the ratecard command: files, flags and formats. The same shape as the library's
// catalogue (src/errors/messages/): one function per problem, named after it, returning the code and
// the sentence; the caller builds the error (`UsageError.from(problem, path, details)`). It lives here
// because src/cli imports the library only through its public API, which does not carry the catalogue.

const quoted = (names: ReadonlyArray<string>) => names.map((name) => `"${name}"`).join(", ");

/** A usage path that is missing or cannot be read; `reason` says which. */
export function usageFileUnreadable(file: string, reason: string): ErrorMessage {
  return { code: "unreadable_usage", message: `${file}: ${reason}.` };
}

/** A usage path that is a directory, a socket or a device rather than a file or a pipe. */
export function usageFileNotRegular(file: string, what: string): ErrorMessage {
  return {
    code: "unreadable_usage",
    message: `${file} is ${what}; --usage takes one usage file (.ndjson, .jsonl, .csv or .json).`,
  };
}

/** A usage file that changed between ratecard's two reads of it. */
export function usageFileChanged(file: string, change: string): ErrorMessage {
  return {
    code: "usage_changed_while_read",
    message: `${file} changed while ratecard was reading it (${change}); an invoice from it would mix two versions of the file. Rate a copy that is no longer being written.`,
  };
}

/** A usage file whose extension names no format ratecard reads. */
export function unknownUsageFormat(file: string): ErrorMessage {
  return {
    code: "unreadable_usage",
    message: `${file}: usage files must end in .ndjson, .jsonl, .csv or .json, so ratecard knows how to read them (or name the format: --usage-format ndjson, csv or json).`,
  };
}

/** Usage read from standard input without --usage-format: nothing says how to read it. */
export function usageFormatNeeded(): ErrorMessage {
  return {
    code: "unreadable_usage",
    message:
      "--usage - reads standard input, which has no file extension to tell its format: add --usage-format ndjson, csv or json.",
  };
}

/** A --timestamps that names no way ratecard reads timestamps. */
export function unknownTimestampsName(name: string, names: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "unreadable_usage",
    message: `--timestamps is "${name}"; ratecard reads usage timestamps as ${names.join(", ")} (ISO 8601 text, seconds or milliseconds since 1970).`,
  };
}

/** A --usage-format that names no format ratecard reads. */
export function unknownUsageFormatName(format: string, formats: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "unreadable_usage",
    message: `--usage-format is "${format}"; ratecard reads usage as ${formats.join(", ")}.`,
  };
}

/**
 * A Parquet usage file without some of the columns ratecard reads; `others` its columns that are none of
 * them, such as the property columns of a warehouse unload, named with the fix when `properties` is missing.
 */
export function parquetMissingColumns(
  file: string,
  missing: ReadonlyArray<string>,
  others: ReadonlyArray<string>,
): ErrorMessage {
  const flat =
    missing.includes("properties") && others.length > 0
      ? ` (it has ${quoted(others)}: write them into one column of JSON text, such as {"gb":"10"}, with DuckDB's to_json({gb: gb}), BigQuery's TO_JSON_STRING(STRUCT(gb)) or Snowflake's TO_JSON(OBJECT_CONSTRUCT('gb', gb)) AS properties, or export the rows as CSV, whose other columns are properties)`
      : "";
  return {
    code: "unreadable_usage",
    message: `${file} has no ${quoted(missing)} column${missing.length > 1 ? "s" : ""}${flat}; a Parquet usage file needs the columns id, type, customer, timestamp and properties (the event's properties as JSON text).`,
  };
}

/** A .json usage file that holds something other than an array. */
export function usageNotAnArray(file: string): ErrorMessage {
  return { code: "unreadable_usage", message: `${file} must hold a JSON array of usage events.` };
}

/** A .json usage file with nothing in it but white space (after a byte order mark): no array of events. */
export function emptyJsonUsage(file: string): ErrorMessage {
  return {
    code: "invalid_json",
    message: `${file} is empty: a .json usage file holds one JSON array of events ([] when there are none).`,
  };
}

/** Text that is not JSON; `detail` is the parser's own account, when there is one. */
export function invalidJson(source: string, detail?: string): ErrorMessage {
  return {
    code: "invalid_json",
    message:
      detail === undefined ? `${source} is not valid JSON.` : `${source} is not valid JSON (${detail}).`,
  };
}

/** The detail of an NDJSON line that ends before its event does (`invalidJson`'s). */
export function cutOffLine(): string {
  return "the line ends before its event does: was the file cut off while it was copied, or an event written over two lines?";
}

/** The detail of a .json usage file that ends before its JSON does (`invalidJson`'s). */
export function cutOffFile(): string {
  return "the file ends before its JSON does: was it cut off while it was copied?";
}

/** A JSON file (or standard input) with nothing in it but white space. */
export function emptyJson(source: string): ErrorMessage {
  return { code: "invalid_json", message: `${source} is empty: it holds no JSON.` };
}

/** A file a flag names that cannot be read; `reason` says why. */
export function flagFileUnreadable(flag: string, file: string, reason: string): ErrorMessage {
  return { code: "invalid_argument", message: `${flag} ${file}: ${reason}.` };
}

/** A file a flag names that cannot be written (`--junit`); `reason` says why. */
export function flagFileUnwritable(flag: string, file: string, reason: string): ErrorMessage {
  return { code: "invalid_argument", message: `${flag} ${file} cannot be written: ${reason}.` };
}

/** A key written twice in one JSON object. */
export function duplicateJsonKey(file: string, line: number, key: string, path: string): ErrorMessage {
  return {
    code: "duplicate_key",
    message: `${file} line ${line}: the key "${key}" is written twice in one object${path === key ? "" : ` (at ${path})`}; JSON readers disagree on which copy counts, so ratecard refuses it rather than guess. Keep one "${key}".`,
  };
}

/** A CSV header cell that is empty. */
export function csvColumnWithoutName(file: string, where: string, column: number): ErrorMessage {
  return {
    code: "invalid_csv",
    message: `${file} ${where}: column ${column} of the header row has no name; every column needs one (a property name, or id, type, customer, timestamp).`,
  };
}

/** A CSV header naming one column twice. */
export function csvColumnTwice(
  file: string,
  where: string,
  name: string,
  first: number,
  second: number,
): ErrorMessage {
  return {
    code: "duplicate_key",
    message: `${file} ${where}: the header row names the column "${name}" twice (columns ${first} and ${second}); one of the two values would be dropped, so ratecard refuses the file. Keep one "${name}" column.`,
  };
}

/** A first CSV row that names none of the event fields: it is data, not a header. */
export function csvWithoutHeader(file: string, where: string, names: ReadonlyArray<string>): ErrorMessage {
  return {
    code: "invalid_csv",
    message: `${file} ${where} is not a header row: a CSV usage file starts with a row naming its columns, at least id, type, customer and timestamp (found ${quoted(names)})${otherSeparator(names)}.`,
  };
}

// A header of one cell that names the columns with another separator: a spreadsheet set to a decimal
// comma saves its CSV with semicolons (German or French Excel), and a tab-separated export is common.
function otherSeparator(names: ReadonlyArray<string>): string {
  const [only] = names;
  if (names.length !== 1 || only === undefined) return "";
  const separator = [";", "\t"].find((mark) => only.split(mark).includes("id"));
  if (separator === undefined) return "";
  const what = separator === ";" ? "semicolons (as a spreadsheet set to a decimal comma saves CSV)" : "tabs";
  return `: its columns are separated by ${what}; ratecard reads a usage CSV separated by commas, with decimal points in numbers ("1.5", not "1,5"): save or export it so`;
}

/**
 * A CSV header without some of the event fields; `nearly` the header's names that differ from one only
 * by spaces around it or by case (" type", "Type"), named so the reader sees why it did not count.
 */
export function csvMissingColumns(
  file: string,
  where: string,
  missing: ReadonlyArray<string>,
  nearly: ReadonlyArray<string> = [],
): ErrorMessage {
  const near =
    nearly.length === 0
      ? ""
      : ` (it has ${quoted(nearly)}: column names are read exactly as written, spaces and capitals included)`;
  return {
    code: "invalid_csv",
    message: `${file} ${where}: the header row has no ${quoted(missing)} column${missing.length > 1 ? "s" : ""}${near}; a CSV usage file needs id, type, customer and timestamp.`,
  };
}

/** The file `flag` (`--output`, or batch's `--summary` and `--quarantine`) names cannot be written; `reason` says why. */
export function outputFileUnwritable(file: string, reason: string, flag = "--output"): ErrorMessage {
  return { code: "invalid_argument", message: `${flag} ${file}: ${reason}; nothing was written.` };
}

/** A file a flag names (a contract, an invoice) with bytes that are no UTF-8 character, first on `line`. */
export function flagFileNotUtf8(flag: string, file: string, line: number): ErrorMessage {
  return {
    code: "invalid_argument",
    message: `${flag} ${file}: line ${line} holds bytes that are no UTF-8 character (a file saved as Latin-1 or Windows-1252, or cut off). ratecard reads its files as UTF-8 and does not replace what it cannot read, which would change names, ids and amounts' labels; save the file as UTF-8.`,
  };
}

/** Input (a usage file, standard input) with bytes that are no UTF-8 character (a file saved as Latin-1 or Windows-1252). */
export function usageNotUtf8(where: string): ErrorMessage {
  return {
    code: "unreadable_usage",
    message: `${where} is not UTF-8 text: it holds bytes that are no UTF-8 character (a file saved as Latin-1 or Windows-1252, or cut off). ratecard reads its input as UTF-8 and does not replace or drop what it cannot read, which would change ids and property values; save the file as UTF-8.`,
  };
}

/** A CSV line that ends otherwise than the file's first line (LF and CRLF mixed: two exports joined). */
export function csvLineEndsMixed(
  file: string,
  line: number,
  found: "\n" | "\r\n",
  expected: "\n" | "\r\n",
): ErrorMessage {
  const name = (ends: "\n" | "\r\n") => (ends === "\n" ? "LF (\\n)" : "CRLF (\\r\\n)");
  return {
    code: "invalid_csv",
    message: `${file} line ${line} ends with ${name(found)} where the file's first line ends with ${name(expected)}: a CSV usage file's lines end one way (two exports joined?). Save it with one line ending (dos2unix converts CRLF to LF) and rate it again.`,
  };
}

/**
 * `batch --engine duckdb --bad-events hold` over a file with an event set aside for a key written
 * twice, which DuckDB's JSON reader cannot read past (a note: the batch goes on in memory).
 */
export function duckdbStopsAtKeyTwice(file: string, place: string): string {
  return `${file} ${place} writes a key twice, an event set aside, which DuckDB's JSON reader cannot read past; aggregating with ratecard's own engine instead (the same invoices)`;
}

/**
 * Said after a CSV row csv-parse cannot read, which `batch --bad-events hold` sets aside: the reading
 * ends with it, since no reader can tell where the next row starts.
 */
export function csvRowsAfterNotRead(): string {
  return "The rows after it were not read (where a row that cannot be read ends, and the next starts, cannot be known): fix it and rate the file again.";
}

/** A CSV usage file whose last row has no line break after it: cut off while copied, maybe. */
export function csvEndsWithoutLineBreak(file: string): string {
  return `${file} ends without a line break after its last row. A file cut off while it was copied ends so, and its last value may be cut short (25 of 25.325) with nothing to show it; its rows are rated as they are. Compare the file with its source; a CSV writer ends every row with a line break.`;
}

/** A fixture.json that names neither the period to rate nor how the fixture's usage writes timestamps. */
export function fixtureSettingsRefused(file: string): string {
  return `${file} must be an object with the period to rate, such as { "period": "2026-03" }, or how the fixture's usage writes its timestamps, such as { "timestamps": "epoch_s" }, or both`;
}

/** A fixture.json whose "timestamps" names no way ratecard reads timestamps. */
export function fixtureTimestampsRefused(file: string, found: unknown, names: ReadonlyArray<string>): string {
  const shown = typeof found === "string" ? JSON.stringify(found) : (JSON.stringify(found) ?? String(found));
  return `${file}: "timestamps" is ${shown}; a fixture's usage timestamps are read as ${names.map((name) => JSON.stringify(name)).join(", ")} (ISO 8601 text, seconds or milliseconds since 1970), as --timestamps names them`;
}

/** A fixture folder with two usage files (usage.ndjson and usage.csv): one would be rated, the other not. */
export function fixtureUsageFilesTwo(files: ReadonlyArray<string>, rated = "a fixture"): string {
  const [, ...others] = files;
  return `the folder has ${wordList(files)}, but ${rated} is rated from one usage file: the events of ${wordList(others)} would not be rated. Join them into one file, or move the one not meant out of the folder`;
}

/** A fixture folder without a usage file named as check reads it; `alike`: [file there, name to give it]. */
export function fixtureUsageFileMisnamed(
  names: ReadonlyArray<string>,
  alike: ReadonlyArray<readonly [string, string]>,
): string {
  const none = `there is no usage file (${wordList(names, "or")})`;
  if (alike.length === 0) return none;
  if (alike.length === 1) return `${none}; the folder has ${alike[0]?.[0]}: rename it to ${alike[0]?.[1]}`;
  return `${none}; the folder has ${wordList(alike.map(([file]) => file))}: rename the one to rate (${alike.map(([file, name]) => `${file} to ${name}`).join(", ")})`;
}

/**
 * A CSV usage column named as a flattened path into the event's properties (`properties.gb`): read as
 * the property named as the column, whose short name (`gb`) a meter reads.
 */
export function csvFlattenedPropertyColumn(file: string, column: string, property: string): string {
  return `${file} has a column "${column}", read as each event's property "${column}", not "${property}": in a CSV usage file every column but id, type, customer and timestamp is a property named as its column, so a meter that reads "${property}" finds none and leaves the event out. Name the column "${property}".`;
}

/**
 * A CSV usage column "properties" whose cells hold JSON objects (an export that kept the event's
 * properties as one column): read as one property holding the text, never opened into properties.
 */
export function csvJsonPropertiesColumn(
  file: string,
  column: string,
  line: number,
  cell: string,
  keys: ReadonlyArray<string>,
): string {
  const reads =
    keys.length === 0
      ? "a property"
      : wordList(
          keys.map((key) => `"${key}"`),
          "or",
        );
  const columns = keys.length === 0 ? "" : ` (${keys.join(", ")})`;
  return `${file} has a column "${column}" whose cells hold JSON objects (line ${line}: ${cell}), read as one property named "${column}" holding that text: a CSV cell is never opened into properties, so a meter that reads ${reads} finds none and leaves the event out. Give each property a column of its own${columns}, or write the usage as NDJSON, where "properties" is an object.`;
}

/** A batch's --commitment-credit-note of a contract the batch does not rate. */
export function batchNoteOfNoContract(
  named: string,
  contractId: string,
  contractIds: ReadonlyArray<string>,
): string {
  const shown =
    contractIds.length <= 3
      ? wordList(contractIds)
      : `${contractIds.slice(0, 3).join(", ")} and ${contractIds.length - 3} more`;
  return `${named} is a credit note of contract ${contractId}, which is no contract of the batch (${shown}): give each contract's notes of its commitment's period, or leave this one out.`;
}

/** A --commitment-spend file that is none of the forms it takes; `named` is the flag and the file. */
export function commitmentSpendNotRead(named: string): string {
  return `${named} must be a previous invoice, its late-usage correction, or an object of commitment id → spend text or → that commitment's commitments[].cumulative record, such as { "annual": "300.00" } or { "annual": { "spendAfter": "300.00", "creditNotesTaken": ["cn_1"] } }`;
}

/**
 * A --commitment-spend file that is one commitment's `commitments[].cumulative` record on its own:
 * which commitment it is is not written in it, and is never guessed.
 */
export function commitmentSpendRecordWithoutId(named: string): string {
  return `${named} is one commitment's commitments[].cumulative record, without the id of the commitment, which the record does not say: key it by that id (the "id" beside "cumulative" in the invoice), as in { "annual": { "spendAfter": "300.00", … } }, or pass the whole invoice`;
}

/**
 * "a", "a and b", "a, b and c" (or "or"). The twin of src/errors/wordList.ts, kept here on purpose: the
 * CLI reads the library only through ../index.js, and a list-joining helper is no billing API worth a
 * public export (every export is a promise the semver of 1.x keeps). Change both alike.
 */
export function wordList(names: ReadonlyArray<string>, last = "and"): string {
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} ${last} ${names.at(-1)}`;
}

/**
 * `reconcile --issued` given a credit note: the refusal ("… give the invoice it corrects, ID.") goes on to
 * say where the invoice and the note go.
 */
export function issuedIsCreditNote(refusal: string): string {
  return `${refusal.replace(/\.$/, "")}, as --issued, and this note with --credit-note: the invoice is then reconciled net of it.`;
}

/**
 * A flag that takes one of a few words given another: the words, the one given, and the hint for it
 * when one is close ("did you mean \"json\"?"), as the library's choices get.
 */
export function flagNotAChoice(
  flag: string,
  choices: ReadonlyArray<string>,
  given: string | undefined,
  hint: string | undefined,
): string {
  return `${flag} must be ${wordList(choices, "or")}, not "${given}"${hint === undefined ? "" : `; ${hint}`}`;
}

/** A batch's output flag names a file the batch reads, or one another output flag names. */
export function outputFileIsInput(
  flag: string,
  file: string,
  otherFlag: string,
  isOutput: boolean,
): ErrorMessage {
  return {
    code: "invalid_argument",
    message: isOutput
      ? `${flag} ${file} is also ${otherFlag}'s file: one would replace the other. Give each its own file; nothing was written.`
      : `${flag} ${file} is the file ${otherFlag} reads: the batch would write over it. Give ${flag} a file of its own; nothing was written.`,
  };
}

/** (Nearly) every billed event lies outside the period asked (`invoice`, `batch`); `span`: when known. */
export function usageOutsidePeriod(
  file: string,
  period: string,
  counts: { readonly outside: number; readonly of: number },
  span: { readonly first: string; readonly last: string } | undefined,
): string {
  const read = `billed event${counts.of === 1 ? "" : "s"} read from ${file}`;
  const all =
    counts.outside === counts.of
      ? `${counts.of === 1 ? "the" : "every one of the"} ${groupedCount(counts.of)} ${read} lies`
      : `${groupedCount(counts.outside)} of the ${groupedCount(counts.of)} ${read} lie`;
  const when = span === undefined ? "" : `: their timestamps run from ${span.first} to ${span.last}`;
  return `${all} outside --period ${period}${when}. Is it the usage file of another period? No usage is billed from events outside the period.`;
}
