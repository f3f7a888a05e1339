import type { Contract } from "../contracts/index.js";
import { type Warning, warningMessages } from "../errors/index.js";
import type { AggregateUsageResult } from "../meters/index.js";
import type { MeterTerms } from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";

/**
 * What the usage report needs said on the invoice: ids of this customer's events that other customers'
 * events reuse (no amount changes: each customer's events are deduplicated on their own, but a shared
 * id usually means a producer whose ids are not unique), events of a meter with `entity` that lack
 * its property, counted together as one entity (docs/meters.md, "Per-entity rounding and caps"), and
 * meters that carry state but were given none after the contract's first period
 * ({@link carriedStateWarnings}).
 */
export function usageWarnings(usage: AggregateUsageResult, contract: Contract, service: Period): Warning[] {
  // A plain loop: flatMap made a list per meter and invoice (issue 14).
  const warnings: Warning[] = [];
  for (const { meter, computation } of usage.meters) {
    if (computation?.kind !== "entities" || computation.withoutProperty === undefined) continue;
    const at = contract.meters.findIndex((defined) => defined.id === meter.id);
    const { property, events } = computation.withoutProperty;
    warnings.push(
      warningMessages.eventsWithoutEntity({
        path: `meters[${at}].entity.property`,
        meter: meter.id,
        property,
        events,
      }),
    );
  }
  for (const warning of carriedStateWarnings(usage, contract, service)) warnings.push(warning);
  const reused = usage.idsReusedByOtherCustomers;
  if (reused === undefined) return warnings;
  return [
    warningMessages.eventIdsShared({
      customer: contract.customer.id,
      ids: reused.ids,
      sampleIds: reused.sampleIds,
    }),
    ...warnings,
  ];
}

/**
 * The meters that carry state (persistent, weighted_sum), opened the period from zero because no carried
 * state was given for them (`MeterQuantity.carriedMissing`), and needed one: the contract started before
 * the period. What `carried_state_missing` warns of, and what the usage evidence says of each meter.
 */
export function metersMissingCarriedState(
  usage: AggregateUsageResult,
  contract: Contract,
  service: Period,
): MeterTerms[] {
  if (contract.term.start >= service.start) return [];
  return usage.meters.filter((entry) => entry.carriedMissing === true).map((entry) => entry.meter);
}

/**
 * `carried_state_missing`, one per meter that carries state (persistent, weighted_sum) and opened the
 * period from zero because no carried state was given for it (`MeterQuantity.carriedMissing`), when
 * the contract started before the period: a running total, the active values or a level would then
 * silently restart. The contract's first period needs none (nothing came before it), and a level set
 * at the period's first instant makes the opening level irrelevant (no warning either).
 * @example a persistent seats meter, contract from 2026-01-01, February rated without `carried`: one warning
 */
function carriedStateWarnings(usage: AggregateUsageResult, contract: Contract, service: Period): Warning[] {
  const warnings: Warning[] = [];
  for (const meter of metersMissingCarriedState(usage, contract, service)) {
    const state = usage.carryOut[meter.id] ?? {};
    warnings.push(
      warningMessages.carriedStateMissing({
        path: `meters[${contract.meters.findIndex((defined) => defined.id === meter.id)}]`,
        meter: meter.id,
        carries: "level" in state ? "level" : "active" in state ? "active" : "total",
        contractStart: formatInstant(contract.term.start),
        periodStart: formatInstant(service.start),
      }),
    );
  }
  return warnings;
}
