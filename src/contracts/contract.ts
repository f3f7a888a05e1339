import { z } from "zod";
import { toJsonPath } from "../errors/index.js";
import {
  boundBreach,
  boundRule,
  Decimal,
  exactProduct,
  isIsoCurrency,
  MONEY_AMOUNT,
  type NumericBound,
  RATIO,
  ROUNDING_MODES,
  resolveCurrency,
  toPlainString,
  UNIT_PRICE,
} from "../money/index.js";
import {
  dimensionValueSchema,
  modelOfPrice,
  type PriceTerms,
  priceSchema,
  pricesIn,
  type SimplePriceTerms,
} from "../pricing/index.js";
import {
  idSchema,
  localDateSchema,
  meterSchema,
  moneyAmountSchema,
  nonNegativeRatioSchema,
  quantitySchema,
  ratecardIssue,
  roundingModeSchema,
  sizeSchema,
} from "../schema/index.js";
import {
  isValidTimeZone,
  type LocalDate,
  safeParseInstant,
  safeParseLocalDate,
  standardTimeZoneName,
} from "../time/index.js";
import { allowanceSchema, checkAllowances } from "./allowance.js";
import { commitmentSchema } from "./commitment.js";
import { type CreditGrantTerms, creditBurnOrderSchema, creditGrantSchema } from "./creditGrant.js";
import { discountSchema } from "./discount.js";
import { taxSchema } from "./tax.js";

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
      const date = safeParseLocalDate(text);
      if (date.success) return { date: date.data };
      ctx.addIssue(ratecardIssue("invalid_field", date.reason));
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

/**
 * How the meter's quantity becomes the billable quantity, in this order: divide (bytes → GB, requests
 * → thousands), subtract the included allowance (never below zero), then round (any part of a unit
 * bills the whole unit with "up"). Vendors round billable units after the allowance (Cloudflare R2).
 */
const transformSchema = z.strictObject({
  divideBy: sizeSchema.optional(),
  included: quantitySchema.optional(),
  round: z.enum(["up", "down", "none"]).optional(),
  unit: z
    .string()
    .optional()
    .meta({ description: "The billable quantity's unit when it differs from the meter's (bytes → \"GB\")." }),
});
export type TransformTerms = z.output<typeof transformSchema>;

