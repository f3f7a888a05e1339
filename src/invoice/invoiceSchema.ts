import { z } from "zod";
import { CREDIT_BURN_ORDERS } from "../contracts/index.js";
import {
  amountTextSchema,
  appliedAllowanceSchema,
  appliedCommitmentSchema,
  appliedCreditSchema,
  appliedDiscountSchema,
  DIGEST_PATTERN,
  INVOICE_SCHEMA_VERSION,
  invoiceLineSchema,
  invoiceTaxSchema,
  usageReportSchema,
} from "../schema/index.js";

const digestText = z.string().regex(DIGEST_PATTERN);

/** An invoice: deterministic JSON, amounts as strings, every line with its breakdown. */
export const invoiceSchema = z.strictObject({
  schemaVersion: z.literal(INVOICE_SCHEMA_VERSION),
  id: z.string(),
  /** `opening`: the invoice issued at the term start, billing the first period's in-advance fees. */
  kind: z.literal("opening").optional(),
  contractId: z.string(),
  /** The digest of the contract it was rated from, as written (Contract.digest). */
  contractDigest: digestText,
  customer: z.strictObject({ id: z.string(), name: z.string().optional() }),
  currency: z.strictObject({ code: z.string(), minorUnits: z.number().int().nonnegative() }),
  period: z.strictObject({ start: z.string(), end: z.string(), timeZone: z.string(), label: z.string() }),
  rounding: z.strictObject({ mode: z.string(), point: z.literal("line") }),
  lines: z.array(invoiceLineSchema),
  /** Only when the contract has allowance pools (docs/contracts.md, step 1). */
  allowances: z.array(appliedAllowanceSchema).optional(),
  subtotal: amountTextSchema,
  discounts: z.array(appliedDiscountSchema).optional(),
  commitments: z.array(appliedCommitmentSchema).optional(),
  /** The contract's burn order the `credits` were applied in; present with `credits`. */
  creditBurnOrder: z.enum(CREDIT_BURN_ORDERS).optional(),
  credits: z.array(appliedCreditSchema).optional(),
  tax: invoiceTaxSchema.optional(),
  total: amountTextSchema,
  /** The total less credits used after tax; present only when such credits applied. */
  amountDue: amountTextSchema.optional(),
  usage: usageReportSchema,
  warnings: z.array(z.string()),
  metadata: z.record(z.string(), z.string()).optional(),
  /** SHA-256 over the canonical JSON of every other field (docs/invoice-format.md, "Digests"). */
  digest: digestText,
});
export type Invoice = z.output<typeof invoiceSchema>;
