import { readFile } from "node:fs/promises";
import { InputError } from "../index.js";
import { assertNoDuplicateKeys } from "./duplicateKeys.js";
import { emptyJson, flagFileNotUtf8, flagFileUnreadable, invalidJson } from "./messages.js";
import { withoutByteOrderMark } from "./readLines.js";
import { isStandardInput, readStandardInput, STANDARD_INPUT_NAME } from "./standardInput.js";
import { firstLineNotUtf8 } from "./utf8Check.js";

/**
 * Reads one JSON document the command line names, for the flag that names it (`--contract`, `--price`,
 * …): a file that is missing, a folder, unreadable or not JSON is an input error naming the flag and
 * the file (exit 2), never a crash. A UTF-8 byte order mark, which some editors write, is skipped.
 * The file `-` is standard input.
 */
export async function readJsonFile(file: string, flag: string): Promise<unknown> {
  return parseJsonText(
    await readTextFile(file, flag),
    `${flag} ${isStandardInput(file) ? STANDARD_INPUT_NAME : file}`,
  );
}

/**
 * The text of a JSON file that is parsed later, not here (a fixture's expected-figures.json, which the
 * library's check reads from its text): without a UTF-8 byte order mark, and refused as
 * {@link readJsonFile} refuses it when it is not JSON or writes a key twice. JSON.parse keeps the last
 * copy of a key without a word, so a figure written twice (`"api_requests": "3889"`, then `"3888"`)
 * would have its first copy never checked.
 */
export async function readJsonText(file: string, flag: string): Promise<string> {
  const text = withoutByteOrderMark(await readTextFile(file, flag));
  // Named by its path alone: the fixture's report line already names the folder ("ERROR fixtures/x —").
  parseJsonText(text, file);
  return text;
}

/**
 * The text of a file the command line names, for the flag that names it (`-`: standard input); a file
 * that is missing, a folder or unreadable is an input error naming the flag and the file (exit 2), and so
 * is one that is not UTF-8: decoding would turn its bytes into U+FFFD without a word (`caf\uFFFD`).
 */
export async function readTextFile(file: string, flag: string): Promise<string> {
  if (isStandardInput(file)) return readStandardInput(flag);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw InputError.from(
      flagFileUnreadable(flag, file, readFailure((error as NodeJS.ErrnoException).code)),
      "",
    );
  }
  const line = firstLineNotUtf8(bytes);
  if (line !== undefined) throw InputError.from(flagFileNotUtf8(flag, file, line), "");
  return bytes.toString("utf8");
}

/**
 * Parses JSON text read from `source` (a flag and its file, or an inline value), skipping a BOM. A key
 * written twice in one object is refused: JSON.parse would keep the last copy without a word, so
 * `{"unitPrice":"0.05","unitPrice":"5"}` would bill a hundred times what the first line says.
 */
export function parseJsonText(text: string, source: string): unknown {
  const json = withoutByteOrderMark(text);
  if (json.trim() === "") throw InputError.from(emptyJson(source), "");
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw InputError.from(invalidJson(source, withLineAndColumn((error as Error).message, json)), "");
  }
  assertNoDuplicateKeys(json, value, source, 1, "input");
  return value;
}

// JSON.parse says "at position 3000": a person editing the file needs the line and column to go to.
function withLineAndColumn(detail: string, json: string): string {
  const match = /at position (\d+)/.exec(detail);
  if (match === null) return detail;
  const before = json.slice(0, Number(match[1])).split("\n");
  const place = `(line ${before.length}, column ${(before.at(-1) ?? "").length + 1})`;
  return detail.replace(match[0], `${match[0]} ${place}`);
}

/** Why a file could not be read, in words, from the system's error code. */
function readFailure(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}
