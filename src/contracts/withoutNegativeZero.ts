/**
 * Contract JSON with every `-0` read as `0`. JSON has one zero, and JSON.parse gives `-0` for the text
 * `-0`: a contract with `"minorUnits": -0` would carry -0 into the invoice (its currency, each rounding
 * step), where it prints as `0` and so does not survive the invoice's own round trip through JSON (a
 * stored invoice read back would differ from the one issued). The input is returned as it is when it
 * holds no `-0`, the common case; otherwise a copy is made, the input is never changed.
 * Only arrays and plain objects (prototype Object or null) are walked: they are what JSON gives, and
 * anything else is the schema's to refuse. Both walks use a list, not recursion: hostile JSON nested
 * 20,000 deep must reach the schema's refusal, not overflow the stack here. A value met twice (a shared
 * or a cyclic reference, which JSON cannot give) is walked once.
 */
export function withoutNegativeZero(input: unknown): unknown {
  return holdsNegativeZero(input) ? copyWithoutNegativeZero(input) : input;
}

function isWalked(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function holdsNegativeZero(input: unknown): boolean {
  if (Object.is(input, -0)) return true;
  if (!isWalked(input)) return false;
  const seen = new Set<object>([input]);
  const pending: object[] = [input];
  for (let next = pending.pop(); next !== undefined; next = pending.pop())
    for (const member of Object.values(next)) {
      if (Object.is(member, -0)) return true;
      if (isWalked(member) && !seen.has(member)) {
        seen.add(member);
        pending.push(member);
      }
    }
  return false;
}

// Each walked value's copy is made when first met; its members are filled in when it is taken from the
// list, each member a primitive (-0 as 0) or the copy of a walked value.
function copyWithoutNegativeZero(input: unknown): unknown {
  if (Object.is(input, -0)) return 0;
  if (!isWalked(input)) return input;
  const copies = new Map<object, Record<string, unknown>>();
  const pending: object[] = [];
  const copyOf = (value: unknown): unknown => {
    if (Object.is(value, -0)) return 0;
    if (!isWalked(value)) return value;
    let copy = copies.get(value);
    if (copy === undefined) {
      copy = Array.isArray(value)
        ? ([] as unknown as Record<string, unknown>)
        : Object.create(Object.getPrototypeOf(value));
      copies.set(value, copy as Record<string, unknown>);
      pending.push(value);
    }
    return copy;
  };
  const root = copyOf(input);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const copy = copies.get(next)!;
    if (Array.isArray(next)) for (const member of next) (copy as unknown as unknown[]).push(copyOf(member));
    // defineProperty, not assignment: a key "__proto__" (JSON.parse makes it an own key) stays a key.
    else
      for (const [key, member] of Object.entries(next))
        Object.defineProperty(copy, key, {
          value: copyOf(member),
          enumerable: true,
          writable: true,
          configurable: true,
        });
  }
  return root;
}
