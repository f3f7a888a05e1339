// End to end on the cdn-basic fixture: validate events and rate the invoice.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseContract, parseUsageEvent, rateInvoice } from "../dist/index.js";
import { measure } from "./lib.mjs";

/** Rates the cdn-basic invoice `invoices` times; prints invoices/s and the share spent validating events. */
export function benchEndToEnd(invoices) {
  const fixture = join(import.meta.dirname, "..", "fixtures", "cdn-basic");
  const contract = parseContract(JSON.parse(readFileSync(join(fixture, "contract.json"), "utf8")));
  const raw = readFileSync(join(fixture, "usage.ndjson"), "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
  const whole = measure(
    "rateInvoice",
    (n) => {
      let total;
      for (let i = 0; i < n; i += 1) total = rateInvoice(contract, raw, "2026-02").total;
      return total;
    },
    invoices,
  );
  const validation = measure(
    "parseUsageEvent",
    (n) => {
      let last;
      for (let i = 0; i < n; i += 1) for (const event of raw) last = parseUsageEvent(event);
      return last;
    },
    invoices,
  );
  console.log(`\nEnd to end, cdn-basic fixture (${raw.length.toLocaleString("en-US")} events)`);
  console.log(
    `  rateInvoice: ${whole.perSecond.toFixed(1)} invoices/s (${Math.round(whole.perSecond * raw.length).toLocaleString("en-US")} events/s)`,
  );
  console.log(
    `  of which event validation: ${((validation.seconds / whole.seconds) * 100).toFixed(0)}% of the time`,
  );
}
