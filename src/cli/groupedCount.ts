/**
 * A count grouped by thousands with commas, whatever the machine's locale, as the CLI's summaries and
 * sentences write counts (a number's `toLocaleString` would follow the locale, and the output must not).
 * @example groupedCount(2987) // "2,987"
 */
export function groupedCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
