import {
  parseUsageEvent,
  safeParseUsageEvent,
  UsageError,
  type UsageEvent,
  type UsageTimestamps,
} from "../index.js";
import { type BadEventSink, badEventOf } from "./badEvents.js";
import { assertNoDuplicateKeys } from "./duplicateKeys.js";
import { jsonEndsTooSoon } from "./jsonEndsTooSoon.js";
import { cutOffLine, invalidJson } from "./messages.js";
import { parsePlainJsonLine } from "./plainJsonLine.js";
import { eachLine, type PassGuard, readLineChunks, type TextInput } from "./readLines.js";
import { trailingCommaDetail } from "./trailingComma.js";

/**
 * The events of an NDJSON file, one per non-blank line, each labelled with its physical line: one
 * array per chunk of the file (a few thousand events), so the stream costs one await per chunk.
 * Given `onBad` (`batch --bad-events hold`), a line that is no valid event is handed to it and left out
 * instead of stopping the stream.
 */
export async function* streamNdjsonBatches(
  input: TextInput,
  guard: PassGuard,
  timestamps: UsageTimestamps = "text",
  onBad?: BadEventSink,
): AsyncGenerator<UsageEvent[]> {
  const file = input.name;
  const options = { timestamps };
  let lineNumber = 0;
  for await (const text of readLineChunks(input, guard)) {
    const events: UsageEvent[] = [];
    eachLine(text, (start, end) => {
      lineNumber += 1;
      if (isBlank(text, start, end)) return;
      const line = text.slice(start, end);
      if (onBad !== undefined) {
        const event = eventOrBad(line, file, lineNumber, options, onBad);
        if (event !== undefined) events.push(event);
        return;
      }
      const value = parseEventLine(line, file, lineNumber);
      // The label is built only for an event that fails (this runs for millions of events).
      const event = safeParseUsageEvent(value, 0, options);
      events.push(event.success ? event.data : parseUsageEvent(value, `${file} line ${lineNumber}`, options));
    });
    if (events.length > 0) yield events;
  }
}

// A line's event, or undefined when the line was handed to `onBad`: not JSON (no customer can be read),
// a key written twice (the customer is read unless it is the key written twice), or no valid event.
function eventOrBad(
  line: string,
  file: string,
  lineNumber: number,
  options: { readonly timestamps: UsageTimestamps },
  onBad: BadEventSink,
): UsageEvent | undefined {
  let value: unknown;
  try {
    value = parseEventLine(line, file, lineNumber);
    const event = safeParseUsageEvent(value, 0, options);
    if (event.success) return event.data;
    // The label, as above, only for an event that fails.
    return parseUsageEvent(value, `${file} line ${lineNumber}`, options);
  } catch (error) {
    onBad(badEventOf(error, { line: lineNumber }, value ?? jsonOrUndefined(line), line));
    return undefined;
  }
}

// The line as JSON (JSON.parse keeps a repeated key's last copy), or undefined when it is not JSON.
function jsonOrUndefined(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

// A line that starts with a plain {"id":"…" gives its id without parsing the rest; any other shape
// (escapes, another key order) is parsed in full. The events pass reads every line in full and refuses
// a line that writes a key twice, so a second "id" later in the line can never bill under another id.
const LEADING_ID = '{"id":"';

/** The ids of an NDJSON file's events, in line order, without validating the events: an array per chunk. */
export async function* streamNdjsonIdBatches(input: TextInput, guard: PassGuard): AsyncGenerator<string[]> {
  for await (const text of readLineChunks(input, guard)) {
    const ids: string[] = [];
    eachLine(text, (start, end) => {
      if (isBlank(text, start, end)) return;
      ids.push(leadingId(text, start, end) ?? idOfLine(text.slice(start, end)));
    });
    if (ids.length > 0) yield ids;
  }
}

// The id of a line `{"id":"…"` whose id has no quote or backslash, read in place; undefined otherwise.
function leadingId(text: string, start: number, end: number): string | undefined {
  if (!text.startsWith(LEADING_ID, start)) return undefined;
  const from = start + LEADING_ID.length;
  for (let at = from; at < end; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 34) return text.slice(from, at);
    if (code === 92) return undefined;
  }
  return undefined;
}

// Malformed lines are left to the events pass, which reports them with their line number.
function idOfLine(line: string): string {
  try {
    const id = (JSON.parse(line) as { id?: unknown }).id;
    return typeof id === "string" ? id : "";
  } catch {
    return "";
  }
}

// A line of white space only (skipped). An event line starts with "{": only others need a closer look.
function isBlank(text: string, start: number, end: number): boolean {
  if (start === end) return true;
  return text.charCodeAt(start) !== 123 && text.slice(start, end).trim() === "";
}

/**
 * One line parsed as JSON. A line that is not JSON, or that writes a key twice in one object (JSON.parse
 * would keep the last copy and drop the first silently), is refused naming the file, line and key. A
 * line of the common plain shape is read by hand ({@link parsePlainJsonLine}: no key twice by then).
 */
function parseEventLine(line: string, file: string, lineNumber: number): unknown {
  const plain = parsePlainJsonLine(line);
  if (plain !== undefined) return plain;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    // A comma before } or ] is named (DuckDB's reader accepts one), and a line that ends before its event
    // does (a file cut off while copying): the rest, JSON.parse's account, is too vague to help.
    const detail =
      trailingCommaDetail(line, false) ?? (jsonEndsTooSoon(line, String(error)) ? cutOffLine() : undefined);
    throw UsageError.from(invalidJson(`${file} line ${lineNumber}`, detail), "", { file, line: lineNumber });
  }
  assertNoDuplicateKeys(line, value, file, lineNumber);
  return value;
}