const chargeSchema = z.strictObject({
  id: idSchema,
  name: z.string().min(1, { message: "must not be empty" }),
  meter: idSchema
    .optional()
    .meta({ description: "The meter whose quantity is priced; not used by flat prices." }),
  price: priceSchema,
  transform: transformSchema.optional(),
  minimum: moneyAmountSchema
    .optional()
    .meta({ description: "The least this line costs per billing period (prorated)." }),
  maximum: moneyAmountSchema
    .optional()
    .meta({ description: "The most this line costs per billing period (prorated)." }),
  credit: z
    .boolean()
    .optional()
    .meta({ description: "A credit charge may have negative prices (it reduces the invoice)." }),
  quantity: quantitySchema.optional().meta({
    description:
      "A quantity fixed by the contract (seats, licences) priced instead of a meter's; the fee is prorated like a flat fee.",
  }),
  billed: z.enum(["in_advance", "in_arrears"]).optional().meta({
    description:
      "When a fee (a flat price or a contract quantity) is billed: in_arrears (default) on the invoice of the period it covers; in_advance on the invoice that closes the period before (the opening invoice for the first).",
  }),
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
    allowances: z.array(allowanceSchema).optional().meta({
      description: "Allowance pools: free quantities shared by several charges (docs/contracts.md, step 1).",
    }),
    overrides: z
      .array(
        z
          .strictObject({
            id: idSchema,
            charge: idSchema,
            /** Local date from which the override applies (default: the term start). */
            from: localDateSchema.optional(),
            /** Multiplies every money amount of the charge's price (0.8 = 20 % off the list price). */
            multiplier: nonNegativeRatioSchema.optional(),
            /** Replaces the charge's price. */
            price: priceSchema.optional(),
            where: z
              .record(z.string().min(1), dimensionValueSchema)
              .refine((where) => Object.keys(where).length > 0, {
                message: "must name at least one dimension, or be left out to override the whole charge",
              })
              .optional()
              .meta({
                description:
                  'Only the groups (lines) of a grouped or matrix charge whose values match every key, e.g. { "region": "eu" }; the multiplier or price then applies to that group\'s price.',
              }),
          })
          .superRefine((override, ctx) => {
            if ((override.multiplier === undefined) === (override.price === undefined))
              ctx.addIssue(
                ratecardIssue("invalid_field", "give exactly one of multiplier or price", ["multiplier"]),
              );
          }),
      )
      .optional(),
    amendments: z
      .array(
        z.strictObject({
          id: idSchema,
          /** Local date in the contract's zone from which the amendment's terms apply. */
          effective: localDateSchema,
          /** Charges that replace the charge with the same id, or are added. */
          charges: z.array(chargeSchema).optional(),
          /** Charges that end on the effective date. */
          remove: z.array(idSchema).optional(),
        }),
      )
      .optional(),
    trial: z.strictObject({ end: termBoundarySchema }).optional().meta({
      description:
        "A free trial from the term start until `end`: fees (flat prices and contract quantities) are not billed for that time; usage is (as Lago).",
    }),
    discounts: z.array(discountSchema).optional(),
    commitments: z.array(commitmentSchema).optional(),
    credits: z.array(creditGrantSchema).optional(),
    creditBurnOrder: creditBurnOrderSchema.optional(),
    tax: taxSchema.optional(),
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
    checkDiscounts(ctx, contract, chargeIds);
    const grantIds = new Set<string>();
    contract.credits?.forEach((grant, index) => {
      if (grantIds.has(grant.id))
        ctx.addIssue(
          ratecardIssue("duplicate_id", `repeats credit id "${grant.id}"`, ["credits", index, "id"]),
        );
      grantIds.add(grant.id);
      grant.charges?.forEach((id, at) => {
        if (!chargeIds.has(id))
          ctx.addIssue(
            ratecardIssue("invalid_field", `no charge has id "${id}"`, ["credits", index, "charges", at]),
          );
      });
      checkGrantUnit(ctx, contract, grant, index);
    });
    checkCommitmentScopes(ctx, contract.commitments ?? []);
    contract.commitments?.forEach((commitment, index) => {
      commitment.charges?.forEach((id, at) => {
        if (!chargeIds.has(id))
          ctx.addIssue(
            ratecardIssue("invalid_field", `no charge has id "${id}"`, ["commitments", index, "charges", at]),
          );
      });
      // any charge's id, an amendment's included: the true-up line and the charge's line would share it
      if (definedChargeIds.has(commitment.id))
        ctx.addIssue(
          ratecardIssue("duplicate_id", `is a charge id too; a true-up line needs an id of its own`, [
            "commitments",
            index,
            "id",
          ]),
        );
    });
    contract.tax?.rates.forEach((rate, index) => {
      rate.charges?.forEach((id, at) => {
        if (!chargeIds.has(id))
          ctx.addIssue(
            ratecardIssue("invalid_field", `no charge has id "${id}"`, [
              "tax",
              "rates",
              index,
              "charges",
              at,
            ]),
          );
      });
    });
    contract.charges.forEach((charge, index) => {
      checkCharge(ctx, charge, index, meterIds);
      checkGroupedMeter(ctx, charge, index, contract.meters);
    });
    checkAmendments(ctx, contract, meterIds);
    checkAllowances(ctx, contract);
    contract.overrides?.forEach((override, index) => {
      if (!definedChargeIds.has(override.charge))
        ctx.addIssue(
          ratecardIssue("invalid_field", `no charge has id "${override.charge}"`, [
            "overrides",
            index,
            "charge",
          ]),
        );
    });
    checkOverrides(ctx, contract);
    checkScaledPrices(ctx, contract);
  });

