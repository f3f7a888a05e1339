import { DecimalOracle as D, type FalseSentence, figureOf, MONEY } from "./explainArithmetic.js";

/**
 * The sums a progressive or closing invoice's explanation states when a total below zero plays a part,
 * read back and redone with decimal.js as a specialist would redo them by hand (docs/explain.md, "A total
 * below zero in a progressive period"):
 * - "From the total T: less a (…) = r; plus b (…) = s, the amount due.": T is the stated total, each
 *   running figure is the one before it less or plus its bar, and the last is the stated amount due;
 * - "X is owed to the customer, to issue as a credit: A, the amount due below zero (…), and B, the
 *   period's total below zero (P), …": A is the stated amount due negated, B is P negated, X = A + B
 *   (a part left out is 0).
 * Returns the sentences whose arithmetic is false.
 */
export function falseBelowZeroSums(text: string): FalseSentence[] {
  const lines = text.split("\n");
  const stated = (pattern: RegExp) =>
    lines.map((line) => line.match(pattern)).find((match) => match !== null)?.[1];
  const total = stated(new RegExp(String.raw`^Total (${MONEY})\.$`));
  const due = stated(new RegExp(String.raw`^Amount due (${MONEY})\.$`));
  const value = (text: string) => figureOf(text).value;
  const wrong: FalseSentence[] = [];
  const walk = new RegExp(String.raw`^From the total (${MONEY}): (.*), the amount due\.$`);
  const bar = new RegExp(String.raw`(less|plus) (${MONEY}) \(.*?\) = (${MONEY})`, "g");
  const owed = new RegExp(
    String.raw`^.*: (${MONEY}) is owed to the customer, to issue as a credit: (?:(${MONEY}), the amount due below zero \(.*?\))?(?:, and )?(?:(${MONEY}), the period's total below zero \((${MONEY})\))?`,
  );
  for (const line of lines) {
    const from = line.match(walk);
    if (from !== null) {
      let running = value(from[1]!);
      if (total !== undefined && !running.equals(value(total)))
        wrong.push({ sentence: line, expected: `from the total ${total}` });
      for (const step of from[2]!.matchAll(bar)) {
        const amount = value(step[2]!);
        running = step[1] === "less" ? running.minus(amount) : running.plus(amount);
        if (!running.equals(value(step[3]!))) wrong.push({ sentence: line, expected: running.toFixed() });
      }
      if (due !== undefined && !running.equals(value(due)))
        wrong.push({ sentence: line, expected: `the amount due ${due}` });
    }
    const credit = line.match(owed);
    if (credit === null) continue;
    const given = credit[2] === undefined ? new D(0) : value(credit[2]);
    const period = credit[3] === undefined ? new D(0) : value(credit[3]);
    if (!given.plus(period).equals(value(credit[1]!)))
      wrong.push({ sentence: line, expected: given.plus(period).toFixed() });
    if (due !== undefined && !given.equals(D.max(0, value(due).negated())))
      wrong.push({ sentence: line, expected: `the amount due ${due} negated` });
    if (credit[4] !== undefined && !period.equals(value(credit[4]).negated()))
      wrong.push({ sentence: line, expected: value(credit[4]).negated().toFixed() });
  }
  return wrong;
}
