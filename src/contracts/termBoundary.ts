import * as z from "zod/mini";
import { ratecardIssue } from "../schema/index.js";
import { type LocalDate, safeParseInstant, safeParseLocalDate } from "../time/index.js";

/** Where a term starts or ends: a calendar date (local midnight in the contract's zone) or an instant. */
export type TermBoundary = { readonly date: LocalDate } | { readonly instant: number };

/** A date (`2026-01-01`, local midnight in the contract's zone) or an instant with an offset. */
export const termBoundarySchema = z
  .pipe(
    z.string({ error: 'expected a date such as "2026-01-01" or a timestamp with an offset' }),
    z.transform((text, ctx): TermBoundary => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        const date = safeParseLocalDate(text);
        if (date.success) return { date: date.data };
        ctx.issues.push({ ...ratecardIssue("invalid_field", date.reason), input: text });
        return z.NEVER;
      }
      const instant = safeParseInstant(text);
      if (instant.success) return { instant: instant.data };
      ctx.issues.push({ ...ratecardIssue("invalid_instant", instant.reason), input: text });
      return z.NEVER;
    }),
  )
  .check(
    z.describe(
      'A date such as "2026-01-01" (local midnight in the contract\'s zone) or a timestamp with an offset.',
    ),
  );
