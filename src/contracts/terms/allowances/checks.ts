import type * as z from "zod/mini";
import { contractMessages } from "../../../errors/index.js";
import { modelOfPrice, type PriceTerms, pricesIn } from "../../../pricing/index.js";
import { issueOf } from "../../../schema/index.js";
import type { AllowanceTerms } from "./schema.js";

/** The parts of a charge the pool checks read. */
interface PoolableCharge {
  readonly id: string;
  readonly meter?: string | undefined;
  readonly quantity?: unknown;
  readonly price: PriceTerms;
  readonly transform?: { readonly unit?: string | undefined } | undefined;
}

/** The parts of a contract the pool checks read. */
export interface AllowanceCheckInput {
  readonly allowances?: ReadonlyArray<AllowanceTerms> | undefined;
  readonly charges: ReadonlyArray<PoolableCharge>;
  readonly amendments?:
    | ReadonlyArray<{ readonly charges?: ReadonlyArray<PoolableCharge> | undefined }>
    | undefined;
  readonly overrides?:
    | ReadonlyArray<{ readonly charge: string; readonly price?: PriceTerms | undefined }>
    | undefined;
  readonly meters: ReadonlyArray<{ readonly id: string; readonly unit?: string | undefined }>;
}

/**
 * Cross-field checks of `allowances[]`: unique pool ids; every listed charge exists (in the contract or
 * an amendment), is in one pool only, prices a quantity in every version (amendments and override
 * prices included), and bills in the same unit as the pool's other charges; a pool that grows with a
 * meter names one the contract has.
 */
export function checkAllowances(ctx: z.core.$RefinementCtx, contract: AllowanceCheckInput): void {
  if ((contract.allowances ?? []).length === 0) return;
  const versions = chargeVersions(contract);
  const unitOfMeter = new Map(contract.meters.map((meter) => [meter.id, meter.unit]));
  const overridePricesOf = overridePrices(contract);
  const poolIds = new Map<string, number>();
  const pooled = new Map<string, string>();
  contract.allowances?.forEach((pool, index) => {
    const first = poolIds.get(pool.id);
    if (first !== undefined)
      ctx.addIssue(
        issueOf(contractMessages.repeatedId("allowance id", pool.id, `allowances[${first}]`), [
          "allowances",
          index,
          "id",
        ]),
      );
    else poolIds.set(pool.id, index);
    if (pool.growsWith !== undefined && !unitOfMeter.has(pool.growsWith.meter))
      ctx.addIssue(
        issueOf(contractMessages.unknownMeter(pool.growsWith.meter, [...unitOfMeter.keys()]), [
          "allowances",
          index,
          "growsWith",
          "meter",
        ]),
      );
    let poolUnit: { readonly charge: string; readonly unit: string | undefined } | undefined;
    pool.charges.forEach((id, at) => {
      const path = ["allowances", index, "charges", at];
      const charges = versions.get(id);
      if (charges === undefined) {
        ctx.addIssue(issueOf(contractMessages.noChargeWithId(id), path));
        return;
      }
      const owner = pooled.get(id);
      if (owner !== undefined) {
        ctx.addIssue(issueOf(contractMessages.chargeInTwoPools(id, owner), path));
        return;
      }
      pooled.set(id, `allowance "${pool.id}"`);
      if (charges.some((charge) => charge.quantity !== undefined)) {
        ctx.addIssue(issueOf(contractMessages.seatsInPool(id), path));
        return;
      }
      const unpriced = [
        ...charges.flatMap((charge) => pricesIn(charge.price)),
        ...(overridePricesOf.get(id) ?? []),
      ].find((price) => !modelOfPrice(price).acceptsTransform)?.model;
      if (unpriced !== undefined) {
        ctx.addIssue(issueOf(contractMessages.unpoolablePrice(id, unpriced), path));
        return;
      }
      for (const charge of charges) {
        const unit =
          charge.transform?.unit ?? (charge.meter === undefined ? undefined : unitOfMeter.get(charge.meter));
        if (poolUnit === undefined) poolUnit = { charge: id, unit };
        else if (unit !== poolUnit.unit) {
          const units = [describeUnit(unit), describeUnit(poolUnit.unit)] as const;
          ctx.addIssue(
            issueOf(contractMessages.poolUnitsDiffer(id, units[0], poolUnit.charge, units[1]), path),
          );
          return;
        }
      }
    });
  });
}

// Every version of each charge: the contract's own and the ones amendments put in its place.
function chargeVersions(contract: AllowanceCheckInput): Map<string, PoolableCharge[]> {
  const versions = new Map<string, PoolableCharge[]>();
  const all = [
    ...contract.charges,
    ...(contract.amendments ?? []).flatMap((amendment) => amendment.charges ?? []),
  ];
  for (const charge of all) versions.set(charge.id, [...(versions.get(charge.id) ?? []), charge]);
  return versions;
}

// The prices overrides put in each charge (nested ones included), by charge id, in one pass over the overrides.
function overridePrices(contract: AllowanceCheckInput): Map<string, PriceTerms[]> {
  const prices = new Map<string, PriceTerms[]>();
  for (const override of contract.overrides ?? []) {
    if (override.price === undefined) continue;
    prices.set(override.charge, [...(prices.get(override.charge) ?? []), ...pricesIn(override.price)]);
  }
  return prices;
}

function describeUnit(unit: string | undefined): string {
  return unit === undefined ? "no unit" : `"${unit}"`;
}
