import type { UsageEvent } from "../index.js";

/**
 * Makes copies of events held in memory (a batch until their customer is rated, `readUsage` for the
 * commands that read a whole file): the same event, whose texts no longer keep the file's text.
 *
 * Why: the readers cut each field out of the chunk of the file they read (64 KB of text), and V8 keeps a
 * text of 13 characters or more cut from another as a view of it, so one held event with a long id (a
 * UUID) or type ("cdn.bandwidth") keeps its whole chunk alive. Holding every event of a file, as `ratecard
 * batch` does, kept the file's text too: 393 bytes of heap an event of bench/out's batch file, 469 with
 * UUID ids; held as copies, 218 and 282 (docs/scale.md, "`ratecard batch`"). Each type and customer is
 * kept once; a batch passes the contract's own customer id (equal to the event's: it holds the event
 * under it).
 */
export function eventHolder(): (event: UsageEvent, customer?: string) => UsageEvent {
  const kept = new Map<string, string>();
  const once = (text: string) => {
    let known = kept.get(text);
    if (known === undefined) {
      known = ownCopy(text);
      kept.set(known, known);
    }
    return known;
  };
  return (event, customer = once(event.customer)) => {
    const type = once(event.type);
    // fromEntries defines each member, so a property named __proto__ stays a property (docs/cli.md).
    const properties = Object.fromEntries(
      Object.entries(event.properties).map(([key, value]) => [
        key,
        typeof value === "string" ? ownCopy(value) : value,
      ]),
    );
    return { id: ownCopy(event.id), type, customer, timestamp: event.timestamp, properties };
  };
}

// A text equal to `text` that is no view of a longer one: V8 copies texts of under 13 characters when
// it cuts them out, so those are returned as they are; a longer one is joined to a space, which makes a
// text of its own, then cut from it, a view of that copy alone.
function ownCopy(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}
