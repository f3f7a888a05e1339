import * as z from "zod/mini";
import { amountTextSchema } from "./amountText.js";
import { eventPropertyValueSchema } from "./usageEvent.js";

/**
 * One step of a line's breakdown as data: its `kind` and its fields. Each kind's schema lives with
 * whoever writes it (a price model, a contract term, the common steps in schema/steps/); the invoice
 * schema composes them.
 */
export interface StepData {
  readonly kind: string;
}

const periodOut = z.strictObject({ start: z.string(), end: z.string() });

/**
 * The shape of an invoice line, written once, around the schema of its steps and of its price kind
 * (composed from the price models and contract terms in the invoice layer).
 */
export function lineSchemaOf<S extends z.ZodMiniType<StepData>, K extends z.ZodMiniType<string>>(parts: {
  readonly step: S;
  readonly priceKind: K;
}) {
  return z.strictObject({
    id: z.string(),
    chargeId: z.string(),
    /** The price book and version whose charge priced the line (a contract that follows a book). */
    priceBook: z.optional(z.strictObject({ id: z.string(), version: z.string() })),
    name: z.string(),
    model: z.string(),
    /** For grouped and matrix prices: the event property values this line prices. */
    group: z.optional(z.record(z.string(), eventPropertyValueSchema)),
    period: periodOut,
    quantity: amountTextSchema,
    unit: z.optional(z.string()),
    /** The unit's singular form, for a quantity of one (the meter's `unitSingular`). */
    unitSingular: z.optional(z.string()),
    /** The kind of price that rated the line; `unitPrice` is present only for `unit`. */
    priceKind: parts.priceKind,
    /** The price of one unit, for a line rated at a single unit price (`priceKind` `unit`); absent otherwise. */
    unitPrice: z.optional(amountTextSchema),
    amount: amountTextSchema,
    /** `in_advance`: a fee billed before the period it covers (its `period`), or a change to one. */
    billed: z.optional(z.literal("in_advance")),
    steps: z.array(parts.step),
    /** Discounts taken off the line after its amount (docs/contracts.md steps 5–6), each a negative amount. */
    adjustments: z.optional(
      z.array(
        z.strictObject({
          kind: z.enum(["discount", "commitment_cap", "credit"]),
          source: z.string(),
          amount: amountTextSchema,
        }),
      ),
    ),
    /** The line's amount after its adjustments: what tax is computed on. Present only with adjustments. */
    net: z.optional(amountTextSchema),
  });
}

/**
 * An invoice line whose steps are `S` and whose price kind is `K`: what a layer that writes lines
 * (rating, a contract term) produces, before the invoice layer gathers every kind into one union.
 */
export type LineOf<S extends StepData = StepData, K extends string = string> = z.output<
  ReturnType<typeof lineSchemaOf<z.ZodMiniType<S>, z.ZodMiniType<K>>>
>;
