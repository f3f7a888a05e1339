import { z } from "zod";
import { amountTextSchema, nullableAmountTextSchema } from "./amountText.js";

/** The invoice format version this build writes. */
export const INVOICE_SCHEMA_VERSION = 1;

const tierStep = z.strictObject({
  kind: z.literal("tier"),
  mode: z.enum(["graduated", "volume", "graduated_percentage", "tiered_with_minimum"]),
  tier: z.number().int().positive(),
  from: amountTextSchema,
  upTo: amountTextSchema.nullable(),
  quantity: amountTextSchema,
  unitPrice: amountTextSchema,
  amount: amountTextSchema,
});

/** How a meter computed its quantity when it did more than add up (windows, percentiles, …). */
const computationSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("windows"),
    size: z.string(),
    inner: z.string(),
    outer: z.string(),
    windows: z.number().int().nonnegative(),
    emptyWindows: z.number().int().nonnegative(),
    perSecond: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal("percentile"),
    size: z.string(),
    inner: z.string(),
    rank: amountTextSchema,
    samples: z.number().int().nonnegative(),
    discarded: z.number().int().nonnegative(),
    discardRounding: z.string(),
    perSecond: z.boolean(),
    direction: z.strictObject({ combine: z.string(), billed: z.string() }).optional(),
  }),
  z.strictObject({
    kind: z.literal("entities"),
    entities: z.number().int().nonnegative(),
    divideBy: nullableAmountTextSchema,
    round: z.string(),
    cap: nullableAmountTextSchema,
    capped: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal("weighted"),
    openingLevel: amountTextSchema,
    closingLevel: amountTextSchema,
    per: z.string(),
    points: z.number().int().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal("persistent"),
    carriedIn: amountTextSchema,
    inPeriod: amountTextSchema,
    carriedOut: amountTextSchema,
  }),
]);
export type ComputationData = z.output<typeof computationSchema>;

/**
 * One step of a line's breakdown: the data `explain` turns into words. Steps that carry money
 * (price steps, minimum/maximum adjustments) add up exactly to the line's unrounded amount, with the
 * proration step replacing the running amount by its prorated value; the rounding step gives the
 * line amount. docs/invoice-format.md lists every kind.
 */
