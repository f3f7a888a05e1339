import { compareMessages, InputError } from "../errors/index.js";
import { type Invoice, type InvoiceLine, requireOptions } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, toFixedString, ZERO } from "../money/index.js";
import { splitAdjustmentRows } from "./adjustmentRows.js";
import { titleOf } from "./comparedTitle.js";
import { currencyUnitOf, subUnitTax } from "./finerThanCurrency.js";
import { fromRatecardInvoice, type IssuedDocument, type IssuedLine } from "./issuedDocument.js";
import { lineSentence, netSentence, shownAmount } from "./lineSentence.js";
import { type LinePair, matchLines } from "./matchLines.js";
import { type LineCredited, netOfCreditNotes, type ReconciledCreditNote } from "./netOfCreditNotes.js";
import type {
  ContractVersion,
  Discrepancy,
  DiscrepancyCause,
  LineValues,
  ReconcileOptions,
  ReconcileResult,
} from "./reconcileResult.js";
import { requireComparable } from "./requireComparable.js";
import { sameRateAmounts } from "./sameRateAmounts.js";
import { sameUsageIn } from "./sameUsage.js";
import { shareChange } from "./shareChange.js";
import { totalDiscrepancy } from "./totalDiscrepancy.js";

/**
 * Compares an invoice as issued with ratecard's recomputation, line by line (matched by id, then
 * description, then amount), and names the most likely cause of each discrepancy.
 * @param issued the issued invoice: a ratecard invoice, or a document read by fromCsvInvoice /
 *   fromStripeInvoice
 * @param recomputed the invoice ratecard computes for the same contract, usage and period
 * @param options `creditNotes`: the credit notes issued against it, taken off before comparing
 * @throws InputError `currency_mismatch` when the issued document is in another currency; for a credit
 *   note that is none, or not of this invoice: `invalid_argument`, `digest_mismatch`,
 *   `credit_note_mismatch`, `currency_mismatch`, `duplicate_id`, `unknown_line` at
 *   `options.creditNotes[i]…`
 * @example
 * // issued "Bandwidth" 1,000 GB at 0.08 = 80.00, recomputed 1,200 GB = 96.00:
 * reconcile(issued, recomputed).discrepancies // [{ cause: "usage", amount: "16.00", … }]
 */
