import type { Contract } from "../contracts/index.js";
import { type Warning, warningMessages } from "../errors/index.js";
import type { AggregateUsageResult } from "../meters/index.js";

/**
 * What the usage report needs said on the invoice: ids of this customer's events that other customers'
 * events reuse (no amount changes: each customer's events are deduplicated on their own, but a shared
 * id usually means a producer whose ids are not unique), and events of a meter with `entity` that lack
 * its property, counted together as one entity (docs/meters.md, "Per-entity rounding and caps").
 */
export function usageWarnings(usage: AggregateUsageResult, contract: Contract): Warning[] {
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
