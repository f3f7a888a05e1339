import * as z from "zod/mini";
import { Decimal, toPlainString } from "../money/index.js";
import { toInputError, toProblems } from "../schema/index.js";
import type { IssuedDocument, IssuedLine } from "./issuedDocument.js";
import {
  stripeDecimalText as decimalText,
  stripeMinorAmount as minor,
  type StripeMoney,
  stripeMoney,
} from "./stripeAmounts.js";

// The fields of Stripe's Invoice object that a reconciliation reads (docs.stripe.com/api/invoices/object):
// amounts are integers in the currency's minor unit, `currency` is the ISO code in lower case, the line
// items are `lines.data[]` (docs.stripe.com/api/invoice-line-item/object). The unit price is the line's
// price `unit_amount_decimal` (or `unit_amount`), also in minor units; older API versions report the tax
// as `tax`, newer ones as `total_taxes[].amount`. `subtotal` is the sum of the line items before
// invoice-level discounts and exclusive tax, and `amount_due` the total less the customer's credit
// balance applied: a truncated `lines.data` (a page of a longer list) then shows as a subtotal its lines
// do not reach. Other fields are ignored.
const stripeLineSchema = z.looseObject({
  id: z.optional(z.string()),
  description: z.optional(z.nullable(z.string())),
  amount: minor,
  quantity: z.optional(z.nullable(z.number())),
  price: z.optional(
    z.nullable(
      z.looseObject({
        unit_amount: z.optional(z.nullable(minor)),
        unit_amount_decimal: z.optional(z.nullable(decimalText)),
      }),
    ),
  ),
  metadata: z.optional(z.nullable(z.record(z.string(), z.string()))),
});

const stripeInvoiceSchema = z.looseObject({
  object: z.literal("invoice"),
  id: z.optional(z.nullable(z.string())),
  currency: z.string(),
  lines: z.looseObject({ data: z.array(stripeLineSchema) }),
  tax: z.optional(z.nullable(minor)),
  total_taxes: z.optional(
    z.nullable(z.array(z.looseObject({ amount: minor, tax_behavior: z.optional(z.nullable(z.string())) }))),
  ),
  total_tax_amounts: z.optional(
    z.nullable(z.array(z.looseObject({ amount: minor, inclusive: z.optional(z.nullable(z.boolean())) }))),
  ),
  total: z.optional(minor),
  subtotal: z.optional(z.nullable(minor)),
  amount_due: z.optional(z.nullable(minor)),
  pre_payment_credit_notes_amount: z.optional(z.nullable(minor)),
  post_payment_credit_notes_amount: z.optional(z.nullable(minor)),
});

type StripeLine = z.output<typeof stripeLineSchema>;

/**
 * Reads a Stripe invoice (the JSON of its Invoice object) as an issued document, minor units turned into
 * the currency's major units. A line's `metadata.ratecard_line`, when the issuer set it, is its id; its
 * own `id` (`il_…`) is what Stripe's credit notes name it by. The amount due is read as issued: the
 * credit notes Stripe took off it since (`pre_payment_credit_notes_amount`) are added back.
 * @throws InputError `invalid_field` / `missing_field` at the field's path when it is not a Stripe invoice
 * @throws InputError `unknown_currency` for a currency ratecard does not know
 */
export function fromStripeInvoice(data: unknown): IssuedDocument {
  const parsed = stripeInvoiceSchema.safeParse(data);
  if (!parsed.success) throw toInputError("input", toProblems(parsed.error.issues, data));
  const invoice = parsed.data;
  const money = stripeMoney(invoice.currency);
  const { code, major } = money;
  const { added: tax, included } = taxesOf(invoice);
  // A credit note issued while the invoice was open took its amount off amount_due (not below zero),
  // counted in pre_payment_credit_notes_amount; the total stays as issued. The amount due is read as
  // issued, as the total is, and the notes are taken off only when given (reconcile's creditNotes).
  const prePayment = invoice.pre_payment_credit_notes_amount ?? 0;
  const postPayment = invoice.post_payment_credit_notes_amount ?? 0;
  return {
    format: "stripe",
    ...(typeof invoice.id === "string" ? { id: invoice.id } : {}),
    currency: code,
    lines: invoice.lines.data.map((line) => stripeLine(line, money)),
    ...(tax !== undefined ? { tax: major(tax.toFixed()) } : {}),
    ...(included !== undefined ? { includedTax: major(included.toFixed()) } : {}),
    ...(invoice.total !== undefined ? { total: major(invoice.total) } : {}),
    ...(typeof invoice.subtotal === "number" ? { subtotal: major(invoice.subtotal) } : {}),
    ...(typeof invoice.amount_due === "number" && invoice.total !== undefined
      ? { amountDue: major(new Decimal(invoice.amount_due).plus(prePayment).toFixed()) }
      : {}),
    ...(prePayment > 0 || postPayment > 0
      ? { creditNotesAmount: { prePayment: major(prePayment), postPayment: major(postPayment) } }
      : {}),
  };
}

/**
 * The tax added to the lines, in minor units: `tax` (older API versions: "the sum of all the tax amounts")
 * or the sum of `total_taxes[].amount`, less the taxes included in the prices (`total_taxes[].tax_behavior`
 * "inclusive", older versions' `total_tax_amounts[].inclusive`): those are inside the lines' amounts
 * already, as the total is, and read as added they made a tax discrepancy and a discount nobody gave.
 * `included` is theirs, when the invoice lists any.
 */
function taxesOf(invoice: z.output<typeof stripeInvoiceSchema>): {
  readonly added?: Decimal;
  readonly included?: Decimal;
} {
  const sum = (entries: ReadonlyArray<{ readonly amount: number }>) =>
    entries.reduce((total, entry) => total.plus(entry.amount), new Decimal(0));
  const taxes = invoice.total_taxes ?? undefined;
  const all =
    invoice.tax !== undefined && invoice.tax !== null
      ? new Decimal(invoice.tax)
      : taxes !== undefined
        ? sum(taxes)
        : undefined;
  const inclusive =
    invoice.total_tax_amounts !== undefined && invoice.total_tax_amounts !== null
      ? invoice.total_tax_amounts.filter((entry) => entry.inclusive === true)
      : (taxes ?? []).filter((entry) => entry.tax_behavior === "inclusive");
  const included = sum(inclusive);
  return {
    ...(all !== undefined ? { added: all.minus(included) } : {}),
    ...(inclusive.length > 0 ? { included } : {}),
  };
}

function stripeLine(line: StripeLine, { major, unit: unitPrice }: StripeMoney): IssuedLine {
  const unit = line.price?.unit_amount_decimal ?? line.price?.unit_amount ?? undefined;
  const id = line.metadata?.ratecard_line ?? undefined;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(line.id !== undefined ? { sourceId: line.id } : {}),
    description: line.description ?? "",
    ...(line.quantity !== undefined && line.quantity !== null ? { quantity: String(line.quantity) } : {}),
    ...(unit !== undefined && unit !== null ? { unitPrice: toPlainString(unitPrice(unit)) } : {}),
    amount: major(line.amount),
  };
}
