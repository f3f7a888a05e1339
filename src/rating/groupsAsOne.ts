import { ContractError, InvariantError, ratingMessages } from "../errors/index.js";
import type { GroupQuantity, MeterQuantity } from "../meters/index.js";
import { allocate, type Currency, Decimal, ONE, toFixedString, toPlainString, ZERO } from "../money/index.js";
import type { PriceTerms } from "../pricing/index.js";
import type { GroupShareStep, GroupTotalStep, OverrideStep } from "../schema/index.js";
import { groupText } from "./groupText.js";
import type { RatedLine, RatedStep } from "./ratedLine.js";
import type { Measured } from "./usageStep.js";
import { usageStep } from "./usageStep.js";

/** The price a group is rated with, after the overrides in force on it. */
interface SeenPrice {
  readonly price: PriceTerms | undefined;
  readonly steps: ReadonlyArray<OverrideStep>;
  readonly fromOverride?: number | undefined;
}

/** What rating a grouped charge's groups as one needs besides its groups. */
export interface GroupsAsOneInput {
  readonly chargeId: string;
  /** The charge's JSON path, for the error of groups priced differently. */
  readonly path: string;
  readonly meter: MeterQuantity["meter"];
  readonly groups: ReadonlyArray<GroupQuantity>;
  readonly currency: Currency;
  /** The price of one group, as the overrides in force leave it. */
  readonly priceOf: (group: GroupQuantity["group"]) => SeenPrice;
}

/** Rates the groups' total as one ungrouped line (transform, price, limits, rounding) at that price. */
type RateTotal = (seen: SeenPrice & { readonly price: PriceTerms }, total: Measured) => RatedLine;

/**
 * A grouped charge whose transform has `scope: "charge"`: the groups' quantities are added up, the total
 * goes through the transform (divide, allowance, rounding) and the price once, and the charge's amount,
 * rounded once to minor units, is split over the group lines in proportion to their measured quantities
 * with the project's allocation (largest remainder in minor units; equal remainders to the earlier line
 * id), so the lines add up to the charge exactly. A quantity below zero weighs 0 (a total below zero: a
 * quantity above zero weighs 0, one below weighs its size); when every weight is 0 each line weighs 1. Cloudflare R2, Class A at $4.50 a million with 1 million free, rounded up: buckets
 * of 1,500,000 and 1,500,000 are 3,000,000 ÷ 10^6 − 1 = 2 million, $9.00, split $4.50 and $4.50 (per
 * bucket each would round to 2 million first: 2 + 2 − 1 = 3 million, $13.50).
 */
export function rateGroupsAsOne(input: GroupsAsOneInput, rateTotal: RateTotal): RatedLine[] {
  const groups = [...input.groups]
    .map((group) => ({ group, id: `${input.chargeId}[${groupText(group.group)}]` }))
    // Code-unit order of the line ids: the order ties are settled in, the same in every locale.
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (groups.length === 0) return [];
  const seen = samePriceOf(input, groups);
  const quantity = groups.reduce((sum, { group }) => sum.plus(group.quantity), ZERO);
  const events = groups.reduce((sum, { group }) => sum + group.events, 0);
  const total = rateTotal(seen, { meter: input.meter, events, quantity });
  const rounding = total.steps.at(-1);
  if (rounding?.kind !== "rounding") throw new InvariantError("A rated line ends with its rounding step.");
  const amount = new Decimal(total.amount);
  const sided = groups.map(({ group }) => sideWeight(group.quantity, quantity.isNegative()));
  const weights = sided.every((weight) => weight.isZero()) ? sided.map(() => ONE) : sided;
  const totalWeight = weights.reduce((sum, weight) => sum.plus(weight), ZERO);
  const shares = amount.isZero() ? weights.map(() => ZERO) : allocate(amount, weights, input.currency);
  // The total's working (its transform, price and limit steps) is every line's, between the line's own
  // usage and its share.
  const working = total.steps.filter((step) => step.kind !== "usage" && step.kind !== "rounding");
  return groups.map(({ group, id }, index) => {
    const share = toFixedString(shares[index]!, input.currency.minorUnits);
    const shareStep: GroupShareStep = {
      kind: "group_share",
      weight: toPlainString(weights[index]!),
      totalWeight: toPlainString(totalWeight),
      before: rounding.before,
      total: total.amount,
      amount: share,
    };
    const steps: RatedStep[] = [
      usageStep({ meter: input.meter, ...group }, undefined),
      groupTotalStep(groups.length, quantity, events, total),
      ...working,
      shareStep,
      { ...rounding, before: toPlainString(shares[index]!), amount: share },
    ];
    return lineOf(total, id, group, share, steps);
  });
}

// A group's weight is on the side that made the total: a total above zero is split over the groups
// above zero by their usage (a correction below zero lowered the total, and takes no share); a total
// below zero, a credit, over the groups below zero by their size (the corrections made it), never over a
// group that used more.
function sideWeight(quantity: Decimal, totalBelowZero: boolean): Decimal {
  if (quantity.isZero() || quantity.isNegative() !== totalBelowZero) return ZERO;
  return quantity.abs();
}

// The total the working after it rates, with the unit the total's billable quantity is counted in
// (the transform's, which the line's own unit, its usage's, is not).
function groupTotalStep(groups: number, measured: Decimal, events: number, total: RatedLine): GroupTotalStep {
  const step: GroupTotalStep = { kind: "group_total", groups, measured: toPlainString(measured), events };
  if (total.unit === undefined) return step;
  return total.unitSingular === undefined
    ? { ...step, unit: total.unit }
    : { ...step, unit: total.unit, unitSingular: total.unitSingular };
}

// One price for the total: every group's, after the overrides, must be the same (an override that
// reprices some groups leaves no one price for their total).
function samePriceOf(
  input: GroupsAsOneInput,
  groups: ReadonlyArray<{ readonly group: GroupQuantity }>,
): SeenPrice & { readonly price: PriceTerms } {
  const seen = groups.map(({ group }) => input.priceOf(group.group));
  const first = seen[0]!;
  const differs = seen.findIndex((one) => JSON.stringify(one.price) !== JSON.stringify(first.price));
  if (differs > 0 || first.price === undefined)
    throw ContractError.from(
      ratingMessages.scopeChargePricesDiffer(
        input.chargeId,
        groupText(groups[0]!.group.group),
        groupText(groups[Math.max(differs, 0)]!.group.group),
      ),
      `${input.path}.transform.scope`,
    );
  return { ...first, price: first.price };
}

// The group's line in the order of a line's fields: its own group, measured quantity and the meter's
// unit (the billable quantity is the total's), no unit price (its amount is a share, not quantity × price).
function lineOf(
  total: RatedLine,
  id: string,
  group: GroupQuantity,
  amount: string,
  steps: RatedStep[],
): RatedLine {
  const usage = steps[0] as Extract<RatedStep, { kind: "usage" }>;
  const line: { -readonly [K in keyof RatedLine]?: RatedLine[K] } = {
    id,
    chargeId: total.chargeId,
    name: total.name,
    model: total.model,
    group: { ...group.group },
    period: total.period,
    quantity: toPlainString(group.quantity),
  };
  if (usage.unit !== undefined) line.unit = usage.unit;
  if (usage.unitSingular !== undefined) line.unitSingular = usage.unitSingular;
  line.priceKind = total.priceKind;
  line.amount = amount;
  if (total.billed !== undefined) line.billed = total.billed;
  line.steps = steps;
  return line as RatedLine;
}
