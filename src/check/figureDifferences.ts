import { toJsonPath } from "../errors/index.js";
import type { Invoice } from "../invoice/index.js";
import { Decimal, toFixedString, ZERO } from "../money/index.js";
import { type CreditNote, closestChoice } from "../schema/index.js";
import type { CreditNoteFigures, ExpectedFigures } from "./expectedFigures.js";
import { type Difference, deltaOf } from "./invoiceDifferences.js";

// Every path of a figure starts here, so that the report never mixes the figures with expected.json's
// fields (which have the same names: `total`, `lines`).
const ROOT = "figures";

/**
 * Where a recomputed invoice differs from the figures finance worked out by hand (expected-figures.json):
 * each line's amount (and quantity, when written down), a line of the invoice the figures do not list
 * and a line they list that the invoice does not have, then the subtotal, the discounts and the credits
 * applied (when the figures list them: then all of them), the tax, the total and the amount due.
 * Figures are compared by value: "99" is 99.00.
 * @example figureDifferences({ lines: { platform: "99.00" }, total: "99.00" }, invoice) // [] when it bills 99.00
 */
export function figureDifferences(figures: ExpectedFigures, invoice: Invoice): Difference[] {
  const zero = toFixedString(ZERO, invoice.currency.minorUnits);
  return [
    ...lineDifferences(figures.lines, invoice.lines, [ROOT, "lines"], true),
    ...compared([ROOT, "subtotal"], figures.subtotal, invoice.subtotal),
    ...listDifferences(
      "discounts",
      figures.discounts,
      (invoice.discounts ?? []).map((discount) => [discount.id, discount.amount] as const),
    ),
    ...listDifferences(
      "credits",
      figures.credits,
      (invoice.credits ?? []).map((credit) => [credit.id, credit.applied] as const),
    ),
    ...compared([ROOT, "tax"], figures.tax, invoice.tax?.total ?? zero),
    ...compared([ROOT, "total"], figures.total, invoice.total),
    ...compared([ROOT, "amountDue"], figures.amountDue, invoice.amountDue ?? invoice.total),
  ];
}

/**
 * Where a credit note issued from a fixture's corrections.json differs from its figures
 * (expected-figures.json's `creditNote`): each credit line's amount and quantity, a line of the note not
 * written down and one written down that the note does not have, the subtotal, the tax and the total.
 * Paths start `figures.creditNote.`; the note's tax is 0 when it has none.
 * @example creditNoteFigureDifferences({ lines: { "plan:credit:1": { amount: "7.70", inObject: false } }, total: "7.70" }, note) // [] when the note credits 7.70
 */
export function creditNoteFigureDifferences(figures: CreditNoteFigures, note: CreditNote): Difference[] {
  const root = [ROOT, "creditNote"];
  const zero = toFixedString(ZERO, note.currency.minorUnits);
  return [
    ...lineDifferences(figures.lines, note.lines, [...root, "lines"], false),
    ...compared([...root, "subtotal"], figures.subtotal, note.subtotal),
    ...compared([...root, "tax"], figures.tax, note.tax?.total ?? zero),
    ...compared([...root, "total"], figures.total, note.total),
  ];
}

// Every line of the document must be written down: an unlisted line is an amount nobody worked out, and
// the total alone would let two wrong lines that cancel pass. `named`: a difference names its line (an
// invoice line, put in words under it).
function lineDifferences(
  lines: ExpectedFigures["lines"],
  billedLines: ReadonlyArray<{
    readonly id: string;
    readonly amount: string;
    readonly quantity?: string | undefined;
  }>,
  root: ReadonlyArray<string>,
  named: boolean,
): Difference[] {
  const out: Difference[] = [];
  const billed = new Set<string>();
  const lineOf = (id: string) => (named ? { lineId: id } : {});
  for (const line of billedLines) {
    billed.add(line.id);
    const path = [...root, line.id];
    if (!Object.hasOwn(lines, line.id)) {
      out.push({ path: toJsonPath(path), actual: JSON.stringify(line.amount), ...lineOf(line.id) });
      continue;
    }
    const figures = lines[line.id] as ExpectedFigures["lines"][string];
    const amountPath = figures.inObject ? [...path, "amount"] : path;
    const id = named ? line.id : undefined;
    out.push(...compared(amountPath, figures.amount, line.amount, id));
    out.push(...compared([...path, "quantity"], figures.quantity, line.quantity, id));
  }
  const unwritten = [...billed].filter((id) => !Object.hasOwn(lines, id));
  for (const [id, written] of Object.entries(lines))
    if (!billed.has(id))
      out.push({
        path: toJsonPath([...root, id]),
        expected: JSON.stringify(written.amount),
        ...lineOf(id),
        ...likely(id, unwritten),
      });
  return out;
}

// An id written down but not billed, beside ids billed but not written down: the one of those its name
// is close to, most likely a misspelling of it (closestChoice: never a guess between two).
function likely(id: string, unwritten: ReadonlyArray<string>): { likelyId?: string } {
  const meant = closestChoice(id, unwritten);
  return meant === undefined ? {} : { likelyId: meant };
}

// A list the figures may leave out (discounts, credits): when they give it, every entry of the invoice
// is in it and nothing else.
function listDifferences(
  name: string,
  written: Readonly<Record<string, string>> | undefined,
  entries: ReadonlyArray<readonly [string, string]>,
): Difference[] {
  if (written === undefined) return [];
  const out: Difference[] = [];
  for (const [id, amount] of entries) {
    const path = [ROOT, name, id];
    if (Object.hasOwn(written, id)) out.push(...compared(path, written[id], amount));
    else out.push({ path: toJsonPath(path), actual: JSON.stringify(amount) });
  }
  const ids = new Set(entries.map(([id]) => id));
  const unwritten = [...ids].filter((id) => !Object.hasOwn(written, id));
  for (const [id, amount] of Object.entries(written))
    if (!ids.has(id))
      out.push({
        path: toJsonPath([ROOT, name, id]),
        expected: JSON.stringify(amount),
        ...likely(id, unwritten),
      });
  return out;
}

// One figure against the invoice's value: nothing when it is not written down or equal in value.
function compared(
  path: ReadonlyArray<string>,
  figure: string | undefined,
  actual: string | undefined,
  lineId?: string,
): Difference[] {
  if (figure === undefined) return [];
  // A quantity written down for a line that has none (a credit for an amount only) is a figure not billed.
  if (actual === undefined)
    return [
      {
        path: toJsonPath(path),
        expected: JSON.stringify(figure),
        ...(lineId === undefined ? {} : { lineId }),
      },
    ];
  if (new Decimal(figure).eq(actual)) return [];
  const delta = deltaOf(figure, actual);
  return [
    {
      path: toJsonPath(path),
      expected: JSON.stringify(figure),
      actual: JSON.stringify(actual),
      ...(lineId === undefined ? {} : { lineId }),
      ...(delta === undefined ? {} : { delta }),
    },
  ];
}
