import { ownText } from "./ownText.js";

/**
 * An NDJSON line of the shape nearly every usage event is written in, parsed without JSON.parse: an
 * object, written without white space, whose members are strings, numbers, true, false or null, or one
 * level of objects of those (an event's `properties`), with no backslash and no control character
 * anywhere, and no key written twice or named `__proto__`. Every such line is valid JSON, and the value
 * built here is the one JSON.parse gives (the same members in the same order), so the result cannot
 * differ. Any other line returns undefined and is read by JSON.parse, which reports a malformed line, and
 * checked for repeated keys as before.
 *
 * Why: JSON.parse was 40 % of a streamed invoice's CPU time and counting the line's colons for repeated
 * keys 8 % more (issue 14); this reads the common line once, finds a repeated key as it goes, and
 * builds only what the event keeps.
 */
export function parsePlainJsonLine(line: string): Record<string, unknown> | undefined {
  if (UNUSUAL.test(line)) return undefined;
  // The line as a string of its own (ownText.ts): an event held back until the end of the pass (a
  // duplicate) would otherwise keep its whole 64 KB chunk alive, and with 10 % duplicates the chunks of
  // the whole file (peak 370 MB against 230 MB at 1,000,000 events); its texts keep only their line.
  // (JSON.parse copies every string it makes.)
  const own = ownText(line);
  const value: Record<string, unknown> = {};
  return readObject(own, 0, value, false) === own.length ? value : undefined;
}

// A backslash (an escape, whose text is not its value) or a control character (refused inside a JSON
// string, white space outside one): either sends the line to JSON.parse.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const UNUSUAL = /[\u0000-\u001f\\]/;

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/**
 * Reads the object that starts at `start` into `target`; returns the offset after its "}", or -1 when it
 * is not of the plain shape (an object inside a nested one, an array, white space, a repeated key).
 */
function readObject(line: string, start: number, target: Record<string, unknown>, nested: boolean): number {
  if (line.charCodeAt(start) !== OPEN_BRACE) return -1;
  let at = start + 1;
  if (line.charCodeAt(at) === CLOSE_BRACE) return at + 1;
  for (;;) {
    if (line.charCodeAt(at) !== QUOTE) return -1;
    const close = line.indexOf('"', at + 1);
    if (close === -1 || line.charCodeAt(close + 1) !== COLON) return -1;
    const key = line.slice(at + 1, close);
    // "__proto__" would set the prototype here, where JSON.parse makes it a member.
    if (key === "__proto__" || Object.hasOwn(target, key)) return -1;
    at = close + 2;
    const code = line.charCodeAt(at);
    if (code === QUOTE) {
      const end = line.indexOf('"', at + 1);
      if (end === -1) return -1;
      target[key] = line.slice(at + 1, end);
      at = end + 1;
    } else if (code === OPEN_BRACE) {
      if (nested) return -1;
      const inner: Record<string, unknown> = {};
      at = readObject(line, at, inner, true);
      if (at === -1) return -1;
      target[key] = inner;
    } else {
      const end = literalEnd(line, at);
      if (end === -1) return -1;
      target[key] = literalValue(line, at, end);
      at = end;
    }
    const next = line.charCodeAt(at);
    if (next === CLOSE_BRACE) return at + 1;
    if (next !== COMMA) return -1;
    at += 1;
  }
}

// The end of the literal at `at`: true, false, null or a JSON number; -1 for anything else.
function literalEnd(line: string, at: number): number {
  if (line.startsWith("true", at) || line.startsWith("null", at)) return at + 4;
  if (line.startsWith("false", at)) return at + 5;
  return numberEnd(line, at);
}

function literalValue(line: string, at: number, end: number): unknown {
  const code = line.charCodeAt(at);
  if (code === 116) return true;
  if (code === 102) return false;
  if (code === 110) return null;
  // The text of a JSON number is a decimal literal Number reads to the same double as JSON.parse.
  return Number(line.slice(at, end));
}

// A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, read from `at`; its end, or -1.
function numberEnd(line: string, start: number): number {
  let at = start;
  if (line.charCodeAt(at) === 45) at += 1;
  if (line.charCodeAt(at) === 48) at += 1;
  else if (isDigit(line, at)) at = digitsEnd(line, at);
  else return -1;
  if (line.charCodeAt(at) === 46) {
    if (!isDigit(line, at + 1)) return -1;
    at = digitsEnd(line, at + 1);
  }
  const exponent = line.charCodeAt(at);
  if (exponent === 101 || exponent === 69) {
    at += 1;
    const sign = line.charCodeAt(at);
    if (sign === 43 || sign === 45) at += 1;
    if (!isDigit(line, at)) return -1;
    at = digitsEnd(line, at);
  }
  return at;
}

function isDigit(line: string, at: number): boolean {
  const code = line.charCodeAt(at);
  return code >= 48 && code <= 57;
}

function digitsEnd(line: string, start: number): number {
  let at = start;
  while (isDigit(line, at)) at += 1;
  return at;
}
