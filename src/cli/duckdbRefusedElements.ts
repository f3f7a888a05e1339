import type { UsageTimestamps } from "../index.js";
import { plainEvent, whyRefused } from "./plainEvent.js";
import { memoryReaderRefusal } from "./refusalInFileOrder.js";
import { searchFileInChunks } from "./searchFileInChunks.js";

const BLANK = "[ \\t\\r\\n]*";
/** A run of plain events, each after the array's `[` or a comma (sticky): pretty-printed or not. */
const plainElements = (timestamps: UsageTimestamps) =>
  new RegExp(`(?:${BLANK}[\\[,]${BLANK}${plainEvent(BLANK, timestamps)})*`, "y");
/** Where the run stops: the separator before an event to read with JSON.parse. */
const NEXT_EVENT = /[ \t\r\n]*[[,][ \t\r\n]*(?=\{)/y;
// Text after the run that is neither an event nor the start of one, longer than this, is the array's
// end or a shape DuckDB judges itself (it refuses anything but an array of objects).
const TAIL_BYTES = 1024;

/** How many events ratecard's reader refuses, the first of them, and what is wrong with it. */
interface EventsFound {
  count: number;
  first: string | undefined;
  reason: string | undefined;
}

/**
 * The refusal of a JSON array file (`.json`) with an event DuckDB's reader reads and ratecard's refuses
 * (a comma before `}`, NaN, Infinity, `1e400`, properties null, a field ratecard does not know, an id
 * that is not text): once the search has found one, the in-memory reader's error for the file, the bytes
 * `--engine memory` prints (`usage.json event [1]: …`, `usage.json is not valid JSON (a comma before } or
 * ] at line 3, column 98, …)`); undefined for a file without one. As for NDJSON's
 * lines (duckdbRefusedLines.ts), the file is read 64 KB at a time while DuckDB's threads run the query:
 * one regular expression passes over the runs of plain events, written on one line or many, and only the
 * events it stops at are read with JSON.parse.
 */
export async function refusedElementsError(
  file: string,
  timestamps: UsageTimestamps = "text",
): Promise<unknown> {
  const found: EventsFound = { count: 0, first: undefined, reason: undefined };
  const search = { plain: plainElements(timestamps), timestamps };
  searchFileInChunks(file, (bytes, atEnd) => searchEvents(bytes, atEnd, found, search));
  if (found.count === 0) return undefined;
  return memoryReaderRefusal(file, "json", timestamps);
}

// Searches the events of `bytes` (read as Latin-1, as the NDJSON search does), counting the refused
// ones in `found`; returns where the unsearched rest starts (an event cut by the chunk's end), or
// undefined when the search is over.
function searchEvents(
  bytes: Buffer,
  atEnd: boolean,
  found: EventsFound,
  search: { readonly plain: RegExp; readonly timestamps: UsageTimestamps },
): number | undefined {
  const text = bytes.toString("latin1");
  for (let at = 0; ; ) {
    at = endOfPlainEvents(search.plain, text, at);
    NEXT_EVENT.lastIndex = at;
    if (!NEXT_EVENT.test(text)) return atEnd || text.length - at > TAIL_BYTES ? undefined : at;
    const start = NEXT_EVENT.lastIndex;
    const end = endOfObject(text, start);
    if (end === undefined) return atEnd ? undefined : at;
    const event = bytes.toString("utf8", start, end);
    const reason = whyRefused(event, search.timestamps);
    if (reason !== undefined) {
      found.count += 1;
      found.first ??= event;
      found.reason ??= reason;
    }
    at = end;
  }
}

// A run so long that the regular expression runs out of stack is read event by event instead.
function endOfPlainEvents(plain: RegExp, text: string, at: number): number {
  plain.lastIndex = at;
  try {
    plain.exec(text);
    return plain.lastIndex;
  } catch {
    return at;
  }
}

// The end of the object starting at `start` (braces and brackets counted outside strings); undefined
// when the text ends first.
function endOfObject(text: string, start: number): number | undefined {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    const character = text[at];
    if (character === '"') {
      for (at += 1; at < text.length && text[at] !== '"'; at += 1) if (text[at] === "\\") at += 1;
    } else if (character === "{" || character === "[") depth += 1;
    else if ((character === "}" || character === "]") && --depth === 0) return at + 1;
  }
  return undefined;
}
