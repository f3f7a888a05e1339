import { InputError, notAParsedEvent, sourceReturnedNoEvents, UsageError } from "../errors/index.js";
import type { UsageEvent } from "../schema/index.js";

/**
 * The id of the event at `index` of a pass over parsed events. Ids are the first thing read (to find
 * copies), so this is where a value that is no event at all is met: refused with its index, not left to
 * fail as a TypeError inside the hashing.
 * @throws UsageError `invalid_event` at `[index]`
 */
export function eventIdOf(event: UsageEvent, index: number): string {
  const id = typeof event === "object" && event !== null ? event.id : undefined;
  if (typeof id === "string") return id;
  throw UsageError.from(notAParsedEvent(event), `[${index}]`);
}

/**
 * What a function usage source returned, checked to be something to read events from.
 * @throws InputError `invalid_argument` at `events`
 */
export function eventsFromSource<T>(events: T): T {
  const readable =
    typeof events === "object" &&
    events !== null &&
    (Symbol.iterator in events || Symbol.asyncIterator in events);
  if (readable) return events;
  throw InputError.from(sourceReturnedNoEvents(events), "events");
}
