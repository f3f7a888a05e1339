import type { BatchSummary, UsageEvent } from "../index.js";
import { compareIds } from "./batchRating.js";

/** A batch's usage split by customer: each billed customer's events, and the others counted. */
export interface BatchSplit {
  readonly events: ReadonlyMap<string, UsageEvent[]>;
  /** How many events each billed customer has in the file, whether kept or only read. */
  readonly read: ReadonlyMap<string, number>;
  readonly unknown: BatchSummary["unknownCustomers"];
}

/**
 * One pass over the events: each customer's own events, in file order, for the customers a contract
 * bills; the others counted (events, customers, the five smallest ids), never billed. With `keep`
 * false the billed customers' events are only read, not kept (a pass that screens the file for bad
 * events before DuckDB aggregates it).
 */
export async function splitByCustomer(
  events: AsyncIterable<UsageEvent>,
  customers: ReadonlyArray<string>,
  keep = true,
): Promise<BatchSplit> {
  const byCustomer = new Map<string, UsageEvent[]>(customers.map((id) => [id, []]));
  const read = new Map<string, number>(customers.map((id) => [id, 0]));
  const unknownIds = new Set<string>();
  let unknownEvents = 0;
  for await (const event of events) {
    const own = byCustomer.get(event.customer);
    if (own !== undefined) {
      read.set(event.customer, (read.get(event.customer) as number) + 1);
      if (keep) own.push(event);
    } else {
      unknownEvents += 1;
      unknownIds.add(event.customer);
    }
  }
  return {
    events: byCustomer,
    read,
    unknown: {
      events: unknownEvents,
      customers: unknownIds.size,
      sampleCustomers: [...unknownIds].sort(compareIds).slice(0, 5),
    },
  };
}
