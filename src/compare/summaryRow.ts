/** What a row that sums an issued invoice up (rather than bill an item) gives: a figure of the document. */
export type SummaryFigure = "subtotal" | "tax" | "total" | "amountDue";

// The labels, once lower-cased with spaces, hyphens, dots and a trailing colon taken out.
const LABELS: Readonly<Record<string, SummaryFigure>> = {
  subtotal: "subtotal",
  tax: "tax",
  taxes: "tax",
  salestax: "tax",
  vat: "tax",
  gst: "tax",
  hst: "tax",
  pst: "tax",
  qst: "tax",
  totaltax: "tax",
  taxtotal: "tax",
  // Japan's consumption tax (JCT), and VAT as German, French, Spanish or Italian and Dutch invoices write
  // it ("MwSt. 19%", "TVA 20 %", "IVA 21%", "BTW 21%"): the rows of an issued invoice in those currencies.
  consumptiontax: "tax",
  jct: "tax",
  mwst: "tax",
  ust: "tax",
  tva: "tax",
  iva: "tax",
  btw: "tax",
  total: "total",
  grandtotal: "total",
  invoicetotal: "total",
  amountdue: "amountDue",
  balancedue: "amountDue",
  totaldue: "amountDue",
};

/**
 * The figure a CSV row of an issued invoice gives when its description is a summary label and it has
 * no quantity or unit price: "Subtotal", "Tax", "Sales tax (8.25%)", "VAT 20%", "GST", "Total", "Grand
 * total", "Amount due", "Balance due" (case, spaces, hyphens, a trailing colon and a rate in percent
 * aside). Spreadsheets and other billing systems end their line items with such rows; read as line items
 * they would be lines ratecard computes none of.
 */
export function summaryFigureOf(description: string): SummaryFigure | undefined {
  const label = description
    .toLowerCase()
    .replace(/\(?\s*\d+(?:[.,]\d+)?\s*%\s*\)?\s*:?\s*$/, "")
    .replace(/[\s\-.:]/g, "");
  return LABELS[label];
}
