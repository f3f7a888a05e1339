import { exportMessages, InputError } from "../errors/index.js";
import type { Invoice } from "../invoice/index.js";
import { Decimal, toFixedString, ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import { chargeCategoryOf, chargeFrequencyOf } from "./chargeCategory.js";
import { documentChargePeriod, lineChargePeriod } from "./chargePeriod.js";
import { noteBooking } from "./correctionPeriod.js";
import { creditRow } from "./creditRows.js";
import type { FocusRow } from "./focusColumns.js";
import type { FocusNames, FocusOptions } from "./focusOptions.js";
import { inclusiveTaxShares } from "./inclusiveTaxShares.js";
import { restoredBeforeTax } from "./restoredBeforeTax.js";
import { noteRoundingRows } from "./roundingRows.js";
import { finished, type RowFacts, rowOf, withAllCosts } from "./rowFacts.js";
import { taxRows } from "./taxRows.js";
import { withUnusedCommitment } from "./unusedCommitment.js";

/**
 * A credit note's FOCUS rows: one per corrected line and one per tax rate, each with ChargeClass
 * "Correction" (specification/columns/chargeclass.md: a correction to a previously invoiced billing
 * period), booked in the billing period the note is issued in, charged to the corrected line's charge
 * period. A note of a progressive invoice booked in that invoice's own, still open, billing period is
 * a correction within it: ChargeClass null, its line rows Adjustments (`noteBooking`). A correction's unit prices and quantities may be null, and FOCUS then asks its costs to match
 * its BilledCost: the note credits amounts, not units at a price. The note writes what it credits as
 * positive amounts; the rows bill it as negative costs, adding up exactly to minus the note's total,
 * or, when the note gives part of it back to prepaid credits (`settlement`), to minus its money (with
 * the amount due's rounding taken back, on the note that completes such an invoice). What goes back to
 * a grant gets a Credit row, and a line credited in full is reversed gross of the share a credit before
 * tax took (`restoredBeforeTax`), so the invoice and notes crediting all of it leave 0 in every category.
 *
 * @throws InputError `credit_note_mismatch` (options.invoice is not the invoice the note corrects),
 *   `missing_field` (no `correctionPeriod`), `invalid_period`, `unknown_line`
 */
export function creditNoteRows(note: CreditNote, options: FocusOptions, names: FocusNames): FocusRow[] {
  const invoice = correctedInvoice(note, options.invoice);
  const facts: RowFacts = {
    names,
    documentId: note.id,
    contractId: note.contractId,
    customer: note.customer,
    currency: note.currency,
    ...noteBooking(note.id, invoice, options.correctionPeriod),
  };
  const shares = inclusiveTaxShares(note.tax, note.currency.minorUnits);
  const givenBack = restoredBeforeTax(note, invoice);
  const lines = note.lines.map((line, index) => {
    const at = invoice.lines.findIndex((candidate) => candidate.id === line.corrects);
    if (at < 0) {
      const path = `lines[${index}].corrects`;
      throw InputError.from(exportMessages.focusCorrectedLineMissing(path, line.corrects, invoice.id), path);
    }
    // The note writes what it credits as positive amounts; FOCUS bills a credit as a negative cost. A
    // line credited in full gives back its share of a credit before tax too: the invoice billed it gross.
    const credited = new Decimal(line.amount)
      .minus(shares.get(line.id) ?? ZERO)
      .plus(givenBack.byNoteLine.get(line.id) ?? ZERO);
    return correctionRow(
      invoice,
      at,
      credited,
      { id: line.id, description: `Correction of ${line.name}: ${line.reason}` },
      facts,
    );
  });
  // A line a grant paid entirely is on no note; its gross row is reversed once the grant gets it back.
  const paidByCredits = givenBack.unlisted.map(({ line, share }) =>
    correctionRow(
      invoice,
      invoice.lines.indexOf(line),
      share,
      {
        id: `${line.id}:credit_given_back`,
        description: `Correction of ${line.name}: paid by a credit before tax, given back`,
      },
      facts,
    ),
  );
  const chargePeriod = documentChargePeriod(invoice, "invoice.period");
  return [
    ...lines,
    ...paidByCredits,
    ...restoredCreditRows(note, "before_tax", facts, chargePeriod),
    ...taxRows(note.tax, lines, facts, chargePeriod, -1),
    ...noteRoundingRows(note, "total", facts, chargePeriod),
    ...restoredCreditRows(note, "after_tax", facts, chargePeriod),
    ...noteRoundingRows(note, "amountDue", facts, chargePeriod),
  ];
}

// What the note gives back to a grant is not money: the invoice's rows took it off as a Credit row, so
// the note's rows put it back ("corrections to promotional credits", chargecategory.md), and the
// invoice's rows and those of a note crediting all of it add up to 0, category by category. After tax
// it is the part of the note's total the money is not; before tax it is beside the total, and the line
// rows above credit the lines gross of it.
function restoredCreditRows(
  note: CreditNote,
  stage: "before_tax" | "after_tax",
  facts: RowFacts,
  chargePeriod: { readonly start: string; readonly end: string },
): FocusRow[] {
  const label = stage === "before_tax" ? "credit before tax given back" : "credit after tax given back";
  return (note.settlement?.credits ?? [])
    .filter((credit) => credit.stage === stage)
    .map((credit) =>
      creditRow(
        { id: credit.id, description: `${credit.name} (${label})` },
        credit.restored,
        facts,
        chargePeriod,
      ),
    );
}

// A correction row of the invoice's line at `at`, crediting `credited` (positive): the line's category,
// frequency, charge period and SKU, booked in the note's billing period.
function correctionRow(
  invoice: Invoice,
  at: number,
  credited: Decimal,
  source: { readonly id: string; readonly description: string },
  facts: RowFacts,
): FocusRow {
  const corrected = invoice.lines[at]!;
  const row = withAllCosts(rowOf(facts), toFixedString(credited.negated(), facts.currency.minorUnits));
  const category = chargeCategoryOf(corrected);
  // A note booked in the current billing period is no "Correction", so FOCUS would ask a Usage or
  // Purchase row for a positive consumed quantity and unit prices, which a credited amount has not. It
  // is an Adjustment, as a usage line with no positive quantity is (chargeCategoryOf): the close's
  // reversal of a volume tier is one too.
  row.ChargeCategory = facts.chargeClass === null ? "Adjustment" : category;
  row.ChargeDescription = source.description;
  row.ChargeFrequency = chargeFrequencyOf(corrected, category);
  const charged = lineChargePeriod(invoice, at, `invoice.lines[${at}]`);
  row.ChargePeriodStart = charged.start;
  row.ChargePeriodEnd = charged.end;
  row.SkuId = corrected.chargeId;
  row.SkuPriceId = corrected.id;
  row.x_LineId = source.id;
  if (corrected.priceKind === "true_up") {
    withUnusedCommitment(row, corrected, invoice.commitments ?? [], facts);
    // A correction may leave the commitment's quantity and unit null: the note credits money.
    row.CommitmentDiscountQuantity = null;
    row.CommitmentDiscountUnit = null;
  }
  return finished(row);
}

function correctedInvoice(note: CreditNote, invoice: Invoice | undefined): Invoice {
  if (invoice === undefined || invoice.id !== note.invoiceId) {
    throw InputError.from(exportMessages.focusCorrectedInvoiceMissing(note.id, note.invoiceId), "invoice");
  }
  if (invoice.digest !== note.invoiceDigest) {
    throw InputError.from(exportMessages.focusCorrectedInvoiceVersion(note.id, note.invoiceId), "invoice");
  }
  return invoice;
}