export const stepSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("usage"),
    meter: z.string(),
    aggregation: z.string(),
    events: z.number().int().nonnegative(),
    quantity: amountTextSchema,
    /** The meter's unit (the line's `unit` is the billable quantity's, which a transform may change). */
    unit: z.string().optional(),
    computation: computationSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("override"),
    /** The contract override that changed the price this line is rated with. */
    override: z.string(),
    /** For an override of some groups only: the dimension values it matched. */
    where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Every money amount of the price was multiplied by this. */
    multiplier: amountTextSchema.optional(),
    /** The price was replaced by the override's. */
    replaced: z.literal(true).optional(),
  }),
  z.strictObject({
    kind: z.literal("billable_quantity"),
    measured: amountTextSchema,
    divideBy: nullableAmountTextSchema,
    included: nullableAmountTextSchema,
    round: z.enum(["up", "down", "none"]),
    billable: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("allowance"),
    /** The allowance pool's id. */
    pool: z.string(),
    /** What was left in the pool when this line drew (docs/contracts.md, step 1). */
    available: amountTextSchema,
    drawn: amountTextSchema,
    /** The billable quantity after the draw: the line's quantity. */
    quantity: amountTextSchema,
  }),
  z.strictObject({ kind: z.literal("flat"), amount: amountTextSchema }),
  z.strictObject({
    kind: z.literal("unit"),
    quantity: amountTextSchema,
    unitPrice: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("package"),
    quantity: amountTextSchema,
    packageSize: amountTextSchema,
    partialPackage: z.enum(["round_up", "round_down"]),
    packages: amountTextSchema,
    packagePrice: amountTextSchema,
    amount: amountTextSchema,
  }),
  tierStep,
  z.strictObject({
    kind: z.literal("tier_package"),
    mode: z.enum(["graduated", "volume"]),
    tier: z.number().int().positive(),
    from: amountTextSchema,
    upTo: nullableAmountTextSchema,
    quantity: amountTextSchema,
    packageSize: amountTextSchema,
    packages: amountTextSchema,
    packagePrice: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("tier_flat_fee"),
    tier: z.number().int().positive(),
    zeroUsage: z.boolean(),
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("tier_minimum"),
    tier: z.number().int().positive(),
    minimum: amountTextSchema,
    before: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("percentage"),
    events: z.number().int().nonnegative(),
    /** Transactions with a negative value (refunds): charged nothing, left out of `total`. */
    refunds: z.number().int().nonnegative(),
    freeEvents: z.number().int().nonnegative(),
    total: amountTextSchema,
    free: amountTextSchema,
    rate: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("fixed_fees"),
    events: z.number().int().nonnegative(),
    fixedFee: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("per_event_limit"),
    limit: z.enum(["minimum", "maximum"]),
    events: z.number().int().positive(),
    perEvent: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("threshold"),
    band: z.number().int().positive(),
    from: amountTextSchema,
    upTo: nullableAmountTextSchema,
    quantity: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("capacity"),
    tier: z.number().int().positive(),
    limits: z.array(z.strictObject({ meter: z.string(), quantity: amountTextSchema, max: amountTextSchema })),
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("dynamic"),
    eventAmounts: amountTextSchema,
    multiplier: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("proration"),
    basis: z.enum(["second", "day"]),
    elapsed: amountTextSchema,
    total: amountTextSchema,
    before: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    /** A quantity fixed by the contract (seats, licences) priced instead of a meter's. */
    kind: z.literal("contract_quantity"),
    quantity: amountTextSchema,
  }),
  z.strictObject({
    /** The fee is free until the trial ends; the proration step that follows bills the time after it. */
    kind: z.literal("trial"),
    ends: z.string(),
  }),
  z.strictObject({
    /** Credit for the part of a fee billed in advance that the change at `from` left unused. */
    kind: z.literal("unused_time"),
    from: z.string(),
    to: z.string(),
    before: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("line_limit"),
    /** `zero_floor`: a charge that is not a credit never bills a negative amount. */
    limit: z.enum(["minimum", "maximum", "zero_floor"]),
    /** The line's minimum or maximum for this line's period (prorated on a partial period). */
    value: amountTextSchema,
    before: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("commitment_true_up"),
    commitment: z.string(),
    /** The minimum for this invoice's period (prorated on a partial one). */
    minimum: amountTextSchema,
    spend: amountTextSchema,
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("commitment_overage"),
    commitment: z.string(),
    /** The minimum for this invoice's period (prorated on a partial one). */
    minimum: amountTextSchema,
    spend: amountTextSchema,
    /** Spend above the minimum: spend − minimum. */
    excess: amountTextSchema,
    /** The overage factor: the excess is billed at this many times its price. */
    factor: amountTextSchema,
    /** excess × (factor − 1), exact (the rounding step after it gives the line amount). */
    amount: amountTextSchema,
  }),
  z.strictObject({
    kind: z.literal("rounding"),
    mode: z.string(),
    minorUnits: z.number().int().nonnegative(),
    before: amountTextSchema,
    amount: amountTextSchema,
  }),
]);
export type Step = z.output<typeof stepSchema>;
export type PriceStep = Exclude<
  Step,
  {
    kind:
      | "usage"
      | "override"
      | "billable_quantity"
      | "proration"
      | "line_limit"
      | "rounding"
      | "commitment_true_up"
      | "contract_quantity"
      | "trial"
      | "unused_time"
      | "allowance"
      | "commitment_overage";
  }
>;

const periodOut = z.strictObject({ start: z.string(), end: z.string() });

/**
 * What kind of price rated a line, in its own field so that `unitPrice` stays a number: `unit` (one
 * price per unit, given in `unitPrice`), `flat`, `package`, `tiered` (graduated, volume, tiered_package,
 * tiered_with_minimum), `percentage` (percentage, graduated_percentage), `threshold`, `capacity`,
 * `dynamic`; `true_up` and `overage` on a commitment's lines.
 */
export const PRICE_KINDS = [
  "unit",
  "flat",
  "package",
  "tiered",
  "percentage",
  "threshold",
  "capacity",
  "dynamic",
  "true_up",
  "overage",
] as const;
export type PriceKind = (typeof PRICE_KINDS)[number];

