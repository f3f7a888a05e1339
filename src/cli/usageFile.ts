import { type BigIntStats, constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { UsageError } from "../index.js";
import { usageFileChanged, usageFileNotRegular, usageFileUnreadable } from "./messages.js";

/** How a usage path can be read: a regular file twice, a pipe once. */
export type UsageFileKind = "file" | "pipe";

/**
 * Checks that `file` can be read as usage, before anything is parsed.
 * @throws UsageError `unreadable_usage` for a missing or unreadable path, a directory, a socket or a
 *   device: anything but a regular file or a named pipe (FIFO)
 */
export async function usageFileKind(file: string): Promise<UsageFileKind> {
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : `cannot be read (${code})`;
    throw UsageError.from(usageFileUnreadable(file, reason), "", { file });
  }
  const stats = await stat(file);
  if (stats.isFile()) return "file";
  if (stats.isFIFO()) return "pipe";
  const what = stats.isDirectory() ? "a directory" : "not a regular file";
  throw UsageError.from(usageFileNotRegular(file, what), "", { file });
}

/** What identifies one version of a file: a file appended, rewritten or replaced changes one of them. */
export type FileVersion = Pick<BigIntStats, "size" | "mtimeNs" | "ino" | "dev">;

export async function fileVersion(file: string): Promise<FileVersion> {
  const { size, mtimeNs, ino, dev } = await stat(file, { bigint: true });
  return { size, mtimeNs, ino, dev };
}

/**
 * Refuses a file that is no longer the version `before`: the usage file is read twice (and a pass may
 * take minutes), so a file still being written would give an invoice mixing two versions of it.
 * @throws UsageError `usage_changed_while_read`
 */
export async function assertUnchanged(file: string, before: FileVersion): Promise<void> {
  const now = await fileVersion(file).catch(() => undefined);
  const change =
    now === undefined
      ? "it was removed"
      : now.ino !== before.ino || now.dev !== before.dev
        ? "it was replaced by another file"
        : now.size !== before.size
          ? `it was ${before.size} bytes and is now ${now.size}`
          : now.mtimeNs !== before.mtimeNs
            ? "it was rewritten (its modification time changed)"
            : undefined;
  if (change === undefined) return;
  throw UsageError.from(usageFileChanged(file, change), "", { file });
}
