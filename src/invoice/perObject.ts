/**
 * `build` computed once per object (a contract, a usage result) and kept while the object lives:
 * rating asks the same questions of one contract for each of its charges, and must stay linear.
 */
export function perObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
}