// A grant of money holds whole minor units of the invoice currency, like a fixed discount: its balance
// is shown, burned and carried in minor units, so 33.335 USD would pay a fraction of a cent. A grant in
// a custom unit (docs/contracts.md, step 8, "Grants in a unit of their own"): the unit is declared under
// customUnits, is not the invoice currency itself, and the amount fits its minor units.
function checkGrantUnit(
  ctx: z.RefinementCtx,
  contract: {
    readonly currency: string;
    readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
  },
  grant: CreditGrantTerms,
  index: number,
): void {
  if (grant.unit === undefined) {
    const minorUnits = currencyMinorUnits(contract);
    if (minorUnits !== undefined && grant.amount.decimalPlaces() > minorUnits)
      ctx.addIssue(
        ratecardIssue(
          "amount_not_in_minor_units",
          `is ${toPlainString(grant.amount)} ${contract.currency}, but ${contract.currency} has ${minorUnits} decimal${minorUnits === 1 ? "" : "s"}; a grant of money holds whole minor units`,
          ["credits", index, "amount"],
        ),
      );
    return;
  }
  const declared = (contract.customUnits ?? []).find((unit) => unit.code === grant.unit);
  if (declared === undefined) {
    ctx.addIssue(
      ratecardIssue(
        "unknown_currency",
        `"${grant.unit}" is not declared under customUnits; declare it there with its minor units (e.g. { "code": "${grant.unit}", "minorUnits": 0 })`,
        ["credits", index, "unit"],
      ),
    );
    return;
  }
  if (grant.unit === contract.currency) {
    ctx.addIssue(
      ratecardIssue(
        "invalid_field",
        `"${grant.unit}" is the invoice currency itself; leave unit and unitValue out for a grant of money`,
        ["credits", index, "unit"],
      ),
    );
    return;
  }
  if (grant.amount.decimalPlaces() > declared.minorUnits)
    ctx.addIssue(
      ratecardIssue(
        "amount_not_in_minor_units",
        `is ${toPlainString(grant.amount)} ${grant.unit}, but ${grant.unit} has ${declared.minorUnits} decimal${declared.minorUnits === 1 ? "" : "s"} (customUnits)`,
        ["credits", index, "amount"],
      ),
    );
}

/** The contract as written in JSON (decimals as strings, dates as text). */
export type ContractInput = z.input<typeof contractSchema>;
/** The contract after parsing: decimals are Decimal, everything validated. */
export type ParsedContractTerms = z.output<typeof contractSchema>;

