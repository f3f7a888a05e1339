/** The hashes that occur more than once in `hashes`, ascending, found the plain way: by counting. */
export function repeatsByCounting(hashes: ReadonlyArray<number>): number[] {
  const counts = new Map<number, number>();
  for (const hash of hashes) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > 1)
    .map(([hash]) => hash)
    .sort((a, b) => a - b);
}
