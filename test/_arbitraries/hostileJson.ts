import fc from "fast-check";

/**
 * Hostile edits of JSON documents: a value a careless or hostile user could put anywhere in a contract
 * or an event (wrong types, empty and blank text, signs and exponents, numbers past their range, dates
 * that do not exist or sit in year 0026, text that is not a number, `__proto__`, very long text), and
 * edits that replace a value, delete a key or repeat an array element.
 */

/** A value of any JSON type that a field may meet in the wild. */
const hostileValueArb: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  1e21,
  5e-324,
  2 ** 53 + 2,
  "",
  " ",
  "0",
  "-0",
  "-1",
  "1e-7",
  "1e21",
  "1e400",
  "1e-400",
  "0x10",
  "NaN",
  "Infinity",
  "1,000",
  "١٢٣",
  "12.50 ",
  "2026-02-30",
  "2026-13-01",
  "0026-02-01",
  "9999-12-31",
  "2026-02-01T00:00:00",
  "2026-02-01T24:00:00Z",
  "x".repeat(300),
  "\u0000",
  "__proto__",
  "constructor",
  [],
  [null],
  {},
  JSON.parse('{"__proto__": {"polluted": true}}'),
);

/** Every path into a JSON value (object keys and array indexes), the root excluded. */
export function pathsOf(
  value: unknown,
  prefix: ReadonlyArray<string | number> = [],
): Array<Array<string | number>> {
  if (Array.isArray(value))
    return value.flatMap((child, index) => [[...prefix, index], ...pathsOf(child, [...prefix, index])]);
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, child]) => [
      [...prefix, key],
      ...pathsOf(child, [...prefix, key]),
    ]);
  return [];
}

/** An edit of one place in a document. */
export type Edit =
  | { readonly kind: "replace"; readonly value: unknown }
  | { readonly kind: "delete" }
  | { readonly kind: "repeat" };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: hostileValueArb.map((value): Edit => ({ kind: "replace", value })) },
  { weight: 2, arbitrary: fc.constant<Edit>({ kind: "delete" }) },
  { weight: 1, arbitrary: fc.constant<Edit>({ kind: "repeat" }) },
);

/**
 * `document` with `edit` applied at `path` (a copy: the document is left as it was). Deleting an array
 * element removes it; repeating a value that is not an array element repeats its parent's last element.
 */
export function applyEdit(document: unknown, path: ReadonlyArray<string | number>, edit: Edit): unknown {
  const copy = JSON.parse(JSON.stringify(document)) as unknown;
  if (path.length === 0) return edit.kind === "replace" ? edit.value : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  if (Array.isArray(parent)) {
    const index = key as number;
    if (edit.kind === "replace") parent[index] = edit.value;
    else if (edit.kind === "delete") parent.splice(index, 1);
    else parent.splice(index, 0, JSON.parse(JSON.stringify(parent[index])));
    return copy;
  }
  if (edit.kind === "replace")
    Object.defineProperty(parent, key, {
      value: edit.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else if (edit.kind === "delete") delete parent[key];
  return copy;
}
