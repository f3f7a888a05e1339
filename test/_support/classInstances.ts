class Wrapped {}

/**
 * The same JSON with every object an instance of a class: readers that take only plain objects (the
 * fast paths written by hand) refuse it, so only the zod schemas read it. Comparing the outcome of both
 * checks that a fast path gives what zod alone gives (issue 14).
 */
export function asClassInstances(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asClassInstances);
  if (value === null || typeof value !== "object") return value;
  const copy = new Wrapped();
  for (const [key, child] of Object.entries(value))
    Object.defineProperty(copy, key, { value: asClassInstances(child), enumerable: true, writable: true });
  return copy;
}
