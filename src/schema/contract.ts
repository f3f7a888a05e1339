import { z } from "zod";
import { isIsoCurrency, ROUNDING_MODES } from "../money/index.js";
import {
  isValidTimeZone,
  type LocalDate,
  parseLocalDate,
  safeParseInstant,
  standardTimeZoneName,
} from "../time/index.js";
import { meterSchema } from "./meter.js";
import { priceSchema } from "./price.js";
import { idSchema, ratecardIssue, roundingModeSchema } from "./primitives.js";

/** The contract format version this build reads. See docs/decisions/versioning.md. */
export const CONTRACT_SCHEMA_VERSION = 1;

const customUnitSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/, { message: "must be 2–16 capital letters, digits or _" }),
  minorUnits: z.number().int().min(0).max(12),
});

/** Where a term starts or ends: a calendar date (local midnight in the contract's zone) or an instant. */
export type TermBoundary = { readonly date: LocalDate } | { readonly instant: number };

/** A date (`2026-01-01`, local midnight in the contract's zone) or an instant with an offset. */
const termBoundarySchema = z
  .string({ error: 'expected a date such as "2026-01-01" or a timestamp with an offset' })
  .transform((text, ctx): TermBoundary => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      const date = parseLocalDate(text);
      if (date) return { date };
      ctx.addIssue(ratecardIssue("invalid_field", `"${text}" is not a real calendar date`));
      return z.NEVER;
    }
    const instant = safeParseInstant(text);
    if (instant.success) return { instant: instant.data };
    ctx.addIssue(ratecardIssue("invalid_instant", instant.reason));
    return z.NEVER;
  })
  .meta({
    description:
      'A date such as "2026-01-01" (local midnight in the contract\'s zone) or a timestamp with an offset.',
  });

const chargeSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1, { message: "must not be empty" }),
  meter: idSchema
    .optional()
    .meta({ description: "The meter whose quantity is priced; not used by flat prices." }),
  price: priceSchema,
});
export type ChargeTerms = z.output<typeof chargeSchema>;

const billingSchema = z.strictObject({
  cadence: z.enum(["daily", "weekly", "monthly", "quarterly", "annual"]),
  alignment: z.enum(["calendar", "anniversary"]).optional(),
  anchorDay: z.number().int().min(1).max(31).optional(),
  anchorMonth: z.number().int().min(1).max(12).optional(),
  proration: z
    .enum(["second", "day"])
    .optional()
    .meta({ description: "How a partial period is measured: exact seconds (default) or whole local days." }),
});

