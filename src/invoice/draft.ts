import type { Contract, CreditGrantTerms } from "../contracts/index.js";
import type { Warning } from "../errors/index.js";
import type { AggregateUsageResult } from "../meters/index.js";
import type { Decimal } from "../money/index.js";
import type {
  AppliedAllowance,
  AppliedCommitment,
  AppliedCredit,
  AppliedDiscount,
  InvoiceTax,
} from "../schema/index.js";
import type { Period } from "../time/index.js";
import type { InvoiceLine } from "./invoiceSchema.js";
import type { ServicePeriod } from "./resolveServicePeriod.js";
import type { TotalRounding } from "./stages/totalRounding.js";

/**
 * Which invoice is built: the one that closes a service period (usage, fees in arrears, the next
 * period's fees in advance, commitments), the opening invoice of the term (its first fees in advance),
 * or the usage so far of a progressive invoice (usage charges only, no line minimum, commitments' caps
 * but no true-up or overage: docs/progressive-billing.md).
 */
export type InvoiceKind = "closing" | "opening" | "progressive";

/**
 * Step 0: the period and the terms in force. `pieces` are the stretches of the service period between
 * the amendment and override dates inside it (one piece when none falls inside): decided once, here.
 */
export interface PeriodInForce extends ServicePeriod {
  readonly pieces: ReadonlyArray<Period>;
  /**
   * Stretches of two or more pieces in which some charge whose terms change inside the period keeps
   * the same terms: it is rated once over each (chargeRuns.ts). Empty for most periods.
   */
  readonly spans: ReadonlyArray<Period>;
}

/** The usage of the period: the whole service period, and each piece when the period is split. */
export interface PeriodUsage {
  readonly whole: AggregateUsageResult;
  /** One result per piece, in time order; present exactly when `pieces` has more than one. */
  readonly pieces?: ReadonlyArray<AggregateUsageResult>;
  /** One result per span of the period in force (`spans`), in its order, when it has any. */
  readonly spans?: ReadonlyArray<AggregateUsageResult>;
}

/** A credit grant open on this invoice, with its balance before it (in burn order). */
export interface OpenGrant {
  readonly grant: CreditGrantTerms;
  readonly balance: Decimal;
}

/**
 * The invoice as it goes through the pipeline: each stage takes a draft and returns the next, adding
 * its own records (the allowance pools, the applied discounts, commitments, credits, the tax).
 */
export interface InvoiceDraft {
  readonly contract: Contract;
  readonly period: PeriodInForce;
  readonly kind: InvoiceKind;
  readonly lines: ReadonlyArray<InvoiceLine>;
  readonly warnings: ReadonlyArray<Warning>;
  readonly allowances?: ReadonlyArray<AppliedAllowance> | undefined;
  readonly discounts: ReadonlyArray<AppliedDiscount>;
  readonly commitments: ReadonlyArray<AppliedCommitment>;
  /** The grants open on this invoice (step 8 opens them, step 11 burns the rest). */
  readonly grants: ReadonlyArray<OpenGrant>;
  readonly credits: ReadonlyArray<AppliedCredit>;
  readonly tax?: InvoiceTax | undefined;
  /** Net + tax (exclusive) or the net itself (inclusive), once step 10 has run. */
  readonly total?: Decimal | undefined;
  /** What is left to pay after post-tax credits, when any applied (step 11). */
  readonly amountDue?: Decimal | undefined;
  /** How the total and the amount due were rounded to the currency, when lines are finer (step 12). */
  readonly totalRounding?: TotalRounding | undefined;
}

/**
 * The draft before any stage: no lines, no records. Every field is there from the start, the optional
 * ones undefined, so that each stage's copy (`{ ...draft, total }`) has the same shape as the draft it
 * copies: V8 then copies it by its known layout (issue 14: the drafts of five stages, each copied with
 * one field more, cost 3–5 µs an invoice rating from aggregates).
 */
export function emptyDraft(contract: Contract, period: PeriodInForce, kind: InvoiceKind): InvoiceDraft {
  return {
    contract,
    period,
    kind,
    lines: [],
    warnings: [],
    allowances: undefined,
    discounts: [],
    commitments: [],
    grants: [],
    credits: [],
    tax: undefined,
    total: undefined,
    amountDue: undefined,
    totalRounding: undefined,
  };
}
