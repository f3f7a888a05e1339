import { type Warning, warningMessages } from "../errors/index.js";
import type { AggregateUsageResult } from "../meters/index.js";

/**
 * What the usage report needs said on the invoice: ids of this customer's events that other customers'
 * events reuse. No amount changes (each customer's events are deduplicated on their own), but a shared
 * id usually means a producer whose ids are not unique, which a specialist should know.
 */
export function usageWarnings(usage: AggregateUsageResult, customer: string): Warning[] {
  const reused = usage.idsReusedByOtherCustomers;
  if (reused === undefined) return [];
  return [warningMessages.eventIdsShared({ customer, ids: reused.ids, sampleIds: reused.sampleIds })];
}
