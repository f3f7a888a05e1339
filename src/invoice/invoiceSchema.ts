import * as z from "zod/mini";
import { CREDIT_BURN_ORDERS } from "../contracts/index.js";
import type { WarningCode } from "../errors/index.js";
import {
  MODEL_PRICE_KINDS,
  type ModelPriceKind,
  type PriceStep,
  priceStepSchemas,
} from "../pricing/index.js";
import {
  allowanceStepSchema,
  amountTextSchema,
  appliedAllowanceSchema,
  appliedCommitmentSchema,
  appliedCreditSchema,
  appliedDiscountSchema,
  billableQuantityStepSchema,
  billedEarlierStepSchema,
  COMMITMENT_PRICE_KINDS,
  type CommonStep,
  commitmentOverageStepSchema,
  commitmentTrueUpStepSchema,
  contractQuantityStepSchema,
  DIGEST_PATTERN,
  fullQuantityTiersStepSchema,
  groupShareStepSchema,
  groupTotalStepSchema,
  INVOICE_SCHEMA_VERSION,
  invoiceTaxSchema,
  type LineOf,
  lineLimitStepSchema,
  lineSchemaOf,
  overrideStepSchema,
  prorationStepSchema,
  roundingStepSchema,
  type TermStep,
  trialStepSchema,
  unusedTimeDiscountStepSchema,
  unusedTimeStepSchema,
  usageReportSchema,
  usageStepSchema,
  windowPricingStepSchema,
} from "../schema/index.js";
import { invoicePreviewSchema } from "./previewSchema.js";
import { invoiceProgressiveSchema } from "./progressiveSchema.js";

/**
 * One step of a line's breakdown: the data `explain` turns into words. Steps that carry money
 * (price steps, minimum/maximum adjustments) add up exactly to the line's unrounded amount, with the
 * proration step replacing the running amount by its prorated value; the rounding step gives the
 * line amount. docs/invoice-format.md lists every kind.
 */
export type Step = CommonStep | TermStep | PriceStep;

/**
 * The schema of every step kind, in the order a line's breakdown runs: what was measured, the price
 * as overridden, the billable quantity and the pool's draw, the price model's steps (every registered
 * model's, from the registry), then proration, fees, limits, commitments and rounding.
 */
export const stepSchema = z.discriminatedUnion("kind", [
  usageStepSchema,
  groupTotalStepSchema,
  overrideStepSchema,
  billableQuantityStepSchema,
  allowanceStepSchema,
  ...priceStepSchemas,
  windowPricingStepSchema,
  fullQuantityTiersStepSchema,
  prorationStepSchema,
  contractQuantityStepSchema,
  trialStepSchema,
  unusedTimeStepSchema,
  unusedTimeDiscountStepSchema,
  lineLimitStepSchema,
  groupShareStepSchema,
  commitmentTrueUpStepSchema,
  commitmentOverageStepSchema,
  roundingStepSchema,
  billedEarlierStepSchema,
]) as unknown as z.ZodMiniType<Step>;

/**
 * What kind of price rated a line, in its own field so that `unitPrice` stays a number: the kind each
 * registered model declares (`unit`, one price per unit given in `unitPrice`; `tiered`; …), then
 * `true_up` and `overage` on a commitment's lines.
 */
export const PRICE_KINDS = [...MODEL_PRICE_KINDS, ...COMMITMENT_PRICE_KINDS] as const;
export type PriceKind = ModelPriceKind | (typeof COMMITMENT_PRICE_KINDS)[number];

/** An invoice line: the line shape of schema/line.ts around every step kind and price kind. */
export const invoiceLineSchema = lineSchemaOf({
  step: stepSchema,
  priceKind: z.enum(PRICE_KINDS as unknown as [PriceKind, ...PriceKind[]]),
});
export type InvoiceLine = LineOf<Step, PriceKind>;

const digestText = z.string().check(z.regex(DIGEST_PATTERN));

// A warning as data: which situation, where in the contract, the charge, the facts, the sentence. One
// shape per code, so each code's facts are checked and listed in the JSON Schema (docs/invoice-format.md).
const noticeOf = <C extends WarningCode, D extends z.core.$ZodShape>(code: C, details: D) =>
  z.strictObject({
    code: z.literal(code),
    path: z.string(),
    chargeId: z.optional(z.string()),
    details: z.strictObject(details),
    message: z.string(),
  });
const text = z.string();

