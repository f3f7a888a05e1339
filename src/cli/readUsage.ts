import { extname } from "node:path";
import {
  parseUsageEvent,
  safeParseUsageEvent,
  USAGE_TIMESTAMPS,
  UsageError,
  type UsageEvent,
  type UsageTimestamps,
} from "../index.js";
import { type BadEventSink, badEventOf } from "./badEvents.js";
import { warnWhenCsvFileEndsInsideARow, watchedForItsEnd } from "./csvLastLine.js";
import { streamCsvBatches, streamCsvIdBatches } from "./csvUsage.js";
import { assertNoDuplicateKeys } from "./duplicateKeys.js";
import { eventHolder } from "./heldEvent.js";
import { jsonEndsTooSoon } from "./jsonEndsTooSoon.js";
import {
  cutOffFile,
  emptyJsonUsage,
  invalidJson,
  unknownTimestampsName,
  unknownUsageFormat,
  unknownUsageFormatName,
  usageFormatNeeded,
  usageNotAnArray,
} from "./messages.js";
import { streamNdjsonBatches, streamNdjsonIdBatches } from "./ndjsonUsage.js";
import {
  fileInput,
  type PassGuard,
  pipeInput,
  readText,
  type TextInput,
  withoutByteOrderMark,
} from "./readLines.js";
import { isStandardInput, STANDARD_INPUT_NAME, takeStandardInput } from "./standardInput.js";
import { trailingCommaDetail } from "./trailingComma.js";
import { assertUnchanged, fileVersion, usageFileKind } from "./usageFile.js";

/** The formats of a usage file, as --usage-format names them. */
export const USAGE_FORMATS = ["ndjson", "csv", "json"] as const;

type UsageFormat = (typeof USAGE_FORMATS)[number];

/** A usage file as a source that streams its events afresh on every call (so it can be read twice). */
export type UsageSource = (() => AsyncIterable<UsageEvent>) & {
  /** The events' ids alone, read faster than whole events (for the deduplication pass). */
  readonly ids?: () => AsyncIterable<string>;
  /** The same events in arrays, a chunk of the file at a time (what aggregation reads). */
  readonly batches?: () => AsyncIterable<ReadonlyArray<UsageEvent>>;
  /** The same ids in arrays, a chunk of the file at a time. */
  readonly idBatches?: () => AsyncIterable<ReadonlyArray<string>>;
};

/** What a format reads from a file: its events, and optionally their ids alone, in arrays. */
interface FormatStream {
  readonly batches: () => AsyncIterable<ReadonlyArray<UsageEvent>>;
  readonly idBatches?: () => AsyncIterable<ReadonlyArray<string>>;
}

/**
 * Opens a usage file as a stream of validated events. The format is `format` when given (--usage-format),
 * else the extension's:
 * - `.ndjson` / `.jsonl`: one JSON event per line (blank lines skipped);
 * - `.csv`: a header row with `id,type,customer,timestamp`; every other column is an event property
 *   (an empty cell means the property is absent);
 * - `.json`: an array of events (read whole: JSON arrays cannot be streamed line by line).
 * A leading byte order mark is allowed in every format; a key written twice in an event (or a CSV
 * column named twice) is refused.
 *
 * A regular file is returned as a source read twice (deduplication), checked before and after each
 * pass: a file that changes meanwhile is refused. A named pipe (FIFO) can be read only once: it is
 * returned as a one-pass stream, which ratecard then holds in memory to deduplicate. So is `-`,
 * standard input, whose format must be named (it has no extension).
 *
 * Given `onBad` (`batch --bad-events hold`), an event the reader refuses is handed to it and left out
 * rather than thrown; a file that cannot be read as its format at all (no header row, a JSON file that
 * is not an array of events) still throws.
 * @throws UsageError when the path cannot be read, is a directory, or has an unknown extension (or `-`
 *   comes without a format); a malformed event throws while streaming, naming the file, the line and
 *   the field
 */
export async function usageSource(
  file: string,
  format?: string,
  timestamps?: UsageTimestamps,
  onBad?: BadEventSink,
): Promise<UsageSource | AsyncIterable<UsageEvent>> {
  const named = format === undefined ? undefined : usageFormatNamed(format);
  if (isStandardInput(file)) {
    if (named === undefined) throw UsageError.from(usageFormatNeeded(), "");
    const stdin = takeStandardInput("--usage");
    const input = endChecked({ name: STANDARD_INPUT_NAME, open: () => stdin }, named);
    return heldCopies(streamOf(input, named, async () => {}, timestamps, onBad).batches());
  }
  const kind = await usageFileKind(file);
  const chosen = named ?? formatOf(file);
  if (kind === "pipe")
    return heldCopies(
      streamOf(endChecked(pipeInput(file), chosen), chosen, async () => {}, timestamps, onBad).batches(),
    );
  if (chosen === "csv") warnWhenCsvFileEndsInsideARow(file);
  // Each pass checks, before its first chunk and after its last (never per event), that the file is
  // still the version opened here.
  const before = await fileVersion(file);
  return asSource(streamOf(fileInput(file), chosen, () => assertUnchanged(file, before), timestamps, onBad));
}

// A CSV pipe's end is known once it is read: a last row without its line break is warned of then.
function endChecked(input: TextInput, format: UsageFormat): TextInput {
  return format === "csv" ? watchedForItsEnd(input) : input;
}

