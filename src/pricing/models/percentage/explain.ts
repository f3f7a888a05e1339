import { Decimal } from "../../../money/index.js";
import type { StepContext } from "../../../schema/index.js";
import type { PercentagePriceStep } from "./steps.js";

/** A percentage price's steps: the rate on the value charged, the fixed fees, the per-transaction limits. */
export function explainPercentageStep(step: PercentagePriceStep, { words }: StepContext): string {
  const { count, money, price } = words;
  switch (step.kind) {
    case "percentage": {
      const free =
        step.free === "0" && step.freeEvents === 0
          ? ""
          : ` (${money(step.free)} free${step.freeEvents > 0 ? `, ${count(step.freeEvents, "transaction")} entirely free` : ""})`;
      const refunds = step.refunds > 0 ? `; ${count(step.refunds, "refund")} not charged` : "";
      const charged = step.events - step.refunds;
      return `${words.percent(step.rate)} of ${money(new Decimal(step.total).minus(step.free).toFixed())} = ${money(step.amount)}, on ${count(charged, "transaction")} worth ${money(step.total)}${free}${refunds}.`;
    }
    case "fixed_fees":
      return `Fixed fee ${price(step.fixedFee)} × ${count(step.events, "transaction")} = ${money(step.amount)}.`;
    case "per_event_limit":
      return step.limit === "minimum"
        ? `${count(step.events, "transaction")} raised to the minimum of ${money(step.perEvent)} each: plus ${money(step.amount)}.`
        : `${count(step.events, "transaction")} capped at the maximum of ${money(step.perEvent)} each: ${money(step.amount)}.`;
  }
}
