import type { Contract } from "../contracts/index.js";
import { type Decimal, toFixedString, ZERO } from "../money/index.js";
import type { CreditNote } from "../schema/index.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import { applyTax } from "./stages/tax.js";

type CreditLine = CreditNote["lines"][number];
type NoteTax = NonNullable<CreditNote["tax"]>;

/** What the notes credited of each invoice line (by id), before tax: before this note, and with it. */
export interface CreditedAmounts {
  readonly before: ReadonlyMap<string, Decimal>;
  readonly after: ReadonlyMap<string, Decimal>;
}

/**
 * The tax a credit note gives back, worked out as the invoice's was (same rates, mode and rounding) and
 * rounded cumulatively, as the invoice rounded it: a rate's tax is round(the tax of all credited up to
 * and including this note) − round(the tax of all credited before it), per line under `per_line` and
 * per rate under `per_invoice`. Notes that credit the invoice in full between them then give back
 * exactly the tax it charged. Rounded note by note, two lines of 0.35 at 10 % `per_invoice` (tax
 * round(0.07) = 0.07) credited one at a time gave back round(0.035) = 0.04 twice, 0.08; a line of 0.25
 * at 10 % `per_line` (0.025 → 0.02) credited as 0.15 then 0.10 gave back 0.02 + 0.01 = 0.03.
 * The running figure never passes what the invoice charged (its rate's, or its line's, rounded tax),
 * and is exactly that once everything it taxed is credited: a progressive or closing invoice charged
 * round(the period's tax so far) less the earlier invoices' (round(0.07) − round(0.035) = 0.03 on a line
 * of 0.35 at 10 %), which rounding its own 0.035 from zero (0.04) would pass.
 */
export function creditedTax(
  contract: Contract,
  invoice: Invoice,
  lines: ReadonlyArray<CreditLine>,
  subtotal: Decimal,
  credited: CreditedAmounts,
): NoteTax | undefined {
  if (contract.tax === undefined || invoice.tax === undefined) return undefined;
  const taxOf = (taxed: ReadonlyArray<InvoiceLine>) =>
    applyTax(
      contract.tax!,
      taxed,
      taxed.reduce((sum, line) => sum.plus(line.amount), ZERO),
      invoice.currency,
      contract.rounding,
      contract,
    );
  const own = applyTax(
    contract.tax,
    lines.map((line) => taxedAs(invoice, line.corrects, line.id, line.amount)),
    subtotal,
    invoice.currency,
    contract.rounding,
    contract,
  );
  const rated = own.rounding === "per_line" ? perLineDeltas(invoice, lines, credited, taxOf) : undefined;
  const cumulative = (amounts: ReadonlyMap<string, Decimal>) =>
    taxOf([...amounts].map(([id, amount]) => taxedAs(invoice, id, id, amount)));
  const [before, after] =
    rated === undefined ? [cumulative(credited.before), cumulative(credited.after)] : [];
  const { minorUnits } = invoice.currency;
  const rates = own.rates.map((rate) => {
    const entries = rate.lines.map((entry) => {
      const rounded = rated?.get(`${rate.rate} ${entry.line}`);
      return rounded === undefined ? entry : { ...entry, rounded: toFixedString(rounded, minorUnits) };
    });
    const charged = invoice.tax!.rates.find((candidate) => candidate.rate === rate.rate);
    const running = (tax: NoteTax | undefined) =>
      withinCharged(amountOf(tax, rate.rate), exactOf(tax?.rates.find((r) => r.rate === rate.rate)), charged);
    const amount =
      rated !== undefined
        ? entries.reduce((sum, entry) => sum.plus(entry.rounded ?? ZERO), ZERO)
        : running(after).minus(running(before));
    return { ...rate, amount: toFixedString(amount, minorUnits), lines: entries };
  });
  const total = rates.reduce((sum, rate) => sum.plus(rate.amount), ZERO);
  const net = own.mode === "inclusive" ? subtotal.minus(total) : subtotal;
  return {
    ...own,
    rates,
    total: toFixedString(total, minorUnits),
    net: toFixedString(net, minorUnits),
  };
}

// The invoice line `corrects` as the tax sees it when `amount` of it is credited: taxed as the original
// line (its charge's rates, its period), on the credited amount, not on the line's net.
function taxedAs(invoice: Invoice, corrects: string, id: string, amount: Decimal | string): InvoiceLine {
  const {
    net: _net,
    adjustments: _adjustments,
    ...original
  } = invoice.lines.find((candidate) => candidate.id === corrects)!;
  return { ...original, id, amount: typeof amount === "string" ? amount : amount.toFixed() };
}

type TaxRate = NoteTax["rates"][number];

// The exact tax of a rate's lines (or of one of them), summed.
function exactOf(rate: Pick<TaxRate, "lines"> | undefined): Decimal {
  return (rate?.lines ?? []).reduce((sum, entry) => sum.plus(entry.exact), ZERO);
}

// A running rounded tax credited, held within what the invoice charged (`charged`: its rate, or a line
// of it): that amount once the exact tax credited is the invoice's own, never past it before.
function withinCharged(
  rounded: Decimal,
  exact: Decimal,
  charged: { readonly amount: string; readonly lines: TaxRate["lines"] } | undefined,
): Decimal {
  if (charged === undefined) return rounded;
  const cap = ZERO.plus(charged.amount);
  if (exact.equals(exactOf(charged))) return cap;
  // a charge's tax is a ceiling; a credit line's (negative) is a floor
  const past = cap.isNegative() ? rounded.lessThan(cap) : rounded.greaterThan(cap);
  return past ? cap : rounded;
}

function amountOf(tax: NoteTax | undefined, rate: string): Decimal {
  const entry = tax?.rates.find((candidate) => candidate.rate === rate);
  return ZERO.plus(entry?.amount ?? "0");
}

// Per line: each note line's tax of each rate is round(its invoice line's tax credited through it) −
// round(that line's tax credited before it), walking the note's lines in order (a note may credit one
// invoice line twice). Keyed `<rate> <note line id>`.
function perLineDeltas(
  invoice: Invoice,
  lines: ReadonlyArray<CreditLine>,
  credited: CreditedAmounts,
  taxOf: (taxed: ReadonlyArray<InvoiceLine>) => NoteTax,
): ReadonlyMap<string, Decimal> {
  const running = new Map(credited.before);
  const deltas = new Map<string, Decimal>();
  for (const line of lines) {
    const before = running.get(line.corrects) ?? ZERO;
    const after = before.plus(line.amount);
    running.set(line.corrects, after);
    const [was, is] = [before, after].map((amount) =>
      taxOf([taxedAs(invoice, line.corrects, line.id, amount)]),
    );
    for (const rate of is!.rates) {
      const entry = invoice.tax?.rates
        .find((candidate) => candidate.rate === rate.rate)
        ?.lines.find((candidate) => candidate.line === line.corrects);
      const charged = entry === undefined ? undefined : { amount: entry.rounded ?? "0", lines: [entry] };
      const roundedOf = (tax: NoteTax) => {
        const own = tax.rates.find((candidate) => candidate.rate === rate.rate);
        return withinCharged(ZERO.plus(own?.lines[0]?.rounded ?? "0"), exactOf(own), charged);
      };
      deltas.set(`${rate.rate} ${line.id}`, roundedOf(is!).minus(roundedOf(was!)));
    }
  }
  return deltas;
}
