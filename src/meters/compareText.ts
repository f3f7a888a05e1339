/** Ordinary code-unit order: deterministic and locale-free (localeCompare would depend on the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when two lists hold the same texts in the same order (grouping dimensions, for instance). */
export function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
