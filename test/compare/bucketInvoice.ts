import { type Invoice, rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

// One line per bucket at 1.00 an operation (charge class_a, "Class A operations"), so a line's amount
// is its bucket's usage.
const contract = buildContract({
  meters: [{ id: "ops", eventType: "ops", aggregation: "sum", valueProperty: "n", unit: "ops" }],
  charges: [
    {
      id: "class_a",
      name: "Class A operations",
      meter: "ops",
      price: { model: "grouped", groupBy: ["bucket"], price: { model: "unit", unitPrice: "1.00" } },
    },
  ],
});

/** February's invoice of the buckets' usage (bucket → operations), one event each. */
export function bucketInvoice(buckets: Readonly<Record<string, number>>): Invoice {
  const events = Object.entries(buckets).map(([bucket, n], index) =>
    usageEvent(`e${index}`, "ops", "2026-02-10T12:00:00Z", { bucket, n }),
  );
  return rateInvoice(contract, events, "2026-02");
}

/** A Stripe invoice in USD of these lines (amounts in cents), its total their sum. */
export function stripeInvoiceOf(
  lines: ReadonlyArray<{ readonly amount: number; readonly description: string; readonly line?: string }>,
) {
  return {
    object: "invoice",
    currency: "usd",
    total: lines.reduce((sum, line) => sum + line.amount, 0),
    lines: {
      data: lines.map(({ amount, description, line }) => ({
        amount,
        description,
        ...(line !== undefined ? { metadata: { ratecard_line: line } } : {}),
      })),
    },
  };
}