// A format's stream as a source: callable for its events one by one, with the arrays beside.
function asSource({ batches, idBatches }: FormatStream): UsageSource {
  const events = () => eachOf(batches());
  if (idBatches === undefined) return Object.assign(events, { batches });
  return Object.assign(events, { batches, idBatches, ids: () => eachOf(idBatches()) });
}

// A stream read once is held whole by whoever reads it (it cannot be read again to deduplicate): its
// events as copies that keep none of the text they were read from (heldEvent.ts), made here once, so
// its readers keep them as they come (readUsage, a batch's split "as read").
async function* heldCopies(batches: AsyncIterable<ReadonlyArray<UsageEvent>>): AsyncGenerator<UsageEvent> {
  const hold = eventHolder();
  for await (const batch of batches) for (const event of batch) yield hold(event);
}

/** The items of arrays, one by one. */
async function* eachOf<T>(batches: AsyncIterable<ReadonlyArray<T>>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch;
}

/** The format --usage-format names. @throws UsageError for a name that is not one. */
function usageFormatNamed(format: string): UsageFormat {
  const found = USAGE_FORMATS.find((name) => name === format);
  if (found === undefined) throw UsageError.from(unknownUsageFormatName(format, USAGE_FORMATS), "");
  return found;
}

/** The way --timestamps names (ISO 8601 text when absent). @throws UsageError for a name that is not one. */
export function usageTimestampsNamed(name: string | undefined): UsageTimestamps {
  if (name === undefined) return "text";
  const found = USAGE_TIMESTAMPS.find((known) => known === name);
  if (found === undefined) throw UsageError.from(unknownTimestampsName(name, USAGE_TIMESTAMPS), "");
  return found;
}

/** The format a file's extension names. @throws UsageError for any other extension. */
function formatOf(file: string): UsageFormat {
  const extension = extname(file).toLowerCase();
  if (extension === ".ndjson" || extension === ".jsonl") return "ndjson";
  if (extension === ".csv") return "csv";
  if (extension === ".json") return "json";
  throw UsageError.from(unknownUsageFormat(file), file);
}

/**
 * Reads a whole usage file into memory (preview, progressive, late-usage, what-if, check), each event a
 * copy that keeps none of the file's text (heldEvent.ts; a stream read once comes as copies already).
 */
export async function readUsage(file: string, timestamps?: UsageTimestamps): Promise<UsageEvent[]> {
  const source = await usageSource(file, undefined, timestamps);
  const events: UsageEvent[] = [];
  if (typeof source !== "function") {
    for await (const event of source) events.push(event);
    return events;
  }
  const hold = eventHolder();
  for await (const event of source()) events.push(hold(event));
  return events;
}

function streamOf(
  input: TextInput,
  format: UsageFormat,
  guard: PassGuard,
  timestamps: UsageTimestamps = "text",
  onBad?: BadEventSink,
): FormatStream {
  switch (format) {
    case "ndjson":
      return {
        batches: () => streamNdjsonBatches(input, guard, timestamps, onBad),
        idBatches: () => streamNdjsonIdBatches(input, guard),
      };
    case "csv":
      return {
        batches: () => streamCsvBatches(input, guard, timestamps, onBad),
        idBatches: () => streamCsvIdBatches(input, guard),
      };
    case "json":
      return { batches: () => streamJsonArray(input, guard, timestamps, onBad) };
  }
}

async function* streamJsonArray(
  input: TextInput,
  guard: PassGuard,
  timestamps: UsageTimestamps,
  onBad: BadEventSink | undefined,
): AsyncGenerator<UsageEvent[]> {
  const file = input.name;
  await guard();
  const text = withoutByteOrderMark(await readText(input.open(), file, input.again));
  await guard();
  // Nothing but JSON's white space: no array, said so (DuckDB refuses such a file in the same words).
  if (/^[ \t\n\r]*$/.test(text)) throw UsageError.from(emptyJsonUsage(file), file);
  const data = parseJsonFile(text, file);
  if (!Array.isArray(data)) {
    throw UsageError.from(usageNotAnArray(file), file);
  }
  assertNoDuplicateKeys(text, data, file);
  if (onBad === undefined) {
    yield data.map((raw, index) => parseUsageEvent(raw, `${file} event [${index}]`, { timestamps }));
    return;
  }
  const events: UsageEvent[] = [];
  for (const [index, raw] of data.entries()) {
    const event = safeParseUsageEvent(raw, `${file} event [${index}]`, { timestamps });
    if (event.success) events.push(event.data);
    else onBad(badEventOf(event.error, { event: index }, raw, raw));
  }
  yield events;
}

/** JSON.parse with an error that names the file instead of a stack trace. */
function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    // A comma before } or ] (which DuckDB's reader accepts) named with its line and column, unless
    // JSON.parse stopped before it.
    const stoppedAt = /at position (\d+)/.exec(detail)?.[1];
    const comma = trailingCommaDetail(text, true, stoppedAt === undefined ? undefined : Number(stoppedAt));
    const cutOff = jsonEndsTooSoon(text, detail) ? cutOffFile() : undefined;
    throw UsageError.from(invalidJson(file, comma ?? cutOff ?? detail), file);
  }
}
