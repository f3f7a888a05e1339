import { Decimal, decimalOfText, decimalsOfText, roundTo, toFixedString, ZERO } from "../money/index.js";
import type { AppliedCredit, CreditNote } from "../schema/index.js";
import type { Invoice } from "./invoiceSchema.js";
import { netOf } from "./spreadReduction.js";

/** How a credit note gives back what it credits: money, and what goes back to each grant. */
export type NoteSettlement = NonNullable<CreditNote["settlement"]>;
type RestoredCredit = NoteSettlement["credits"][number];

/** What the notes of an invoice have credited per invoice line, before this note and with it. */
export interface CreditedLines {
  readonly before: ReadonlyMap<string, Decimal>;
  readonly after: ReadonlyMap<string, Decimal>;
}

/** The notes' totals: all of the earlier notes', and this note's; and how many notes came earlier. */
export interface NoteTotals {
  readonly before: Decimal;
  readonly note: Decimal;
  readonly earlierNotes: number;
}

/**
 * How a credit note of an invoice that drew credit grants gives back what it credits
 * (docs/credit-notes.md, "An invoice that drew prepaid credits"); undefined for an invoice that drew
 * none, whose note is money alone.
 *
 * - **After tax** (a prepaid wallet paid part of the total): the notes give back money first, up to
 *   what the invoice asked in money (its amount due, in the currency's minor units), as Stripe's note
 *   first takes off what is still due; past that, the rest of the note goes back to the grants, the
 *   last drawn first, each up to what it paid, and never as money (Lago: prepaid credits are credited
 *   back, not refunded). Worked on the notes' running totals, so money is in the currency's minor
 *   units, the notes of an invoice credited in full give back its amount due as money and exactly what
 *   each grant paid, and no grant ever gets back more than it paid.
 * - **Rounding**: when the grants paid fractions of a minor unit, the amount due was rounded
 *   (`rounding.amountDue`), and money + what the grants paid is not the total. The note that credits
 *   the invoice in full carries that adjustment in `rounding`, as the invoice does: money = before +
 *   adjustment, and before + after-tax restored = the note's total exactly.
 * - **Before tax** (a credit took part of some lines' amounts): a grant's share of a line goes back
 *   once the line is credited in full, as the note credits the line at its net, after that share; a
 *   line the grant paid entirely (net 0) goes back when every other line is credited in full.
 * A grant kept in a custom unit gets back units in proportion to the money, rounded down, and all it
 * used once all its money is back.
 */
export function settleNote(
  invoice: Invoice,
  credited: CreditedLines,
  totals: NoteTotals,
): NoteSettlement | undefined {
  const drawn = (invoice.credits ?? []).filter((credit) => !decimalOfText(credit.applied).isZero());
  if (drawn.length === 0) return undefined;
  const plan = afterTaxPlan(invoice, drawn);
  const running = { before: totals.before, after: totals.before.plus(totals.note) };
  const backBefore = lastDrawnFirst(plan.paid, plan.toGrants(running.before));
  const backAfter = lastDrawnFirst(plan.paid, plan.toGrants(running.after));
  const afterTax = plan.grants.map((credit, index) =>
    restoredEntry(credit, plan.paid[index]!, backBefore[index]!, backAfter[index]!),
  );
  const beforeTax = restoredBeforeTax(invoice, drawn, credited, totals.earlierNotes);
  const money = plan.inMoney(running.after).minus(plan.inMoney(running.before));
  // The money before rounding: what the note credits less what it gives back to the grants after tax.
  const exact = totals.note.minus(afterTax.reduce((sum, credit) => sum.plus(credit.restored), ZERO));
  const adjustment = money.minus(exact);
  const lineDecimals = invoice.rounding?.lineDecimals ?? decimalsOfText(invoice.total);
  return {
    money: toFixedString(money, decimalsOfText(invoice.total)),
    ...(adjustment.isZero()
      ? {}
      : {
          rounding: {
            before: toFixedString(exact, lineDecimals),
            adjustment: toFixedString(adjustment, lineDecimals),
          },
        }),
    credits: [...afterTax, ...beforeTax].filter((credit) => !decimalOfText(credit.restored).isZero()),
  };
}

