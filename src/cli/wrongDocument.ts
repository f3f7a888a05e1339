/**
 * What a file given where an invoice (or a credit note) is read really is, when it is another ratecard
 * document a specialist easily mixes up with it: a contract, a credit note, a late-usage correction, or
 * Stripe's invoice or credit note (which only reconcile reads), or an invoice an earlier ratecard issued
 * without a digest (which only reconcile reads too).
 * Returns the sentence to print after the file's name ("is a contract (ctr_x), not a ratecard invoice:
 * give the invoice rated from it …"), or undefined for anything else (then the missing fields are listed).
 */
export function wrongDocument(data: unknown, what: string): string | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const document = data as Readonly<Record<string, unknown>>;
  const id = typeof document.id === "string" ? ` (${document.id})` : "";
  // Stripe's own objects: read by reconcile, not where ratecard's documents are.
  if (document.object === "invoice")
    return `is a Stripe invoice${id}, not ${what}: ratecard reads Stripe's invoices as the issued invoice of ratecard reconcile (--issued), against a recomputation`;
  if (document.object === "credit_note") {
    const invoice = typeof document.invoice === "string" ? ` (${document.invoice})` : "";
    return `is a Stripe credit note${id}, not ${what}: ratecard reads Stripe's credit notes with ratecard reconcile --credit-note, beside the Stripe invoice they credit${invoice}`;
  }
  if (Array.isArray(document.charges) && !Array.isArray(document.lines))
    return `is a contract${id}, not ${what}: give ${what === "a ratecard invoice" ? "the invoice rated from it (ratecard invoice --format json)" : "the credit note issued before (ratecard credit-note --format json)"}`;
  if (typeof document.invoiceId === "string" && what !== "a ratecard credit note") {
    const kind = "lateEvents" in document ? "a late-usage correction" : "a credit note";
    const inside =
      "lateEvents" in document
        ? `; the invoice re-rated with the late usage is its ${"reissued" in document ? "reissued" : "rerated"} field`
        : "";
    return `is ${kind}${"lateEvents" in document ? "" : id}, not ${what}: give the invoice it corrects, ${document.invoiceId}${inside}`;
  }
  // An invoice an earlier ratecard issued, before invoices carried their digest (2 December 2026): only
  // reconcile reads those (for their lines, tax and total); what else reads an invoice needs it sealed.
  if (
    what === "a ratecard invoice" &&
    document.schemaVersion === 1 &&
    Array.isArray(document.lines) &&
    !("digest" in document)
  )
    return "has no digest, as the invoices an earlier ratecard issued before 2 December 2026: ratecard reconcile --issued reads it for its lines, tax and total; for anything else, rate its period again with ratecard invoice --format json and give that";
  return undefined;
}
