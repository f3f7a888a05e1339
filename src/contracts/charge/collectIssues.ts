import type * as z from "zod/mini";

/**
 * The issues a check raises, collected instead of reported: the caller re-addresses them (an
 * amendment's charge at its own path) or asks whether there was one (could an override's price have
 * been the charge's own).
 */
export function collectIssues(check: (ctx: z.core.$RefinementCtx) => void): z.core.$ZodRawIssue[] {
  const issues: z.core.$ZodRawIssue[] = [];
  check({ addIssue: (issue: z.core.$ZodRawIssue) => issues.push(issue) } as unknown as z.core.$RefinementCtx);
  return issues;
}