/** A warning of an invoice as data (`notices[]`), one shape per {@link WarningCode}. */
export const noticeSchema = z.discriminatedUnion("code", [
  noticeOf("unpriced_usage", { group: text, quantity: text, unit: z.optional(text), events: z.number() }),
  noticeOf("negative_amount_floored", { amount: text, currency: text }),
  noticeOf("running_total_repriced", { from: text, meter: text, period: text }),
  noticeOf("whole_fee_repriced", { from: text, period: text }),
  noticeOf("running_total_unbilled", {
    meter: text,
    change: z.enum(["ends", "no_longer_reads"]),
    date: text,
    period: text,
  }),
  noticeOf("event_ids_shared", { customer: text, ids: z.number(), sampleIds: z.array(text) }),
  noticeOf("above_last_tier_extended", {
    group: z.optional(text),
    quantity: text,
    upTo: text,
    above: text,
    window: z.optional(text),
  }),
  noticeOf("events_without_entity", { meter: text, property: text, events: z.number() }),
  noticeOf("carried_state_missing", {
    meter: text,
    carries: z.enum(["total", "active", "level"]),
    contractStart: text,
    periodStart: text,
  }),
  noticeOf("cumulative_minimum_unsettled", {
    commitment: text,
    minimum: text,
    until: text,
    termEnd: text,
    unsettled: text,
    currency: text,
  }),
]);
export type Notice = z.output<typeof noticeSchema>;

/** An invoice: deterministic JSON, amounts as strings, every line with its breakdown. */
export const invoiceSchema = z.strictObject({
  schemaVersion: z.literal(INVOICE_SCHEMA_VERSION),
  id: z.string(),
  /** `opening`: the invoice issued at the term start, billing the first period's in-advance fees. */
  kind: z.optional(z.literal("opening")),
  /** Present only on a preview of an open period: not an invoice to issue (docs/preview.md). */
  preview: z.optional(invoicePreviewSchema),
  /** Present only on an invoice of a progressive sequence (docs/progressive-billing.md). */
  progressive: z.optional(invoiceProgressiveSchema),
  contractId: z.string(),
  /** The digest of the contract it was rated from, as written (Contract.digest). */
  contractDigest: digestText,
  customer: z.strictObject({ id: z.string(), name: z.optional(z.string()) }),
  currency: z.strictObject({ code: z.string(), minorUnits: z.number().check(z.int(), z.nonnegative()) }),
  period: z.strictObject({ start: z.string(), end: z.string(), timeZone: z.string(), label: z.string() }),
  /** On the invoice whose period the contract's cancellation ends: when it was requested and took effect. */
  cancellation: z.optional(z.strictObject({ requested: z.string(), effective: z.string() })),
  /**
   * `lineDecimals`, `total` and `amountDue` only when the contract keeps lines finer than the currency
   * (`rounding.lineDecimals`): the rounding of the total (and amount due) to the currency's minor units.
   */
  rounding: z.strictObject({
    mode: z.string(),
    point: z.literal("line"),
    lineDecimals: z.optional(z.number().check(z.int(), z.nonnegative())),
    total: z.optional(
      z.strictObject({
        minorUnits: z.number().check(z.int(), z.nonnegative()),
        before: amountTextSchema,
        adjustment: amountTextSchema,
      }),
    ),
    amountDue: z.optional(z.strictObject({ before: amountTextSchema, adjustment: amountTextSchema })),
  }),
  lines: z.array(invoiceLineSchema),
  /** Only when the contract has allowance pools (docs/contracts.md, step 1). */
  allowances: z.optional(z.array(appliedAllowanceSchema)),
  subtotal: amountTextSchema,
  discounts: z.optional(z.array(appliedDiscountSchema)),
  commitments: z.optional(z.array(appliedCommitmentSchema)),
  /** The contract's burn order the `credits` were applied in; present with `credits`. */
  creditBurnOrder: z.optional(z.enum(CREDIT_BURN_ORDERS)),
  credits: z.optional(z.array(appliedCreditSchema)),
  tax: z.optional(invoiceTaxSchema),
  total: amountTextSchema,
  /** The total less credits used after tax; present only when such credits applied. */
  amountDue: z.optional(amountTextSchema),
  usage: usageReportSchema,
  warnings: z.array(z.string()),
  /** The same warnings as data, in the same order; present only when there are any (docs/invoice-format.md). */
  notices: z.optional(z.array(noticeSchema)),
  metadata: z.optional(z.record(z.string(), z.string())),
  /** SHA-256 over the canonical JSON of every other field (docs/invoice-format.md, "Digests"). */
  digest: digestText,
});
export type Invoice = z.output<typeof invoiceSchema>;
