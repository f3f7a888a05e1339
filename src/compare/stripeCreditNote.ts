import * as z from "zod/mini";
import { compareMessages, InputError, toJsonPath } from "../errors/index.js";
import { Decimal } from "../money/index.js";
import { toInputError, toProblems } from "../schema/index.js";
import type { IssuedLine } from "./issuedDocument.js";
import {
  stripeDecimalText as decimalText,
  stripeMinorAmount as minor,
  stripeMoney,
} from "./stripeAmounts.js";
import type { TakenNote } from "./takenNote.js";

// The fields of Stripe's CreditNote object a reconciliation reads (docs.stripe.com/api/credit_notes/object):
// amounts are integers in the currency's minor unit, `currency` the ISO code in lower case, `invoice` the
// id of the invoice it credits (or that invoice, expanded). Each line (docs.stripe.com/api/credit_notes/
// line_item) is `invoice_line_item` (it credits that invoice line: `amount` is "the gross amount being
// credited for this line item, excluding (exclusive) tax and discounts") or `custom_line_item` (a credit
// of its own). The taxes are `tax_amounts[]` ({ amount, inclusive }) in older API versions and
// `total_taxes[]` ({ amount, tax_behavior }) in newer ones; `subtotal` excludes exclusive tax and
// invoice-level discounts, `total` includes tax and all discounts. `discount_amounts` need no reading of
// their own: the lines are gross and the total net of them, as the invoice's lines and total are.
const stripeNoteLineSchema = z.looseObject({
  type: z.optional(z.nullable(z.string())),
  invoice_line_item: z.optional(z.nullable(z.string())),
  description: z.optional(z.nullable(z.string())),
  amount: minor,
  quantity: z.optional(z.nullable(z.number())),
  unit_amount: z.optional(z.nullable(minor)),
  unit_amount_decimal: z.optional(z.nullable(decimalText)),
});

const taxList = {
  tax_amounts: z.optional(
    z.nullable(z.array(z.looseObject({ amount: minor, inclusive: z.optional(z.nullable(z.boolean())) }))),
  ),
  total_taxes: z.optional(
    z.nullable(z.array(z.looseObject({ amount: minor, tax_behavior: z.optional(z.nullable(z.string())) }))),
  ),
};

const stripeNoteSchema = z.looseObject({
  object: z.literal("credit_note"),
  id: z.string(),
  invoice: z.union([z.string(), z.looseObject({ id: z.string() })]),
  currency: z.string(),
  status: z.optional(z.nullable(z.string())),
  lines: z.looseObject({
    data: z.array(stripeNoteLineSchema),
    has_more: z.optional(z.nullable(z.boolean())),
  }),
  subtotal: z.optional(z.nullable(minor)),
  total: minor,
  ...taxList,
});

/** Whether a value given as a credit note is Stripe's CreditNote object (`"object": "credit_note"`). */
export function isStripeCreditNote(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && (value as { object?: unknown }).object === "credit_note"
  );
}

/** A Stripe credit note, read: the note as reconcile takes it, and the Stripe invoice it credits. */
export interface StripeCreditNote {
  readonly note: TakenNote;
  readonly invoiceId: string;
  readonly currency: string;
}

/**
 * Reads a Stripe credit note (the JSON of its CreditNote object) as reconcile takes it off a Stripe
 * invoice: each `invoice_line_item` line off the invoice line of that id (`IssuedLine.sourceId`), its
 * units too when they are units of that line (the note's unit price is the issued line's: Stripe writes
 * a credit of an amount as 1 unit at that amount); its exclusive taxes off the tax, its inclusive ones off
 * the tax the prices include; its subtotal and total off the invoice's, and its total off the amount due
 * (a refund, the customer's balance or a credit outside Stripe all give it back). `issuedLines` are the
 * issued document's, for the unit prices; `path` is where the note lies.
 * @throws InputError `invalid_field` / `missing_field` for a field it cannot read; `invalid_argument` for
 *   a void note, a custom line (which credits no invoice line) or a page of its lines
 */
