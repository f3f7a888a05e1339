import { addLocalDays, formatLocalDate, type LocalDate } from "./localDate.js";

/**
 * The shortest text `parsePeriod` reads as the local dates `from` to `to` (`to` excluded): a day
 * (`2026-02-10`), a calendar month (`2026-02`), quarter (`2026-Q1`) or year (`2026`), or undefined when
 * the dates are none of these (`2026-01-15` to `2026-02-15`: only the range names them). For sentences
 * that suggest a period: a specialist types `2026-Q1` rather than `2026-01-01/2026-04-01`.
 * @example periodShorthand({ year: 2026, month: 1, day: 1 }, { year: 2026, month: 4, day: 1 }) // "2026-Q1"
 */
export function periodShorthand(from: LocalDate, to: LocalDate): string | undefined {
  if (sameDate(addLocalDays(from, 1), to)) return formatLocalDate(from);
  if (from.day !== 1 || to.day !== 1) return undefined;
  const months = (to.year - from.year) * 12 + (to.month - from.month);
  const year = String(from.year).padStart(4, "0");
  if (months === 1) return `${year}-${String(from.month).padStart(2, "0")}`;
  if (months === 3 && from.month % 3 === 1) return `${year}-Q${(from.month + 2) / 3}`;
  if (months === 12 && from.month === 1) return year;
  return undefined;
}

function sameDate(a: LocalDate, b: LocalDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
