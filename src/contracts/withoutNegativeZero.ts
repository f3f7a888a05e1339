/**
 * Contract JSON with every `-0` read as `0`. JSON has one zero, and JSON.parse gives `-0` for the text
 * `-0`: a contract with `"minorUnits": -0` would carry -0 into the invoice (its currency, each rounding
 * step), where it prints as `0` and so does not survive the invoice's own round trip through JSON (a
 * stored invoice read back would differ from the one issued). The input is returned as it is when it
 * holds no `-0`, the common case; otherwise a copy is made, the input is never changed.
 * Only arrays and plain objects (prototype Object or null) are walked: they are what JSON gives, and
 * anything else is the schema's to refuse. A value met twice (a shared or a cyclic reference, which JSON
 * cannot give) is walked once.
 */
export function withoutNegativeZero(input: unknown): unknown {
  return holdsNegativeZero(input, new Set()) ? copyWithoutNegativeZero(input, new Map()) : input;
}

function isWalked(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function holdsNegativeZero(value: unknown, seen: Set<object>): boolean {
  if (Object.is(value, -0)) return true;
  if (!isWalked(value) || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((member) => holdsNegativeZero(member, seen));
}

function copyWithoutNegativeZero(value: unknown, copies: Map<object, unknown>): unknown {
  if (Object.is(value, -0)) return 0;
  if (!isWalked(value)) return value;
  const made = copies.get(value);
  if (made !== undefined) return made;
  if (Array.isArray(value)) {
    const list: unknown[] = [];
    copies.set(value, list);
    for (const member of value) list.push(copyWithoutNegativeZero(member, copies));
    return list;
  }
  const object: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
  copies.set(value, object);
  // defineProperty, not assignment: a key "__proto__" (JSON.parse makes it an own key) stays a key.
  for (const [key, member] of Object.entries(value))
    Object.defineProperty(object, key, {
      value: copyWithoutNegativeZero(member, copies),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return object;
}
