import * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import {
  idSchema,
  issueOf,
  localDateSchema,
  nonNegativeUnitPriceSchema,
  positiveMoneyAmountSchema,
  positiveUnitPriceSchema,
} from "../../../schema/index.js";
import { chargeSelectorFields } from "../../charge/chargeSelectors.js";

/**
 * The named orders credit grants burn in (docs/contracts.md, step 8, "Burn order"). Each is a list of
 * sort keys, the first that differs decides; the grant id breaks the last tie:
 * - `priority` (default): priority (lower first), soonest expiry, oldest, id — OpenMeter, Stripe;
 * - `expiry`: grants scoped to some charges first, soonest expiry, lower cost basis, priority, oldest,
 *   id — Orb;
 * - `narrowest`: priority, zero-cost grants first, fewest applicable charges, soonest expiry, oldest,
 *   id — Metronome.
 */
export const CREDIT_BURN_ORDERS = ["priority", "expiry", "narrowest"] as const;
/** A named burn order, one of {@link CREDIT_BURN_ORDERS}. */
export type CreditBurnOrder = (typeof CREDIT_BURN_ORDERS)[number];

export const creditBurnOrderSchema = z
  .enum(CREDIT_BURN_ORDERS)
  .check(
    z.describe(
      'The order credit grants burn in (docs/contracts.md, step 8). "priority" (default): priority, soonest expiry, oldest, id. "expiry": grants scoped to some charges first, soonest expiry, lower cost basis, priority, oldest, id (Orb). "narrowest": priority, zero-cost grants first, fewest applicable charges, soonest expiry, oldest, id (Metronome).',
    ),
  );

/**
 * A credit grant: money the customer can spend on the invoice. `promotional` credits and prepaid
 * credits taxed when they were bought (`taxed: "at_purchase"`) reduce the amount tax is charged on;
 * prepaid credits taxed when used (`taxed: "at_use"`, like a wallet or a customer balance) pay the
 * invoice after tax. Grants burn in the contract's `creditBurnOrder` (default: priority, soonest
 * expiry, oldest, then id). A grant may hold a custom unit (`unit`, worth `unitValue` each in the
 * invoice currency) instead of money. docs/contracts.md, steps 8 and 11.
 */
export const creditGrantSchema = z
  .strictObject({
    id: idSchema,
    name: z.string().check(z.minLength(1, { message: "must not be empty" })),
    kind: z.enum(["promotional", "prepaid"]),
    taxed: z.optional(z.enum(["at_purchase", "at_use"])),
    amount: positiveMoneyAmountSchema.check(
      z.describe("What the grant holds: money in the invoice currency, or units of `unit` when it has one."),
    ),
    unit: z
      .optional(z.string())
      .check(
        z.describe(
          'A custom unit the grant is kept in (declared under customUnits, e.g. "CREDIT"); amount and balances are in it.',
        ),
      ),
    unitValue: z
      .optional(positiveUnitPriceSchema)
      .check(
        z.describe(
          'What one unit of `unit` is worth in the invoice currency: "0.01" when 1 CREDIT pays 0.01 USD.',
        ),
      ),
    costBasis: z
      .optional(nonNegativeUnitPriceSchema)
      .check(
        z.describe(
          "Prepaid only: what the customer paid for one unit of the grant (one unit of money, or of `unit`), in the invoice currency, e.g. 0.85 when 10,000.00 of credit cost 8,500.00. Orders burns (lower cost first in the expiry order, zero cost first in the narrowest); never changes an amount. Default: face value.",
        ),
      ),
    priority: z.optional(z.number().check(z.int(), z.nonnegative())),
    effective: z.optional(localDateSchema),
    expires: z.optional(localDateSchema),
    charges: z.optional(z.array(idSchema).check(z.minLength(1))),
    ...chargeSelectorFields,
    /** The amount is granted afresh every billing period and unused credit does not roll over. */
    recurring: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((grant, ctx) => {
      if (grant.kind === "prepaid" && grant.taxed === undefined)
        ctx.addIssue(issueOf(contractMessages.prepaidCreditTaxedMissing(), ["taxed"]));
      if (grant.kind === "promotional" && grant.taxed !== undefined)
        ctx.addIssue(issueOf(contractMessages.promotionalCreditTaxed(), ["taxed"]));
      if (grant.kind === "promotional" && grant.costBasis !== undefined)
        ctx.addIssue(issueOf(contractMessages.promotionalCreditCostBasis(), ["costBasis"]));
      if (grant.unit !== undefined && grant.unitValue === undefined)
        ctx.addIssue(issueOf(contractMessages.grantUnitValueMissing(grant.unit), ["unitValue"]));
      if (grant.unit === undefined && grant.unitValue !== undefined)
        ctx.addIssue(issueOf(contractMessages.unitValueWithoutUnit(), ["unit"]));
      if (grant.taxed === "at_use")
        for (const key of ["charges", "chargesMatching", "chargeTags"] as const)
          if (grant[key] !== undefined) ctx.addIssue(issueOf(contractMessages.afterTaxCreditScoped(), [key]));
      if (grant.recurring === true && grant.kind !== "promotional")
        ctx.addIssue(issueOf(contractMessages.prepaidCreditRecurring(), ["recurring"]));
      if (grant.effective !== undefined && grant.expires !== undefined && grant.expires <= grant.effective)
        ctx.addIssue(issueOf(contractMessages.endNotAfterStart("effective"), ["expires"]));
    }),
  );
export type CreditGrantTerms = z.output<typeof creditGrantSchema>;
