import type { Invoice } from "../../src/invoice/index.js";

/**
 * An invoice built by hand for the arithmetic of progressive billing (subtractBilled): in EUR, no
 * lines, totals 0.00, and the fields a test gives. Only the figures subtractBilled reads need be there.
 */
export function handBuiltInvoice(id: string, fields: Partial<Invoice>): Invoice {
  return {
    id,
    currency: { code: "EUR", minorUnits: 2 },
    lines: [],
    subtotal: "0.00",
    total: "0.00",
    ...fields,
  } as Invoice;
}