function reportDuplicateIds(
  ctx: z.RefinementCtx,
  items: ReadonlyArray<{ readonly id: string }>,
  field: "meters" | "charges" | "commitments" | "customUnits" | "overrides" | "amendments",
  key: "id" | "code" = "id",
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      ctx.addIssue(
        ratecardIssue("duplicate_id", `repeats ${key} "${item.id}" already used by ${field}[${first}]`, [
          field,
          index,
          key,
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

function checkCharge(
  ctx: z.RefinementCtx,
  charge: ChargeTerms,
  index: number,
  meterIds: ReadonlySet<string>,
): void {
  const at = (...path: PropertyKey[]) => ["charges", index, ...path];
  const model = modelOfPrice(charge.price);
  if (!model.usesQuantity) {
    if (charge.meter !== undefined)
      ctx.addIssue(
        ratecardIssue("invalid_field", "a flat price does not depend on usage; remove meter", at("meter")),
      );
  } else if (charge.meter === undefined && charge.quantity === undefined) {
    ctx.addIssue(
      ratecardIssue(
        "missing_field",
        `a ${charge.price.model} price needs a meter to measure the quantity, or a quantity fixed by the contract (seats)`,
        at("meter"),
      ),
    );
  }
  checkFeeTerms(ctx, charge, at);
  for (const { path, meter } of meterReferences(charge)) {
    if (!meterIds.has(meter))
      ctx.addIssue(
        ratecardIssue(
          "unknown_meter",
          `no meter has id "${meter}"; known meters: ${[...meterIds].join(", ") || "none"}`,
          at(...path),
        ),
      );
  }
  const untransformable = pricesIn(charge.price).find(
    (price) => !modelOfPrice(price).acceptsTransform,
  )?.model;
  if (charge.transform !== undefined && untransformable !== undefined)
    ctx.addIssue(
      ratecardIssue(
        "invalid_field",
        `a ${untransformable} price does not rate a transformed quantity (percentage reads each transaction, capacity each meter as measured, flat no quantity); remove transform`,
        at("transform"),
      ),
    );
  for (const key of ["minimum", "maximum"] as const) {
    if (charge[key] !== undefined && model.grouping !== undefined)
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          `a ${charge.price.model} charge bills one line per group and none without usage, so a charge-wide ${key} has no line to apply to; remove ${key}`,
          at(key),
        ),
      );
  }
  if (charge.credit !== true) {
    const limits = { minimum: charge.minimum, maximum: charge.maximum };
    for (const { path, value } of [...decimalsIn(charge.price, ["price"]), ...decimalsIn(limits, [])]) {
      if (value.isNegative() && !value.isZero())
        ctx.addIssue(
          ratecardIssue(
            "negative_price",
            `is ${toPlainString(value)}; prices must be zero or more unless the charge is declared a credit ("credit": true)`,
            at(...path),
          ),
        );
    }
  }
  if (charge.minimum && charge.maximum && charge.minimum.greaterThan(charge.maximum))
    ctx.addIssue(
      ratecardIssue(
        "invalid_field",
        `must not be below the minimum ${toPlainString(charge.minimum)}`,
        at("maximum"),
      ),
    );
}

// A contract quantity (seats) replaces the meter of a price that prices a quantity; billing in advance
// is for fees only (a flat price or a contract quantity), since usage is known only when the period ends.
function checkFeeTerms(
  ctx: z.RefinementCtx,
  charge: ChargeTerms,
  at: (...path: PropertyKey[]) => PropertyKey[],
): void {
  if (charge.quantity !== undefined) {
    if (charge.meter !== undefined)
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          "give either a meter (usage decides the quantity) or a quantity (the contract decides it), not both",
          at("quantity"),
        ),
      );
    const model = modelOfPrice(charge.price);
    if (!model.usesQuantity || !model.acceptsTransform || model.grouping !== undefined)
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          `a ${model.model} price does not price a single quantity; seats need a unit, graduated, volume or package price`,
          at("quantity"),
        ),
      );
  }
  if (charge.billed === "in_advance" && !modelOfPrice(charge.price).isFee && charge.quantity === undefined)
    ctx.addIssue(
      ratecardIssue(
        "invalid_field",
        "only fees (a flat price or a contract quantity) can be billed in advance; usage is known only when the period ends",
        at("billed"),
      ),
    );
}

// Every `meter` reference in a charge (its own, and those inside a price such as capacity limits).
function meterReferences(charge: ChargeTerms): { path: PropertyKey[]; meter: string }[] {
  const found: { path: PropertyKey[]; meter: string }[] = [];
  if (charge.meter !== undefined) found.push({ path: ["meter"], meter: charge.meter });
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        walk(child, [...path, i]);
      });
    } else if (node !== null && typeof node === "object" && !(node instanceof Decimal)) {
      for (const [key, child] of Object.entries(node)) {
        // A matrix cell's `match` holds event property values, whatever the property is called.
        if (key === "match") continue;
        if (key === "meter" && typeof child === "string") found.push({ path: [...path, key], meter: child });
        else walk(child, [...path, key]);
      }
    }
  };
  walk(charge.price, ["price"]);
  return found;
}

