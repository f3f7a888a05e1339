import type { CommitmentTerms, Contract } from "../../contracts/index.js";
import { type Decimal, exactProduct, roundTo, toFixedString, toPlainString } from "../../money/index.js";
import { formatInstant } from "../../time/index.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import type { ServicePeriod } from "../resolveServicePeriod.js";

/** What a commitment's own line is worked from: the minimum, this invoice's spend, and for a cumulative commitment the spend of the earlier invoices of its period. */
export interface CommitmentFigures {
  readonly commitment: CommitmentTerms;
  readonly minimum: Decimal;
  readonly spend: Decimal;
  readonly spendBefore?: Decimal;
}

/** How the invoice writes money: its service period, the currency's minor units and the rounding mode. */
export interface LineSetting {
  readonly resolved: ServicePeriod;
  readonly minor: number;
  readonly rounding: Contract["rounding"];
}

/** The true-up line: the shortfall below the minimum, already in minor units. */
export function trueUpLine(
  figures: CommitmentFigures,
  shortfall: Decimal,
  setting: LineSetting,
): InvoiceLine {
  const { commitment, minimum, spend, spendBefore } = figures;
  const { minor, rounding } = setting;
  const amount = toFixedString(shortfall, minor);
  return {
    ...commitmentLine(commitment, commitment.name, setting),
    priceKind: "true_up",
    amount,
    steps: [
      {
        kind: "commitment_true_up",
        commitment: commitment.id,
        minimum: toFixedString(minimum, minor),
        spend: toFixedString(spend, minor),
        ...before(spendBefore, minor),
        amount,
      },
      { kind: "rounding", mode: rounding, minorUnits: minor, before: amount, amount },
    ],
  };
}

/**
 * The overage line: `excess` (the spend above the minimum) times (factor − 1), rounded once with the
 * contract's mode. Undefined when that rounds to nothing (a line of 0.00 would explain nothing).
 */
export function overageLine(
  figures: CommitmentFigures,
  factor: Decimal,
  excess: Decimal,
  setting: LineSetting,
): InvoiceLine | undefined {
  const { commitment, minimum, spend, spendBefore } = figures;
  const { minor, rounding } = setting;
  // Exact before the one rounding: a spend of many large lines times a factor can need more than 50 digits.
  const exact = exactProduct(excess, factor.minus(1));
  const rounded = roundTo(exact, minor, rounding);
  if (rounded.isZero()) return undefined;
  const amount = toFixedString(rounded, minor);
  return {
    ...commitmentLine(commitment, `${commitment.name} (overage)`, setting),
    priceKind: "overage",
    amount,
    steps: [
      {
        kind: "commitment_overage",
        commitment: commitment.id,
        minimum: toFixedString(minimum, minor),
        spend: toFixedString(spend, minor),
        ...before(spendBefore, minor),
        excess: toFixedString(excess, minor),
        factor: toPlainString(factor),
        amount: toPlainString(exact),
      },
      { kind: "rounding", mode: rounding, minorUnits: minor, before: toPlainString(exact), amount },
    ],
  };
}

// The fields every commitment line opens with, in the invoice's key order: its id is the commitment's,
// it covers the service period.
function commitmentLine(commitment: CommitmentTerms, name: string, { resolved }: LineSetting) {
  return {
    id: commitment.id,
    chargeId: commitment.id,
    name,
    model: "commitment",
    period: { start: formatInstant(resolved.service.start), end: formatInstant(resolved.service.end) },
    quantity: "1",
  } as const;
}

function before(spendBefore: Decimal | undefined, minor: number) {
  return spendBefore === undefined ? {} : { spendBefore: toFixedString(spendBefore, minor) };
}
