import { isIsoCurrency } from "../money/index.js";

// The currency signs a CSV amount may carry, with every currency the sign is written for. A sign shared
// by several currencies ($, ¥, kr) is accepted for each of them, never resolved to one: "$125.00" on an
// invoice in CAD is read, on one in EUR refused. The signs are those CLDR's locales write for the
// currencies (docs/diff-and-reconcile.md, "Currency signs"); any other currency is written with its ISO
// 4217 code ("CHF 125.00").
const SIGNS: ReadonlyMap<string, ReadonlyArray<string>> = new Map([
  ["$", ["USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"]],
  ["US$", ["USD"]],
  ["C$", ["CAD"]],
  ["CA$", ["CAD"]],
  ["A$", ["AUD"]],
  ["AU$", ["AUD"]],
  ["NZ$", ["NZD"]],
  ["HK$", ["HKD"]],
  ["S$", ["SGD"]],
  ["€", ["EUR"]],
  ["£", ["GBP"]],
  ["¥", ["JPY", "CNY"]],
  ["₹", ["INR"]],
  ["R$", ["BRL"]],
  ["kr", ["SEK", "NOK", "DKK", "ISK"]],
  ["kr.", ["DKK", "ISK"]],
  ["₩", ["KRW"]],
  ["zł", ["PLN"]],
  ["Kč", ["CZK"]],
  ["Ft", ["HUF"]],
  ["₪", ["ILS"]],
  ["₺", ["TRY"]],
  ["₽", ["RUB"]],
  ["₴", ["UAH"]],
  ["₱", ["PHP"]],
  ["฿", ["THB"]],
  ["₫", ["VND"]],
  ["₦", ["NGN"]],
  ["RM", ["MYR"]],
  ["Rp", ["IDR"]],
  ["R", ["ZAR"]],
  ["円", ["JPY"]],
  ["元", ["CNY"]],
]);

// A sign as a regular expression matches it: "$" and "." are special there.
const escaped = (sign: string) => sign.replace(/[$.]/g, "\\$&");

/**
 * A currency sign or a three-letter code (in either case: "125.00 usd" is how some exports write it),
 * the longest first, as a regular expression's alternation.
 */
export const CURRENCY_MARK = [
  ...[...SIGNS.keys()].sort((a, b) => b.length - a.length).map(escaped),
  "[A-Za-z]{3}",
].join("|");

/**
 * The currencies a mark written beside an amount may mean: the sign's (`$` → USD, CAD, …), or the ISO
 * 4217 code itself, in capitals ("usd" → USD). Empty for three letters that are no ISO code ("ABC").
 * @example currenciesOfMark("¥") // ["JPY", "CNY"]
 */
export function currenciesOfMark(mark: string): ReadonlyArray<string> {
  const code = mark.toUpperCase();
  return SIGNS.get(mark) ?? (isIsoCurrency(code) ? [code] : []);
}
