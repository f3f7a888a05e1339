import { type Invoice, rateInvoice } from "../../src/invoice/index.js";
import { buildContract, usageEvent } from "./contract.js";

/**
 * March 2026's invoice of one charge `API` priced by `price` on a count meter in requests, with
 * `requests` events on 4 March: a line whose quantity is the number of requests.
 */
export function requestsInvoice(price: Record<string, unknown>, requests: number): Invoice {
  return rateInvoice(
    buildContract({
      meters: [{ id: "api", eventType: "api", aggregation: "count", unit: "requests" }],
      charges: [{ id: "api", name: "API", meter: "api", price }],
    } as never),
    Array.from({ length: requests }, (_, at) => usageEvent(`r${at}`, "api", "2026-03-04T12:00:00Z", {})),
    "2026-03",
  );
}
