import type { Contract, DiscountTerms } from "../../contracts/index.js";
import { type Decimal, toFixedString } from "../../money/index.js";
import type { AppliedDiscount } from "../../schema/index.js";
import {
  formatInstant,
  intersectPeriods,
  type Period,
  type ProrationRatio,
  parseInstant,
  ratioText,
} from "../../time/index.js";
import { contractRatio } from "../contractRatio.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { type PartInForce, windowOf } from "./discountReach.js";

// What a discount's invoice entry says of the share that scaled it (discounts.ts applies it): the part
// of the period it is in force, and the contract's fixed amount a prorated one was taken from, so that
// the entry can be redone from its own fields.

/**
 * The entry's account of a discount over lines of two periods: from the first eligible line's start to
 * the last one's end, the part in force, its share of that span, and what the lines billed in it
 * (`covered`, rounded down), which the percent is taken of.
 */
export function spanInForce(
  contract: Contract,
  discount: DiscountTerms,
  eligible: ReadonlyArray<InvoiceLine>,
  covered: Decimal,
  minor: number,
) {
  const periods = eligible.map(periodOfLine);
  const whole: Period = {
    start: Math.min(...periods.map((period) => period.start)),
    end: Math.max(...periods.map((period) => period.end)),
  };
  const span = intersectPeriods(whole, windowOf(discount, contract)) ?? whole;
  const ratio = contractRatio(span, whole, contract);
  return inForceEntry(span, ratio, discount.partialPeriod === "days_covered", toFixedString(covered, minor));
}

// A line's service period as instants.
export function periodOfLine(line: InvoiceLine): Period {
  return { start: parseInstant(line.period.start), end: parseInstant(line.period.end) };
}

// The invoice entry's account of the part: when, and the ratio that scaled the discount; on the days
// it covers, what those days billed (rounded down: the most the discount can take).
export function inForceData(
  part: PartInForce,
  discount: DiscountTerms,
  covered: Decimal,
  daysCovered: boolean,
  minor: number,
) {
  const ratio = discount.percent !== undefined ? part.ofService : part.ofBillingPeriod;
  return inForceEntry(
    part.period,
    ratio,
    daysCovered,
    daysCovered ? toFixedString(covered, minor) : undefined,
  );
}

// An `inForce` entry: when, the ratio, and on the days it covers (or over lines of two periods) what
// those lines billed, the most the discount takes.
function inForceEntry(period: Period, ratio: ProrationRatio, daysCovered: boolean, covered?: string) {
  return {
    start: formatInstant(period.start),
    end: formatInstant(period.end),
    ...ratioText(ratio),
    ...(daysCovered ? { partialPeriod: "days_covered" as const } : {}),
    ...(covered === undefined ? {} : { covered }),
  };
}

// The contract's fixed amount a billing period and the share that scaled it: the entry's `fixed` is
// `amount` × `elapsed` ÷ `total`, rounded once ($100.00 × 15 ÷ 31 = $48.39), redone from its own fields.
export function proratedFrom(
  amount: Decimal,
  ratio: ProrationRatio,
  minor: number,
): NonNullable<AppliedDiscount["prorated"]> {
  return {
    amount: toFixedString(amount, minor),
    ...ratioText(ratio),
  };
}
