import * as z from "zod/mini";
import { contractMessages, type ErrorMessage } from "../errors/index.js";
import { isIsoCurrency, ROUNDING_MODES } from "../money/index.js";
import { idSchema, issueOf, meterSchema, roundingModeSchema } from "../schema/index.js";
import { PRORATION_BASES, timeZoneSpellingProblem } from "../time/index.js";
import { chargeSchema } from "./charge/chargeSchema.js";
import { checkChargeSelectors, definedChargesOf } from "./charge/chargeSelectors.js";
import { checkCharge, checkEventValueMeter, checkGroupedMeter } from "./charge/checkCharge.js";
import { checkTiersBy } from "./charge/checkTiersBy.js";
import { checkTransformScope } from "./charge/checkTransformScope.js";
import { checkWindowPricing, pooledCharges } from "./charge/checkWindowPricing.js";
import { currencyMinorUnits } from "./currencyMinorUnits.js";
import { priceBookReferenceSchema } from "./priceBooks/schema.js";
import { termBoundarySchema } from "./termBoundary.js";
import { checkAllowances } from "./terms/allowances/checks.js";
import { allowanceSchema } from "./terms/allowances/schema.js";
import { checkAmendments } from "./terms/amendments/checks.js";
import { amendmentSchema } from "./terms/amendments/schema.js";
import { cancellationSchema } from "./terms/cancellation/schema.js";
import { checkCommitments } from "./terms/commitments/checks.js";
import { commitmentSchema } from "./terms/commitments/schema.js";
import { checkCredits } from "./terms/credits/checks.js";
import { creditBurnOrderSchema, creditGrantSchema } from "./terms/credits/schema.js";
import { checkDiscounts } from "./terms/discounts/checks.js";
import { discountSchema } from "./terms/discounts/schema.js";
import { trialSchema } from "./terms/fees/schema.js";
import { lateUsageSchema } from "./terms/lateUsage/schema.js";
import { checkOverrides } from "./terms/overrides/checks.js";
import { overrideSchema } from "./terms/overrides/schema.js";
import { checkTax } from "./terms/tax/checks.js";
import { taxSchema } from "./terms/tax/schema.js";

export type { ChargeTerms, TransformTerms } from "./charge/chargeSchema.js";
export { NOT_MONEY } from "./charge/decimalsIn.js";
export type { TermBoundary } from "./termBoundary.js";

/** The contract format version this build reads. See docs/decisions/versioning.md. */
export const CONTRACT_SCHEMA_VERSION = 1;

const customUnitSchema = z.strictObject({
  code: z
    .string()
    .check(z.regex(/^[A-Z][A-Z0-9_]{1,15}$/, { message: "must be 2–16 capital letters, digits or _" })),
  minorUnits: z.number().check(z.int(), z.gte(0), z.lte(12)),
});

const billingSchema = z.strictObject({
  cadence: z.enum(["daily", "weekly", "monthly", "quarterly", "annual"]),
  alignment: z.optional(z.enum(["calendar", "anniversary"])),
  anchorDay: z.optional(z.number().check(z.int(), z.gte(1), z.lte(31))),
  anchorMonth: z.optional(z.number().check(z.int(), z.gte(1), z.lte(12))),
  proration: z
    .optional(z.enum(PRORATION_BASES))
    .check(
      z.describe(
        'How a partial period is measured: exact seconds (default), whole local days, or days of fixed 30-day months ("month_30_days", Kill Bill\'s fixed-days proration; monthly, quarterly and annual billing only).',
      ),
    ),
});

/**
 * The anchors a calendar cadence does not read: days and weeks start at midnight and on Mondays, and
 * months on `anchorDay` of every month.
 */
function anchorsWithoutEffect(cadence: string): ReadonlyArray<"anchorDay" | "anchorMonth"> {
  if (cadence === "daily" || cadence === "weekly") return ["anchorDay", "anchorMonth"];
  return cadence === "monthly" ? ["anchorMonth"] : [];
}

