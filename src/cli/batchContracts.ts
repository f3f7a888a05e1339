import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { type Contract, type PriceBook, resolveContract } from "../index.js";
import { UsageLineError, withFile } from "./cliSupport.js";
import { nodeSha256 } from "./nodeSha256.js";
import { parseJsonText, readJsonFile, readTextFile } from "./readJsonFile.js";
import { withoutByteOrderMark } from "./readLines.js";
import { reportNote } from "./stderr.js";

/** A contract of a batch: where it came from, its JSON (for the worker threads) and the parsed contract. */
export interface BatchContract {
  readonly source: string;
  readonly json: unknown;
  readonly contract: Contract;
}

/**
 * The contracts of `ratecard batch --contracts PATH`, each checked against the price books:
 * - a folder: every `.json` file in it (not its sub-folders), in file-name order, one contract each;
 * - a `.ndjson` / `.jsonl` file: one contract per non-blank line;
 * - a `.json` file: a list of contracts, or one contract.
 * A contract error names its file (and line). Which of them the batch rates for its period, one per
 * customer, is batchTerms.ts's.
 */
export async function readBatchContracts(
  path: string,
  books: ReadonlyArray<PriceBook>,
): Promise<ReadonlyArray<BatchContract>> {
  const documents = await contractDocuments(path);
  const unread = await subFoldersWithJson(path);
  if (documents.length === 0)
    throw new UsageLineError(
      unread.length === 0
        ? `--contracts ${path} holds no contract; give a folder of contract files, one contract's file or a list`
        : `--contracts ${path} holds no contract of its own: ${subFoldersWords(unread)}; give each as the --contracts of its own batch`,
    );
  if (unread.length > 0)
    reportNote(
      `--contracts ${path}: ${subFoldersWords(unread)}, so their customers get no invoice from this batch; give each as the --contracts of its own batch, or move their files up`,
    );
  return documents.map(({ source, json }) => ({
    source,
    json,
    contract: withFile("--contracts", source, /.*/, () =>
      resolveContract(json, books, { sha256: nodeSha256 }),
    ),
  }));
}

// The sub-folders of a --contracts folder that hold .json files: a batch reads the folder's own .json
// files only, so a folder laid out by region (contracts/eu/, contracts/us/) was "no contract", and one
// with contracts beside such sub-folders rated the ones beside them and left the rest without a word
// (their customers' events counted as without a contract, customers without events not even that).
async function subFoldersWithJson(path: string): Promise<ReadonlyArray<string>> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const holding = await Promise.all(
    folders.map(async (name) =>
      (await readdir(join(path, name)).catch(() => [])).some(
        (file) => extname(file).toLowerCase() === ".json",
      ),
    ),
  );
  return folders.filter((_, index) => holding[index]).sort();
}

const subFoldersWords = (folders: ReadonlyArray<string>) =>
  `its sub-folder${folders.length === 1 ? "" : "s"} ${folders.join(", ")} hold${folders.length === 1 ? "s" : ""} .json files a batch does not read (it reads the folder's own .json files)`;

async function contractDocuments(path: string): Promise<ReadonlyArray<{ source: string; json: unknown }>> {
  const isFolder = await stat(path).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (isFolder) {
    const names = (await readdir(path)).filter((name) => extname(name).toLowerCase() === ".json").sort();
    return Promise.all(
      names.map(async (name) => {
        const file = join(path, name);
        return { source: file, json: await readJsonFile(file, "--contracts") };
      }),
    );
  }
  return jsonDocuments(path, "--contracts");
}

/**
 * The JSON documents of a file a batch flag names, each with where it came from: one per non-blank line
 * of a `.ndjson` / `.jsonl` file ("file line 3"), each item of a `.json` list ("file [2]"), or the
 * `.json` file's one document.
 */
export async function jsonDocuments(
  path: string,
  flag: string,
): Promise<ReadonlyArray<{ source: string; json: unknown }>> {
  const extension = extname(path).toLowerCase();
  if (extension === ".ndjson" || extension === ".jsonl") return ndjsonDocuments(path, flag);
  const json = await readJsonFile(path, flag).catch(async (error: unknown) => {
    if (await isNdjson(path, flag))
      throw new UsageLineError(
        `${flag} ${path} holds one JSON document a line (NDJSON, as ratecard batch writes its invoices whatever --output's name), read as such only from a file named .ndjson or .jsonl; as one JSON document it is not valid: name it ${path.slice(0, path.length - extension.length)}.ndjson`,
      );
    throw error;
  });
  return Array.isArray(json)
    ? json.map((item, index) => ({ source: `${path} [${index}]`, json: item }))
    : [{ source: path, json }];
}

// Whether a file that is not one JSON document is NDJSON: two lines or more, each one JSON document. A
// batch's invoices written with --output invoices.json are NDJSON under a .json name, and next month's
// --carry invoices.json said only "is not valid JSON (Unexpected non-whitespace character after JSON at
// position 1276 (line 2, column 1))".
async function isNdjson(path: string, flag: string): Promise<boolean> {
  const text = withoutByteOrderMark(await readTextFile(path, flag).catch(() => ""));
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.length > 1 && lines.every((line) => parsesAsJson(line));
}

function parsesAsJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

async function ndjsonDocuments(
  path: string,
  flag: string,
): Promise<ReadonlyArray<{ source: string; json: unknown }>> {
  const text = await readTextFile(path, flag);
  return text.split("\n").flatMap((line, index) => {
    if (line.trim() === "") return [];
    const source = `${path} line ${index + 1}`;
    return [{ source, json: parseJsonText(line, `${flag} ${source}`) }];
  });
}
