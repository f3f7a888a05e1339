import * as z from "zod/mini";
import { PRORATION_BASES } from "../time/index.js";
import { amountTextSchema } from "./amountText.js";

/** The invoice format version this build writes. */
export const INVOICE_SCHEMA_VERSION = 1;

/** An override changed the price the line is rated with (docs/contracts.md, step 0). */
export const overrideStepSchema = z.strictObject({
  kind: z.literal("override"),
  /** The contract override that changed the price this line is rated with. */
  override: z.string(),
  /** For an override of some groups only: the dimension values it matched. */
  where: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
  /** Every money amount of the price was multiplied by this. */
  multiplier: z.optional(amountTextSchema),
  /** The price was replaced by the override's. */
  replaced: z.optional(z.literal(true)),
});
export type OverrideStep = z.output<typeof overrideStepSchema>;

/** The line drew from a shared allowance pool (docs/contracts.md, step 1). */
export const allowanceStepSchema = z.strictObject({
  kind: z.literal("allowance"),
  /** The allowance pool's id. */
  pool: z.string(),
  /** What was left in the pool when this line drew (docs/contracts.md, step 1). */
  available: amountTextSchema,
  drawn: amountTextSchema,
  /** The billable quantity after the draw: the line's quantity. */
  quantity: amountTextSchema,
});
export type AllowanceStep = z.output<typeof allowanceStepSchema>;

/** A commitment's minimum was not reached: the shortfall is billed on the true-up line. */
export const commitmentTrueUpStepSchema = z.strictObject({
  kind: z.literal("commitment_true_up"),
  commitment: z.string(),
  /** The minimum for this invoice's period (prorated on a partial one); a cumulative one's whole minimum. */
  minimum: amountTextSchema,
  spend: amountTextSchema,
  /** A cumulative commitment: the spend of the earlier invoices of its period (the shortfall is minimum − spendBefore − spend). */
  spendBefore: z.optional(amountTextSchema),
  amount: amountTextSchema,
});
export type CommitmentTrueUpStep = z.output<typeof commitmentTrueUpStepSchema>;

/** Spend above a commitment's minimum billed at its overage factor, on the overage line. */
export const commitmentOverageStepSchema = z.strictObject({
  kind: z.literal("commitment_overage"),
  commitment: z.string(),
  /** The minimum for this invoice's period (prorated on a partial one); a cumulative one's whole minimum. */
  minimum: amountTextSchema,
  spend: amountTextSchema,
  /** A cumulative commitment: the spend of the earlier invoices of its period. */
  spendBefore: z.optional(amountTextSchema),
  /** Spend above the minimum: spend − minimum; for a cumulative one, the part of this invoice's spend above what remained. */
  excess: amountTextSchema,
  /** The overage factor: the excess is billed at this many times its price. */
  factor: amountTextSchema,
  /** excess × (factor − 1), exact (the rounding step after it gives the line amount). */
  amount: amountTextSchema,
});
export type CommitmentOverageStep = z.output<typeof commitmentOverageStepSchema>;

/** The steps the contract terms write on lines (the next phase moves each to its term's module). */
export type TermStep = OverrideStep | AllowanceStep | CommitmentTrueUpStep | CommitmentOverageStep;

/** The `priceKind` of a commitment's own lines: its true-up and its overage. */
export const COMMITMENT_PRICE_KINDS = ["true_up", "overage"] as const;

/**
 * Why an event did not count, in the order the checks run (docs/invoice-format.md). Each event gets
 * exactly one outcome, so `eventsRead = eventsCounted + Σ excluded`.
 */
export const EXCLUSION_REASONS = [
  "duplicate_id",
  "conflicting_duplicate",
  "other_customer",
  "unknown_event_type",
  "outside_period",
  "after_as_of",
  "filtered_out",
  "invalid_value",
] as const;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

const exclusionSchema = z.strictObject({
  reason: z.enum(EXCLUSION_REASONS),
  events: z.number().check(z.int(), z.positive()),
  /** Up to five of the excluded event ids, the smallest first (so the sample never depends on event order). */
  sampleIds: z.array(z.string()),
});
export type UsageExclusion = z.output<typeof exclusionSchema>;

const carriedStateSchema = z.strictObject({
  total: z.optional(amountTextSchema),
  level: z.optional(amountTextSchema),
  active: z.optional(z.array(z.string())),
});

/** Carried meter states by meter id: a previous invoice's `usage.carryOut`. */
export const carriedStatesSchema = z.record(z.string(), carriedStateSchema);

