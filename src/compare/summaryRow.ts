/** What a row that sums an issued invoice up (rather than bill an item) gives: a figure of the document. */
export type SummaryFigure = "subtotal" | "tax" | "includedTax" | "total" | "amountDue";

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
  const figure = LABELS[labelOf(description)];
  if (figure !== undefined) return figure;
  // "Incl. VAT 19%", "VAT 19% (included)", "inkl. MwSt.", "dont TVA 20 %": the tax the prices hold
  // already, which the total does not add to the lines.
  const included = description.replace(INCLUDED, " ");
  return included !== description && LABELS[labelOf(included)] === "tax" ? "includedTax" : undefined;
}

function labelOf(description: string): string {
  return description
    .toLowerCase()
    .replace(/\(?\s*\d+(?:[.,]\d+)?\s*%\s*\)?\s*:?\s*$/, "")
    .replace(/[\s\-.:]/g, "");
}

// Words saying a tax is included in the prices, in English, German, French, Spanish, Italian and Dutch
// invoices (a parenthesis around them aside): "incl.", "included", "inkl.", "darin enthaltene", "dont",
// "incluse", "incluido", "inclusa", "inbegrepen".
const INCLUDED =
  /\(?(?<![\p{L}])(?:incl\.?|included|including|includes|inkl\.?|inklusive|darin|enthaltene?|dont|incluses?|inclus|incluid[oa]s?|inclus[ao]|inbegrepen)(?![\p{L}])\)?/giu;