export function reconcile(
  issued: IssuedDocument | Invoice,
  recomputed: Invoice,
  options: ReconcileOptions = {},
): ReconcileResult {
  requireComparable(issued, "issued", "reconcile", false);
  requireComparable(recomputed, "recomputed", "reconcile");
  requireOptions(options, ["creditNotes"]);
  const given = options.creditNotes ?? [];
  if (!Array.isArray(given))
    throw InputError.from(compareMessages.reconcileNotesNotList(given), "options.creditNotes");
  const read = "schemaVersion" in issued ? fromRatecardInvoice(issued) : issued;
  // Rows that are the discounts and credits ratecard computes, not lines (adjustmentRows.ts).
  const split =
    read.format === "ratecard"
      ? { lines: read.lines, adjustments: [] }
      : splitAdjustmentRows(read.lines, recomputed);
  const asIssued: IssuedDocument = { ...read, lines: split.lines };
  const { code, minorUnits } = recomputed.currency;
  if (asIssued.currency !== undefined && asIssued.currency !== code)
    throw InputError.from(compareMessages.reconcileCurrencies(asIssued.currency, code), "currency");
  const net = netOfCreditNotes(asIssued, given, issued, recomputed);
  const document = net.document;
  const ours = fromRatecardInvoice(recomputed);
  const rows = ours.lines.map((line) => ({ ...line, id: line.id as string }));
  const pairs = matchLines(rows, document.lines);
  const money = (value: Decimal) => toFixedString(value, minorUnits);
  const lineOf = new Map(recomputed.lines.map((line) => [line.id, line]));
  const issuedLineOf = new Map("schemaVersion" in issued ? issued.lines.map((line) => [line.id, line]) : []);
  const lines: LinesOf = {
    recomputed: (id) => lineOf.get(id) as InvoiceLine,
    issued: (id) => (id === undefined ? undefined : issuedLineOf.get(id)),
    credited: (line) => net.credited.get(line),
  };
  const unit = currencyUnitOf(recomputed);
  const found = pairs.flatMap((pair) => lineDiscrepancy(pair, { minorUnits, unit }, money, lines));
  const tax = [document.tax, ours.tax ?? "0"] as const;
  if (tax[0] !== undefined && !new Decimal(tax[0]).equals(tax[1]))
    found.push({
      cause: "tax",
      amount: money(exactDifference(new Decimal(tax[1]), new Decimal(tax[0]))),
      sentence: `Tax: issued ${shownAmount(tax[0], minorUnits)}${asIssued.tax === tax[0] ? "" : ` (${shownAmount(asIssued.tax as string, minorUnits)} less the credit notes' tax)`}, recomputed ${money(new Decimal(tax[1]))}.`,
    });
  // Without a total, each such row is compared with what it names; with one, the total's adjustments
  // (below) hold them, and the difference is said once.
  if (document.total === undefined)
    for (const { row, adjustment } of split.adjustments)
      if (!new Decimal(row.amount).equals(adjustment.amount))
        found.push({
          cause: "adjustments",
          amount: money(exactDifference(new Decimal(adjustment.amount), new Decimal(row.amount))),
          issued: valuesOf(row),
          sentence: `"${row.description}": issued ${shownAmount(row.amount, minorUnits)}, recomputed ${adjustment.amount} (${adjustment.kind}).`,
        });
  found.push(...totalDiscrepancy(document, ours, recomputed, money));
  found.push(...afterTaxCredits(document, recomputed, money));
  const { discrepancies, notes: roundingNotes } = subUnitTax(found, document, recomputed);
  const notes = [
    ...statedCreditNotes(asIssued, net.notes, money),
    ...subtotalNotes(document, money),
    ...includedTaxNotes(document, recomputed, money),
    ...roundingNotes,
  ];
  return {
    currency: code,
    issuedFormat: document.format,
    ...(document.total !== undefined ? { issuedTotal: money(new Decimal(document.total)) } : {}),
    recomputedTotal: recomputed.total,
    linesMatched: pairs.filter((pair) => pair.matchedBy !== undefined).length,
    discrepancies,
    ...(notes.length > 0 ? { notes } : {}),
    ...contractChange(issued, recomputed),
    ...(net.notes.length === 0
      ? {}
      : {
          creditNotes: {
            ...(asIssued.total !== undefined
              ? { issuedTotalBeforeNotes: money(new Decimal(asIssued.total)) }
              : {}),
            credited: money(net.notes.reduce((sum, note) => addExactly(sum, note.total), ZERO)),
            notes: net.notes,
          },
        }),
  };
}

// An amount due stated beside the total: what credits after tax paid (total − amount due) on each side.
// Only that part is a discrepancy of its own; the total's difference is already in the others, so the
// amounts still add up to what the customer should have paid more.
function afterTaxCredits(
  document: IssuedDocument,
  recomputed: Invoice,
  money: (value: Decimal) => string,
): Discrepancy[] {
  if (document.amountDue === undefined || document.total === undefined) return [];
  const issuedPaid = exactDifference(new Decimal(document.total), new Decimal(document.amountDue));
  const oursPaid = exactDifference(
    new Decimal(recomputed.total),
    new Decimal(recomputed.amountDue ?? recomputed.total),
  );
  if (issuedPaid.equals(oursPaid)) return [];
  return [
    {
      cause: "after_tax_credits",
      amount: money(exactDifference(issuedPaid, oursPaid)),
      sentence: `Credits after tax (the total less the amount due): issued ${money(issuedPaid)}, recomputed ${money(oursPaid)}; the amount due is issued ${money(new Decimal(document.amountDue))}, recomputed ${money(new Decimal(recomputed.amountDue ?? recomputed.total))}.`,
    },
  ];
}

// What the issuing system says credit notes took off the invoice (Stripe's pre- and post-payment credit
// notes amounts), against the notes given: without them the invoice is reconciled as issued, and the
// specialist must hear that notes exist, or that the ones given are not all of them.
function statedCreditNotes(
  document: IssuedDocument,
  given: ReadonlyArray<ReconciledCreditNote>,
  money: (value: Decimal) => string,
): string[] {
  const stated = document.creditNotesAmount;
  if (stated === undefined) return [];
  const said = addExactly(new Decimal(stated.prePayment), stated.postPayment);
  const credited = given.reduce((sum, note) => addExactly(sum, note.total), ZERO);
  if (said.equals(credited)) return [];
  const which = `(pre_payment_credit_notes_amount ${money(new Decimal(stated.prePayment))}, post_payment_credit_notes_amount ${money(new Decimal(stated.postPayment))})`;
  return given.length === 0
    ? [
        `Stripe says credit notes took ${money(said)} off this invoice ${which}, and none was given: give them (--credit-note) to reconcile the invoice net of them.`,
      ]
    : [
        `Stripe says credit notes took ${money(said)} off this invoice ${which}; the notes given credit ${money(credited)}: one may be missing, or voided since.`,
      ];
}

// A stated subtotal that is not the sum of the document's own lines: a line left out of the file, or a
// subtotal computed otherwise. The lines are compared one by one above; this is the document's arithmetic.
function subtotalNotes(document: IssuedDocument, money: (value: Decimal) => string): string[] {
  if (document.subtotal === undefined) return [];
  const lines = document.lines.reduce((sum, line) => addExactly(sum, line.amount), ZERO);
  if (lines.equals(document.subtotal)) return [];
  return [
    `The issued subtotal, ${money(new Decimal(document.subtotal))}, is not the sum of the issued invoice's ${document.lines.length} line${document.lines.length === 1 ? "" : "s"}, ${money(lines)}: a line may be missing from the file, or the subtotal was computed otherwise.`,
  ];
}

// The tax an issued document says its prices include, against the recomputation's inclusive tax: no
// money moves with it (the lines hold it either way), so a difference is a note, not a discrepancy.
function includedTaxNotes(document: IssuedDocument, recomputed: Invoice, money: (value: Decimal) => string) {
  if (document.includedTax === undefined) return [];
  const said = money(new Decimal(document.includedTax));
  const tax = recomputed.tax;
  if (tax === undefined || tax.mode !== "inclusive")
    return [
      `The issued invoice says its prices include ${said} of tax, but the recomputation's include none${tax === undefined ? "" : " (its tax is added to them)"}: the issuer's tax and the contract's may differ.`,
    ];
  return new Decimal(tax.total).equals(document.includedTax)
    ? []
    : [
        `The issued invoice says its prices include ${said} of tax; the recomputation's include ${tax.total}.`,
      ];
}

// A specialist reconciling last year's invoice against today's contract must hear that the contract
// moved: otherwise every price discrepancy reads as an error of the issued invoice.
function contractChange(issued: IssuedDocument | Invoice, recomputed: Invoice): Partial<ReconcileResult> {
  if (!("schemaVersion" in issued) || issued.contractDigest === recomputed.contractDigest) return {};
  const version = (invoice: Invoice): ContractVersion => ({
    contractId: invoice.contractId,
    contractDigest: invoice.contractDigest,
  });
  return { contractChanged: { issued: version(issued), recomputed: version(recomputed) } };
}

/** The lines behind the pairs: the recomputed invoice's, and the issued one's when it is a ratecard invoice. */
interface LinesOf {
  readonly recomputed: (id: string) => InvoiceLine;
  readonly issued: (id: string | undefined) => InvoiceLine | undefined;
  /** What credit notes took off an issued line, when they did. */
  readonly credited: (line: IssuedLine) => LineCredited | undefined;
}

function lineDiscrepancy(
  pair: LinePair<IssuedLine & { readonly id: string }>,
  { minorUnits, unit }: { readonly minorUnits: number; readonly unit: Decimal },
  money: (value: Decimal) => string,
  lines: LinesOf,
): Discrepancy[] {
  const { recomputed: ours, issued: theirs } = pair;
  const credited = theirs === undefined ? undefined : lines.credited(theirs);
  const creditedSentence = credited === undefined ? "" : ` ${netSentence(credited, minorUnits)}`;
  if (ours === undefined) {
    const line = theirs as IssuedLine;
    // A line the credit notes took off in full is what the recomputation says: no such charge.
    if (credited !== undefined && new Decimal(line.amount).isZero()) return [];
    return [
      {
        cause: "extra_line",
        amount: money(new Decimal(line.amount).negated()),
        issued: valuesOf(line),
        sentence: `"${titled(line, lines.issued(line.id))}" (${shownAmount(line.amount, minorUnits)}) was issued, but ratecard computes no such line.${creditedSentence}`,
      },
    ];
  }
  if (theirs === undefined)
    return [
      {
        cause: "missing_line",
        amount: money(new Decimal(ours.amount)),
        line: ours.id,
        recomputed: valuesOf(ours),
        sentence: `"${titled(ours, lines.recomputed(ours.id))}" (${ours.amount}) is missing from the issued invoice.`,
      },
    ];
  const differs = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && !new Decimal(a).equals(b);
  // The same usage written in the unit the issuer bills (packages, the measured quantity) is no usage
  // difference: the cause is then found from the amounts, and the sentence says how the two agree.
  const sameUsage =
    theirs.quantity !== undefined && differs(theirs.quantity, ours.quantity)
      ? sameUsageIn(lines.recomputed(ours.id), theirs.quantity)
      : undefined;
  const quantity = sameUsage === undefined && differs(theirs.quantity, ours.quantity);
  const price = differs(theirs.unitPrice, ours.unitPrice);
  const delta = exactDifference(new Decimal(ours.amount), new Decimal(theirs.amount));
  if (!quantity && !price && delta.isZero()) return [];
  // One minor unit of the currency paid in (a cent, even for lines kept to 3 decimals).
  const oneMinorUnit = unit;
  // The same amount with the other sign: a charge written as a credit (an accounting "(125.00)"), or
  // the reverse, not a price.
  const flipped = !delta.isZero() && new Decimal(theirs.amount).negated().equals(ours.amount);
  const byAmount: DiscrepancyCause = delta.abs().lessThanOrEqualTo(oneMinorUnit) ? "rounding" : "price";
  // A share of a charge rated as one moves with its other groups' usage at the same quantity.
  const share =
    byAmount === "price" ? shareChange(lines.recomputed(ours.id), lines.issued(theirs.id)) : undefined;
  // The same quantity and unit price both sides, amounts more than a minor unit apart: no price changed.
  const sameRate =
    byAmount === "price" && !quantity && !flipped && !price && share === undefined
      ? sameRateAmounts(theirs, ours, minorUnits)
      : undefined;
  // As issued, before its credit notes, the line agrees: the difference is what the notes credited.
  const creditedOnly =
    credited !== undefined &&
    new Decimal(credited.issuedAmount).equals(ours.amount) &&
    (credited.units.isZero() || !quantity);
  const cause: DiscrepancyCause = creditedOnly
    ? "credit_note"
    : quantity
      ? "usage"
      : flipped
        ? "sign"
        : price
          ? "price"
          : (share?.cause ?? sameRate?.cause ?? byAmount);
  return [
    {
      cause,
      amount: money(delta),
      line: ours.id,
      ...(pair.matchedBy !== undefined ? { matchedBy: pair.matchedBy } : {}),
      issued: valuesOf(theirs),
      recomputed: valuesOf(ours),
      sentence: `${lineSentence(
        titled(ours, lines.recomputed(ours.id)),
        cause,
        { ...theirs, amount: shownAmount(theirs.amount, minorUnits) },
        ours,
        quantity && price,
        quantity || flipped || price ? undefined : share?.reason,
        sameRate?.sentence,
      )}${sameUsage === undefined ? "" : ` The usage agrees: ${sameUsage}.`}${creditedSentence}`,
    },
  ];
}

/**
 * A line as a sentence names it: a ratecard line as diff names it, by its name and group ("Class A
 * operations [bucket a]") and the date its piece starts ("Bandwidth from 2026-03-17"), so the lines of
 * one charge read apart; any other by its description.
 */
function titled(line: IssuedLine, invoiceLine: InvoiceLine | undefined): string {
  return invoiceLine === undefined ? line.description : titleOf(invoiceLine);
}

function valuesOf(line: IssuedLine): LineValues {
  return {
    description: line.description,
    ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    ...(line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
    amount: line.amount,
  };
}
