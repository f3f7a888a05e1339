import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { type Contract, type PriceBook, resolveContract } from "../index.js";
import { UsageLineError, withFile } from "./cliSupport.js";
import { nodeSha256 } from "./nodeSha256.js";
import { parseJsonText, readJsonFile, readTextFile } from "./readJsonFile.js";

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
 * A contract error names its file (and line); two contracts of one customer are refused, naming both,
 * since a batch rates one contract per customer (with overlapping terms its events would be billed twice;
 * one after the other, a renewal, the sentence names both terms).
 */
export async function readBatchContracts(
  path: string,
  books: ReadonlyArray<PriceBook>,
): Promise<ReadonlyArray<BatchContract>> {
  const documents = await contractDocuments(path);
  if (documents.length === 0)
    throw new UsageLineError(
      `--contracts ${path} holds no contract; give a folder of contract files, one contract's file or a list`,
    );
  const byCustomer = new Map<string, BatchContract>();
  return documents.map(({ source, json }) => {
    const contract = withFile("--contracts", source, /.*/, () =>
      resolveContract(json, books, { sha256: nodeSha256 }),
    );
    const read = { source, json, contract };
    const earlier = byCustomer.get(contract.customer.id);
    if (earlier !== undefined) throw new UsageLineError(twoContractsOfOneCustomer(earlier, read));
    byCustomer.set(contract.customer.id, read);
    return read;
  });
}

// Two contracts of one customer. Terms that overlap would bill the events of both twice; terms one after
// the other (a renewal: the old contract ends where the new one starts) bill no event twice, and the
// sentence says so, with each term as the contract writes it, so the operator keeps the right one.
function twoContractsOfOneCustomer(earlier: BatchContract, later: BatchContract): string {
  const customer = later.contract.customer.id;
  const [a, b] = [earlier.contract.term, later.contract.term];
  const apart = (a.end !== undefined && a.end <= b.start) || (b.end !== undefined && b.end <= a.start);
  if (!apart)
    return `--contracts: ${earlier.source} and ${later.source} both bill customer "${customer}"; its events would be billed twice, so keep one contract per customer`;
  return `--contracts: ${earlier.source} (${termWords(earlier)}) and ${later.source} (${termWords(later)}) both bill customer "${customer}", one after the other; a batch rates one contract per customer, so keep the one whose term holds the period and leave the other out of --contracts`;
}

// A contract's term as its JSON writes it ("term 2025-01-01 to 2026-01-01", "term from 2026-01-01"); as
// instants when the JSON does not write it as text (a term a price book gives).
function termWords({ json, contract }: BatchContract): string {
  const written = (json as { term?: { start?: unknown; end?: unknown } } | null)?.term;
  const text = (value: unknown, instant: number | undefined) =>
    typeof value === "string" ? value : instant === undefined ? undefined : new Date(instant).toISOString();
  const start = text(written?.start, contract.term.start);
  const end = text(written?.end, contract.term.end);
  return end === undefined ? `term from ${start}` : `term ${start} to ${end}`;
}

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
  const json = await readJsonFile(path, flag);
  return Array.isArray(json)
    ? json.map((item, index) => ({ source: `${path} [${index}]`, json: item }))
    : [{ source: path, json }];
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
