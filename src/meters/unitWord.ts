/**
 * The unit written after a quantity: for a quantity of exactly one, its singular form (the contract
 * meter's `unitSingular`, or, without one, the unit's last word made singular when it is a plain
 * English plural: see `singularOf`), else the unit as the contract gives it; empty without a unit.
 * @param quantity - the quantity as the invoice writes it ("1", "2.5")
 * @param unit - the unit, `transfers`
 * @param singular - its singular form, `transfer`, when the contract gives one
 * @returns " transfer" for "1", " transfers" for "2" or "0.5", "" without a unit
 * @example unitWord("1", "transfers", "transfer") // " transfer"
 * @example unitWord("1", "container-hours", undefined) // " container-hour"
 */
export function unitWord(quantity: string, unit: string | undefined, singular: string | undefined): string {
  if (unit === undefined) return "";
  if (!isOne(quantity)) return ` ${unit}`;
  return ` ${singular ?? singularOf(unit)}`;
}

/**
 * {@link unitWord} with the unit of an explained meter (null for none): what follows a meter's
 * quantity, a day's, or a tier bound on its chart ("tier 2 starts above 1 request").
 */
export function meterUnitWord(
  quantity: string,
  meter: { readonly unit: string | null; readonly unitSingular: string | null },
): string {
  return unitWord(quantity, meter.unit ?? undefined, meter.unitSingular ?? undefined);
}

/**
 * A unit's singular form guessed from its last word (after the last space or hyphen), for a contract
 * that gives no `unitSingular`. Only a word that reads as a plain English plural changes: all
 * lowercase letters, at least 3 of them, a vowel before the final "s" (so "kbps", "rps" are left as
 * abbreviations), ending in "s" but not "ss", "us" or "is" (egress, bonus, analysis). Then "ies" → "y"
 * (entities → entity), "xes", "ches", "shes", "sses" lose "es" (boxes, batches, addresses), any other
 * loses its "s" (minutes, 1k requests, container-hours). Anything else is left as written: GB, Mbps,
 * GB-month, GB-s, Mbit/s, TOKENS, ms. A word whose singular ends in "che" ({@link CHE_WORDS}: caches,
 * niches, tranches) loses only its "s". A word the rule still gets wrong needs the contract's
 * `unitSingular`. (The npm `pluralize` library would know more words; a dependency for a unit's last
 * word was not worth it while the contract's `unitSingular` covers the rest.)
 * @param unit - the unit as the contract gives it
 * @returns the singular form, or the unit unchanged
 */
function singularOf(unit: string): string {
  const cut = Math.max(unit.lastIndexOf(" "), unit.lastIndexOf("-")) + 1;
  const head = unit.slice(0, cut);
  const word = unit.slice(cut);
  if (!/^[a-z]{3,}$/.test(word) || !/[aeiouy][a-z]*s$/.test(word) || /(ss|us|is)$/.test(word)) return unit;
  if (word.endsWith("ies")) return `${head}${word.slice(0, -3)}y`;
  if (CHE_WORDS.has(word.slice(0, -1))) return `${head}${word.slice(0, -1)}`;
  if (/(x|ch|sh|ss)es$/.test(word)) return `${head}${word.slice(0, -2)}`;
  return `${head}${word.slice(0, -1)}`;
}

/**
 * Words whose singular ends in "che", so their plural ends in "ches" but loses only the "s" (cache →
 * caches, not "cach"). A list, not a rule: "coaches", "batches", "switches" end alike and lose "es".
 */
const CHE_WORDS: ReadonlySet<string> = new Set([
  "ache",
  "avalanche",
  "cache",
  "cliche",
  "creche",
  "headache",
  "microfiche",
  "moustache",
  "mustache",
  "niche",
  "psyche",
  "quiche",
  "tranche",
]);

// One, or minus one, however the plain text writes it ("1", "1.00", "-1").
function isOne(quantity: string): boolean {
  return /^[+-]?0*1(\.0*)?$/.test(quantity);
}
