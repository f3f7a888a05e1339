import * as z from "zod/mini";
import { amountTextSchema } from "../schema/index.js";

/**
 * What marks an invoice of a progressive sequence (docs/progressive-billing.md): which one it is in
 * its period, the instant it rated the usage through, the earlier invoices it subtracts, and the
 * figures before the subtraction. Its `lines`, `subtotal`, `total` and `amountDue` are what it bills:
 * the usage so far as rated, less what the earlier invoices billed.
 */
export const invoiceProgressiveSchema = z.strictObject({
  /** 1 for the first invoice of the period; the closing invoice comes after the last progressive one. */
  sequence: z.number().check(z.int(), z.positive()),
  /** `progressive`: mid-period, usage charges only; `closing`: the period's invoice, less the earlier ones. */
  stage: z.enum(["progressive", "closing"]),
  /** The usage before this instant was rated (the period's end on the closing invoice). */
  asOf: z.string(),
  /** Why it was issued: a spend threshold crossed, or an instant asked for. */
  trigger: z.optional(
    z.strictObject({
      kind: z.literal("spend_threshold"),
      threshold: amountTextSchema,
      spend: amountTextSchema,
    }),
  ),
  /** The earlier invoices of the period, in order, as issued. */
  earlier: z.array(
    z.strictObject({
      id: z.string(),
      digest: z.string(),
      asOf: z.string(),
      total: amountTextSchema,
    }),
  ),
  /** The invoice as rated on the usage so far, before the earlier invoices are taken off. */
  cumulative: z.strictObject({
    subtotal: amountTextSchema,
    total: amountTextSchema,
    amountDue: z.optional(amountTextSchema),
  }),
  /** What the earlier invoices billed, summed. */
  billedEarlier: z.strictObject({
    subtotal: amountTextSchema,
    total: amountTextSchema,
    amountDue: z.optional(amountTextSchema),
  }),
  /**
   * The credit notes of the earlier invoices given with them, in the order given: `units` for a note that
   * took units off (the units were wrong: what its invoice billed is lowered by it), `amount` for a note
   * of an amount, a line or the whole invoice (a credit given on purpose, which stays credited). Absent
   * when no note was given.
   */
  creditNotes: z.optional(
    z.array(
      z.strictObject({
        id: z.string(),
        digest: z.string(),
        invoiceId: z.string(),
        kind: z.enum(["units", "amount"]),
        total: amountTextSchema,
      }),
    ),
  ),
  /**
   * What the `units` notes credited, summed: this invoice bills `cumulative` − `billedEarlier` +
   * `unitsCredited`. Present with `creditNotes`.
   */
  unitsCredited: z.optional(
    z.strictObject({
      subtotal: amountTextSchema,
      total: amountTextSchema,
      amountDue: z.optional(amountTextSchema),
    }),
  ),
  /**
   * Present when this invoice owes the customer money: the period's charges so far fell below what was
   * already billed (a volume tier that reprices every unit, a cap reached, refunds). Without an amount
   * due, the total below zero negated; with one, the amount due below zero negated and, on the closing
   * invoice, the period's total below zero negated (docs/progressive-billing.md, "A total below zero").
   * Issue it as a credit, as Lago credits the excess of a progressive invoice; it includes the amount
   * due below zero, so do not pay that back on top.
   */
  credit: z.optional(amountTextSchema),
});
export type InvoiceProgressive = z.output<typeof invoiceProgressiveSchema>;