// Every decimal inside a price, with its path: the money amounts a sign check looks at.
// Quantities, rates and bounds have their own sign checks where they are declared; only money amounts
// (prices, fees, minimums) are left for the credit rule.
/** Fields of a price that hold quantities, rates or bounds rather than money (not scaled, not sign-checked as prices). */
export const NOT_MONEY: ReadonlySet<string> = new Set([
  "upTo",
  "packageSize",
  "percent",
  "basisPoints",
  "freeAmount",
  "max",
  "match",
]);

function decimalsIn(node: unknown, path: PropertyKey[]): { path: PropertyKey[]; value: Decimal }[] {
  if (node instanceof Decimal) return [{ path, value: node }];
  if (Array.isArray(node)) return node.flatMap((child, i) => decimalsIn(child, [...path, i]));
  if (node !== null && typeof node === "object")
    return Object.entries(node).flatMap(([key, child]) =>
      NOT_MONEY.has(key) ? [] : decimalsIn(child, [...path, key]),
    );
  return [];
}

// Carried state (persistent totals, weighted levels) is kept per meter, not per group, so a grouped
// or matrix charge on such a meter would bill each group without its history.
function checkGroupedMeter(
  ctx: z.RefinementCtx,
  charge: ChargeTerms,
  index: number,
  meters: ReadonlyArray<{
    readonly id: string;
    readonly aggregation: string;
    readonly persistent?: boolean | undefined;
  }>,
): void {
  if (modelOfPrice(charge.price).grouping === undefined) return;
  const meter = meters.find((candidate) => candidate.id === charge.meter);
  if (meter === undefined || !(meter.persistent === true || meter.aggregation === "weighted_sum")) return;
  ctx.addIssue(
    ratecardIssue(
      "invalid_field",
      `a ${charge.price.model} charge cannot use meter "${meter.id}": its carried state (a running total, the active values or a level) is kept for the whole meter, not per group`,
      ["charges", index, "meter"],
    ),
  );
}

// The invoice currency's minor units (declared under customUnits, or ISO 4217); undefined for an
// unknown currency, which has its own error.
function currencyMinorUnits(contract: {
  readonly currency: string;
  readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
}): number | undefined {
  return (
    contract.customUnits?.find((unit) => unit.code === contract.currency)?.minorUnits ??
    (isIsoCurrency(contract.currency) ? resolveCurrency(contract.currency).minorUnits : undefined)
  );
}

function checkDiscounts(
  ctx: z.RefinementCtx,
  contract: {
    readonly currency: string;
    readonly customUnits?: ReadonlyArray<{ code: string; minorUnits: number }> | undefined;
    readonly discounts?:
      | ReadonlyArray<{ id: string; amount?: Decimal | undefined; charges?: string[] | undefined }>
      | undefined;
  },
  chargeIds: ReadonlySet<string>,
): void {
  const seen = new Set<string>();
  const minorUnits = currencyMinorUnits(contract);
  contract.discounts?.forEach((discount, index) => {
    if (seen.has(discount.id))
      ctx.addIssue(
        ratecardIssue("duplicate_id", `repeats discount id "${discount.id}"`, ["discounts", index, "id"]),
      );
    seen.add(discount.id);
    discount.charges?.forEach((id, at) => {
      if (!chargeIds.has(id))
        ctx.addIssue(
          ratecardIssue("invalid_field", `no charge has id "${id}"`, ["discounts", index, "charges", at]),
        );
    });
    if (
      discount.amount !== undefined &&
      minorUnits !== undefined &&
      discount.amount.decimalPlaces() > minorUnits
    )
      ctx.addIssue(
        ratecardIssue(
          "amount_not_in_minor_units",
          `is not a whole number of ${contract.currency} minor units (${minorUnits} decimals)`,
          ["discounts", index, "amount"],
        ),
      );
  });
}

