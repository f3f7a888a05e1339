import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { UsageLineError } from "./cliSupport.js";
import { fixtureUsageFileMisnamed, fixtureUsageFilesTwo } from "./messages.js";

/**
 * The usage file of the fixture folder `dir`: the one file named as `names` (usage.ndjson, usage.jsonl,
 * usage.csv, usage.json) name them. A fixture is rated from one file, so two such files are refused
 * (before, the first was rated and the events of the other passed over, and the fixture could pass
 * without them); so is a name that differs in case only (`Usage.ndjson`: a Mac's file system finds it,
 * a Linux CI server's does not, so the same fixture would pass on one and not on the other). With none,
 * the reason names the files that look like usage (`usage-april.ndjson`) and the name to give them.
 * Other files beside the usage file (`usage-with-late.ndjson`, a cookbook's second file) are left alone.
 * @throws UsageLineError with the sentence of the report
 */
export function fixtureUsageFile(dir: string, names: ReadonlyArray<string>): string {
  const file = usageFileIfAny(dir, names);
  if (file !== undefined) return file;
  throw new UsageLineError(fixtureUsageFileMisnamed(names, []));
}

/**
 * {@link fixtureUsageFile} for a folder that may have no usage at all (a what-if customer with a
 * contract.json only, who used nothing this period): undefined when no file is named or looks like a
 * usage file; two usage files, a name in another case and a usage file under another name
 * (`usage-april.ndjson`) are refused all the same, since their events would be passed over.
 * @throws UsageLineError with the sentence of the report
 */
export function usageFileIfAny(
  dir: string,
  names: ReadonlyArray<string>,
  rated = "a fixture",
): string | undefined {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => entry.name);
  const usage = names.flatMap((name) => files.filter((file) => file.toLowerCase() === name));
  const [only, ...others] = usage;
  if (only !== undefined && others.length > 0) throw new UsageLineError(fixtureUsageFilesTwo(usage, rated));
  if (only !== undefined && names.includes(only)) return join(dir, only);
  const alike = only === undefined ? files.filter((file) => looksLikeUsage(file, names)).sort() : [only];
  if (alike.length === 0) return undefined;
  throw new UsageLineError(
    fixtureUsageFileMisnamed(
      names,
      alike.map((file) => [file, renamed(file)]),
    ),
  );
}

// A file whose name starts with "usage" and ends in an extension a fixture's usage file has.
function looksLikeUsage(file: string, names: ReadonlyArray<string>): boolean {
  return file.toLowerCase().startsWith("usage") && names.includes(renamed(file));
}

// The usage file's name with this file's extension: Usage.NDJSON and usage-april.ndjson → usage.ndjson.
function renamed(file: string): string {
  return `usage${extname(file).toLowerCase()}`;
}