export const invoiceLineSchema = z.strictObject({
  id: z.string(),
  chargeId: z.string(),
  name: z.string(),
  model: z.string(),
  /** For grouped and matrix prices: the event property values this line prices. */
  group: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  period: periodOut,
  quantity: amountTextSchema,
  unit: z.string().optional(),
  /** The kind of price that rated the line; `unitPrice` is present only for `unit`. */
  priceKind: z.enum(PRICE_KINDS),
  /** The price of one unit, for a line rated at a single unit price (`priceKind` `unit`); absent otherwise. */
  unitPrice: amountTextSchema.optional(),
  amount: amountTextSchema,
  /** `in_advance`: a fee billed before the period it covers (its `period`), or a change to one. */
  billed: z.literal("in_advance").optional(),
  steps: z.array(stepSchema),
  /** Discounts taken off the line after its amount (docs/contracts.md steps 5–6), each a negative amount. */
  adjustments: z
    .array(
      z.strictObject({
        kind: z.enum(["discount", "commitment_cap", "credit"]),
        source: z.string(),
        amount: amountTextSchema,
      }),
    )
    .optional(),
  /** The line's amount after its adjustments: what tax is computed on. Present only with adjustments. */
  net: amountTextSchema.optional(),
});
export type InvoiceLine = z.output<typeof invoiceLineSchema>;

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
  "filtered_out",
  "invalid_value",
] as const;

export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

const exclusionSchema = z.strictObject({
  reason: z.enum(EXCLUSION_REASONS),
  events: z.number().int().positive(),
  /** Up to five of the excluded event ids, the smallest first (so the sample never depends on event order). */
  sampleIds: z.array(z.string()),
});
export type UsageExclusion = z.output<typeof exclusionSchema>;

const carriedStateSchema = z.strictObject({
  total: amountTextSchema.optional(),
  level: amountTextSchema.optional(),
  active: z.array(z.string()).optional(),
});

/** Carried meter states by meter id: a previous invoice's `usage.carryOut`. */
export const carriedStatesSchema = z.record(z.string(), carriedStateSchema);

export const usageReportSchema = z.strictObject({
  eventsRead: z.number().int().nonnegative(),
  eventsCounted: z.number().int().nonnegative(),
  excluded: z.array(exclusionSchema),
  meters: z.array(
    z.strictObject({
      meter: z.string(),
      aggregation: z.string(),
      events: z.number().int().nonnegative(),
      quantity: amountTextSchema,
      unit: z.string().optional(),
      /** The quantity per local day (sum and count meters), when rating was asked for it. */
      daily: z.array(z.strictObject({ date: z.string(), quantity: amountTextSchema })).optional(),
    }),
  ),
  /** What the next period's rating takes as `carried`: persistent totals, levels, active values. */
  carryOut: z.record(z.string(), carriedStateSchema).optional(),
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
});
export type AppliedAllowance = z.output<typeof appliedAllowanceSchema>;

/** A discount as applied: its base, its (negative) amount and how that amount was spread over lines. */
export const appliedDiscountSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  percent: amountTextSchema.optional(),
  /** The discount's fixed amount for this invoice, after proration, before it was capped at the base. */
  fixed: amountTextSchema.optional(),
  /**
   * Present when the discount's from/until covers only part of the invoice's period: that part, and the
   * ratio that scaled the discount (of the invoice's period for a percentage, of the billing period for
   * a fixed amount), by the contract's proration basis.
   */
  inForce: z
    .strictObject({
      start: z.string(),
      end: z.string(),
      basis: z.enum(["second", "day"]),
      elapsed: amountTextSchema,
      total: amountTextSchema,
    })
    .optional(),
  base: amountTextSchema,
  amount: amountTextSchema,
  allocation: z.array(z.strictObject({ line: z.string(), amount: amountTextSchema })),
});
export type AppliedDiscount = z.output<typeof appliedDiscountSchema>;

/** A commitment as applied to this invoice. */
export const appliedCommitmentSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  minimum: amountTextSchema.optional(),
  maximum: amountTextSchema.optional(),
  /** What the in-scope lines cost after discounts, before this commitment. */
  spend: amountTextSchema,
  trueUp: amountTextSchema.optional(),
  /** The overage line's amount: (spend − minimum) × (overageFactor − 1), rounded once. */
  overage: amountTextSchema.optional(),
  /** The excess above the maximum taken off the lines (negative), and how it was spread. */
  cap: amountTextSchema.optional(),
  allocation: z.array(z.strictObject({ line: z.string(), amount: amountTextSchema })).optional(),
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
  unit: z.string().optional(),
  /** What one `unit` is worth in the invoice currency. */
  unitValue: amountTextSchema.optional(),
  balanceBefore: amountTextSchema,
  /** The money taken off the invoice (negative, in the invoice currency). */
  applied: amountTextSchema,
  /** The units taken from the balance for `applied` (positive, in `unit`). */
  unitsUsed: amountTextSchema.optional(),
  balanceAfter: amountTextSchema,
  allocation: z.array(z.strictObject({ line: z.string(), amount: amountTextSchema })).optional(),
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
      rounded: amountTextSchema.optional(),
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
