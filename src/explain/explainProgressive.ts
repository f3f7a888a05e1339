import type { Invoice } from "../invoice/index.js";

/**
 * The sentences under a progressive or closing invoice's header (docs/progressive-billing.md): which
 * invoice of the period it is, the usage it rated, and what it bills: the period so far less what the
 * earlier invoices billed.
 */
export function progressiveHeader(invoice: Invoice, money: (plain: string) => string): string[] {
  const { progressive } = invoice;
  if (progressive === undefined) return [];
  const { sequence, asOf, cumulative, billedEarlier, earlier, trigger } = progressive;
  const which =
    progressive.stage === "closing"
      ? `Closing invoice of a period billed progressively (invoice ${sequence} of the period): the whole period, with its fees, minimums and commitments`
      : `Progressive invoice ${sequence} of the period, as of ${asOf}: the usage charges before that instant`;
  const why =
    trigger === undefined
      ? []
      : [
          `Issued when the period's spend so far reached ${money(trigger.spend)}, past a multiple of the ${money(trigger.threshold)} threshold.`,
        ];
  const less =
    earlier.length === 0
      ? `It bills ${money(cumulative.total)}; nothing was billed earlier in the period.`
      : `It bills ${money(cumulative.total)} so far minus ${money(billedEarlier.total)} already billed on ${earlier.map((entry) => entry.id).join(", ")} = ${money(invoice.total)}.`;
  return [`${which}.`, ...why, less];
}

/** When a progressive or closing invoice's total is below zero: the credit it owes the customer. */
export function progressiveCredit(invoice: Invoice, money: (plain: string) => string): string[] {
  const credit = invoice.progressive?.credit;
  if (credit === undefined) return [];
  return [
    `The period's charges fell below what earlier invoices billed: ${money(credit)} is owed to the customer, to issue as a credit.`,
  ];
}
