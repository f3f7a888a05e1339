/**
 * The canonical text of a JSON value, the form ratecard's digests are computed over: the JSON
 * Canonicalization Scheme of RFC 8785 for the values ratecard documents hold. Object keys are sorted
 * by their UTF-16 code units, there is no whitespace, strings and numbers are written as
 * `JSON.stringify` writes them (numbers in their shortest round-trip form; ratecard's own documents hold
 * integers only, every decimal is a string). The value is read as `JSON.stringify` would read it:
 * `toJSON` is honoured, object entries whose value is `undefined`, a function or a symbol are left out,
 * and such array items are written `null`. So a document and its JSON text parsed back have the same
 * canonical text, whatever the key order or indentation of the file.
 * @example canonicalJson({ b: [1, "x"], a: { d: null, c: true } }) // '{"a":{"c":true,"d":null},"b":[1,"x"]}'
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalOf(value);
  // Only a top-level undefined, function or symbol has no JSON text; JSON.stringify returns undefined.
  return text ?? "null";
}

function canonicalOf(value: unknown): string | undefined {
  const json = jsonValueOf(value);
  if (json === undefined || typeof json === "function" || typeof json === "symbol") return undefined;
  if (json === null || typeof json !== "object") return JSON.stringify(json);
  if (Array.isArray(json)) return `[${json.map((item) => canonicalOf(item) ?? "null").join(",")}]`;
  const entries: string[] = [];
  // Default sort order compares UTF-16 code units, which is what RFC 8785 asks for.
  for (const key of Object.keys(json).sort()) {
    const text = canonicalOf((json as Record<string, unknown>)[key]);
    if (text !== undefined) entries.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${entries.join(",")}}`;
}

// What JSON.stringify would write for the value: its toJSON() result when it has one (a Decimal
// becomes its text), the value itself otherwise.
function jsonValueOf(value: unknown): unknown {
  if (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { toJSON?: unknown }).toJSON === "function"
  )
    return (value as { toJSON: () => unknown }).toJSON();
  return value;
}
