import type { UsageEvent } from "../index.js";
import { ownText } from "./ownText.js";

/**
 * Makes copies of events held in memory (a batch until their customer is rated, `readUsage` for the
 * commands that read a whole file, a stream read once): the same event, whose texts no longer keep the
 * text of its line.
 *
 * Why: the readers cut each field out of a copy of its line (plainJsonLine.ts, csvRecords.ts: so that a
 * field keeps its line, not the 64 KB chunk the line came from), and a field of 13 characters or more (a
 * UUID id, the type "cdn.bandwidth") is a view of that line (ownText.ts). A pass that drops each event
 * pays nothing for it; holding every event of a file kept every line, the file's text, besides the events:
 * 393 bytes of heap an event of bench/out's batch file, 469 with UUID ids; held as copies, 218 and 282
 * (docs/scale.md, "`ratecard batch`"). Each type and customer is kept once; a batch passes the contract's
 * own customer id (equal to the event's: it holds the event under it).
 */
export function eventHolder(): (event: UsageEvent, customer?: string) => UsageEvent {
  const kept = new Map<string, string>();
  const once = (text: string) => {
    let known = kept.get(text);
    if (known === undefined) {
      known = ownText(text);
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
        typeof value === "string" ? ownText(value) : value,
      ]),
    );
    return { id: ownText(event.id), type, customer, timestamp: event.timestamp, properties };
  };
}
