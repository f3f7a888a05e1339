import type { AllowanceTerms, Contract } from "../contracts/index.js";
import { addExactly, type Decimal, exactProduct, roundTo, toPlainString, ZERO } from "../money/index.js";
import type { AppliedAllowance } from "../schema/index.js";
import { formatInstant, type Period, ratioText } from "../time/index.js";
import { contractRatio } from "./contractRatio.js";
import { datedParts } from "./datedParts.js";

/** An allowance pool with the size it holds on one invoice, and how dated resizes made it. */
export interface PoolInForce {
  /** The pool, its `quantity` the size for this invoice's service period. */
  readonly pool: AllowanceTerms;
  /** Present when `changes` cut the service period: each part with the size in force on it. */
  readonly schedule?: NonNullable<AppliedAllowance["schedule"]>;
  /** Present when the pool grows with a meter (`growsWith`): the meter's quantity and what it added. */
  readonly growth?: NonNullable<AppliedAllowance["growth"]>;
}

/** A meter's whole-period quantity by meter id (0 for a meter that counted nothing). */
export type MeterQuantityOf = (meter: string) => Decimal;

/**
 * The size of each pool for a service period (docs/contracts.md, step 1). A pool is not prorated: with
 * no resize inside the period it holds its size in force, whole. When its `changes` cut the period,
 * it holds Σ sizeᵢ × partᵢ ÷ the period (each part measured against the service period by the
 * contract's proration basis, every product exact, one division), rounded half up to the most decimals
 * its sizes are written with: a pool written in whole GB stays in whole GB. The result lies between
 * the smallest and the largest size in force, and a resize to the same size changes nothing.
 * @example 1,000 GB resized to 1,500 GB on 16 March: (1,000 × 15 + 1,500 × 16) ÷ 31 = 1,258.06… → 1,258
 */
export function poolsInForce(
  contract: Contract,
  service: Period,
  meterQuantity: MeterQuantityOf,
): PoolInForce[] {
  return contract.allowances.map((pool) => grown(sizedByChanges(contract, service, pool), meterQuantity));
}

/**
 * A pool that grows with a meter (`growsWith`) holds its size in force plus the meter's quantity for
 * the period × the quantity per unit, the product rounded half up to the decimals the pool's sizes
 * are written with (as a resized pool is), so a pool written in whole GB stays in whole GB.
 * @example 1,000 GB per instance-month, 2.25 instance-months, no fixed size: 0 + 2,250 = 2,250 GB
 */
function grown(sized: PoolInForce, meterQuantity: MeterQuantityOf): PoolInForce {
  const growth = sized.pool.growsWith;
  if (growth === undefined) return sized;
  const measured = meterQuantity(growth.meter);
  const added = roundTo(exactProduct(measured, growth.quantity), writtenDecimals(sized.pool), "half_up");
  return {
    ...sized,
    pool: { ...sized.pool, quantity: addExactly(sized.pool.quantity, added) },
    growth: {
      meter: growth.meter,
      meterQuantity: toPlainString(measured),
      perUnit: toPlainString(growth.quantity),
      quantity: toPlainString(added),
    },
  };
}

// The most decimals any of a pool's sizes is written with: its own, its resizes', its growth's.
function writtenDecimals(pool: AllowanceTerms): number {
  const sizes = [pool.quantity, ...(pool.changes ?? []).map((change) => change.quantity)];
  if (pool.growsWith !== undefined) sizes.push(pool.growsWith.quantity);
  return Math.max(...sizes.map((size) => size.decimalPlaces()));
}

// A pool's size for the service period from its own size and its dated resizes.
function sizedByChanges(contract: Contract, service: Period, pool: AllowanceTerms): PoolInForce {
  const changes = pool.changes ?? [];
  if (changes.length === 0) return { pool };
  const sizes = [pool.quantity, ...changes.map((change) => change.quantity)];
  const parts = datedParts(
    contract,
    service,
    changes.map((change) => change.effective),
    sizes,
  );
  if (parts.length === 1) return { pool: { ...pool, quantity: parts[0]!.version } };
  const ratios = parts.map((part) => contractRatio(part.period, service, contract));
  // Every part shares the service period's total: Σ sizeᵢ × elapsedᵢ, divided once.
  const weighted = parts.reduce(
    (sum, part, at) => addExactly(sum, exactProduct(part.version, ratios[at]!.elapsed)),
    ZERO,
  );
  const decimals = Math.max(...sizes.map((size) => size.decimalPlaces()));
  const quantity: Decimal = roundTo(weighted.div(ratios[0]!.total), decimals, "half_up");
  return {
    pool: { ...pool, quantity },
    schedule: parts.map((part, at) => ({
      start: formatInstant(part.period.start),
      end: formatInstant(part.period.end),
      quantity: toPlainString(part.version),
      ...ratioText(ratios[at]!),
    })),
  };
}
