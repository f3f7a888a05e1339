import { constants, createReadStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import { parseUsageEvent, UsageError, type UsageEvent } from "../index.js";

/**
 * Reads a usage file into validated events. The format follows the extension:
 * - `.ndjson` / `.jsonl`: one JSON event per line (blank lines skipped), read as a stream;
 * - `.csv`: a header row with `id,type,customer,timestamp`; every other column is an event property
 *   (an empty cell means the property is absent); read as a stream;
 * - `.json`: an array of events.
 * @throws UsageError naming the file, line or index and field of the first malformed event
 */
export async function readUsage(file: string): Promise<UsageEvent[]> {
  await assertReadable(file);
  const extension = extname(file).toLowerCase();
  if (extension === ".ndjson" || extension === ".jsonl") return readNdjson(file);
  if (extension === ".csv") return readCsv(file);
  if (extension === ".json") return readJsonArray(file);
  throw new UsageError(
    "unreadable_usage",
    file,
    `${file}: usage files must end in .ndjson, .jsonl, .csv or .json, so ratecard knows how to read them.`,
  );
}

async function readNdjson(file: string): Promise<UsageEvent[]> {
  const events: UsageEvent[] = [];
  const lines = createInterface({
    input: createReadStream(file, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    events.push(parseUsageEvent(parseJsonLine(line, file, lineNumber), `${file} line ${lineNumber}`));
  }
  return events;
}

function parseJsonLine(line: string, file: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError(
      "invalid_json",
      `${file}:${lineNumber}`,
      `${file} line ${lineNumber} is not valid JSON.`,
    );
  }
}

const CSV_FIELDS = ["id", "type", "customer", "timestamp"] as const;

async function readCsv(file: string): Promise<UsageEvent[]> {
  const parser = createReadStream(file).pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true }));
  const events: UsageEvent[] = [];
  let lineNumber = 1;
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    lineNumber += 1;
    const properties: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (!(CSV_FIELDS as ReadonlyArray<string>).includes(key) && value !== "") properties[key] = value;
    }
    const raw = {
      id: record.id,
      type: record.type,
      customer: record.customer,
      timestamp: record.timestamp,
      properties,
    };
    events.push(parseUsageEvent(raw, `${file} line ${lineNumber}`));
  }
  return events;
}

async function readJsonArray(file: string): Promise<UsageEvent[]> {
  const data = parseJsonFile(await readFile(file, "utf8"), file);
  if (!Array.isArray(data)) {
    throw new UsageError("unreadable_usage", file, `${file} must hold a JSON array of usage events.`);
  }
  return data.map((raw, index) => parseUsageEvent(raw, `${file} event [${index}]`));
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