export const usageReportSchema = z.strictObject({
  eventsRead: z.number().check(z.int(), z.nonnegative()),
  eventsCounted: z.number().check(z.int(), z.nonnegative()),
  excluded: z.array(exclusionSchema),
  meters: z.array(
    z.strictObject({
      meter: z.string(),
      aggregation: z.string(),
      events: z.number().check(z.int(), z.nonnegative()),
      quantity: amountTextSchema,
      unit: z.optional(z.string()),
      unitSingular: z.optional(z.string()),
      /** The quantity per local day (sum and count meters), when rating was asked for it. */
      daily: z.optional(z.array(z.strictObject({ date: z.string(), quantity: amountTextSchema }))),
    }),
  ),
  /** What the next period's rating takes as `carried`: persistent totals, levels, active values. */
  carryOut: z.optional(z.record(z.string(), carriedStateSchema)),
});
export type UsageReport = z.output<typeof usageReportSchema>;

/** An allowance pool as drawn on this invoice: what each line took, in draw order, and what is left. */
export const appliedAllowanceSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  quantity: amountTextSchema,
  /** The lines that drew more than 0, in draw order. */
  drawn: z.array(z.strictObject({ line: z.string(), quantity: amountTextSchema })),
  remaining: amountTextSchema,
  /**
   * Present when the pool's dated `changes` cut the invoice's period: each part, the size in force on
   * it and its share of the period (by the contract's proration basis); `quantity` is their weighted sum.
   */
  schedule: z.optional(
    z.array(
      z.strictObject({
        start: z.string(),
        end: z.string(),
        quantity: amountTextSchema,
        basis: z.enum(PRORATION_BASES),
        elapsed: amountTextSchema,
        total: amountTextSchema,
      }),
    ),
  ),
  /**
   * Present when the pool grows with a meter (`growsWith`): the meter, its quantity for the period, the
   * pool's quantity per unit of it, and what that added (rounded to the pool's decimals) to `quantity`.
   */
  growth: z.optional(
    z.strictObject({
      meter: z.string(),
      meterQuantity: amountTextSchema,
      perUnit: amountTextSchema,
      quantity: amountTextSchema,
    }),
  ),
});
export type AppliedAllowance = z.output<typeof appliedAllowanceSchema>;

/** A discount as applied: its base, its (negative) amount and how that amount was spread over lines. */
export const appliedDiscountSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  percent: z.optional(amountTextSchema),
  /** The discount's fixed amount for this invoice, after proration, before it was capped at the base. */
  fixed: z.optional(amountTextSchema),
  /**
   * Present when `fixed` is a share of the contract's amount: that amount (a billing period's) and the
   * share (its dates' part of the billing period, or the part a partial period is of it): `fixed` is
   * amount × elapsed ÷ total, rounded once.
   */
  prorated: z.optional(
    z.strictObject({
      amount: amountTextSchema,
      basis: z.enum(PRORATION_BASES),
      elapsed: amountTextSchema,
      total: amountTextSchema,
    }),
  ),
  /**
   * Present when the discount's from/until covers only part of the invoice's period: that part, and the
   * ratio that scaled the discount (of the invoice's period for a percentage, of the billing period for
   * a fixed amount), by the contract's proration basis.
   */
  inForce: z.optional(
    z.strictObject({
      start: z.string(),
      end: z.string(),
      basis: z.enum(PRORATION_BASES),
      elapsed: amountTextSchema,
      total: amountTextSchema,
      /** `days_covered`: the discount took its percent of `covered`, not of the share of `base`. */
      partialPeriod: z.optional(z.literal("days_covered")),
      /** What the in-scope lines billed for the days in force (rounded down): the most it takes. */
      covered: z.optional(amountTextSchema),
    }),
  ),
  base: amountTextSchema,
  amount: amountTextSchema,
  allocation: z.array(z.strictObject({ line: z.string(), amount: amountTextSchema })),
});
export type AppliedDiscount = z.output<typeof appliedDiscountSchema>;