/** A customer contract: who, in what currency and zone, billed how often, for which charges. */
export const contractSchema = z
  .strictObject({
    schemaVersion: z
      .number({ error: `expected the number ${CONTRACT_SCHEMA_VERSION}` })
      .superRefine((version, ctx) => {
        if (version !== CONTRACT_SCHEMA_VERSION)
          ctx.addIssue(
            ratecardIssue(
              "unsupported_version",
              `is ${version}, but this version of ratecard reads contract format ${CONTRACT_SCHEMA_VERSION} only`,
            ),
          );
      })
      .meta({ const: CONTRACT_SCHEMA_VERSION, description: "The contract format version." }),
    id: idSchema,
    customer: z.strictObject({ id: idSchema, name: z.string().optional() }),
    currency: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{1,15}$/, { message: 'must be a currency code such as "USD"' }),
    customUnits: z.array(customUnitSchema).optional(),
    timeZone: z.string().min(1),
    billing: billingSchema,
    term: z.strictObject({ start: termBoundarySchema, end: termBoundarySchema.optional() }),
    rounding: z
      .strictObject({ mode: roundingModeSchema })
      .optional()
      .meta({
        description: `Rounding of each line to minor units: ${ROUNDING_MODES.join(", ")} (default half_even).`,
      }),
    meters: z.array(meterSchema),
    charges: z.array(chargeSchema).min(1, { message: "must list at least one charge" }),
    metadata: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "Passed through to the invoice unchanged: PO number, billing entity, …" }),
  })
  .superRefine((contract, ctx) => {
    (contract.customUnits ?? []).forEach((unit, index) => {
      if (isIsoCurrency(unit.code))
        ctx.addIssue(
          ratecardIssue(
            "invalid_custom_unit",
            `"${unit.code}" is an ISO 4217 currency; a custom unit needs a code of its own (e.g. "CREDIT")`,
            ["customUnits", index, "code"],
          ),
        );
    });
    const customCodes = new Set((contract.customUnits ?? []).map((unit) => unit.code));
    if (!isIsoCurrency(contract.currency) && !customCodes.has(contract.currency)) {
      ctx.addIssue(
        ratecardIssue(
          "unknown_currency",
          `"${contract.currency}" is not an ISO 4217 currency code; declare it under customUnits if it is a unit of your own`,
          ["currency"],
        ),
      );
    }
    const zoneProblem = timeZoneProblem(contract.timeZone);
    if (zoneProblem !== undefined)
      ctx.addIssue(ratecardIssue("invalid_time_zone", zoneProblem, ["timeZone"]));
    const { billing } = contract;
    if (billing.alignment === "anniversary") {
      for (const key of ["anchorDay", "anchorMonth"] as const) {
        if (billing[key] !== undefined)
          ctx.addIssue(
            ratecardIssue(
              "anchor_not_allowed",
              `anniversary billing follows the term start date; remove ${key} or use calendar alignment`,
              ["billing", key],
            ),
          );
      }
    }
    reportDuplicateIds(ctx, contract.meters, "meters");
    reportDuplicateIds(ctx, contract.charges, "charges");
    const meterIds = new Set(contract.meters.map((meter) => meter.id));
    contract.charges.forEach((charge, index) => {
      if (charge.price.model === "flat") {
        if (charge.meter !== undefined)
          ctx.addIssue(
            ratecardIssue("invalid_field", "a flat price does not depend on usage; remove meter", [
              "charges",
              index,
              "meter",
            ]),
          );
        return;
      }
      if (charge.meter === undefined) {
        ctx.addIssue(
          ratecardIssue(
            "missing_field",
            `a ${charge.price.model} price needs a meter to measure the quantity`,
            ["charges", index, "meter"],
          ),
        );
      } else if (!meterIds.has(charge.meter)) {
        ctx.addIssue(
          ratecardIssue(
            "unknown_meter",
            `no meter has id "${charge.meter}"; known meters: ${[...meterIds].join(", ") || "none"}`,
            ["charges", index, "meter"],
          ),
        );
      }
    });
  });

/** The contract as written in JSON (decimals as strings, dates as text). */
export type ContractInput = z.input<typeof contractSchema>;
/** The contract after parsing: decimals are Decimal, everything validated. */
export type ParsedContractTerms = z.output<typeof contractSchema>;

function reportDuplicateIds(
  ctx: z.RefinementCtx,
  items: ReadonlyArray<{ readonly id: string }>,
  field: "meters" | "charges",
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      ctx.addIssue(
        ratecardIssue("duplicate_id", `repeats id "${item.id}" already used by ${field}[${first}]`, [
          field,
          index,
          "id",
        ]),
      );
    } else seen.set(item.id, index);
  });
}

// Zone names are matched without regard to case by the runtime, but a contract should carry the
// standard spelling so that every tool reading it agrees.
function timeZoneProblem(zone: string): string | undefined {
  if (!isValidTimeZone(zone))
    return `"${zone}" is not an IANA time zone name such as "America/New_York" or "UTC"`;
  const standard = standardTimeZoneName(zone);
  if (standard !== zone && standard.toLowerCase() === zone.toLowerCase())
    return `"${zone}" must be written "${standard}", the standard spelling of that time zone`;
  return undefined;
}
