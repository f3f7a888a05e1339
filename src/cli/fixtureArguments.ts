import { statSync } from "node:fs";
import { basename } from "node:path";
import {
  type FixtureFolders,
  fixtureFolders,
  fixtureFoldersFound,
  HELPER_FOLDER,
  notFixtureReason,
} from "./readFixture.js";

/**
 * The fixture folders of `ratecard check`'s arguments. One argument is read by {@link fixtureFolders}: a
 * folder that holds no fixture is refused, since the check would otherwise pass having checked nothing.
 * Several are read as the folders inside one parent are, because a shell writes `ratecard check
 * fixtures/*` as one argument per entry of fixtures/: a helper folder (its name starts with "_"), a file
 * (fixtures/README.md) or a folder with no fixture is listed as skipped with its reason, so the report is
 * that of `ratecard check fixtures/`. A path that does not exist is still refused (a shell's pattern
 * writes none: it is a typo), and so is a list in which no argument holds a fixture.
 */
export function fixtureFoldersOfArguments(args: ReadonlyArray<string>): FixtureFolders {
  if (args.length === 1) return fixtureFolders(args[0] as string);
  const found = args.map(foldersOfOneAmongSeveral);
  const folders = found.flatMap((item) => item.folders);
  // Nothing to check at all: the first argument's own refusal says why.
  if (folders.length === 0) return fixtureFolders(args.find(isFolder) ?? (args[0] as string));
  return { folders, skipped: found.flatMap((item) => item.skipped) };
}

function foldersOfOneAmongSeveral(path: string): FixtureFolders {
  const entry = statSync(path, { throwIfNoEntry: false });
  // A path that does not exist is refused by fixtureFolders' sentence; a file is skipped.
  if (entry === undefined) return fixtureFolders(path);
  if (!entry.isDirectory())
    return {
      folders: [],
      skipped: [{ name: path, reason: "not a fixture: a file, not a folder", file: true }],
    };
  if (basename(path).startsWith("_"))
    return {
      folders: [],
      skipped: [{ name: path, reason: HELPER_FOLDER }],
    };
  const found = fixtureFoldersFound(path);
  return found.folders.length > 0
    ? found
    : { folders: [], skipped: [{ name: path, reason: notFixtureReason(path) }] };
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
