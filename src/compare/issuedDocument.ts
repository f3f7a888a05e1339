import type { Invoice } from "../invoice/index.js";
import { Decimal, toPlainString } from "../money/index.js";
import { requireComparable } from "./requireComparable.js";

/** One line of an invoice as issued, in whatever system issued it, read into decimal text. */
export interface IssuedLine {
  /** The line's id in the issuing system, when it has one that ratecard's line ids can meet. */
  readonly id?: string;
  /**
   * The line's own id in the issuing system when that is no ratecard line id (Stripe's `il_…`): what
   * that system's credit notes name the line by (a Stripe credit note line's `invoice_line_item`).
   */
  readonly sourceId?: string;
  /**
   * The charge and group a ratecard invoice's line bills (its `chargeId` and `group`): what pairs it
   * with the recomputed line of the same charge and group when its id was written otherwise.
   */
  readonly chargeId?: string;
  readonly group?: Readonly<Record<string, string | number | boolean | null>>;
  readonly description: string;
  readonly quantity?: string;
  readonly unitPrice?: string;
  /** The line's amount before discounts, credits and tax, in major units ("12.50"). */
  readonly amount: string;
}

/** An invoice as issued (ratecard JSON, a CSV of line items, a Stripe invoice), read for reconciling. */
export interface IssuedDocument {
  readonly format: "ratecard" | "csv" | "stripe";
  /** The document's own id in the issuing system (Stripe's `in_…`), which its credit notes name. */
  readonly id?: string;
  /** Upper-case ISO code, when the document says. */
  readonly currency?: string;
  readonly lines: ReadonlyArray<IssuedLine>;
  /** The sum of the lines the document states (a CSV's Subtotal row), when it says. */
  readonly subtotal?: string;
  /** The tax added to the lines (exclusive tax), when the document says. */
  readonly tax?: string;
  /**
   * The tax the document says its prices include already ("Incl. VAT 19%", Stripe's inclusive taxes),
   * when it says: not added to the lines, so what the customer pays does not move with it.
   */
  readonly includedTax?: string;
  /** The total after discounts, commitments, pre-tax credits and tax, when the document says. */
  readonly total?: string;
  /** What the customer was asked to pay, when the document states it beside its total. */
  readonly amountDue?: string;
  /**
   * What the issuing system says credit notes took off the document since (Stripe's
   * `pre_payment_credit_notes_amount`, which it took off the amount due, and
   * `post_payment_credit_notes_amount`), when it says and they took anything.
   */
  readonly creditNotesAmount?: { readonly prePayment: string; readonly postPayment: string };
}

/**
 * A ratecard invoice as an issued document: each line's id, charge and group, name, quantity, unit price (for lines
 * priced per unit) and amount; the exclusive tax; the total.
 */
export function fromRatecardInvoice(invoice: Invoice): IssuedDocument {
  requireComparable(invoice, "invoice", "fromRatecardInvoice");
  return {
    format: "ratecard",
    currency: invoice.currency.code,
    lines: invoice.lines.map((line) => ({
      id: line.id,
      chargeId: line.chargeId,
      ...(line.group !== undefined ? { group: line.group } : {}),
      description: line.name,
      quantity: toPlainString(new Decimal(line.quantity)),
      ...(line.unitPrice !== undefined ? { unitPrice: toPlainString(new Decimal(line.unitPrice)) } : {}),
      amount: line.amount,
    })),
    ...(invoice.tax !== undefined && invoice.tax.mode === "exclusive" ? { tax: invoice.tax.total } : {}),
    total: invoice.total,
  };
}
