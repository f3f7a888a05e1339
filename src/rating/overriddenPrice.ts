import type { ChargeTerms } from "../contracts/index.js";
import { InvariantError } from "../errors/index.js";
import { type Decimal, toPlainString } from "../money/index.js";
import type { PriceTerms } from "../pricing/index.js";
import type { OverrideStep, PropertyValue } from "../schema/index.js";
import { scaleMoney } from "./scaleMoney.js";

/**
 * An override in force on a charge, in the order overrides apply (contract order). One without `where`
 * applies to the whole charge and is already part of the charge's price; it is listed for the line's
 * `override` step. One with `where` applies to the matching groups only, when each line is rated.
 */
export interface OverrideInForce {
  readonly id: string;
  /** Its position in the contract's `overrides`, for the path of an error in its price. */
  readonly index: number;
  readonly where?: Readonly<Record<string, string | number | boolean>>;
  /** Every money amount of the price is multiplied by this. */
  readonly multiplier?: Decimal;
  /** The price is replaced by this one (with `where`, the group's price). */
  readonly price?: PriceTerms;
}

/**
 * A charge as it stands at an instant: its terms after amendments, its price after whole-charge
 * overrides, and every override in force on it. Two pieces of a period rate the same way exactly when
 * their charges in force write the same JSON, so an override that starts mid-period splits the period.
 */
export interface ChargeInForce extends ChargeTerms {
  readonly overrides?: ReadonlyArray<OverrideInForce>;
  /** Set when a whole-charge override replaced the price: that override's position in `overrides`. */
  readonly priceFromOverride?: number;
}

/** The price of one line, the override steps that changed it, and the override it comes from, if one replaced it. */
export interface OverriddenPrice {
  readonly price: PriceTerms | undefined;
  readonly steps: ReadonlyArray<OverrideStep>;
  /** The position in the contract's `overrides` of the override whose price this is (errors point there). */
  readonly fromOverride?: number;
}

/**
 * The price one line is rated with, and the `override` steps that say which overrides changed it.
 * `base` is the charge's price (one line) or the group's cell or grouped price (undefined when the
 * matrix has none for the group); `group` is the line's group values, undefined for a charge with one
 * line. The charge's overrides are applied in order: a replacement of the line's price drops the steps
 * of the overrides before it, which no longer change anything on this line. A price an override put in
 * (here, or on the whole charge) names that override, so an error in rating it points at the override.
 */
export function overriddenPrice(
  base: PriceTerms | undefined,
  overrides: ReadonlyArray<OverrideInForce>,
  group: Readonly<Record<string, PropertyValue>> | undefined,
  priceFromOverride?: number,
): OverriddenPrice {
  let price = base;
  let steps: OverrideStep[] = [];
  let fromOverride = priceFromOverride;
  for (const override of overrides) {
    const step = overrideStep(override);
    if (override.where === undefined) {
      steps.push(step);
      continue;
    }
    if (group === undefined)
      throw new InvariantError(
        `Override ${override.id} picks groups, but its charge has one line; the contract check should have refused it.`,
      );
    if (!reachesGroup(override.where, group)) continue;
    if (override.price !== undefined) {
      price = override.price;
      steps = [step];
      fromOverride = override.index;
    } else if (price !== undefined) {
      price = scaleMoney(price, override.multiplier!);
      steps.push(step);
    }
  }
  return fromOverride === undefined ? { price, steps } : { price, steps, fromOverride };
}

/** Whether an override's `where` picks the group: the group has every value it names. */
export function reachesGroup(
  where: Readonly<Record<string, string | number | boolean>>,
  group: Readonly<Record<string, PropertyValue>>,
): boolean {
  return Object.entries(where).every(([name, value]) => group[name] === value);
}

function overrideStep(override: OverrideInForce): OverrideStep {
  return {
    kind: "override",
    override: override.id,
    ...(override.where !== undefined ? { where: { ...override.where } } : {}),
    ...(override.multiplier !== undefined
      ? { multiplier: toPlainString(override.multiplier) }
      : { replaced: true as const }),
  };
}