export function fromStripeCreditNote(
  data: unknown,
  issuedLines: ReadonlyArray<IssuedLine>,
  path: ReadonlyArray<PropertyKey>,
): StripeCreditNote {
  const parsed = stripeNoteSchema.safeParse(data);
  if (!parsed.success) throw toInputError("input", toProblems(parsed.error.issues, data, path));
  const stripe = parsed.data;
  const { code, minorUnits, major, unit: unitPrice } = stripeMoney(stripe.currency);
  if (stripe.status === "void")
    throw InputError.from(compareMessages.reconcileNoteVoid(stripe.id), joinAt(path, "status"));
  if (stripe.lines.has_more === true)
    throw InputError.from(
      compareMessages.reconcileNoteLinesTruncated(stripe.id, stripe.lines.data.length),
      joinAt(path, "lines", "has_more"),
    );
  const lines = stripe.lines.data.map((line, index) => {
    const corrects = line.invoice_line_item ?? undefined;
    if (line.type === "custom_line_item" || corrects === undefined)
      throw InputError.from(
        compareMessages.reconcileNoteCustomLine(
          stripe.id,
          index,
          { description: line.description ?? "", amount: major(line.amount) },
          major(stripe.total),
        ),
        joinAt(path, "lines", "data", index, "type"),
      );
    const issued = issuedLines.find((candidate) => candidate.sourceId === corrects);
    const unit = line.unit_amount_decimal ?? line.unit_amount ?? undefined;
    const unitsOfLine =
      unit !== undefined &&
      line.quantity !== undefined &&
      line.quantity !== null &&
      issued?.unitPrice !== undefined &&
      unitPrice(unit).equals(issued.unitPrice);
    return {
      corrects,
      bySourceId: true,
      // A line Stripe wrote without a description is named as the invoice line it credits.
      name: line.description ?? issued?.description ?? "",
      amount: major(line.amount),
      ...(unitsOfLine ? { quantity: String(line.quantity) } : {}),
    };
  });
  const { exclusive, inclusive } = taxesOf(stripe);
  const total = major(stripe.total);
  return {
    note: {
      id: stripe.id,
      lines,
      ...(typeof stripe.subtotal === "number" ? { subtotal: major(stripe.subtotal) } : {}),
      ...(exclusive !== undefined ? { exclusiveTax: major(exclusive) } : {}),
      ...(inclusive !== undefined ? { inclusiveTax: major(inclusive) } : {}),
      total,
      money: total,
      minorUnits,
    },
    invoiceId: typeof stripe.invoice === "string" ? stripe.invoice : stripe.invoice.id,
    currency: code,
  };
}

// The note's exclusive and inclusive taxes in minor units, from whichever list its API version writes.
function taxesOf(note: z.output<typeof stripeNoteSchema>): { exclusive?: Decimal; inclusive?: Decimal } {
  const entries = [
    ...(note.tax_amounts ?? []).map((entry) => ({
      amount: entry.amount,
      inclusive: entry.inclusive === true,
    })),
    ...(note.tax_amounts === undefined || note.tax_amounts === null
      ? (note.total_taxes ?? []).map((entry) => ({
          amount: entry.amount,
          inclusive: entry.tax_behavior === "inclusive",
        }))
      : []),
  ];
  const sum = (inclusive: boolean) => {
    const kept = entries.filter((entry) => entry.inclusive === inclusive);
    return kept.length === 0
      ? undefined
      : kept.reduce((total, entry) => total.plus(entry.amount), new Decimal(0));
  };
  const exclusive = sum(false);
  const inclusive = sum(true);
  return {
    ...(exclusive !== undefined ? { exclusive } : {}),
    ...(inclusive !== undefined ? { inclusive } : {}),
  };
}

function joinAt(path: ReadonlyArray<PropertyKey>, ...segments: ReadonlyArray<PropertyKey>): string {
  return toJsonPath([...path, ...segments]);
}
