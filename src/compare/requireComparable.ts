import { compareMessages, InputError } from "../errors/index.js";

/**
 * Refuses an argument that cannot be an invoice (null, a file name, an object without lines), checked
 * by shape only: comparisons read currency and lines, and take invoices ratecard issued and documents
 * read from other systems alike.
 * @throws InputError `invalid_argument` at `name`
 */
export function requireComparable(value: unknown, name: string, caller: string, ours = true): void {
  // An issued document read from another system (`ours` false) names its currency as text, or not at all.
  const shaped =
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as { lines?: unknown }).lines) &&
    (!ours || typeof (value as { currency?: unknown }).currency === "object");
  if (!shaped) throw InputError.from(compareMessages.notAnInvoiceToCompare(caller, name, value), name);
}
