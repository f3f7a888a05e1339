import type { Invoice } from "../invoice/index.js";
import { Decimal, toPlainString } from "../money/index.js";

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

/**
 * What a progressive or closing invoice owes the customer (`progressive.credit`), and of what: with an
 * amount due, the amount due below zero (what earlier invoices made due, given back) and, on the close,
 * the period's total below zero; what credit grants get back is theirs, not money owed. Invoice 1 at
 * 20.00 (15.00 due after a 5.00 wallet), the month at -10.00: "$25.00 is owed to the customer, to issue
 * as a credit: $15.00, the amount due below zero …, and $10.00, the period's total below zero …".
 * `money` writes the owed figures, settled as the total and the amount due are (in the currency's
 * decimals when lines are finer: "$25.00", not "$25.000"); `grantMoney` what a grant gets back, as the
 * text's credit lines write it.
 */
export function progressiveCredit(
  invoice: Invoice,
  money: (plain: string) => string,
  grantMoney: (plain: string) => string,
): string[] {
  const { progressive, amountDue } = invoice;
  const credit = progressive?.credit;
  if (progressive === undefined || credit === undefined) return [];
  const fell =
    progressive.earlier.length === 0
      ? "The period's charges so far are below zero"
      : "The period's charges fell below what earlier invoices billed";
  if (amountDue === undefined)
    return [`${fell}: ${money(credit)} is owed to the customer, to issue as a credit.`];
  const given = Decimal.max(0, new Decimal(amountDue).negated());
  const period = new Decimal(credit).minus(given);
  const parts = [
    ...(given.isZero()
      ? []
      : [
          `${money(toPlainString(given))}, the amount due below zero (what the earlier invoices made due, given back: do not pay it back on top)`,
        ]),
    ...(period.isZero()
      ? []
      : [
          `${money(toPlainString(period))}, the period's total below zero (${money(progressive.cumulative.total)}), on which nothing is due, as on an invoice billed alone`,
        ]),
  ];
  const grants = (invoice.credits ?? [])
    .filter((entry) => new Decimal(entry.applied).greaterThan(0))
    .map((entry) => `${entry.name}'s ${grantMoney(entry.applied)}`);
  const back =
    grants.length === 0
      ? ""
      : ` The ${grants.join(" and the ")} ${grants.length === 1 ? "goes" : "go"} back to the grant's balance, not to the customer.`;
  return [
    `${fell}: ${money(credit)} is owed to the customer, to issue as a credit: ${parts.join(", and ")}.${back}`,
  ];
}
