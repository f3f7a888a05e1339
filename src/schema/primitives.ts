import * as z from "zod/mini";
import { type ErrorMessage, negativeValue, notMoreThanZero } from "../errors/index.js";
import {
  BASIS_POINTS,
  boundProblem,
  DECIMAL_TEXT,
  type Decimal,
  lastingDecimal,
  MONEY_AMOUNT,
  type NumericBound,
  PERCENT,
  QUANTITY,
  RATIO,
  ROUNDING_MODES,
  SIZE,
  safeParseDecimal,
  toPlainString,
  UNIT_PRICE,
} from "../money/index.js";
import { safeParseInstant, safeParseLocalDate } from "../time/index.js";
import { withHint } from "./choiceHint.js";

/**
 * Issues ratecard adds itself carry `params.code`, one of the RatecardErrorCode values, so the error
 * raised for them names the precise problem (`tier_up_to_not_increasing`) instead of a generic one.
 * Called directly only with a reason a parser of src/money or src/time computed (`parsed.reason`); a
 * sentence of ratecard's own goes through the catalogue and {@link issueOf}.
 */
export function ratecardIssue(code: string, message: string, path?: ReadonlyArray<PropertyKey>) {
  return {
    code: "custom" as const,
    message,
    params: { code },
    ...(path ? { path: [...path] as (string | number)[] } : {}),
  };
}

/** {@link ratecardIssue} for a problem from the message catalogue (`src/errors/messages/`). */
export function issueOf(problem: ErrorMessage, path?: ReadonlyArray<PropertyKey>) {
  return ratecardIssue(problem.code, problem.message, path);
}

/** A decimal given as a string ("0.0000025", preferred: exact) or a finite JSON number; parsed to Decimal. */
export const decimalSchema = z
  .pipe(
    z
      // abort: text that is no decimal fails the union as a whole (one message, not zod's regex), and the
      // checks of the objects around it never see the untransformed text (a tier check would crash on it).
      .union([z.string().check(z.regex(DECIMAL_TEXT, { abort: true })), z.number()], {
        error: 'expected a decimal number, written as a string such as "12.50"',
      }),
    z.transform((value, ctx): Decimal => {
      const parsed = safeParseDecimal(value);
      // Kept as long as the contract is rated with: a copy the parser's site never sees live long
      // (lastingDecimal.ts: otherwise V8 allocates every decimal later parsed in the old generation).
      if (parsed.success) return lastingDecimal(parsed.data);
      ctx.issues.push({ ...ratecardIssue(parsed.code, parsed.reason), input: value });
      return z.NEVER;
    }),
  )
  .check(z.describe('A decimal number; write it as a string ("0.0000025") so no precision is lost.'));

/**
 * A decimal of one kind, within that kind's bounds (docs/decisions/numeric-bounds.md): a value outside
 * them is refused with `decimal_out_of_range`, naming the bound and the value, so no sum or product
 * ever needs more than the 50 significant digits ratecard computes with.
 */
export function boundedDecimalSchema(bound: NumericBound) {
  return decimalSchema.check(
    z.superRefine((value, ctx) => {
      const problem = boundProblem(value, bound);
      if (problem !== undefined) ctx.addIssue(ratecardIssue("decimal_out_of_range", problem));
    }),
  );
}

// -0 is zero, not negative (decimal.js reports isNegative() for it).
function refuseNegative(value: Decimal, ctx: z.core.$RefinementCtx): void {
  if (value.isNegative() && !value.isZero()) ctx.addIssue(issueOf(negativeValue(toPlainString(value))));
}

function refuseZeroOrNegative(value: Decimal, ctx: z.core.$RefinementCtx): void {
  if (!value.isPositive() || value.isZero()) ctx.addIssue(issueOf(notMoreThanZero(toPlainString(value))));
}

/**
 * A money amount (a fee, minimum, maximum, commitment, discount or credit amount): below 10^15, at most
 * 12 decimals. Negative amounts parse here; the contract refuses them in a price unless the charge is
 * declared a credit (see `contractSchema`), so the rule lives once.
 */
