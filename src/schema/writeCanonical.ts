import { jsonValueOf } from "./jsonValueOf.js";
import { keyPlanOf } from "./keyPlan.js";
import { sortKeys } from "./sortedKeys.js";

/**
 * Writes the UTF-8 bytes of a value's canonical text (`canonicalJson`: the same text, byte for
 * byte) into `into`, from its first byte, and returns how many bytes the text takes. When that is more
 * than `into` holds, the bytes written are not the text: call again with a buffer of at least the
 * returned length (which may then be an upper bound: the second call returns the exact length).
 * Digests are computed over these bytes (issue 14: the canonical text and its encoding were a quarter
 * of rating from aggregates; written straight into bytes, a cdn-basic invoice takes 10–12 µs against
 * 16–17 µs for the text and its encoding).
 * @example const bytes = new Uint8Array(64); writeCanonical({ b: 1, a: "x" }, bytes) // 15: {"a":"x","b":1}
 */
export function writeCanonical(value: unknown, into: Uint8Array): number {
  const json = value !== null && typeof value === "object" ? jsonValueOf(value) : value;
  // Only a top-level undefined, function or symbol has no text: canonicalJson writes "null".
  return isLeftOut(json) ? writeAscii("null", into, 0) : writeJson(json, into, 0);
}

// A value JSON.stringify leaves out of an object and writes `null` in an array.
function isLeftOut(json: unknown): boolean {
  return json === undefined || typeof json === "function" || typeof json === "symbol";
}

// A member or item as JSON.stringify reads it: an object through its toJSON, once.
function resolved(value: unknown): unknown {
  return value !== null && typeof value === "object" ? jsonValueOf(value) : value;
}

// `json` is already what toJSON gave (an object it returns is written as it is, its own toJSON not called).
// Writes past the end of `into` are dropped by the typed array while the count goes on, so one pass
// both writes what fits and measures the whole.
function writeJson(json: unknown, into: Uint8Array, at: number): number {
  switch (typeof json) {
    case "string":
      return writeString(json, into, at);
    case "number":
      // String(n) is JSON.stringify's number text for a finite number (-0 included); others are null.
      return writeAscii(Number.isFinite(json) ? String(json) : "null", into, at);
    case "boolean":
      return writeAscii(json ? "true" : "false", into, at);
    case "object":
      if (json === null) return writeAscii("null", into, at);
      return Array.isArray(json) ? writeArray(json, into, at) : writeObject(json, into, at);
    default:
      // a bigint: JSON.stringify throws its TypeError, as canonicalJson does
      return writeAscii(String(JSON.stringify(json)), into, at);
  }
}

function writeArray(list: ReadonlyArray<unknown>, into: Uint8Array, at: number): number {
  let end = at;
  into[end++] = 0x5b; // [
  for (let index = 0; index < list.length; index += 1) {
    if (index > 0) into[end++] = 0x2c; // ,
    const item = resolved(list[index]);
    end = isLeftOut(item) ? writeAscii("null", into, end) : writeJson(item, into, end);
  }
  into[end++] = 0x5d; // ]
  return end;
}

// Each member's key bytes come from the plan of the object's key list (keyPlan.ts): sorted and quoted
// once per shape, not once per object.
function writeObject(record: object, into: Uint8Array, at: number): number {
  const keys = Object.keys(record);
  if (keys.length === 0) return writeAscii("{}", into, at);
  const plan = keyPlanOf(keys);
  if (plan === undefined) return writeSortedObject(record, keys, into, at);
  const { order, heads } = plan;
  // The values in the order of `keys` (Object.values lists them as Object.keys does): one call instead
  // of a keyed load per member, which over a document's few dozen shapes of objects is megamorphic
  // (a cdn-basic invoice's bytes in 10.1 µs against 10.8 µs; issue 14).
  const values = Object.values(record);
  let end = at;
  into[end++] = 0x7b; // {
  let first = true;
  for (let member = 0; member < order.length; member += 1) {
    const item = resolved(values[order[member] as number]);
    if (isLeftOut(item)) continue;
    if (!first) into[end++] = 0x2c; // ,
    first = false;
    const head = heads[member] as Uint8Array;
    for (let byte = 0; byte < head.length; byte += 1) into[end++] = head[byte] as number;
    end = writeJson(item, into, end);
  }
  into[end++] = 0x7d; // }
  return end;
}

// An object of a shape the plans no longer take in: its keys sorted and written each time.
function writeSortedObject(record: object, keys: string[], into: Uint8Array, at: number): number {
  let end = at;
  into[end++] = 0x7b; // {
  let first = true;
  for (const key of sortKeys(keys)) {
    const item = resolved((record as Record<string, unknown>)[key]);
    if (isLeftOut(item)) continue;
    if (!first) into[end++] = 0x2c; // ,
    first = false;
    end = writeString(key, into, end);
    into[end++] = 0x3a; // :
    end = writeJson(item, into, end);
  }
  into[end++] = 0x7d; // }
  return end;
}

// A string as JSON.stringify writes it, in UTF-8. Printable ASCII other than `"` and `\` is written as
// it is, one byte a code unit (nearly every string of a document: ids, amounts, kinds); any other
// string is escaped by JSON.stringify and encoded by TextEncoder.
function writeString(text: string, into: Uint8Array, at: number): number {
  let end = at;
  into[end++] = 0x22; // "
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || unit > 0x7e) return writeEscaped(text, into, at);
    into[end++] = unit;
  }
  into[end++] = 0x22;
  return end;
}

const UTF8 = new TextEncoder();

function writeEscaped(text: string, into: Uint8Array, at: number): number {
  const escaped = JSON.stringify(text);
  const { read, written } = UTF8.encodeInto(escaped, into.subarray(at));
  // Cut short by the end of the buffer: UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate
  // pair, 2 units, takes 4), so the caller's next buffer holds it.
  return read < escaped.length ? at + escaped.length * 3 : at + written;
}

// Texts made only of ASCII (numbers, true, false, null).
function writeAscii(text: string, into: Uint8Array, at: number): number {
  let end = at;
  for (let index = 0; index < text.length; index += 1) into[end++] = text.charCodeAt(index);
  return end;
}
