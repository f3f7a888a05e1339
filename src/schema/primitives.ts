import { z } from "zod";
import {
  DECIMAL_TEXT,
  type Decimal,
  ROUNDING_MODES,
  safeParseDecimal,
  toPlainString,
} from "../money/index.js";
import { safeParseInstant, safeParseLocalDate } from "../time/index.js";

/**
 * Issues ratecard adds itself carry `params.code`, one of the RatecardErrorCode values, so the error
 * raised for them names the precise problem (`tier_up_to_not_increasing`) instead of a generic one.
 */
export function ratecardIssue(code: string, message: string, path?: ReadonlyArray<PropertyKey>) {
  return {
    code: "custom" as const,
    message,
    params: { code },
    ...(path ? { path: [...path] as (string | number)[] } : {}),
  };
}

/** A decimal given as a string ("0.0000025", preferred: exact) or a finite JSON number; parsed to Decimal. */
export const decimalSchema = z
  .union([z.string().regex(DECIMAL_TEXT), z.number()], {
    error: 'expected a decimal number, written as a string such as "12.50"',
  })
  .transform((value, ctx): Decimal => {
    const parsed = safeParseDecimal(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue(ratecardIssue(parsed.code, parsed.reason));
    return z.NEVER;
  })
  .meta({ description: 'A decimal number; write it as a string ("0.0000025") so no precision is lost.' });

/**
 * A money amount in a price (unit price, fee, minimum). Negative amounts parse here; the contract
 * refuses them unless the charge is declared a credit (see `contractSchema`), so the rule lives once.
 */
export const moneySchema = decimalSchema;

/** A quantity that must be zero or more (included units, free events). */
export const nonNegativeDecimalSchema = decimalSchema.superRefine((value, ctx) => {
  // -0 is zero, not negative (decimal.js reports isNegative() for it).
  if (value.isNegative() && !value.isZero())
    ctx.addIssue(ratecardIssue("invalid_field", `is ${toPlainString(value)}; it must be zero or more`));
});

/** A decimal that must be more than zero. */
export const positiveDecimalSchema = decimalSchema.refine((value) => value.isPositive() && !value.isZero(), {
  message: "must be more than zero",
});

/** An identifier: letters, digits and `_ . : -`, starting with a letter or digit, at most 128 characters. */
export const idSchema = z
  .string({ error: "expected an identifier (text)" })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
    message: "must be 1–128 letters, digits, or _ . : - and start with a letter or digit",
  });

/** An ISO 8601 timestamp with an explicit offset; parsed to epoch milliseconds. */
export const instantSchema = z
  .string({ error: "expected an ISO 8601 timestamp text" })
  .transform((value, ctx) => {
    const parsed = safeParseInstant(value);
    if (parsed.success) return parsed.data;
    ctx.addIssue(ratecardIssue("invalid_instant", parsed.reason));
    return z.NEVER;
  });

/** A rounding mode name. */
export const roundingModeSchema = z.enum(ROUNDING_MODES as [string, ...string[]], {
  error: `expected one of ${ROUNDING_MODES.join(", ")}`,
}) as unknown as z.ZodType<(typeof ROUNDING_MODES)[number]>;

/**
 * A calendar date that exists (2026-02-30 is refused) in the years 1970–9999 (0026-02-01 is refused, not
 * read as 1926), compared as text (YYYY-MM-DD sorts by date).
 */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date such as "2026-03-17"', abort: true })
  .superRefine((text, ctx) => {
    const parsed = safeParseLocalDate(text);
    if (!parsed.success) ctx.addIssue(ratecardIssue("invalid_field", parsed.reason));
  });
