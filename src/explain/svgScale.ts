import { Decimal } from "../money/index.js";

/**
 * A linear map from values (decimal text) to SVG coordinates, written with one decimal: drawing
 * positions only, never an amount, and the same input gives the same digits on every machine.
 */
export function scale(
  domain: { readonly min: Decimal; readonly max: Decimal },
  range: readonly [number, number],
) {
  const span = domain.max.minus(domain.min);
  return (value: string | Decimal): string => {
    const ratio = span.isZero() ? new Decimal(0) : new Decimal(value).minus(domain.min).div(span);
    return ratio
      .times(range[1] - range[0])
      .plus(range[0])
      .toFixed(1);
  };
}

/** The largest of the values (and 0), so a scale always includes its baseline. */
export function maxOf(values: ReadonlyArray<string | Decimal>): Decimal {
  return values.reduce<Decimal>((max, value) => Decimal.max(max, value), new Decimal(0));
}

/** The smallest of the values (and 0). */
export function minOf(values: ReadonlyArray<string | Decimal>): Decimal {
  return values.reduce<Decimal>((min, value) => Decimal.min(min, value), new Decimal(0));
}
