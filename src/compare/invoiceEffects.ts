import { belowZeroNotDue, type Invoice, keepsPeriodRoundingSoFar } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, toFixedString, ZERO } from "../money/index.js";
import type { DiffCause } from "./attribution.js";
import type { RawEffect } from "./lineEffects.js";

type AdjustmentKind = "discount" | "commitment_cap" | "credit";

const CAUSE_OF: Readonly<Record<AdjustmentKind, DiffCause>> = {
  discount: "discount",
  commitment_cap: "commitment",
  credit: "credit",
};

/**
 * The invoice-level causes: each discount, commitment cap and pre-tax credit by its source (the sum of
 * what it took off the lines), the exclusive tax, and each post-tax credit (what it took off the
 * amount due). A source only one invoice has is a discount that ended or started, a credit that ran out.
 */
export function invoiceEffects(before: Invoice, after: Invoice): RawEffect[] {
  const [taken0, taken1] = [adjustmentsBySource(before), adjustmentsBySource(after)];
  // Amounts in sentences keep the currency's minor units ("-10.00 → 0.00"), and any finer digits.
  const minor = after.currency.minorUnits;
  const amount = (value: Decimal) => toFixedString(value, Math.max(minor, value.decimalPlaces()));
  const effects: RawEffect[] = [];
  for (const key of new Set([...taken0.keys(), ...taken1.keys()])) {
    const [kind, source] = splitKey(key);
    const [then, now] = [taken0.get(key) ?? ZERO, taken1.get(key) ?? ZERO];
    const name = nameOf(kind, source, [after, before]);
    effects.push({
      cause: CAUSE_OF[kind],
      name,
      source,
      exact: exactDifference(now, then),
      sentence: adjustmentSentence(
        kind,
        name,
        `${amount(then)} → ${amount(now)}`,
        then,
        now,
        grantState(kind, after, source),
      ),
    });
  }
  effects.push({
    cause: "tax",
    exact: exactDifference(exclusiveTax(after), exclusiveTax(before)),
    sentence: `Tax added to the total: ${amount(exclusiveTax(before))} → ${amount(exclusiveTax(after))}.`,
  });
  const [late0, late1] = [afterTaxCredits(before), afterTaxCredits(after)];
  for (const source of new Set([...late0.keys(), ...late1.keys()])) {
    const [then, now] = [late0.get(source) ?? ZERO, late1.get(source) ?? ZERO];
    const name = nameOf("credit", source, [after, before]);
    effects.push({
      cause: "credit",
      name,
      source,
      exact: exactDifference(now, then),
      sentence: adjustmentSentence(
        "credit",
        name,
        `${amount(then)} → ${amount(now)}`,
        then,
        now,
        grantState("credit", after, source),
      ),
    });
  }
  const [floor0, floor1] = [negativeTotalNotDue(before), negativeTotalNotDue(after)];
  effects.push({
    cause: "negative_total",
    exact: exactDifference(floor1, floor0),
    sentence: "A negative total is not due: the amount due starts at 0 before post-tax credits.",
  });
  const [earlier0, earlier1] = [earlierNotGivenBack(before), earlierNotGivenBack(after)];
  effects.push({
    cause: "earlier_below_zero",
    exact: exactDifference(earlier1, earlier0),
    sentence: `Earlier invoices of the period below zero, not due then, are not given back now: ${amount(earlier0)} → ${amount(earlier1)}.`,
  });
  const settles = after.rounding.total ?? before.rounding.total;
  if (settles === undefined) return effects;
  const [settled0, settled1] = [totalRoundingOf(before), totalRoundingOf(after)];
  // After earlier invoices of the period the invoice keeps the period's rounding so far; its own part is
  // what the sentence compares, and says so.
  const own =
    keepsPeriodRoundingSoFar(before) || keepsPeriodRoundingSoFar(after) ? " (each invoice's own part)" : "";
  effects.push({
    cause: "total_rounding",
    exact: exactDifference(settled1, settled0),
    sentence: `The total is rounded to ${settles.minorUnits} decimals (the lines are kept to ${minor}): its rounding adjustment${own} ${amount(settled0)} → ${amount(settled1)}.`,
  });
  return effects;
}

// What the amount due leaves out of a negative total: amount due − (total + post-tax credits), less the
// amount due's own rounding (which is the total's rounding's cause, not this one) and an earlier
// invoice's total below zero (`earlier_below_zero`'s).
function negativeTotalNotDue(invoice: Invoice): Decimal {
  const left = exactDifference(
    exactDifference(amountOf(invoice), addExactly(new Decimal(invoice.total), lateCredits(invoice))),
    dueRoundingOf(invoice),
  );
  return exactDifference(left, earlierNotGivenBack(invoice));
}

// On a progressive or closing invoice, an earlier invoice's total below zero that its amount due does
// not give back (belowZeroNotDue below zero): nothing was due on it then. Invoice 1 at −20.00, the
// month at 30.00: the close totals 50.00 and leaves out −20.00. 0 on any other invoice.
function earlierNotGivenBack(invoice: Invoice): Decimal {
  return Decimal.min(ZERO, belowZeroNotDue(invoice).amount);
}

function lateCredits(invoice: Invoice): Decimal {
  return [...afterTaxCredits(invoice).values()].reduce((sum, amount) => addExactly(sum, amount), ZERO);
}

// With lines finer than the currency (`rounding.lineDecimals`), what rounding the total (and the amount
// due, when it is the amount compared) to the currency's minor units added to the amount compared: the
// Azure-style rounding adjustment (docs/decisions/currency-minor-units.md). 0 on any other invoice.
function totalRoundingOf(invoice: Invoice): Decimal {
  return addExactly(ownTotalRounding(invoice), dueRoundingOf(invoice));
}

