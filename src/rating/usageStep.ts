import type { Computation, MeterQuantity, WindowQuantity } from "../meters/index.js";
import {
  type Decimal,
  type ExactQuotient,
  lowestTerms,
  quotientValue,
  toPlainString,
} from "../money/index.js";
import {
  type ComputationData,
  computedFilterFormula,
  type PropertyValue,
  valueFormula,
} from "../schema/index.js";
import type { RatedStep } from "./ratedLine.js";

/** What a line is rated from: a meter's total, or one group of it. */
export interface Measured {
  readonly meter: MeterQuantity["meter"];
  readonly events: number;
  readonly quantity: Decimal;
  readonly computation?: Computation | undefined;
  readonly values?: ReadonlyArray<Decimal> | undefined;
  readonly windows?: ReadonlyArray<WindowQuantity> | undefined;
  readonly group?: Readonly<Record<string, PropertyValue>> | undefined;
  readonly fraction?: ExactQuotient | undefined;
}

/**
 * The meter's fraction, when it is the very quantity measured: a quantity changed since (a projection
 * of a preview rounds it to six decimals) no longer is that fraction, and is priced as it reads.
 */
export function fractionOf(measured: Measured): ExactQuotient | undefined {
  const { fraction } = measured;
  return fraction !== undefined && quotientValue(fraction).eq(measured.quantity) ? fraction : undefined;
}

// A fraction a person can redo by hand: numerator and denominator of at most 30 digits each (entities
// with many different counts add up to far longer ones, which the 50-digit quantity says as well).
function readable(terms: { readonly numerator: bigint; readonly denominator: bigint }): boolean {
  return String(terms.numerator).length <= 31 && String(terms.denominator).length <= 30;
}

/** The `usage` step, its optional fields set in their order; `fraction` is {@link fractionOf} the measured. */
export function usageStep(measured: Measured, fraction: ExactQuotient | undefined): RatedStep {
  const { meter } = measured;
  const step: { -readonly [K in keyof UsageStep]?: UsageStep[K] } = {
    kind: "usage",
    meter: meter.id,
    aggregation: meter.aggregation,
    events: measured.events,
    quantity: toPlainString(measured.quantity),
  };
  if (meter.unit !== undefined) step.unit = meter.unit;
  if (meter.unit !== undefined && meter.unitSingular !== undefined) step.unitSingular = meter.unitSingular;
  if (measured.computation) step.computation = toComputationData(measured.computation);
  if (meter.value !== undefined) step.value = valueFormula(meter.value);
  const where = computedFilterFormula(meter.filters);
  if (where !== undefined) step.where = where;
  const terms = fraction === undefined ? undefined : lowestTerms(fraction);
  if (terms !== undefined && readable(terms))
    step.fraction = { numerator: String(terms.numerator), denominator: String(terms.denominator) };
  return step as RatedStep;
}

// The meter's record as invoice data: the same fields, the optional direction left out when absent.
function toComputationData(computation: Computation): ComputationData {
  if (computation.kind === "percentile") {
    const { direction, ...rest } = computation;
    return direction === undefined ? rest : { ...rest, direction: { ...direction } };
  }
  return { ...computation };
}

type UsageStep = Extract<RatedStep, { kind: "usage" }>;