/** A customer contract: who, in what currency and zone, billed how often, for which charges. */
export const contractSchema = z
  .strictObject({
    schemaVersion: z.number({ error: `expected the number ${CONTRACT_SCHEMA_VERSION}` }).check(
      z.superRefine((version, ctx) => {
        if (version !== CONTRACT_SCHEMA_VERSION)
          ctx.addIssue(
            issueOf(contractMessages.unsupportedContractVersion(version, CONTRACT_SCHEMA_VERSION)),
          );
      }),
      z.meta({ const: CONTRACT_SCHEMA_VERSION, description: "The contract format version." }),
    ),
    id: idSchema,
    customer: z.strictObject({ id: idSchema, name: z.optional(z.string()) }),
    currency: z
      .string()
      .check(z.regex(/^[A-Z][A-Z0-9_]{1,15}$/, { message: 'must be a currency code such as "USD"' })),
    customUnits: z.optional(z.array(customUnitSchema)),
    timeZone: z.string().check(z.minLength(1)),
    billing: billingSchema,
    term: z.strictObject({ start: termBoundarySchema, end: z.optional(termBoundarySchema) }),
    rounding: z
      .optional(
        z.strictObject({
          mode: z.optional(roundingModeSchema),
          lineDecimals: z
            .optional(z.number().check(z.int(), z.minimum(0), z.maximum(12)))
            .check(
              z.describe(
                "Decimals each line is rounded to (default: the currency's minor units). More than the currency has (Azure's $0.1264 lines) keeps lines, discounts, credits and tax at that precision; the total and the amount due are then rounded to the currency's minor units, the difference shown as a rounding adjustment.",
              ),
            ),
        }),
      )
      .check(
        z.describe(`Rounding of each line to minor units: ${ROUNDING_MODES.join(", ")} (default half_even).`),
      ),
    // A list left out means none, as for every other list (docs/contracts.md#lists-left-out); the
    // digest stays that of the text as written, so `[]` and no field are two texts with one meaning.
    meters: z
      ._default(z.array(meterSchema), [])
      .check(z.describe("The meters usage is measured by; left out (or []) for a contract of fees only.")),
    priceBook: z.optional(priceBookReferenceSchema),
    charges: z
      ._default(z.array(chargeSchema), [])
      .check(
        z.describe(
          "The charges: at least one, or, for a contract that follows a price book, its own on top of the book's (left out or [] for none).",
        ),
      ),
    allowances: z
      .optional(z.array(allowanceSchema))
      .check(
        z.describe("Allowance pools: free quantities shared by several charges (docs/contracts.md, step 1)."),
      ),
    overrides: z.optional(z.array(overrideSchema)),
    amendments: z.optional(z.array(amendmentSchema)),
    trial: trialSchema,
    cancellation: cancellationSchema,
    discounts: z.optional(z.array(discountSchema)),
    commitments: z.optional(z.array(commitmentSchema)),
    credits: z.optional(z.array(creditGrantSchema)),
    creditBurnOrder: z.optional(creditBurnOrderSchema),
    tax: z.optional(taxSchema),
    lateUsage: z.optional(lateUsageSchema),
    metadata: z
      .optional(z.record(z.string(), z.string()))
      .check(z.describe("Passed through to the invoice unchanged: PO number, billing entity, …")),
  })
  .check(
    z.superRefine((contract, ctx) => {
      // A contract that follows a price book may have no charges of its own; any other lists one.
      if (contract.charges.length === 0 && contract.priceBook === undefined)
        ctx.addIssue(issueOf(contractMessages.noCharges(), ["charges"]));
      (contract.customUnits ?? []).forEach((unit, index) => {
        if (isIsoCurrency(unit.code))
          ctx.addIssue(
            issueOf(contractMessages.customUnitIsCurrency(unit.code), ["customUnits", index, "code"]),
          );
      });
      const customCodes = new Set((contract.customUnits ?? []).map((unit) => unit.code));
      if (!isIsoCurrency(contract.currency) && !customCodes.has(contract.currency)) {
        ctx.addIssue(issueOf(contractMessages.unknownContractCurrency(contract.currency), ["currency"]));
      }
      const lineDecimals = contract.rounding?.lineDecimals;
      const minorUnits = currencyMinorUnits(contract);
      if (lineDecimals !== undefined && minorUnits !== undefined && lineDecimals < minorUnits)
        ctx.addIssue(
          issueOf(contractMessages.lineDecimalsBelowCurrency(lineDecimals, contract.currency, minorUnits), [
            "rounding",
            "lineDecimals",
          ]),
        );
      const zoneProblem = timeZoneProblem(contract.timeZone);
      if (zoneProblem !== undefined) ctx.addIssue(issueOf(zoneProblem, ["timeZone"]));
      const { billing } = contract;
      if (billing.alignment === "anniversary") {
        for (const key of ["anchorDay", "anchorMonth"] as const) {
          if (billing[key] !== undefined)
            ctx.addIssue(issueOf(contractMessages.anchorWithAnniversary(key), ["billing", key]));
        }
      } else {
        for (const key of anchorsWithoutEffect(billing.cadence)) {
          if (billing[key] !== undefined)
            ctx.addIssue(issueOf(contractMessages.anchorWithCadence(key, billing.cadence), ["billing", key]));
        }
      }
      if (
        billing.proration === "month_30_days" &&
        (billing.cadence === "daily" || billing.cadence === "weekly")
      )
        ctx.addIssue(
          issueOf(contractMessages.thirtyDayMonthsNeedMonths(billing.cadence), ["billing", "proration"]),
        );
      reportDuplicateIds(ctx, contract.meters, "meters");
      reportDuplicateIds(ctx, contract.charges, "charges");
      // A commitment's id is its true-up and overage line's id; a custom unit's code decides its minor units;
      // overrides and amendments are named by id in the breakdown and the explanation.
      reportDuplicateIds(ctx, contract.commitments ?? [], "commitments");
      reportDuplicateIds(ctx, contract.overrides ?? [], "overrides");
      reportDuplicateIds(ctx, contract.amendments ?? [], "amendments");
      reportDuplicateIds(
        ctx,
        (contract.customUnits ?? []).map((unit) => ({ id: unit.code })),
        "customUnits",
        "code",
      );
      const meterIds = new Set(contract.meters.map((meter) => meter.id));
      const chargeIds = new Set(contract.charges.map((charge) => charge.id));
      const definedChargeIds = new Set([
        ...chargeIds,
        ...(contract.amendments ?? []).flatMap((a) => (a.charges ?? []).map((c) => c.id)),
      ]);
      // A term may name any charge the contract defines, an amendment's too, as its patterns and tags do.
      checkDiscounts(ctx, contract, definedChargeIds);
      checkCredits(ctx, contract, definedChargeIds);
      // Patterns and tags select among every charge the contract defines, an amendment's too.
      const definedCharges = definedChargesOf(contract);
      for (const [i, grant] of (contract.credits ?? []).entries())
        checkChargeSelectors(ctx, grant, ["credits", i], definedCharges);
      for (const [i, discount] of (contract.discounts ?? []).entries())
        checkChargeSelectors(ctx, discount, ["discounts", i], definedCharges);
      checkCommitments(ctx, contract, definedChargeIds);
      checkTax(ctx, contract, definedChargeIds);
      contract.charges.forEach((charge, index) => {
        checkCharge(ctx, charge, index, meterIds);
        checkGroupedMeter(ctx, charge, index, contract.meters);
        checkTiersBy(ctx, charge, ["charges", index], contract.meters);
        checkWindowPricing(ctx, charge, ["charges", index], contract.meters, pooledCharges(contract));
        checkTransformScope(ctx, charge, ["charges", index], pooledCharges(contract));
        checkEventValueMeter(ctx, charge, ["charges", index], contract.meters);
      });
      checkAmendments(ctx, contract, meterIds);
      checkAllowances(ctx, contract);
      checkOverrides(ctx, contract, definedChargeIds);
    }),
  );

/** The contract as written in JSON (decimals as strings, dates as text). */
export type ContractInput = z.input<typeof contractSchema>;
/** The contract after parsing: decimals are Decimal, everything validated. */
export type ParsedContractTerms = z.output<typeof contractSchema>;

function reportDuplicateIds(
  ctx: z.core.$RefinementCtx,
  items: ReadonlyArray<{ readonly id: string }>,
  field: "meters" | "charges" | "commitments" | "customUnits" | "overrides" | "amendments",
  key: "id" | "code" = "id",
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      ctx.addIssue(
        issueOf(contractMessages.repeatedId(key, item.id, `${field}[${first}]`), [field, index, key]),
      );
    } else seen.set(item.id, index);
  });
}

// Zone names are matched without regard to case by the runtime, but a contract should carry the
// standard spelling so that every tool reading it agrees.
function timeZoneProblem(zone: string): ErrorMessage | undefined {
  return timeZoneSpellingProblem(zone, contractMessages.timeZoneNotIana, contractMessages.timeZoneMisspelt);
}
