import * as z from "zod/mini";
import { amountTextSchema } from "./amountText.js";
import { DIGEST_PATTERN } from "./digest.js";
import { invoiceTaxSchema } from "./invoice.js";
import { positiveMoneyAmountSchema, positiveQuantitySchema } from "./primitives.js";

/** The credit note format version this build writes. */
export const CREDIT_NOTE_SCHEMA_VERSION = 1;

/**
 * What to correct on an issued invoice: a whole line, part of a line's amount, a number of its units
 * (re-rated with the line's price), or the whole invoice.
 */
export const correctionSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("invoice"), reason: z.string().check(z.minLength(1)) }),
    z.strictObject({
      kind: z.literal("line"),
      line: z.string().check(z.minLength(1)),
      reason: z.string().check(z.minLength(1)),
    }),
    z.strictObject({
      kind: z.literal("amount"),
      line: z.string().check(z.minLength(1)),
      amount: positiveMoneyAmountSchema,
      reason: z.string().check(z.minLength(1)),
    }),
    z.strictObject({
      kind: z.literal("quantity"),
      line: z.string().check(z.minLength(1)),
      quantity: positiveQuantitySchema,
      reason: z.string().check(z.minLength(1)),
    }),
  ],
  { error: "expected a correction with kind invoice, line, amount or quantity" },
);
export const correctionsSchema = z
  .array(correctionSchema)
  .check(z.minLength(1, { message: "must list at least one correction" }));
export type CorrectionTerms = z.output<typeof correctionSchema>;

/** A credit note: invoice-shaped, each line referencing the invoice line it corrects. */
export const creditNoteSchema = z.strictObject({
  schemaVersion: z.literal(CREDIT_NOTE_SCHEMA_VERSION),
  id: z.string(),
  invoiceId: z.string(),
  /** The digest of the invoice it credits: the note belongs to that invoice as issued. */
  invoiceDigest: z.string().check(z.regex(DIGEST_PATTERN)),
  contractId: z.string(),
  customer: z.strictObject({ id: z.string(), name: z.optional(z.string()) }),
  currency: z.strictObject({ code: z.string(), minorUnits: z.number().check(z.int(), z.nonnegative()) }),
  lines: z.array(
    z.strictObject({
      id: z.string(),
      corrects: z.string(),
      name: z.string(),
      reason: z.string(),
      /** What the invoice billed on the line, and what had been credited before this note. */
      invoiced: amountTextSchema,
      creditedBefore: amountTextSchema,
      /** For a quantity correction: the units taken off and the line re-rated without them. */
      quantity: z.optional(amountTextSchema),
      /**
       * With `quantity`: the unit of the units taken off, the invoice line's (its meter's `unit`), and its
       * singular form when the line has one. Absent when the line has no unit, and on notes issued before
       * 7 December 2026 (additive).
       */
      unit: z.optional(z.string()),
      unitSingular: z.optional(z.string()),
      rerated: z.optional(amountTextSchema),
      amount: amountTextSchema,
    }),
  ),
  subtotal: amountTextSchema,
  tax: z.optional(invoiceTaxSchema),
  total: amountTextSchema,
  /**
   * Only when the invoice keeps lines finer than its currency (`rounding.lineDecimals`): the note's exact
   * total (`before`, in the line decimals) and what rounding it to the currency added (docs/credit-notes.md).
   */
  rounding: z.optional(
    z.strictObject({
      lineDecimals: z.number().check(z.int(), z.nonnegative()),
      total: z.strictObject({
        minorUnits: z.number().check(z.int(), z.nonnegative()),
        before: amountTextSchema,
        adjustment: amountTextSchema,
      }),
    }),
  ),
  /**
   * Only when the invoice drew credit grants: how the note gives back what it credits
   * (docs/credit-notes.md, "An invoice that drew prepaid credits"). `money` is the part of `total` given
   * back as money (refunded, or taken off what is still due); each `credits[]` entry is what goes back to
   * a grant the invoice drew: an `after_tax` one is the rest of `total` (money + after-tax restored =
   * total), a `before_tax` one is beside it (the note credits lines at their nets, after that credit).
   * `rounding`, only on the note that credits in full an invoice whose amount due was rounded
   * (`rounding.amountDue`): `money` before rounding (`before`, total − after-tax restored, in the line
   * decimals) and what rounding added (money = before + adjustment), the invoice's own adjustment.
   */
  settlement: z.optional(
    z.strictObject({
      money: amountTextSchema,
      rounding: z.optional(z.strictObject({ before: amountTextSchema, adjustment: amountTextSchema })),
      credits: z.array(
        z.strictObject({
          id: z.string(),
          name: z.string(),
          stage: z.enum(["before_tax", "after_tax"]),
          /** The money given back to the grant (positive, in the invoice currency). */
          restored: amountTextSchema,
          /** For a grant kept in a custom unit: the units given back, in `unit`. */
          unit: z.optional(z.string()),
          unitsRestored: z.optional(amountTextSchema),
        }),
      ),
    }),
  ),
  /** SHA-256 over the canonical JSON of every other field, as an invoice's (docs/invoice-format.md). */
  digest: z.string().check(z.regex(DIGEST_PATTERN)),
});
export type CreditNote = z.output<typeof creditNoteSchema>;
