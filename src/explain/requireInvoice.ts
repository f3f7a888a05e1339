import { InputError, notAnIssuedInvoice } from "../errors/index.js";
import { type Invoice, invoiceReaderSchema } from "../invoice/index.js";
import { toProblems } from "../schema/index.js";

/**
 * Called from JavaScript with anything (null, a contract, a hand-edited file): a sentence naming the
 * caller and the path inside the value, not a TypeError. Checked as `parseInvoice` reads an invoice
 * (docs/invoice-format.md, "Reading invoices"): every field ratecard knows must be valid, and fields a
 * later 1.x adds are accepted and left alone, so whatever `parseInvoice` returns can be explained; a
 * misspelt field is named where the field it stands for is missing. The digest is not checked here.
 * @throws InputError `invalid_argument` when `invoice` is not an invoice ratecard issued
 */
export function requireInvoice(invoice: unknown, caller = "explainText"): asserts invoice is Invoice {
  const reader = invoiceReaderSchema();
  const checked = reader.safeParse(invoice);
  if (checked.success) return;
  const [problem] = toProblems(checked.error.issues, invoice, ["invoice"], reader);
  throw InputError.from(notAnIssuedInvoice(problem?.message, caller), problem?.path ?? "invoice");
}
