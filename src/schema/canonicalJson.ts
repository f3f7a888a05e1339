import { cycleErrorOr } from "./cycleIn.js";
import { jsonValueOf } from "./jsonValueOf.js";
import { sortedKeys } from "./sortedKeys.js";

/**
 * The canonical text of a JSON value, the form ratecard's digests are computed over: the JSON
 * Canonicalization Scheme of RFC 8785 for the values ratecard documents hold. Object keys are sorted
 * by their UTF-16 code units, there is no whitespace, strings and numbers are written as
 * `JSON.stringify` writes them (numbers in their shortest round-trip form; ratecard's own documents hold
 * integers only, every decimal is a string). The value is read as `JSON.stringify` would read it:
 * `toJSON` is honoured, object entries whose value is `undefined`, a function or a symbol are left out,
 * and such array items are written `null`. So a document and its JSON text parsed back have the same
 * canonical text, whatever the key order or indentation of the file.
 * @throws InputError `invalid_argument` for a value that contains itself, at the path where the cycle
 *   closes (`value.lines[0].parent`)
 * @example canonicalJson({ b: [1, "x"], a: { d: null, c: true } }) // '{"a":{"c":true,"d":null},"b":[1,"x"]}'
 */
export function canonicalJson(value: unknown): string {
  try {
    return canonicalText(value);
  } catch (error) {
    // A value that contains itself overflows the stack: named, not a RangeError. try costs nothing unthrown.
    throw cycleErrorOr(error, value, "value");
  }
}

function canonicalText(value: unknown): string {
  const sorted = sortedCopy(value);
  // Only a top-level undefined, function or symbol has no JSON text; JSON.stringify returns undefined.
  if (sorted !== UNSORTABLE) return JSON.stringify(sorted) ?? "null";
  return canonicalOf(value) ?? "null";
}

// The fast path (issue 14: sealing was a third of rating from aggregates): a copy of the value whose
// objects have their keys inserted in sorted order, written by the native JSON.stringify, which keeps
// insertion order. It reads the value exactly as canonicalOf does (toJSON called once, and an object it
// returns copied as it is), so the text is the same; side by side on a cdn-basic invoice, the copy and
// JSON.stringify took 34 µs against 42 µs for concatenation and UTF-8 encoding (the concatenated text
// is a rope, which the encoder must flatten first). Three keys cannot keep their place in a copy —
// an integer-like key (JavaScript puts those first), `__proto__` (an assignment sets the prototype) and
// `toJSON` (JSON.stringify would call it again) — so a value with any of them is read again and written
// the slow way.
const UNSORTABLE = Symbol("unsortable");

function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const json = jsonValueOf(value);
  if (json === value) return sortedPlain(value);
  return json === null || typeof json !== "object" ? json : sortedPlain(json);
}

function sortedPlain(json: object): unknown {
  if (Array.isArray(json)) {
    const copy: unknown[] = new Array(json.length);
    for (let index = 0; index < json.length; index += 1) {
      const item = sortedCopy(json[index]);
      if (item === UNSORTABLE) return UNSORTABLE;
      copy[index] = item;
    }
    return copy;
  }
  const record = json as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of sortedKeys(record)) {
    if (!keepsItsPlace(key)) return UNSORTABLE;
    const item = sortedCopy(record[key]);
    if (item === UNSORTABLE) return UNSORTABLE;
    copy[key] = item;
  }
  return copy;
}

function keepsItsPlace(key: string): boolean {
  const first = key.charCodeAt(0);
  // "0"–"9" first: any key that could be an array index (conservatively, every key starting with a digit)
  if (first >= 48 && first <= 57) return false;
  return key !== "__proto__" && key !== "toJSON";
}

// The slow path, for values the fast path cannot copy. Written for speed as well as clarity (it was
// the only path until the copy above; issue 14: 13 % of rating from aggregates). Strings are built by
// concatenation rather than arrays and joins, keys are sorted only when they are not in order already,
// and each key's quoted text is kept (documents share a small vocabulary of keys).
function canonicalOf(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "object":
      return value === null ? "null" : canonicalObject(value);
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      // numbers and booleans as JSON.stringify writes them (a bigint throws there, as it does here)
      return JSON.stringify(value);
  }
}

function canonicalObject(value: object): string | undefined {
  const json = jsonValueOf(value);
  if (json === value) return canonicalPlain(value);
  // toJSON is called once, as JSON.stringify calls it: an object it returns is written as it is.
  return json === null || typeof json !== "object" ? canonicalOf(json) : canonicalPlain(json);
}

function canonicalPlain(json: object): string {
  if (Array.isArray(json)) {
    let text = "[";
    for (let index = 0; index < json.length; index += 1) {
      if (index > 0) text += ",";
      text += canonicalOf(json[index]) ?? "null";
    }
    return `${text}]`;
  }
  const record = json as Record<string, unknown>;
  let text = "";
  for (const key of sortedKeys(record)) {
    const item = canonicalOf(record[key]);
    if (item === undefined) continue;
    text += text === "" ? "{" : ",";
    text += quotedKey(key);
    text += ":";
    text += item;
  }
  return text === "" ? "{}" : `${text}}`;
}

const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_LIMIT = 4096;

function quotedKey(key: string): string {
  const known = QUOTED_KEYS.get(key);
  if (known !== undefined) return known;
  const quoted = JSON.stringify(key);
  // Keys that are data (group values, meter ids) can be many: the cache stays bounded.
  if (QUOTED_KEYS.size < QUOTED_KEYS_LIMIT) QUOTED_KEYS.set(key, quoted);
  return quoted;
}
