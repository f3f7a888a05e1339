import { unitWord } from "../meters/index.js";
import type { CreditNote } from "../schema/index.js";

/**
 * How a credit note gives back what it credits, in one sentence (docs/credit-notes.md, "An invoice that
 * drew prepaid credits"): the money, each grant given back after tax, and beside the total each grant
 * given back before tax, and, on the note that completes an invoice whose amount due was rounded, the
 * money before that rounding. None for a note of an invoice that drew no credit grant.
 * @param money - how an amount is written (the caller's currency format)
 */
export function settlementWords(note: CreditNote, money: (plain: string) => string): ReadonlyArray<string> {
  const settlement = note.settlement;
  if (settlement === undefined) return [];
  const back = (stage: "before_tax" | "after_tax") =>
    settlement.credits
      .filter((credit) => credit.stage === stage)
      .map(
        (credit) =>
          `${money(credit.restored)} back to ${credit.name} (${credit.id}${credit.unitsRestored === undefined ? "" : `, ${credit.unitsRestored}${unitWord(credit.unitsRestored, credit.unit, undefined)}`})`,
      );
  const afterTax = back("after_tax");
  const beforeTax = back("before_tax");
  const parts = [`${money(settlement.money)} as money (refunded, or taken off what is due)`, ...afterTax];
  const beside =
    beforeTax.length === 0
      ? ""
      : `; beside it, the credit taken before tax goes back: ${beforeTax.join(", ")}`;
  return [
    `Of the ${money(note.total)} credited: ${parts.join(", ")}${beside}.`,
    ...roundingWords(settlement, money),
  ];
}

// The note that credits in full an invoice whose amount due was rounded: the money is what the grants
// do not get back, rounded as the amount due was, so the parts said above add up to the total with it.
function roundingWords(
  settlement: NonNullable<CreditNote["settlement"]>,
  money: (plain: string) => string,
): ReadonlyArray<string> {
  const rounding = settlement.rounding;
  if (rounding === undefined) return [];
  return [
    `Money before rounding ${money(rounding.before)}, rounded to ${money(settlement.money)} as the invoice's amount due was: a rounding adjustment of ${money(rounding.adjustment)}.`,
  ];
}
