import type { InvoiceLine } from "../invoice/index.js";
import { Decimal } from "../money/index.js";

/**
 * Why an issued quantity that is not the recomputed line's is still the same usage, in words, or
 * undefined when it is another usage. Invoices write a line's quantity in the unit they bill: the
 * packages of a per-10,000 price ("8,766" where ratecard's line has 87,654,321 requests), or what the
 * meter measured before the line's conversion (2,344,321 requests where the line bills 2,245 "1k
 * requests"). Either is the line's own figure, from its steps, so the quantity does not differ.
 */
export function sameUsageIn(line: InvoiceLine, issuedQuantity: string): string | undefined {
  const issued = new Decimal(issuedQuantity);
  for (const step of line.steps) {
    // Read by its fields, as every model that counts whole packages records them (no model's name here).
    const { packages, packageSize } = step as { readonly packages?: unknown; readonly packageSize?: unknown };
    if (typeof packages === "string" && typeof packageSize === "string" && issued.equals(packages))
      return `the issued quantity ${issuedQuantity} is the line's ${packages} packages of ${packageSize}`;
    const measured = measuredOf(step);
    if (measured !== undefined && !issued.equals(line.quantity) && issued.equals(measured))
      return `the issued quantity ${issuedQuantity} is the quantity measured, before the line's conversion to ${line.quantity}`;
  }
  return undefined;
}

// The quantity a step says the meter measured, before a division or included units.
function measuredOf(step: InvoiceLine["steps"][number]): string | undefined {
  if (step.kind === "usage") return step.quantity;
  if (step.kind === "billable_quantity") return step.measured;
  return undefined;
}
