import type { BatchSummary, UsageEvent } from "../index.js";
import { compareIds } from "./batchRating.js";
import { eventHolder } from "./heldEvent.js";

/** A batch's usage split by customer: each billed customer's events, and the others counted. */
export interface BatchSplit {
  readonly events: ReadonlyMap<string, UsageEvent[]>;
  /** How many events each billed customer has in the file, whether kept or only read. */
  readonly read: ReadonlyMap<string, number>;
  readonly unknown: BatchSummary["unknownCustomers"];
  /** The events of each customer whose contract the batch set aside for its billing cycle, counted. */
  readonly setAside: ReadonlyMap<string, number>;
}

/** The events a batch does not bill: of customers no contract bills, and of contracts set aside. */
export type Unbilled = Pick<BatchSplit, "unknown" | "setAside">;

/**
 * How a split keeps the billed customers' events: as copies that keep none of the file's text
 * (heldEvent.ts: a file's events as its reader cut them), as read (a stream read once, whose events
 * usageSource already copied), or not at all, only counted (a pass that screens the file for bad events
 * before DuckDB aggregates it).
 */
export type KeptEvents = "copies" | "as read" | "counted";

/**
 * One pass over the events: each customer's own events, in file order, for the customers a contract
 * bills, kept as `keep` says; those of the customers in `setAside` (contracts billed on another cycle)
 * counted per customer; the others counted (events, customers, the five smallest ids), never billed.
 */
export async function splitByCustomer(
  events: AsyncIterable<UsageEvent>,
  customers: ReadonlyArray<string>,
  keep: KeptEvents,
  setAside: ReadonlyArray<string> = [],
): Promise<BatchSplit> {
  const aside = new Map<string, number>(setAside.map((id) => [id, 0]));
  const byCustomer = new Map<string, UsageEvent[]>(customers.map((id) => [id, []]));
  // Counted one by one only when the events are not kept; kept, each customer's count is its list's
  // length, so the usual pass pays nothing per event for it.
  const counted = keep === "counted" ? new Map<string, number>(customers.map((id) => [id, 0])) : undefined;
  const unknownIds = new Set<string>();
  let unknownEvents = 0;
  // Copies are held under the contract's own customer id (equal to the event's).
  const held = keep === "copies" ? eventHolder() : (event: UsageEvent) => event;
  const customerIds = new Map(customers.map((id) => [id, id]));
  for await (const event of events) {
    const own = byCustomer.get(event.customer);
    if (own !== undefined) {
      if (counted === undefined) own.push(held(event, customerIds.get(event.customer) as string));
      else counted.set(event.customer, (counted.get(event.customer) as number) + 1);
    } else if (aside.has(event.customer)) {
      aside.set(event.customer, (aside.get(event.customer) as number) + 1);
    } else {
      unknownEvents += 1;
      unknownIds.add(event.customer);
    }
  }
  return {
    events: byCustomer,
    read: counted ?? new Map([...byCustomer].map(([id, own]) => [id, own.length])),
    unknown: {
      events: unknownEvents,
      customers: unknownIds.size,
      sampleCustomers: [...unknownIds].sort(compareIds).slice(0, 5),
    },
    setAside: aside,
  };
}
