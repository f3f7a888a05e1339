import type { AggregateUsageResult } from "../meters/index.js";

/**
 * What the usage report needs said on the invoice in words: ids of this customer's events that other
 * customers' events reuse. No amount changes (each customer's events are deduplicated on their own),
 * but a shared id usually means a producer whose ids are not unique, which a specialist should know.
 */
export function usageWarnings(usage: AggregateUsageResult, customer: string): string[] {
  const reused = usage.idsReusedByOtherCustomers;
  if (reused === undefined) return [];
  const samples = `${reused.sampleIds.join(", ")}${reused.ids > reused.sampleIds.length ? ", …" : ""}`;
  const used =
    reused.ids === 1
      ? `1 event id of ${customer} is also used by another customer's events (${samples})`
      : `${reused.ids} event ids of ${customer} are also used by other customers' events (${samples})`;
  return [
    `${used}. Each customer's events are deduplicated on their own, so ${customer}'s usage counts in full and the others are excluded as another customer's; check that the system sending the events makes ids unique across customers.`,
  ];
}
