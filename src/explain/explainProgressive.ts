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
  const units = progressive.unitsCredited;
  const back = units === undefined ? "" : ` plus ${money(units.total)} credited back for units taken off`;
  const less =
    earlier.length === 0
      ? `It bills ${money(cumulative.total)}; nothing was billed earlier in the period.`
      : `It bills ${money(cumulative.total)} so far minus ${money(billedEarlier.total)} already billed on ${earlier.map((entry) => entry.id).join(", ")}${back} = ${money(invoice.total)}.`;
  return [`${which}.`, ...why, less, ...notesSentence(invoice, money)];
}

// The credit notes of the earlier invoices that were given: which ones lowered what was billed (units
// taken off) and which stay credited (amounts given on purpose).
function notesSentence(invoice: Invoice, money: (plain: string) => string): string[] {
  const notes = invoice.progressive?.creditNotes ?? [];
  if (notes.length === 0) return [];
  const listed = (kind: "units" | "amount") =>
    notes
      .filter((note) => note.kind === kind)
      .map((note) => `${note.id} (${money(note.total)})`)
      .join(", ");
  const units = listed("units");
  const amounts = listed("amount");
  return [
    [
      units === ""
        ? ""
        : `Credit notes that took units off an earlier invoice lower what it billed: ${units}.`,
      amounts === "" ? "" : `Credit notes of amounts stay credited and are not billed again: ${amounts}.`,
    ]
      .filter((sentence) => sentence !== "")
      .join(" "),
  ];
}

/** When a progressive or closing invoice's total is below zero: the credit it owes the customer. */
export function progressiveCredit(invoice: Invoice, money: (plain: string) => string): string[] {
  const credit = invoice.progressive?.credit;
  if (credit === undefined) return [];
  return [
    `The period's charges fell below what earlier invoices billed: ${money(credit)} is owed to the customer, to issue as a credit.`,
  ];
}