export const moneyAmountSchema = boundedDecimalSchema(MONEY_AMOUNT);
/** A money amount that must be more than zero (a commitment, a credit grant, a fixed discount). */
export const positiveMoneyAmountSchema = moneyAmountSchema.check(z.superRefine(refuseZeroOrNegative));
/** A price per unit or per package: below 10^9, at most 15 decimals; the sign rule is the contract's. */
export const unitPriceSchema = boundedDecimalSchema(UNIT_PRICE);
/** A quantity that must be zero or more (seats, included units, a tier bound's size): below 10^15, 9 decimals. */
export const quantitySchema = boundedDecimalSchema(QUANTITY).check(z.superRefine(refuseNegative));
/** A quantity that must be more than zero (a tier's upTo). */
export const positiveQuantitySchema = boundedDecimalSchema(QUANTITY).check(
  z.superRefine(refuseZeroOrNegative),
);
/** A quantity of either sign (a filter's threshold on event values). */
export const signedQuantitySchema = boundedDecimalSchema(QUANTITY);
/** A percentage from 0 to 100, at most 6 decimals. */
export const percentSchema = boundedDecimalSchema(PERCENT).check(z.superRefine(refuseNegative));
/** A percentage more than 0 and at most 100 (a discount, a percentile rank). */
export const positivePercentSchema = boundedDecimalSchema(PERCENT).check(z.superRefine(refuseZeroOrNegative));
/** A number of basis points from 0 to 10,000, at most 4 decimals. */
export const basisPointsSchema = boundedDecimalSchema(BASIS_POINTS).check(z.superRefine(refuseNegative));
/** A multiplier or factor of either sign, below 1,000 in size, at most 6 decimals. */
export const ratioSchema = boundedDecimalSchema(RATIO);
/** A multiplier that must be zero or more (an override's multiplier on a price). */
export const nonNegativeRatioSchema = ratioSchema.check(z.superRefine(refuseNegative));
/** A factor that must be more than zero (a commitment's overage factor). */
export const positiveRatioSchema = ratioSchema.check(z.superRefine(refuseZeroOrNegative));
/** A package size or a divisor: more than 0, below 10^15, at most 9 decimals (so at least 0.000000001). */
export const sizeSchema = boundedDecimalSchema(SIZE).check(z.superRefine(refuseZeroOrNegative));
/** A unit price that must be more than zero (what one unit of a credit's custom unit is worth). */
export const positiveUnitPriceSchema = unitPriceSchema.check(z.superRefine(refuseZeroOrNegative));
/** A unit price that must be zero or more (what a prepaid credit cost per unit). */
export const nonNegativeUnitPriceSchema = unitPriceSchema.check(z.superRefine(refuseNegative));

/** An identifier: letters, digits and `_ . : -`, starting with a letter or digit, at most 128 characters. */
export const idSchema = z.string({ error: "expected an identifier (text)" }).check(
  z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
    message: "must be 1–128 letters, digits, or _ . : - and start with a letter or digit",
  }),
);

/**
 * An ISO 8601 timestamp with an explicit offset; parsed to epoch milliseconds. `hint` says what a refused
 * value most likely is, after the value in the sentence (choiceHint.ts `withHint`); none by default.
 */
export function instantSchemaWith(hint: (value: unknown) => string | undefined = () => undefined) {
  return z.pipe(
    z.string({ error: (issue) => withHint("expected an ISO 8601 timestamp text", hint(issue.input)) }),
    z.transform((value, ctx) => {
      const parsed = safeParseInstant(value);
      if (parsed.success) return parsed.data;
      ctx.issues.push({
        ...ratecardIssue("invalid_instant", withHint(parsed.reason, hint(value))),
        input: value,
      });
      return z.NEVER;
    }),
  );
}

/** An ISO 8601 timestamp with an explicit offset; parsed to epoch milliseconds. */
export const instantSchema = instantSchemaWith();

/** A rounding mode name. */
export const roundingModeSchema = z.enum(ROUNDING_MODES as [string, ...string[]], {
  error: `expected one of ${ROUNDING_MODES.join(", ")}`,
}) as unknown as z.ZodMiniType<(typeof ROUNDING_MODES)[number]>;

/**
 * A calendar date that exists (2026-02-30 is refused) in the years 1970–9999 (0026-02-01 is refused, not
 * read as 1926), compared as text (YYYY-MM-DD sorts by date).
 */
export const localDateSchema = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date such as "2026-03-17"', abort: true }),
  z.superRefine((text, ctx) => {
    const parsed = safeParseLocalDate(text);
    if (!parsed.success) ctx.addIssue(ratecardIssue("invalid_field", parsed.reason));
  }),
);
