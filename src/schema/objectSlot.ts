/**
 * A value kept beside an object for as long as the object lives: what rating derives once from a
 * contract, a prepared rating, a meter or a price (an index of its charges, a compiled reducer, a
 * price's text) and asks for again on every invoice.
 *
 * Why not a WeakMap: rating a customer base touches each customer's objects once per invoice, and a
 * WeakMap holding an entry for each of 5,000 customers' contracts, prices and meters is a large hash
 * table read at random, a cache miss or two per lookup. Some 24 such lookups an invoice were a tenth of
 * rating cdn-basic from aggregates (issue 14, docs/scale-measurements.md). The value is kept on the
 * object itself instead, under a symbol of this module's own, non-enumerable: invisible to
 * `Object.keys`, `for…in`, JSON, spread copies, `structuredClone` and equality checks, so the object
 * reads as it did. A frozen or sealed object cannot take it, and keeps its value in a WeakMap as before.
 */
export interface ObjectSlot<K extends object, V> {
  /** The value kept for `owner`, or undefined. */
  get(owner: K): V | undefined;
  /** Keeps `value` for `owner`, replacing any kept before. */
  set(owner: K, value: V): void;
}

// Every slot's symbol, so that a check of an object's own members can leave them out (ratingShare.ts).
const SLOT_KEYS = new Set<PropertyKey>();

/** Whether `key` is the symbol of an {@link ObjectSlot}: not a member of the object's data. */
export function isSlotKey(key: PropertyKey): boolean {
  return SLOT_KEYS.has(key);
}

// What the symbol holds: the value and the object it was kept for, so that an object whose prototype
// holds a slot (Object.create(contract)) does not read its prototype's value as its own.
// The box is changed in place by a later set, so an object frozen after its first value (freezing is
// shallow) still takes a new one.
interface Kept<V> {
  readonly owner: object;
  value: V;
}

/**
 * A new slot, named for debugging (the symbol's description).
 * @example const texts = objectSlot<Decimal, string>("text"); texts.set(price, "0.08"); texts.get(price) // "0.08"
 */
export function objectSlot<K extends object, V>(name: string): ObjectSlot<K, V> {
  const key = Symbol(name);
  SLOT_KEYS.add(key);
  const frozen = new WeakMap<K, V>();
  return {
    get(owner) {
      const kept = (owner as Record<symbol, Kept<V> | undefined>)[key];
      if (kept !== undefined && kept.owner === owner) return kept.value;
      return frozen.get(owner);
    },
    set(owner, value) {
      const known = (owner as Record<symbol, Kept<V> | undefined>)[key];
      if (known !== undefined && known.owner === owner) {
        known.value = value;
        return;
      }
      if (!Object.isExtensible(owner)) {
        frozen.set(owner, value);
        return;
      }
      const kept: Kept<V> = { owner, value };
      Object.defineProperty(owner, key, {
        value: kept,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    },
  };
}

/**
 * `build` computed once per object (a contract, a prepared rating, a usage result) and kept while the
 * object lives, in an {@link ObjectSlot}: rating asks the same questions of one contract for each of its
 * charges and invoices, and must stay linear. `build` never returns undefined.
 * @example const ids = perObject((contract: Contract) => new Set(contract.charges.map((c) => c.id)));
 */
export function perObject<K extends object, V>(build: (key: K) => V, name = "perObject"): (key: K) => V {
  const slot = objectSlot<K, V>(name);
  return (key) => {
    let value = slot.get(key);
    if (value === undefined) {
      value = build(key);
      slot.set(key, value);
    }
    return value;
  };
}
