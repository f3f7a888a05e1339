import type { UsageEvent } from "../index.js";

/**
 * Makes copies of events a batch holds until their customer is rated: the same event, whose texts no
 * longer keep the file's text in memory.
 *
 * Why: the readers cut each field out of the chunk of the file they read (64 KB of text), and V8 keeps a
 * text of 13 characters or more cut from another as a view of it, so one held event with a long id (a
 * UUID) or type ("cdn.bandwidth") keeps its whole chunk alive. Holding every event of a file, as `ratecard
 * batch` does, kept the file's text too: 393 bytes of heap an event of bench/out's batch file, 469 with
 * UUID ids; held as copies, 218 and 282 (docs/scale.md, "What it costs"). The customer is the contract's
 * own id (equal to the event's: the batch holds an event under it) and each type is kept once.
 */
export function eventHolder(): (event: UsageEvent, customer: string) => UsageEvent {
  const types = new Map<string, string>();
  return (event, customer) => {
    let type = types.get(event.type);
    if (type === undefined) {
      type = ownCopy(event.type);
      types.set(type, type);
    }
    const properties: Record<string, UsageEvent["properties"][string]> = {};
    for (const [key, value] of Object.entries(event.properties))
      properties[key] = typeof value === "string" ? ownCopy(value) : value;
    return { id: ownCopy(event.id), type, customer, timestamp: event.timestamp, properties };
  };
}

// A text equal to `text` that is no view of a longer one: V8 copies texts of under 13 characters when
// it cuts them out, so those are returned as they are; a longer one is joined to a space, which makes a
// text of its own, then cut from it, a view of that copy alone.
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