// The notes' running total split after tax: what of it is money, and what goes back to the grants.
function afterTaxPlan(invoice: Invoice, drawn: ReadonlyArray<AppliedCredit>) {
  const grants = drawn.filter((credit) => credit.stage === "after_tax");
  const paid = grants.map((credit) => decimalOfText(credit.applied).negated());
  const paidInAll = paid.reduce((sum, amount) => sum.plus(amount), ZERO);
  // What the invoice asked in money: its amount due, the total less what the grants paid of it, in the
  // currency's minor units (rounded so when the grants paid fractions of them: `rounding.amountDue`).
  // The notes give back no more money than that, and every note's money part is in those minor units.
  const total = decimalOfText(invoice.total);
  const asked =
    invoice.amountDue === undefined
      ? Decimal.max(total.minus(paidInAll), ZERO)
      : decimalOfText(invoice.amountDue);
  return {
    grants,
    paid,
    inMoney: (credited: Decimal) => Decimal.min(credited, asked),
    // Past the money, the grants, up to what they paid. Until the invoice is credited in full that
    // never reaches what they paid (the running total is in minor units, and the total less the amount
    // due is what they paid give or take less than one); credited in full, each gets exactly what it
    // paid, and the amount due's rounding is the note's `rounding`, not a grant's.
    toGrants: (credited: Decimal) =>
      credited.greaterThanOrEqualTo(total)
        ? paidInAll
        : Decimal.min(Decimal.max(credited.minus(asked), ZERO), paidInAll),
  };
}

// `amount` spread over the grants from the last drawn back, each up to what it paid: the running
// amount each grant has had back. The grant drawn first is refilled last.
function lastDrawnFirst(paid: ReadonlyArray<Decimal>, amount: Decimal): Decimal[] {
  const back = paid.map(() => ZERO);
  let left = amount;
  for (let index = paid.length - 1; index >= 0; index -= 1) {
    const part = Decimal.min(left, paid[index]!);
    back[index] = part;
    left = left.minus(part);
  }
  return back;
}

function restoredBeforeTax(
  invoice: Invoice,
  drawn: ReadonlyArray<AppliedCredit>,
  credited: CreditedLines,
  earlierNotes: number,
): RestoredCredit[] {
  const undoneBefore = undoneLines(invoice, credited.before, earlierNotes);
  const undoneAfter = undoneLines(invoice, credited.after, earlierNotes + 1);
  return drawn
    .filter((credit) => credit.stage === "before_tax")
    .map((credit) => {
      const shareOf = (undone: ReadonlySet<string>) =>
        (credit.allocation ?? [])
          .filter((share) => undone.has(share.line))
          .reduce((sum, share) => sum.minus(share.amount), ZERO);
      const paid = decimalOfText(credit.applied).negated();
      return restoredEntry(credit, paid, shareOf(undoneBefore), shareOf(undoneAfter));
    });
}

// The lines credited in full after `notes` notes: every line billing more than 0 credited up to its
// net, and a line a credit paid entirely (net 0) once all of those are. An invoice the credits paid in
// full has no line billing more than 0: its note of the whole invoice (the only note it can have, as a
// line of 0 cannot be credited) undoes it, and none before that note does.
function undoneLines(
  invoice: Invoice,
  credited: ReadonlyMap<string, Decimal>,
  notes: number,
): ReadonlySet<string> {
  const undone = new Set<string>();
  let all = true;
  let billing = 0;
  for (const line of invoice.lines) {
    const net = netOf(line);
    if (!net.greaterThan(0)) continue;
    billing += 1;
    if ((credited.get(line.id) ?? ZERO).greaterThanOrEqualTo(net)) undone.add(line.id);
    else all = false;
  }
  if (all && (billing > 0 || notes > 0))
    for (const line of invoice.lines) if (netOf(line).isZero()) undone.add(line.id);
  return undone;
}

// One grant's entry: what this note gives back to it (the running amount with the note less the one
// before), and for a custom unit the units: in proportion, rounded down, and all it used once all its
// money is back.
function restoredEntry(
  credit: AppliedCredit,
  paid: Decimal,
  before: Decimal,
  after: Decimal,
): RestoredCredit {
  const restored = toFixedString(after.minus(before), decimalsOfText(credit.applied));
  const entry: RestoredCredit = { id: credit.id, name: credit.name, stage: credit.stage, restored };
  if (credit.unit === undefined || credit.unitsUsed === undefined) return entry;
  const used = decimalOfText(credit.unitsUsed);
  const decimals = decimalsOfText(credit.unitsUsed);
  const units = (back: Decimal) =>
    back.greaterThanOrEqualTo(paid) ? used : roundTo(used.times(back).dividedBy(paid), decimals, "down");
  return {
    ...entry,
    unit: credit.unit,
    unitsRestored: toFixedString(units(after).minus(units(before)), decimals),
  };
}
