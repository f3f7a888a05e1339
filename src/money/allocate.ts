import {
  allAllocationWeightsZero,
  amountNotInMinorUnits,
  InputError,
  isRecord,
  negativeAllocationWeight,
  noAllocationWeights,
  requireArgument,
} from "../errors/index.js";
import type { Currency } from "./currency.js";
import { Decimal } from "./decimal.js";

/**
 * Splits `amount` into parts proportional to `weights`, in whole minor units, so the parts always
 * sum to `amount` exactly (largest-remainder method).
 *
 * Each part first gets the whole minor units of its exact share; the minor units left over go one
 * each to the parts with the largest remainders; equal remainders go to the earlier part. Every part
 * therefore differs from its exact share by less than one minor unit. The arithmetic is done on
 * integers (BigInt), so no division ever rounds.
 *
 * @param amount - a whole number of minor units of `currency` (e.g. "10.00" USD), may be negative
 * @param weights - non-negative, at least one positive (e.g. usage per region)
 * @returns one part per weight, in the same order
 * @throws InputError `amount_not_in_minor_units`, `invalid_allocation_weights`; `invalid_argument` at
 *   `amount`, `weights[i]` or `currency` for an argument that is not a Decimal or a currency
 * @example allocate(new Decimal("10.00"), [1, 1, 1].map((w) => new Decimal(w)), usd) // 3.34, 3.33, 3.33
 */
export function allocate(amount: Decimal, weights: ReadonlyArray<Decimal>, currency: Currency): Decimal[] {
  requireArgument(
    Decimal.isDecimal(amount),
    "amount",
    amount,
    "amount",
    "a Decimal",
    'write new Decimal("10.00")',
  );
  requireArgument(Array.isArray(weights), "weights", weights, "weights", "a list of Decimals");
  requireArgument(
    isRecord(currency) && Number.isInteger(currency.minorUnits) && typeof currency.code === "string",
    "currency",
    currency,
    "currency",
    'a currency such as resolveCurrency("USD")',
  );
  const unit = new Decimal(10).pow(-currency.minorUnits);
  const totalUnitsDecimal = amount.div(unit);
  if (!totalUnitsDecimal.isInteger()) {
    throw InputError.from(
      amountNotInMinorUnits(amount.toFixed(), currency.code, currency.minorUnits),
      "amount",
    );
  }
  validateWeights(weights);
  const scaledWeights = toIntegers(weights);
  const weightSum = scaledWeights.reduce((sum, w) => sum + w, 0n);

  const totalUnits = BigInt(totalUnitsDecimal.toFixed(0));
  const sign = totalUnits < 0n ? -1n : 1n;
  const magnitude = totalUnits * sign;

  const floors = scaledWeights.map((w) => (magnitude * w) / weightSum);
  const remainders = scaledWeights.map((w) => (magnitude * w) % weightSum);
  let leftOver = magnitude - floors.reduce((sum, f) => sum + f, 0n);

  // Largest remainder first; on equal remainders the earlier index wins (a stable, documented tie-break).
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const parts = [...floors];
  for (const { index } of order) {
    if (leftOver === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftOver -= 1n;
  }
  return parts.map((units) => new Decimal((units * sign).toString()).times(unit));
}

function validateWeights(weights: ReadonlyArray<Decimal>): void {
  if (weights.length === 0) {
    throw InputError.from(noAllocationWeights(), "weights");
  }
  weights.forEach((weight, index) => {
    // In the loop over the weights that is made anyway: no second pass.
    requireArgument(Decimal.isDecimal(weight), `weights[${index}]`, weight, "weight", "a Decimal");
    if (!weight.isFinite() || (weight.isNegative() && !weight.isZero())) {
      throw InputError.from(
        negativeAllocationWeight(`weights[${index}]`, weight.toString()),
        `weights[${index}]`,
      );
    }
  });
  if (weights.every((weight) => weight.isZero())) {
    throw InputError.from(allAllocationWeightsZero(), "weights");
  }
}

// Scales decimal weights to integers by the largest number of decimals among them (exact).
function toIntegers(weights: ReadonlyArray<Decimal>): bigint[] {
  const decimals = Math.max(...weights.map((w) => w.decimalPlaces()));
  const scale = new Decimal(10).pow(decimals);
  return weights.map((w) => BigInt(w.times(scale).toFixed(0)));
}
