import * as z from "zod/mini";

/** A decimal in output (invoices, credit notes): canonical text in plain notation, never a float. */
export const amountTextSchema = z
  .string()
  .check(z.regex(/^-?\d+(\.\d+)?$/, { message: 'expected a plain decimal number such as "12.50" or "-3"' }));

/** An output decimal that is null when absent (a tier's open bound, a divisor not set). */
export const nullableAmountTextSchema = z.nullable(amountTextSchema);
