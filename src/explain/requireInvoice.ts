import { InputError, notAnIssuedInvoice } from "../errors/index.js";
import { type Invoice, invoiceSchema } from "../invoice/index.js";
import { toProblems } from "../schema/index.js";

/**
 * Called from JavaScript with anything (null, a contract, a hand-edited file): a sentence naming the
 * caller and the path inside the value, not a TypeError.
 * @throws InputError `invalid_argument` when `invoice` is not an invoice ratecard issued
 */
export function requireInvoice(invoice: unknown, caller = "explainText"): asserts invoice is Invoice {
  const checked = invoiceSchema.safeParse(invoice);
  if (checked.success) return;
  const [problem] = toProblems(checked.error.issues, invoice, ["invoice"]);
  throw InputError.from(notAnIssuedInvoice(problem?.message, caller), problem?.path ?? "invoice");
}