// Two commitments on lists of charges must be nested or disjoint: a true-up of the narrower one counts
// as spend of the wider one, which needs one to contain the other (docs/contracts.md, step 7).
function checkCommitmentScopes(
  ctx: z.RefinementCtx,
  commitments: ReadonlyArray<{ readonly charges?: ReadonlyArray<string> | undefined }>,
): void {
  const lists = commitments.map((commitment) =>
    commitment.charges === undefined ? undefined : new Set(commitment.charges),
  );
  commitments.forEach((a, i) => {
    commitments.forEach((b, j) => {
      if (j <= i || a.charges === undefined || b.charges === undefined) return;
      const inB = lists[j]!;
      const shared = a.charges.filter((id) => inB.has(id));
      const nested = shared.length === a.charges.length || shared.length === b.charges.length;
      if (shared.length > 0 && !nested)
        ctx.addIssue(
          ratecardIssue(
            "invalid_field",
            `overlaps commitments[${i}] on ${shared.join(", ")} without containing it or being contained; make the scopes nested or separate`,
            ["commitments", j, "charges"],
          ),
        );
    });
  });
}

// Amendments take effect in the order written, one per date, each after the term start; their charges
// are checked like the contract's own, at their own paths.
function checkAmendments(
  ctx: z.RefinementCtx,
  contract: z.output<typeof contractSchema>,
  meterIds: ReadonlySet<string>,
): void {
  const known = new Set(contract.charges.map((charge) => charge.id));
  // A fee billed in advance settles its changes against what it billed, so its timing is for the term.
  const timing = new Map(contract.charges.map((charge) => [charge.id, charge.billed ?? "in_arrears"]));
  let previous: string | undefined;
  contract.amendments?.forEach((amendment, index) => {
    if (previous !== undefined && amendment.effective <= previous)
      ctx.addIssue(
        ratecardIssue(
          "invalid_field",
          `takes effect on ${amendment.effective}, not after the amendment before it (${previous}); list amendments in effective order, one per date`,
          ["amendments", index, "effective"],
        ),
      );
    previous = amendment.effective;
    // one amendment defines a charge once: a second definition would silently replace the first
    const defined = new Map<string, number>();
    amendment.charges?.forEach((charge, at) => {
      const first = defined.get(charge.id);
      if (first !== undefined)
        ctx.addIssue(
          ratecardIssue(
            "duplicate_id",
            `repeats id "${charge.id}" already used by amendments[${index}].charges[${first}]`,
            ["amendments", index, "charges", at, "id"],
          ),
        );
      else defined.set(charge.id, at);
      const issues: z.core.$ZodRawIssue[] = [];
      const collect = {
        addIssue: (issue: z.core.$ZodRawIssue) => issues.push(issue),
      } as unknown as z.RefinementCtx;
      checkCharge(collect, charge, at, meterIds);
      for (const issue of issues)
        ctx.addIssue({
          ...issue,
          path: [
            "amendments",
            index,
            ...((issue.path ?? []) as PropertyKey[]).map((segment) => segment as string | number),
          ],
        } as never);
      known.add(charge.id);
      const billed = charge.billed ?? "in_arrears";
      const before = timing.get(charge.id);
      if (before !== undefined && before !== billed)
        ctx.addIssue(
          ratecardIssue(
            "invalid_field",
            `charge ${charge.id} is billed ${before.replace("_", " ")} before this amendment; a charge keeps its timing for the whole term (remove it and add a charge with a new id instead)`,
            ["amendments", index, "charges", at, "billed"],
          ),
        );
      timing.set(charge.id, billed);
    });
    amendment.remove?.forEach((id, at) => {
      if (!known.has(id))
        ctx.addIssue(
          ratecardIssue("invalid_field", `no charge has id "${id}"`, ["amendments", index, "remove", at]),
        );
    });
  });
}

// An override's `where` picks groups, so every price it can meet (the charge's own, an amendment's, a
// whole-charge replacement listed before it; overrides apply in contract order, after amendments) must
// group by the dimensions it names. A group's price is a single price model, so a replacement for one
// group must be one too. An override's price meets the same sign rule as the charge's own
// (docs/contracts.md, step 0).
type OverrideTerms = NonNullable<z.output<typeof contractSchema>["overrides"]>[number];

