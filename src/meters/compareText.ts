/** Ordinary code-unit order: deterministic and locale-free (localeCompare would depend on the locale). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
