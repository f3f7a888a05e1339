import { parseUsageEvent, UsageError, type UsageEvent } from "../index.js";
import { assertNoDuplicateKeys } from "./duplicateKeys.js";
import { invalidJson } from "./messages.js";
import { type PassGuard, readLines, type TextInput } from "./readLines.js";

/** The events of an NDJSON file, one per non-blank line, each labelled with its physical line. */
export async function* streamNdjson(input: TextInput, guard: PassGuard): AsyncGenerator<UsageEvent> {
  const file = input.name;
  let lineNumber = 0;
  for await (const line of readLines(input, guard)) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    yield parseUsageEvent(parseEventLine(line, file, lineNumber), `${file} line ${lineNumber}`);
  }
}

// A line that starts with a plain {"id":"…" gives its id without parsing the rest; any other shape
// (escapes, another key order) is parsed in full. The events pass reads every line in full and refuses
// a line that writes a key twice, so a second "id" later in the line can never bill under another id.
const LEADING_ID = /^\{"id":"([^"\\]*)"/;

/** The ids of an NDJSON file's events, in line order, without validating the events. */
export async function* streamNdjsonIds(input: TextInput, guard: PassGuard): AsyncGenerator<string> {
  for await (const line of readLines(input, guard)) {
    if (line.trim() === "") continue;
    const match = LEADING_ID.exec(line);
    if (match) {
      yield match[1]!;
      continue;
    }
    // Malformed lines are left to the events pass, which reports them with their line number.
    try {
      const id = (JSON.parse(line) as { id?: unknown }).id;
      yield typeof id === "string" ? id : "";
    } catch {
      yield "";
    }
  }
}

/**
 * One line parsed as JSON. A line that is not JSON, or that writes a key twice in one object (JSON.parse
 * would keep the last copy and drop the first silently), is refused naming the file, line and key.
 */
function parseEventLine(line: string, file: string, lineNumber: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw UsageError.from(invalidJson(`${file} line ${lineNumber}`), "", { file, line: lineNumber });
  }
  assertNoDuplicateKeys(line, value, file, lineNumber);
  return value;
}
