import * as z from "zod/mini";
import { boundProblem, Decimal, MONEY_AMOUNT, toPlainString } from "../money/index.js";
import {
  amountTextSchema,
  eventPropertyValueSchema,
  ratecardIssue,
  toInputError,
  toProblems,
} from "../schema/index.js";
import type { IssuedDocument } from "./issuedDocument.js";

// The invoice's own decimals and group values, as today's invoice schema reads them.
const decimalText = amountTextSchema;
// Its money figures within a money amount's bounds (docs/decisions/numeric-bounds.md): without a digest
// nothing else keeps out a total of 10^47, which sums past the 50 digits ratecard computes with.
const moneyText = amountTextSchema.check(
  z.superRefine((value, ctx) => {
    const problem = boundProblem(new Decimal(value), MONEY_AMOUNT);
    if (problem !== undefined) ctx.addIssue(ratecardIssue("decimal_out_of_range", problem));
  }),
);

// What reconcile reads of a ratecard invoice, and nothing else: an invoice an earlier ratecard issued
// (schemaVersion 1, before digest, contractDigest and priceKind were written, 2 December 2026) lacks
// fields today's invoice schema requires, but its lines, tax and total are those of today's. Other fields
// are ignored; a unitPrice that is no number (earlier invoices wrote "tiered") is no unit price.
const earlierLineSchema = z.looseObject({
  id: z.string(),
  chargeId: z.optional(z.string()),
  name: z.string(),
  group: z.optional(z.record(z.string(), eventPropertyValueSchema)),
  quantity: decimalText,
  unitPrice: z.optional(z.string()),
  amount: moneyText,
});

const earlierInvoiceSchema = z.looseObject({
  schemaVersion: z.literal(1),
  currency: z.looseObject({ code: z.string() }),
  lines: z.array(earlierLineSchema),
  tax: z.optional(z.looseObject({ mode: z.string(), total: moneyText })),
  total: moneyText,
});

/**
 * Reads an invoice an earlier version of ratecard issued (schemaVersion 1 without the fields added
 * since, such as `digest`) as an issued document: each line's id, charge, group, name, quantity, unit
 * price and amount, the exclusive tax and the total, as {@link fromRatecardInvoice} reads today's. For an
 * invoice of today's ratecard use parseInvoice, which also checks its digest.
 * @throws InputError `invalid_field` / `missing_field` at the field's path when it has no such figures;
 *   `decimal_out_of_range` for a line amount, tax or total beyond a money amount's bounds
 */
export function fromEarlierRatecardInvoice(data: unknown): IssuedDocument {
  const parsed = earlierInvoiceSchema.safeParse(data);
  if (!parsed.success) throw toInputError("input", toProblems(parsed.error.issues, data));
  const invoice = parsed.data;
  return {
    format: "ratecard",
    currency: invoice.currency.code,
    lines: invoice.lines.map((line) => ({
      id: line.id,
      ...(line.chargeId !== undefined ? { chargeId: line.chargeId } : {}),
      ...(line.group !== undefined ? { group: line.group } : {}),
      description: line.name,
      quantity: toPlainString(new Decimal(line.quantity)),
      ...(line.unitPrice !== undefined && decimalText.safeParse(line.unitPrice).success
        ? { unitPrice: toPlainString(new Decimal(line.unitPrice)) }
        : {}),
      amount: line.amount,
    })),
    ...(invoice.tax !== undefined && invoice.tax.mode === "exclusive" ? { tax: invoice.tax.total } : {}),
    total: invoice.total,
  };
}
