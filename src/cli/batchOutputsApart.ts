import { readdir, stat } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { InputError } from "../index.js";
import { outputFileIsInput } from "./messages.js";

// A batch's flags that write a file, and those that name files it reads (--contracts: a file or a folder).
const OUTPUT_FLAGS = ["output", "summary", "quarantine"];
const INPUT_FLAGS = [
  "usage",
  "contracts",
  "carry",
  "commitment-spend",
  "commitment-credit-note",
  "price-book",
];

type FlagValues = Readonly<Record<string, string | ReadonlyArray<string> | boolean | undefined>>;

interface FlagFile {
  readonly flag: string;
  readonly file: string;
}

/**
 * Refuses a batch whose `--output`, `--summary` or `--quarantine` names a file the batch reads (its
 * usage, a contract, the `--carry` or `--commitment-spend` file, a note, a price book) or a file another
 * of them names, before anything is read or written. Each output is renamed over its path when the batch
 * is done, so `--carry jan.ndjson --output jan.ndjson` replaced January's issued invoices with February's,
 * and `--summary usage.ndjson` the month's usage with a summary, exit 0 without a word. A device or a
 * pipe (`/dev/stdout`) is written in place and replaces nothing, so it is never refused; nor is a path
 * that does not exist yet, which no input can be.
 */
export async function requireOutputsApart(values: FlagValues): Promise<void> {
  const read = (await Promise.all(flagFiles(values, INPUT_FLAGS).map(inputFiles))).flat();
  const seen: { readonly flag: string; readonly key: string }[] = [];
  for (const output of flagFiles(values, OUTPUT_FLAGS)) {
    const key = await fileKey(output.file);
    if (key === undefined) continue;
    const earlier = seen.find((entry) => entry.key === key);
    if (earlier !== undefined)
      throw InputError.from(outputFileIsInput(output.flag, output.file, earlier.flag, true), "");
    const input = read.find((entry) => entry.key === key);
    if (input !== undefined)
      throw InputError.from(outputFileIsInput(output.flag, output.file, input.flag, false), "");
    seen.push({ flag: output.flag, key });
  }
}

// Each file the flags name (a repeatable flag's every file), with its flag as written.
function flagFiles(values: FlagValues, flags: ReadonlyArray<string>): ReadonlyArray<FlagFile> {
  return flags.flatMap((flag) => {
    const value = values[flag];
    const files = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    return files.map((file: string) => ({ flag: `--${flag}`, file }));
  });
}

// What names a file whatever path leads to it: its device and inode when it exists (a link, `./x`,
// an absolute path), its absolute path when it does not yet; undefined for a device or a pipe.
async function fileKey(file: string): Promise<string | undefined> {
  const found = await stat(file).catch(() => undefined);
  if (found === undefined) return `path:${resolve(file)}`;
  return found.isFile() ? `inode:${found.dev}:${found.ino}` : undefined;
}

// The files an input flag reads: the file itself, or a --contracts folder's .json files (what
// readBatchContracts reads); standard input (`-`), devices and paths that do not exist are none.
async function inputFiles({ flag, file }: FlagFile): Promise<ReadonlyArray<{ flag: string; key: string }>> {
  if (file === "-") return [];
  const found = await stat(file).catch(() => undefined);
  if (found === undefined) return [];
  if (found.isFile()) return [{ flag, key: `inode:${found.dev}:${found.ino}` }];
  if (!found.isDirectory()) return [];
  const names = (await readdir(file)).filter((name) => extname(name).toLowerCase() === ".json");
  const keys = await Promise.all(names.map((name) => fileKey(join(file, name))));
  return keys.flatMap((key) => (key?.startsWith("inode:") ? [{ flag, key }] : []));
}