function checkOverrides(ctx: z.RefinementCtx, contract: z.output<typeof contractSchema>): void {
  const overrides = contract.overrides ?? [];
  const definitionsOf = chargeDefinitions(contract);
  // The whole-charge replacements listed so far, by charge (each override meets those before it).
  const replacedBefore = new Map<string, PriceTerms[]>();
  overrides.forEach((override, index) => {
    const definitions = definitionsOf.get(override.charge) ?? [];
    const earlier = replacedBefore.get(override.charge) ?? [];
    if (override.where === undefined && override.price !== undefined)
      replacedBefore.set(override.charge, [...earlier, override.price]);
    if (definitions.length === 0) return;
    const at = (...path: PropertyKey[]) => ["overrides", index, ...path];
    if (override.where !== undefined) {
      const prices = [...definitions.map((charge) => charge.price), ...earlier];
      const problem = prices
        .map((price) => whereProblem(override.charge, price, override.where!))
        .find((found) => found !== undefined);
      if (problem !== undefined) ctx.addIssue(ratecardIssue("invalid_field", problem, at("where")));
      if (override.price !== undefined && !isSinglePrice(override.price))
        ctx.addIssue(
          ratecardIssue(
            "invalid_field",
            `is a ${override.price.model} price; with where it replaces the price of one group, which must be a single price model (not matrix, grouped or capacity)`,
            at("price", "model"),
          ),
        );
    }
    if (override.price !== undefined) {
      const problem = definitions
        .map((charge) => overridePriceProblem(charge, override, contract.meters))
        .find((found) => found !== undefined);
      if (problem !== undefined)
        ctx.addIssue(
          ratecardIssue(
            problem.code,
            `is a ${override.price.model} price, which charge ${override.charge} cannot take: ${problem.message}`,
            at("price"),
          ),
        );
    }
    if (override.price !== undefined && !definitions.every((charge) => charge.credit === true)) {
      for (const { path, value } of decimalsIn(override.price, at("price"))) {
        if (value.isNegative() && !value.isZero())
          ctx.addIssue(
            ratecardIssue(
              "negative_price",
              `is ${toPlainString(value)}; an override's prices must be zero or more unless charge ${override.charge} is declared a credit ("credit": true)`,
              path,
            ),
          );
      }
    }
  });
}

// An override's multiplier makes new prices (0.9 × 0.0000025 = 0.00000225), and multipliers on one charge
// compound; each price they can make must stay within the bounds of its kind, so rating it stays exact
// (docs/decisions/numeric-bounds.md). Checked against every price the charge can have (its own, its
// amendments', every replacement) and the product of its multipliers up to this one: a bound that
// holds in the worst case holds in every period.
function checkScaledPrices(ctx: z.RefinementCtx, contract: z.output<typeof contractSchema>): void {
  const overrides = contract.overrides ?? [];
  const definitionsOf = chargeDefinitions(contract);
  const replacementsOf = new Map<string, PriceTerms[]>();
  for (const override of overrides) {
    if (override.price !== undefined)
      replacementsOf.set(override.charge, [...(replacementsOf.get(override.charge) ?? []), override.price]);
  }
  const factors = new Map<string, Decimal>();
  overrides.forEach((override, index) => {
    if (override.multiplier === undefined) return;
    const factor = exactProduct(factors.get(override.charge) ?? new Decimal(1), override.multiplier);
    factors.set(override.charge, factor);
    const prices = [
      ...(definitionsOf.get(override.charge) ?? []).map((charge) => charge.price),
      ...(replacementsOf.get(override.charge) ?? []),
    ];
    for (const price of prices) {
      for (const { path, value } of decimalsIn(price, ["price"])) {
        const scaled = exactProduct(value, factor);
        const bound = boundOfScaledField(path);
        const breach = boundBreach(scaled, bound);
        if (breach === undefined) continue;
        ctx.addIssue(
          ratecardIssue(
            "decimal_out_of_range",
            `makes charge ${override.charge}'s ${toJsonPath(path)} ${toPlainString(value)} × ${toPlainString(factor)} = ${toPlainString(scaled)} (${breach}); ${boundRule(bound)}`,
            ["overrides", index, "multiplier"],
          ),
        );
        return;
      }
    }
  });
}

