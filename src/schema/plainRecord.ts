/**
 * The value as a record when it is a plain object (made by `{}` or `JSON.parse`) whose keys are all
 * among `keys`, else undefined. The first test of a fast structural check at an input boundary: input
 * that passes it is read without zod, and anything else goes to the zod schema, which either accepts
 * it the same way or says precisely what is wrong (so errors keep their wording and path).
 * @example plainRecord({ a: 1 }, new Set(["a", "b"])) // { a: 1 }; with an unknown key, undefined
 */
export function plainRecord(
  value: unknown,
  keys: ReadonlySet<string>,
): Readonly<Record<string, unknown>> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const record = value as Readonly<Record<string, unknown>>;
  // A key present with the value undefined is left to zod too (it reads it as absent, this would not).
  for (const key in record) if (!keys.has(key) || record[key] === undefined) return undefined;
  return record;
}

/** True for a whole number from 0 to 2^53 − 1: what `z.number().check(z.int(), z.nonnegative())` accepts. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
