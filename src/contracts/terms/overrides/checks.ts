import type * as z from "zod/mini";
import {
  contractMessages,
  type ErrorMessage,
  type RatecardErrorCode,
  toJsonPath,
} from "../../../errors/index.js";
import {
  boundBreach,
  boundRule,
  Decimal,
  exactProduct,
  MONEY_AMOUNT,
  type NumericBound,
  RATIO,
  toPlainString,
  UNIT_PRICE,
} from "../../../money/index.js";
import { modelOfPrice, type PriceTerms, type SimplePriceTerms } from "../../../pricing/index.js";
import { issueOf } from "../../../schema/index.js";
import type { ChargeTerms } from "../../charge/chargeSchema.js";
import { checkCharge, checkEventValueMeter, checkGroupedMeter } from "../../charge/checkCharge.js";
import { collectIssues } from "../../charge/collectIssues.js";
import { decimalsIn } from "../../charge/decimalsIn.js";
import type { ParsedContractTerms } from "../../contract.js";

/**
 * Cross-field checks of `overrides[]`: the charge exists (in the contract or an amendment), a `where`
 * picks groups every price it meets has, a replacement price is one the charge could have had, and
 * every price a multiplier makes stays within its bounds.
 */
export function checkOverrides(
  ctx: z.core.$RefinementCtx,
  contract: ParsedContractTerms,
  definedChargeIds: ReadonlySet<string>,
): void {
  contract.overrides?.forEach((override, index) => {
    if (!definedChargeIds.has(override.charge))
      ctx.addIssue(issueOf(contractMessages.noChargeWithId(override.charge), ["overrides", index, "charge"]));
  });
  checkOverridePrices(ctx, contract);
  checkScaledPrices(ctx, contract);
}

// An override's `where` picks groups, so every price it can meet (the charge's own, an amendment's, a
// whole-charge replacement listed before it; overrides apply in contract order, after amendments) must
// group by the dimensions it names. A group's price is a single price model, so a replacement for one
// group must be one too. An override's price meets the same sign rule as the charge's own
// (docs/contracts.md, step 0).
type OverrideTerms = NonNullable<ParsedContractTerms["overrides"]>[number];

function checkOverridePrices(ctx: z.core.$RefinementCtx, contract: ParsedContractTerms): void {
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
      if (problem !== undefined) ctx.addIssue(issueOf(problem, at("where")));
      if (override.price !== undefined && !isSinglePrice(override.price))
        ctx.addIssue(
          issueOf(contractMessages.overrideGroupPriceNotSingle(override.price.model), at("price", "model")),
        );
    }
    if (override.price !== undefined) {
      const problem = definitions
        .map((charge) => overridePriceProblem(charge, override, contract.meters))
        .find((found) => found !== undefined);
      if (problem !== undefined)
        ctx.addIssue(
          issueOf(
            contractMessages.overridePriceRefused(override.price.model, override.charge, problem),
            at("price"),
          ),
        );
    }
    if (override.price !== undefined && !definitions.every((charge) => charge.credit === true)) {
      for (const { path, value } of decimalsIn(override.price, at("price"))) {
        if (value.isNegative() && !value.isZero())
          ctx.addIssue(
            issueOf(contractMessages.negativeOverridePrice(toPlainString(value), override.charge), path),
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
function checkScaledPrices(ctx: z.core.$RefinementCtx, contract: ParsedContractTerms): void {
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
        const problem = contractMessages.scaledPriceOutOfRange({
          chargeId: override.charge,
          field: toJsonPath(path),
          value: toPlainString(value),
          factor: toPlainString(factor),
          result: toPlainString(scaled),
          breach,
          rule: boundRule(bound),
        });
        ctx.addIssue(issueOf(problem, ["overrides", index, "multiplier"]));
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
function chargeDefinitions(contract: ParsedContractTerms): Map<string, ChargeTerms[]> {
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
  meters: ParsedContractTerms["meters"],
): ErrorMessage | undefined {
  const replacement = override.price!;
  const grouping = modelOfPrice(charge.price).grouping;
  const price: PriceTerms =
    override.where === undefined || grouping === undefined
      ? replacement
      : (grouping.withEveryGroupPricedBy(charge.price, replacement as SimplePriceTerms) as PriceTerms);
  const candidate = { ...charge, price };
  const issues = collectIssues((collect) => {
    checkCharge(collect, candidate, 0, new Set(meters.map((meter) => meter.id)));
    checkGroupedMeter(collect, candidate, 0, meters);
    checkEventValueMeter(collect, candidate, ["charges", 0], meters);
  });
  const found = issues
    .map((issue) => ({
      code: String((issue as { params?: { code?: unknown } }).params?.code) as RatecardErrorCode,
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
): ErrorMessage | undefined {
  const grouping = modelOfPrice(price).grouping;
  if (grouping === undefined) return contractMessages.overrideWhereOnSingleLine(chargeId, price.model);
  const dimensions = grouping.dimensions(price);
  const unknown = Object.keys(where).filter((name) => !dimensions.includes(name));
  if (unknown.length > 0)
    return contractMessages.overrideWhereUnknownDimensions(chargeId, unknown, dimensions);
  return undefined;
}

// A price a matrix cell or a grouped charge could hold: one that rates one quantity.
function isSinglePrice(price: PriceTerms): boolean {
  return modelOfPrice(price).isSinglePrice;
}
