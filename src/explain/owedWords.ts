import type { Invoice } from "../invoice/index.js";
import { progressiveCredit } from "./explainProgressive.js";
import { lineMoney, settledMoney } from "./settledMoney.js";

/**
 * What an invoice below zero owes the customer, in the text explanation's words, for every format that
 * says it (the text, the explanation's `owedWords` that the Markdown and HTML show, the workbook): on an
 * invoice billed alone, that nothing is due and the total below zero is the customer's; on a progressive
 * or closing invoice, its `progressive.credit` and of what (`progressiveCredit`). A fee of 10.00 and a
 * service credit of −15.00: "The total is below zero: nothing is due, and $5.00 is owed to the customer,
 * to refund or to carry to a later invoice as a credit." Empty when nothing is owed.
 */
export function owedWords(invoice: Invoice): string[] {
  return [
    ...belowZeroWords(invoice, settledMoney(invoice)),
    // What is owed in the total's decimals, as the amount due beside it; a grant's figure as its line.
    ...progressiveCredit(invoice, settledMoney(invoice), lineMoney(invoice)),
  ];
}

// An invoice whose total is below zero (its credit lines outweigh its charges) bills nothing: the
// difference is the customer's, and credits after tax pay nothing of it (the amount due starts at 0,
// docs/diff-and-reconcile.md). Said in words, since "Amount due $0.00", or a bare negative total, does
// not say where the money went. A progressive invoice says it in its own words (`progressive.credit`),
// and a preview bills nothing.
function belowZeroWords(invoice: Invoice, settled: (plain: string) => string): string[] {
  if (!invoice.total.startsWith("-") || invoice.progressive !== undefined || invoice.preview !== undefined)
    return [];
  const owed = settled(invoice.total.slice(1));
  const wallets = invoice.amountDue === undefined ? "" : "; the credits used after tax pay none of it";
  return [
    `The total is below zero: nothing is due, and ${owed} is owed to the customer, to refund or to carry to a later invoice as a credit${wallets}.`,
  ];
}
