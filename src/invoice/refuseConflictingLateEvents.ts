import { InputError, periodMessages } from "../errors/index.js";
import { canonicalPayload } from "../meters/index.js";
import type { UsageEvent } from "../schema/index.js";

/**
 * Refuses a late event that reuses the id of one of the customer's events the invoice was rated from,
 * with another payload. Deduplication leaves every copy of such an id out (`conflicting_duplicate`),
 * so the re-rating would drop the event already billed and the correction would refund it: a
 * correction of a billed event, not late usage. A late copy with the same payload stays allowed (it
 * counts once, as a repeat). Another customer's events are never copies of the customer's.
 * @throws InputError `late_event_conflict` at `late[i].id`
 */
export function refuseConflictingLateEvents(
  customer: string,
  invoiceId: string,
  original: ReadonlyArray<UsageEvent>,
  late: ReadonlyArray<UsageEvent>,
): void {
  const billed = new Map<string, UsageEvent[]>();
  for (const event of original) {
    if (event.customer !== customer) continue;
    const copies = billed.get(event.id);
    if (copies === undefined) billed.set(event.id, [event]);
    else copies.push(event);
  }
  for (const [index, event] of late.entries()) {
    if (event.customer !== customer) continue;
    const payload = canonicalPayload(event);
    const copies = billed.get(event.id) ?? [];
    if (copies.some((copy) => canonicalPayload(copy) !== payload))
      throw InputError.from(periodMessages.lateEventConflict(event.id, invoiceId), `late[${index}].id`);
  }
}