/** A commitment as applied to this invoice. */
export const appliedCommitmentSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  minimum: z.optional(amountTextSchema),
  maximum: z.optional(amountTextSchema),
  /** What the in-scope lines cost after discounts, before this commitment. */
  spend: amountTextSchema,
  trueUp: z.optional(amountTextSchema),
  /** The overage line's amount: (spend − minimum) × (overageFactor − 1), rounded once. */
  overage: z.optional(amountTextSchema),
  /** The excess above the maximum taken off the lines (negative), and how it was spread. */
  cap: z.optional(amountTextSchema),
  allocation: z.optional(z.array(z.strictObject({ line: z.string(), amount: amountTextSchema }))),
  /**
   * Present when the commitment's dated `changes` cut the invoice's period: each part, the limits in
   * force on it (per billing period, as written) and its share of the billing period; the minimum and
   * maximum above are Σ limit × elapsed ÷ total, rounded once.
   */
  schedule: z.optional(
    z.array(
      z.strictObject({
        start: z.string(),
        end: z.string(),
        minimum: z.optional(amountTextSchema),
        maximum: z.optional(amountTextSchema),
        basis: z.enum(PRORATION_BASES),
        elapsed: amountTextSchema,
        total: amountTextSchema,
      }),
    ),
  ),
  /**
   * A cumulative commitment (its minimum owed once over [from, until), across invoices): the spend of the
   * earlier invoices, what remained of the minimum before this one, the part of this invoice's spend
   * within it (list price) and above it (the excess, billed at the overage factor), the spend to date for
   * the next invoice, and whether this invoice closes the period (the true-up is owed on it).
   */
  cumulative: z.optional(
    z.strictObject({
      from: z.string(),
      until: z.string(),
      spendBefore: amountTextSchema,
      /**
       * The credit notes of earlier invoices of the period this invoice took (given with it and not
       * yet in the carried spend): what each took off the spend (`spend`, the in-scope units it credited;
       * 0 for a note of an amount, which stays out of the spend). `spendBefore` is the carried spend less
       * these. Absent when none was taken (docs/commitment-periods.md, "Credit notes").
       */
      creditNotes: z.optional(
        z.array(
          z.strictObject({
            id: z.string(),
            invoiceId: z.string(),
            kind: z.enum(["units", "amount"]),
            spend: amountTextSchema,
          }),
        ),
      ),
      remaining: amountTextSchema,
      within: amountTextSchema,
      excess: amountTextSchema,
      spendAfter: amountTextSchema,
      /** Every credit note `spendAfter` already reflects (carried with it, so none is taken twice). */
      creditNotesTaken: z.optional(z.array(z.string())),
      closes: z.boolean(),
    }),
  ),
});
export type AppliedCommitment = z.output<typeof appliedCommitmentSchema>;

/**
 * A credit grant's burn on this invoice, and the balance it leaves. For a grant kept in a custom unit,
 * `unit` names it, the balances and `unitsUsed` are in it, and `applied` is the money it paid:
 * applied = −(unitsUsed × unitValue rounded down to the currency's minor unit), balanceAfter =
 * balanceBefore − unitsUsed (docs/contracts.md, step 8).
 */
export const appliedCreditSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** "before_tax" reduces the taxed amount; "after_tax" pays the invoice. */
  stage: z.enum(["before_tax", "after_tax"]),
  /** The grant's own unit: the balances and `unitsUsed` are in it. Absent for a grant of money. */
  unit: z.optional(z.string()),
  /** What one `unit` is worth in the invoice currency. */
  unitValue: z.optional(amountTextSchema),
  balanceBefore: amountTextSchema,
  /** The money taken off the invoice (negative, in the invoice currency). */
  applied: amountTextSchema,
  /** The units taken from the balance for `applied` (positive, in `unit`). */
  unitsUsed: z.optional(amountTextSchema),
  balanceAfter: amountTextSchema,
  allocation: z.optional(z.array(z.strictObject({ line: z.string(), amount: amountTextSchema }))),
});
export type AppliedCredit = z.output<typeof appliedCreditSchema>;

/** The tax of one rate, with the share of each line it applies to. */
const taxLineSchema = z.strictObject({
  rate: z.string(),
  name: z.string(),
  percent: amountTextSchema,
  /** Exclusive: the net amounts taxed; inclusive: the gross amounts the tax is taken out of. */
  base: amountTextSchema,
  amount: amountTextSchema,
  lines: z.array(
    z.strictObject({
      line: z.string(),
      base: amountTextSchema,
      exact: amountTextSchema,
      /** The line's tax rounded on its own (per_line rounding only). */
      rounded: z.optional(amountTextSchema),
      /**
       * Present when the rate is dated and in force on only part of the line's service period: that
       * share (elapsed ÷ total, by the contract's proration basis), which scaled the tax.
       */
      inForce: z.optional(
        z.strictObject({
          basis: z.enum(PRORATION_BASES),
          elapsed: amountTextSchema,
          total: amountTextSchema,
        }),
      ),
    }),
  ),
});

export const invoiceTaxSchema = z.strictObject({
  mode: z.enum(["exclusive", "inclusive"]),
  rounding: z.enum(["per_line", "per_invoice"]),
  rates: z.array(taxLineSchema),
  total: amountTextSchema,
  /** The invoice's amount before tax: the subtotal (exclusive) or the subtotal less the tax (inclusive). */
  net: amountTextSchema,
  notes: z.array(z.string()),
});
export type InvoiceTax = z.output<typeof invoiceTaxSchema>;
