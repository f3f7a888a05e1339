import { constants, createReadStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse";
import { parseUsageEvent, UsageError, type UsageEvent } from "../index.js";

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
 * @throws UsageError when the file cannot be read or has an unknown extension; a malformed event
 *   throws while streaming, naming the file, the line and the field
 */
export async function usageSource(file: string): Promise<UsageSource> {
  await assertReadable(file);
  const extension = extname(file).toLowerCase();
  if (extension === ".ndjson" || extension === ".jsonl")
    return Object.assign(() => streamNdjson(file), { ids: () => streamNdjsonIds(file) });
  if (extension === ".csv") return () => streamCsv(file);
  if (extension === ".json") return () => streamJsonArray(file);
  throw new UsageError(
    "unreadable_usage",
    file,
    `${file}: usage files must end in .ndjson, .jsonl, .csv or .json, so ratecard knows how to read them.`,
  );
}

/** Reads a whole usage file into memory (for tests and small files). */
export async function readUsage(file: string): Promise<UsageEvent[]> {
  const events: UsageEvent[] = [];
  for await (const event of (await usageSource(file))()) events.push(event);
  return events;
}

// Lines of a text file, read in 1 MB chunks and split by hand (faster than readline on large files).
async function* readLines(file: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    let end = text.indexOf("\n", start);
    while (end !== -1) {
      yield text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      end = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  if (rest !== "") yield rest.endsWith("\r") ? rest.slice(0, -1) : rest;
}

async function* streamNdjson(file: string): AsyncGenerator<UsageEvent> {
  let lineNumber = 0;
  for await (const line of readLines(file)) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    yield parseUsageEvent(parseJsonLine(line, file, lineNumber), `${file} line ${lineNumber}`);
  }
}

// A line that starts with a plain {"id":"…" gives its id without parsing the rest; any other shape
// (escapes, another key order) is parsed in full. Malformed lines are left to the events pass,
// which reports them with their line number.
const LEADING_ID = /^\{"id":"([^"\\]*)"/;

async function* streamNdjsonIds(file: string): AsyncGenerator<string> {
  for await (const line of readLines(file)) {
    if (line.trim() === "") continue;
    const match = LEADING_ID.exec(line);
    if (match) {
      yield match[1]!;
      continue;
    }
    try {
      const id = (JSON.parse(line) as { id?: unknown }).id;
      yield typeof id === "string" ? id : "";
    } catch {
      yield "";
    }
  }
}

function parseJsonLine(line: string, file: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError("invalid_json", "", `${file} line ${lineNumber} is not valid JSON.`, {
      file,
      line: lineNumber,
    });
  }
}

const CSV_FIELDS = new Set(["id", "type", "customer", "timestamp"]);

async function* streamCsv(file: string): AsyncGenerator<UsageEvent> {
  const parser = createReadStream(file).pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true }));
  let lineNumber = 1;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    lineNumber += 1;
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (!CSV_FIELDS.has(key) && value !== "") properties[key] = value;
    }
    const raw = {
      id: record.id,
      type: record.type,
      customer: record.customer,
      timestamp: record.timestamp,
      properties,
    };
    yield parseUsageEvent(raw, `${file} line ${lineNumber}`);
  }
}

async function* streamJsonArray(file: string): AsyncGenerator<UsageEvent> {
  const data = parseJsonFile(await readFile(file, "utf8"), file);
  if (!Array.isArray(data)) {
    throw new UsageError("unreadable_usage", file, `${file} must hold a JSON array of usage events.`);
  }
  for (const [index, raw] of data.entries()) yield parseUsageEvent(raw, `${file} event [${index}]`);
}

async function assertReadable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : `cannot be read (${code})`;
    throw new UsageError("unreadable_usage", "", `${file}: ${reason}.`, { file });
  }
}

/** JSON.parse with an error that names the file instead of a stack trace. */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new UsageError("invalid_json", file, `${file} is not valid JSON (${detail}).`);
  }
}
