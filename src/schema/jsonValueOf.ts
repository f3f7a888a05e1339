/**
 * What JSON.stringify would write for an object: its toJSON() result when it has one (a Decimal becomes
 * its text), the object itself otherwise. Called once per object, as JSON.stringify calls it.
 * @example jsonValueOf(new Decimal("0.080")) // "0.08"
 */
export function jsonValueOf(value: object): unknown {
  if (typeof (value as { toJSON?: unknown }).toJSON === "function")
    return (value as { toJSON: () => unknown }).toJSON();
  return value;
}
