import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parseUsageEvent, UsageError, type UsageEvent } from "../index.js";
import { streamCsv } from "./csvUsage.js";
import { assertNoDuplicateKeys } from "./duplicateKeys.js";
import { invalidJson, unknownUsageFormat, usageNotAnArray } from "./messages.js";
import { streamNdjson, streamNdjsonIds } from "./ndjsonUsage.js";
import { type PassGuard, withoutByteOrderMark } from "./readLines.js";
import { assertUnchanged, fileVersion, usageFileKind } from "./usageFile.js";

/** A usage file as a source that streams its events afresh on every call (so it can be read twice). */
export type UsageSource = (() => AsyncIterable<UsageEvent>) & {
  /** The events' ids alone, read faster than whole events (for the deduplication pass). */
  readonly ids?: () => AsyncIterable<string>;
};

/**
 * Opens a usage file as a stream of validated events. The format follows the extension:
 * - `.ndjson` / `.jsonl`: one JSON event per line (blank lines skipped);
 * - `.csv`: a header row with `id,type,customer,timestamp`; every other column is an event property
 *   (an empty cell means the property is absent);
 * - `.json`: an array of events (read whole: JSON arrays cannot be streamed line by line).
 * A leading byte order mark is allowed in every format; a key written twice in an event (or a CSV
 * column named twice) is refused.
 *
 * A regular file is returned as a source read twice (deduplication), checked before and after each
 * pass: a file that changes meanwhile is refused. A named pipe (FIFO) can be read only once: it is
 * returned as a one-pass stream, which ratecard then holds in memory to deduplicate.
 * @throws UsageError when the path cannot be read, is a directory, or has an unknown extension; a
 *   malformed event throws while streaming, naming the file, the line and the field
 */
export async function usageSource(file: string): Promise<UsageSource | AsyncIterable<UsageEvent>> {
  const kind = await usageFileKind(file);
  if (kind === "pipe") return streamOf(file, async () => {}).events();
  // Each pass checks, before its first chunk and after its last (never per event), that the file is
  // still the version opened here.
  const before = await fileVersion(file);
  const stream = streamOf(file, () => assertUnchanged(file, before));
  return stream.ids === undefined ? stream.events : Object.assign(stream.events, { ids: stream.ids });
}

/** Reads a whole usage file into memory (for tests and small files). */
export async function readUsage(file: string): Promise<UsageEvent[]> {
  const source = await usageSource(file);
  const events: UsageEvent[] = [];
  for await (const event of typeof source === "function" ? source() : source) events.push(event);
  return events;
}

function streamOf(
  file: string,
  guard: PassGuard,
): { readonly events: () => AsyncIterable<UsageEvent>; readonly ids?: () => AsyncIterable<string> } {
  const extension = extname(file).toLowerCase();
  if (extension === ".ndjson" || extension === ".jsonl")
    return { events: () => streamNdjson(file, guard), ids: () => streamNdjsonIds(file, guard) };
  if (extension === ".csv") return { events: () => streamCsv(file, guard) };
  if (extension === ".json") return { events: () => streamJsonArray(file, guard) };
  throw UsageError.from(unknownUsageFormat(file), file);
}

async function* streamJsonArray(file: string, guard: PassGuard): AsyncGenerator<UsageEvent> {
  await guard();
  const text = withoutByteOrderMark(await readFile(file, "utf8"));
  await guard();
  const data = parseJsonFile(text, file);
  if (!Array.isArray(data)) {
    throw UsageError.from(usageNotAnArray(file), file);
  }
  assertNoDuplicateKeys(text, data, file);
  for (const [index, raw] of data.entries()) yield parseUsageEvent(raw, `${file} event [${index}]`);
}

/** JSON.parse with an error that names the file instead of a stack trace. */
function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw UsageError.from(invalidJson(file, detail), file);
  }
}
