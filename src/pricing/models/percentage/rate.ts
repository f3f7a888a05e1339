import { eventValuesRequired, InputError } from "../../../errors/index.js";
import { type Decimal, toPlainString, ZERO } from "../../../money/index.js";
import { type PricedStep, resultOf } from "../../pricedSteps.js";
import type { RatedAmount, RatingContext } from "../../priceModel.js";
import type { PercentagePriceStep } from "./steps.js";
import type { PercentageTerms } from "./terms.js";

/**
 * A share of each transaction, payments-style: `percent` (or `basisPoints`) of its value plus a
 * fixed fee, each transaction's charge clamped to `minimumPerEvent` / `maximumPerEvent`.
 *
 * The free allowance covers transactions in event order while every limit that is set still holds:
 * the first `freeEvents` transactions and the first `freeAmount` of value, whichever runs out first.
 * A transaction inside it pays nothing. When the free amount runs out inside a transaction, the part
 * above it pays the percentage and the fixed fee (the allowance ended there), as Lago does.
 *
 * A negative value (a refund) is charged nothing, uses none of the allowance and is left out of
 * `total`; the step counts it under `refunds`, as card processors keep their fee on refunds.
 *
 * 2.9 % + $0.30 on $100, $20 and $5: 3.20 + 0.88 + 0.445 = $4.525 (before line rounding).
 */
export function ratePercentage(
  terms: PercentageTerms,
  quantity: Decimal,
  context: RatingContext,
): RatedAmount<PercentagePriceStep> {
  if (context.eventValues.length === 0 && !quantity.isZero()) {
    // A total alone cannot be split into transactions: fixed fees and per-event limits need each one.
    throw InputError.from(eventValuesRequired(quantity.toFixed()), "");
  }
  const rate = terms.percent !== undefined ? terms.percent.div(100) : (terms.basisPoints ?? ZERO).div(10_000);
  const tally = tallyTransactions(terms, rate, context.eventValues);
  const steps: PricedStep<PercentagePriceStep>[] = [
    {
      amount: tally.chargeable.times(rate),
      step: {
        kind: "percentage",
        events: context.eventValues.length,
        refunds: tally.refunds,
        freeEvents: tally.freeEvents,
        total: toPlainString(tally.total),
        free: toPlainString(tally.total.minus(tally.chargeable)),
        rate: toPlainString(rate),
        amount: toPlainString(tally.chargeable.times(rate)),
      },
    },
  ];
  if (terms.fixedFee !== undefined && !terms.fixedFee.isZero()) {
    const fees = terms.fixedFee.times(tally.paying);
    steps.push({
      amount: fees,
      step: {
        kind: "fixed_fees",
        events: tally.paying,
        fixedFee: toPlainString(terms.fixedFee),
        amount: toPlainString(fees),
      },
    });
  }
  for (const [limit, adjustment] of [
    ["minimum", tally.raised],
    ["maximum", tally.lowered],
  ] as const) {
    const perEvent = limit === "minimum" ? terms.minimumPerEvent : terms.maximumPerEvent;
    if (perEvent === undefined || adjustment.events === 0) continue;
    steps.push({
      amount: adjustment.amount,
      step: {
        kind: "per_event_limit",
        limit,
        events: adjustment.events,
        perEvent: toPlainString(perEvent),
        amount: toPlainString(adjustment.amount),
      },
    });
  }
  return resultOf(steps);
}

interface Adjustment {
  readonly events: number;
  readonly amount: Decimal;
}

// Walks the transactions once: what is free, what pays, and how far the per-event limits moved charges.
function tallyTransactions(terms: PercentageTerms, rate: Decimal, values: ReadonlyArray<Decimal>) {
  const hasAllowance = terms.freeEvents !== undefined || terms.freeAmount !== undefined;
  let freeEventsLeft = terms.freeEvents ?? Number.POSITIVE_INFINITY;
  let freeAmountLeft: Decimal | undefined = terms.freeAmount;
  let allowanceOpen = hasAllowance;
  let total = ZERO;
  let chargeable = ZERO;
  let freeEvents = 0;
  let refunds = 0;
  let paying = 0;
  let raised: Adjustment = { events: 0, amount: ZERO };
  let lowered: Adjustment = { events: 0, amount: ZERO };

  for (const value of values) {
    if (value.isNegative() && !value.isZero()) {
      refunds += 1;
      continue;
    }
    total = total.plus(value);
    let charged = value;
    if (
      allowanceOpen &&
      freeEventsLeft > 0 &&
      (freeAmountLeft === undefined || freeAmountLeft.greaterThan(0))
    ) {
      freeEventsLeft -= 1;
      if (freeAmountLeft === undefined || freeAmountLeft.greaterThanOrEqualTo(value)) {
        freeAmountLeft = freeAmountLeft?.minus(value);
        freeEvents += 1;
        continue;
      }
      charged = value.minus(freeAmountLeft);
      freeAmountLeft = ZERO;
    }
    if (allowanceOpen && (freeEventsLeft <= 0 || freeAmountLeft?.isZero())) allowanceOpen = false;
    paying += 1;
    chargeable = chargeable.plus(charged);
    const charge = charged.times(rate).plus(terms.fixedFee ?? ZERO);
    if (terms.minimumPerEvent !== undefined && charge.lessThan(terms.minimumPerEvent)) {
      raised = { events: raised.events + 1, amount: raised.amount.plus(terms.minimumPerEvent.minus(charge)) };
    } else if (terms.maximumPerEvent !== undefined && charge.greaterThan(terms.maximumPerEvent)) {
      lowered = {
        events: lowered.events + 1,
        amount: lowered.amount.plus(terms.maximumPerEvent.minus(charge)),
      };
    }
  }
  return { total, chargeable, freeEvents, refunds, paying, raised, lowered };
}
