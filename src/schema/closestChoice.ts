import { distance } from "fastest-levenshtein";

/**
 * The one allowed choice a mistyped text most likely meant, or undefined when none is close enough or
 * two are equally close. Compared without case, `_`, `-`, `$` or spaces (`unit_price` is `unitPrice`,
 * `UNIQUE_COUNT` is `unique_count`); then a text that begins a choice or that a choice begins (`quarter`,
 * `quarterly`; `maximum`, `max`); then by edit distance, at most one edit for a choice of up to 5
 * letters and two for a longer one (`graduatd`, `graduated`), so a word is never matched to an unrelated
 * short one.
 * @example closestChoice("quarter", ["daily", "monthly", "quarterly"]) // "quarterly"
 * @example closestChoice("hourly", ["daily", "monthly"]) // undefined
 */
export function closestChoice(found: string, choices: ReadonlyArray<string>): string | undefined {
  const text = comparableName(found);
  if (text === "") return undefined;
  const named = choices.map((choice) => ({ choice, text: comparableName(choice) }));
  const same = named.filter((entry) => entry.text === text);
  if (same.length > 0) return only(same);
  const begun = named.filter(
    (entry) => entry.text !== "" && (entry.text.startsWith(text) || text.startsWith(entry.text)),
  );
  if (begun.length > 0) return text.length >= 2 ? only(begun) : undefined;
  const near = named
    .map((entry) => ({ ...entry, edits: distance(text, entry.text) }))
    .filter((entry) => entry.edits <= (entry.text.length <= 5 ? 1 : 2));
  const fewest = Math.min(...near.map((entry) => entry.edits));
  return only(near.filter((entry) => entry.edits === fewest));
}

/** A name as {@link closestChoice} compares it: lowercase, without `_`, `-`, `$` or spaces. */
export function comparableName(text: string): string {
  return text.toLowerCase().replace(/[\s_$-]/g, "");
}

// The choice when exactly one matched; undefined when none or several did (a guess between two is none).
function only(entries: ReadonlyArray<{ readonly choice: string }>): string | undefined {
  return entries.length === 1 ? entries[0]?.choice : undefined;
}