// A progressive or closing invoice after earlier ones keeps the period's rounding so far
// (`keepsPeriodRoundingSoFar`): its own is its total less its own figures before rounding, as the
// waterfall takes it. 0.29 for the period so far less 0.14 billed is 0.15 on 0.144 of its own: +0.006,
// where the period's adjustment is +0.002 and the earlier invoice's −0.004.
function ownTotalRounding(invoice: Invoice): Decimal {
  if (!keepsPeriodRoundingSoFar(invoice)) return adjustment(invoice.rounding.total);
  const lines = invoice.lines.reduce((sum, line) => addExactly(sum, line.amount), ZERO);
  const taken = [...adjustmentsBySource(invoice).values()].reduce(
    (sum, amount) => addExactly(sum, amount),
    ZERO,
  );
  return exactDifference(
    new Decimal(invoice.total),
    addExactly(addExactly(lines, taken), exclusiveTax(invoice)),
  );
}

// What rounding the amount due added, when the amount due is what the invoice asks for; after earlier
// invoices of the period, its own part: the amount due less the total, what a total below zero left
// out of it (belowZeroNotDue) and the credits after tax. 25.00 due on 50.00, −20.00 of invoice 1's and
// −4.995 of a wallet: −0.005.
function dueRoundingOf(invoice: Invoice): Decimal {
  if (invoice.amountDue === undefined) return ZERO;
  if (!keepsPeriodRoundingSoFar(invoice)) return adjustment(invoice.rounding.amountDue);
  const total = addExactly(new Decimal(invoice.total), belowZeroNotDue(invoice).amount);
  return exactDifference(new Decimal(invoice.amountDue), addExactly(total, lateCredits(invoice)));
}

function adjustment(figure: { readonly adjustment: string } | undefined): Decimal {
  return figure === undefined ? ZERO : new Decimal(figure.adjustment);
}

/** The amount an invoice asks for: its amount due when post-tax credits applied, else its total. */
export function amountOf(invoice: Invoice): Decimal {
  return new Decimal(invoice.amountDue ?? invoice.total);
}

function adjustmentsBySource(invoice: Invoice): Map<string, Decimal> {
  const taken = new Map<string, Decimal>();
  for (const line of invoice.lines) {
    for (const adjustment of line.adjustments ?? []) {
      const key = `${adjustment.kind}\u0000${adjustment.source}`;
      taken.set(key, addExactly(taken.get(key) ?? ZERO, adjustment.amount));
    }
  }
  return taken;
}

function splitKey(key: string): [AdjustmentKind, string] {
  const [kind, source] = key.split("\u0000") as [AdjustmentKind, string];
  return [kind, source];
}

function exclusiveTax(invoice: Invoice): Decimal {
  return invoice.tax !== undefined && invoice.tax.mode === "exclusive"
    ? new Decimal(invoice.tax.total)
    : ZERO;
}

function afterTaxCredits(invoice: Invoice): Map<string, Decimal> {
  const credits = (invoice.credits ?? []).filter((credit) => credit.stage === "after_tax");
  return new Map(credits.map((credit) => [credit.id, new Decimal(credit.applied)]));
}

/**
 * A grant's balance on the after invoice: `ran_out` when that invoice left it at 0, `used_up` when it
 * was at 0 already before it (an earlier invoice used it up: it still applies, with nothing to take),
 * undefined otherwise or for a discount or cap.
 */
type GrantState = "ran_out" | "used_up" | undefined;

function grantState(kind: AdjustmentKind, invoice: Invoice, source: string): GrantState {
  if (kind !== "credit") return undefined;
  const credit = (invoice.credits ?? []).find((candidate) => candidate.id === source);
  if (credit === undefined) return undefined;
  if (new Decimal(credit.balanceBefore).isZero()) return "used_up";
  return new Decimal(credit.balanceAfter).isZero() ? "ran_out" : undefined;
}

/**
 * A discount, commitment or credit grant as the contract names it, which is how the explanation and the
 * lines' own causes name things ("Intro 10%", not "intro"): the first invoice that lists it by its id
 * gives the name (the later one first; a discount that ended is listed by the earlier one only). Its id
 * only when neither lists it.
 */
function nameOf(kind: AdjustmentKind, source: string, invoices: ReadonlyArray<Invoice>): string {
  for (const invoice of invoices) {
    const listed: ReadonlyArray<{ readonly id: string; readonly name: string }> | undefined =
      kind === "discount" ? invoice.discounts : kind === "credit" ? invoice.credits : invoice.commitments;
    const found = listed?.find((entry) => entry.id === source);
    if (found !== undefined) return found.name;
  }
  return source;
}

// "Intro 10% (discount) no longer applies …": the contract's name, then what kind of term it is, as the
// explanation writes "Welcome credit (before tax): …".
function adjustmentSentence(
  kind: AdjustmentKind,
  name: string,
  amounts: string,
  then: Decimal,
  now: Decimal,
  state: GrantState,
): string {
  const kindWords = kind === "discount" ? "discount" : kind === "credit" ? "credit grant" : "commitment cap";
  const what = `${name} (${kindWords})`;
  // Listed with a balance of 0: used up by an earlier invoice, not expired (an expired grant is not listed).
  if (then.isZero() === false && now.isZero() && state === "used_up")
    return `${what} took nothing off: its balance ran out before this invoice (${amounts}).`;
  if (then.isZero() === false && now.isZero()) return `${what} no longer applies (${amounts}).`;
  if (then.isZero() && now.isZero() === false) return `${what} applies now (${amounts}).`;
  const out = state === "ran_out" ? "; its balance ran out" : "";
  return `${what} took a different amount off (${amounts})${out}.`;
}