// The kind of a money field a multiplier scales: a price per unit or package, a dynamic price's markup,
// or else a money amount (a fee, a minimum, a band).
function boundOfScaledField(path: ReadonlyArray<PropertyKey>): NumericBound {
  const key = path[path.length - 1];
  if (key === "unitPrice" || key === "packagePrice") return UNIT_PRICE;
  if (key === "multiplier") return RATIO;
  return MONEY_AMOUNT;
}

// Every definition of each charge, by id: the contract's own and the amendments', in that order. Built
// once, so checking many overrides does not scan every charge for each.
function chargeDefinitions(contract: z.output<typeof contractSchema>): Map<string, ChargeTerms[]> {
  const definitions = new Map<string, ChargeTerms[]>();
  for (const charge of [
    ...contract.charges,
    ...(contract.amendments ?? []).flatMap((amendment) => amendment.charges ?? []),
  ]) {
    const known = definitions.get(charge.id);
    if (known === undefined) definitions.set(charge.id, [charge]);
    else known.push(charge);
  }
  return definitions;
}

// Why `charge` could not have been written with the override's price (the checks of its own price: a
// meter or seats to price, a transform the price reads, a line minimum or maximum it has a line for, a
// meter that carries no state for groups, the meters capacity limits name), or undefined when it could.
// With `where` the price replaces one group's price, so it is checked as the price of every group.
// Signs have their own check (checkOverrides).
function overridePriceProblem(
  charge: ChargeTerms,
  override: OverrideTerms,
  meters: z.output<typeof contractSchema>["meters"],
): { code: string; message: string } | undefined {
  const replacement = override.price!;
  const grouping = modelOfPrice(charge.price).grouping;
  const price: PriceTerms =
    override.where === undefined || grouping === undefined
      ? replacement
      : (grouping.withEveryGroupPricedBy(charge.price, replacement as SimplePriceTerms) as PriceTerms);
  const issues: z.core.$ZodRawIssue[] = [];
  const collect = {
    addIssue: (issue: z.core.$ZodRawIssue) => issues.push(issue),
  } as unknown as z.RefinementCtx;
  const candidate = { ...charge, price };
  checkCharge(collect, candidate, 0, new Set(meters.map((meter) => meter.id)));
  checkGroupedMeter(collect, candidate, 0, meters);
  const found = issues
    .map((issue) => ({
      code: String((issue as { params?: { code?: unknown } }).params?.code),
      message: issue.message ?? "",
    }))
    .find((issue) => issue.code !== "negative_price");
  return found;
}

// Why `where` cannot pick groups of this price, or undefined when it can.
function whereProblem(
  chargeId: string,
  price: PriceTerms,
  where: Readonly<Record<string, unknown>>,
): string | undefined {
  const grouping = modelOfPrice(price).grouping;
  if (grouping === undefined)
    return `picks groups, but charge ${chargeId} has a ${price.model} price, which bills one line, not one per group; remove where to override the whole charge, or give the charge a matrix or grouped price`;
  const dimensions = grouping.dimensions(price);
  const unknown = Object.keys(where).filter((name) => !dimensions.includes(name));
  if (unknown.length > 0)
    return `names ${unknown.map((name) => `"${name}"`).join(", ")}, but charge ${chargeId} groups by ${dimensions.join(", ")} only`;
  return undefined;
}

// A price a matrix cell or a grouped charge could hold: one that rates one quantity.
function isSinglePrice(price: PriceTerms): boolean {
  return modelOfPrice(price).isSinglePrice;
}
