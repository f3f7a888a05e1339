/**
 * The canonical form of docs/invoice-format.md ("Digests"), implemented apart from
 * src/schema/canonicalJson.ts so that tests check digests by a second reading of the spec, not by the
 * code under test: keys sorted by UTF-16 code units (the default sort), no whitespace, JSON.stringify's
 * strings and numbers. For JSON values only (no toJSON, no undefined).
 */
export function canonicalText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  // the text is built here, not through an object: JavaScript puts integer-like keys ("0") first
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalText((value as Record<string, unknown>)[key])}`);
  return `{${members.join(",")}}`;
}
