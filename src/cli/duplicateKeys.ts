import { InputError, InvariantError, toJsonPath, UsageError } from "../index.js";
import { duplicateJsonKey } from "./messages.js";

/**
 * Refuses a JSON text (an NDJSON line, a whole .json file, a contract) that writes a key twice in one
 * object, naming the file, the physical line of the second copy and the key's JSON path.
 * @param firstLine - the file's line on which `text` starts
 * @param document - `usage` for usage events (a UsageError), `input` for any other document (an InputError)
 * @throws UsageError or InputError `duplicate_key`
 */
export function assertNoDuplicateKeys(
  text: string,
  value: unknown,
  file: string,
  firstLine = 1,
  document: "usage" | "input" = "usage",
): void {
  if (!hasDuplicateKeys(text, value)) return;
  const duplicate = findDuplicateKey(text);
  if (duplicate === undefined)
    throw new InvariantError(`${file} line ${firstLine}: keys were counted twice but none repeats.`);
  const { key, path } = duplicate;
  const line = firstLine + text.slice(0, duplicate.offset).split("\n").length - 1;
  const problem = duplicateJsonKey(file, line, key, path);
  const details = { file, line, key };
  throw document === "usage"
    ? UsageError.from(problem, path, details)
    : InputError.from(problem, path, details);
}

/** A key written twice in the same JSON object: where (JSON path of the key) and at which offset. */
export interface DuplicateKey {
  readonly key: string;
  /** The JSON path of the repeated key, e.g. `properties.gb` or `[3].id`. */
  readonly path: string;
  /** The offset of the second occurrence in the text. */
  readonly offset: number;
}

/**
 * True when `text`, which JSON.parse read as `value`, writes a key twice in some object. JSON.parse
 * keeps the last copy silently, so a line `{"id":"x","id":"d1",…}` would be one event to a reader that
 * takes the first key and another to one that takes the last: ratecard refuses it instead.
 *
 * Cheap enough for every event line. Every ":" in JSON text is either a member's separator or a
 * character inside a string. Without escapes (no backslash in the text) each parsed string has the
 * same characters as its text, so the colons of the text equal the parsed keys plus the colons inside
 * the parsed keys and strings exactly when no member was dropped; a dropped duplicate leaves at least
 * its own separator uncounted. Counting colons with indexOf costs a fraction of JSON.parse. A text with
 * escapes (rare: "\u003a" is a colon the text does not show) is counted character by character.
 */
export function hasDuplicateKeys(text: string, value: unknown): boolean {
  if (text.indexOf("\\") === -1) return colonsIn(text) !== membersAndColons(value);
  return keysInText(text) !== keysInValue(value);
}

function colonsIn(text: string): number {
  let colons = 0;
  for (let at = text.indexOf(":"); at !== -1; at = text.indexOf(":", at + 1)) colons += 1;
  return colons;
}

// The members of every object in `value`, plus the colons inside its keys and strings.
function membersAndColons(value: unknown): number {
  if (typeof value === "string") return colonsIn(value);
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += membersAndColons(item);
    return count;
  }
  for (const key in value)
    count += 1 + colonsIn(key) + membersAndColons((value as Record<string, unknown>)[key]);
  return count;
}

// Every member of a JSON object is a key, then ":"; no ":" outside a string is anything else. The text
// has already been parsed, so it is well formed: one pass over its characters, skipping strings (and
// the character after each backslash inside them), counts the keys.
function keysInText(text: string): number {
  let keys = 0;
  let inString = false;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 92) at += 1;
      else if (code === 34) inString = false;
    } else if (code === 34) inString = true;
    else if (code === 58) keys += 1;
  }
  return keys;
}

// The offset of the first character at or after `from` that is not JSON whitespace.
function nextNonBlank(text: string, from: number): number {
  let at = from;
  let code = text.charCodeAt(at);
  while (code === 32 || code === 9 || code === 10 || code === 13) {
    at += 1;
    code = text.charCodeAt(at);
  }
  return at;
}

// A quote is escaped when an odd number of backslashes precede it.
function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes += 1;
  return backslashes % 2 === 1;
}

function keysInValue(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += keysInValue(item);
    return keys;
  }
  for (const key in value) keys += 1 + keysInValue((value as Record<string, unknown>)[key]);
  return keys;
}

interface Frame {
  readonly keys?: Set<string>;
  /** The member key or array index the walk is in (undefined before an object's first key). */
  segment: string | number | undefined;
}

/**
 * The first key written twice in one object of a well-formed JSON text, or undefined. The slow,
 * exact walk behind {@link hasDuplicateKeys}, run only when a text has a repeated key.
 */
export function findDuplicateKey(text: string): DuplicateKey | undefined {
  const stack: Frame[] = [];
  const path = () =>
    toJsonPath(stack.flatMap((frame) => (frame.segment === undefined ? [] : [frame.segment])));
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (char === "{") stack.push({ keys: new Set(), segment: undefined });
    else if (char === "[") stack.push({ segment: 0 });
    else if (char === "}" || char === "]") stack.pop();
    else if (char === ",") {
      const frame = stack.at(-1);
      if (frame !== undefined && typeof frame.segment === "number") frame.segment += 1;
    } else if (char === '"') {
      let close = text.indexOf('"', at + 1);
      while (isEscaped(text, close)) close = text.indexOf('"', close + 1);
      const frame = stack.at(-1);
      if (frame?.keys !== undefined && text[nextNonBlank(text, close + 1)] === ":") {
        const key = JSON.parse(text.slice(at, close + 1)) as string;
        frame.segment = key;
        if (frame.keys.has(key)) return { key, path: path(), offset: at };
        frame.keys.add(key);
      }
      at = close;
    }
  }
  return undefined;
}
