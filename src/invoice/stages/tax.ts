import type { TaxRateTerms, TaxTerms } from "../../contracts/index.js";
import {
  addQuotients,
  type Currency,
  Decimal,
  type ExactQuotient,
  exactProduct,
  quotient,
  quotientValue,
  type RoundingMode,
  roundTo,
  toFixedString,
  toPlainString,
  ZERO,
  ZERO_QUOTIENT,
} from "../../money/index.js";
import { type InvoiceTax, objectSlot } from "../../schema/index.js";
import { chargeScope } from "../chargeScope.js";
import type { InvoiceDraft } from "../draft.js";
import type { InvoiceLine } from "../invoiceSchema.js";
import { netOf } from "../spreadReduction.js";
import { shareInForce, type TaxCalendar, type TaxPart, taxParts } from "./taxParts.js";

/**
 * Computes the invoice's tax from its rounded lines, after everything else (the last step of the
 * documented order of operations).
 *
 * - `exclusive`: a line of `net` pays `net × percent ÷ 100` for each rate that applies to it.
 * - `inclusive`: a line of `gross` holds `gross × percent ÷ (100 + the sum of the percents applying to
 *   it)` of each rate; the net is what remains, so net + tax = gross to the last minor unit.
 * - `per_line` rounds each line's tax of each rate (Stripe); `per_invoice` adds the exact taxes of a
 *   rate and rounds once (Lago) — 3 lines of 0.02 at 20 %: 0.00 per line, 0.01 per invoice.
 * - An exempt customer or a reverse-charge supply pays 0, with a note saying why.
 */
export function applyTax(
  tax: TaxTerms,
  lines: ReadonlyArray<InvoiceLine>,
  subtotal: Decimal,
  currency: Currency,
  rounding: RoundingMode,
  calendar: TaxCalendar = { timeZone: "UTC", proration: "second" },
): InvoiceTax {
  const perLine = (tax.rounding ?? "per_line") === "per_line";
  const relieved = tax.exempt !== undefined || tax.reverseCharge !== undefined;
  const round = (value: Decimal) => roundTo(value, currency.minorUnits, rounding);
  const partsOf = linePartsOf(tax, calendar);
  const rates = tax.rates.map((rate) => {
    // A dated rate applies to the lines whose service period it overlaps (docs/tax.md).
    const applicable = lines.filter(
      (line) => appliesTo(rate, line) && partsOf(line).some((part) => part.rates.includes(rate)),
    );
    const shares = applicable.map((line) => {
      const base = netOf(line);
      const parts = partsOf(line);
      const fraction = relieved ? ZERO_QUOTIENT : taxOf(base, rate, tax, parts);
      return {
        line: line.id,
        base,
        fraction,
        exact: quotientValue(fraction),
        inForce: shareInForce(parts, rate),
      };
    });
    const amount = perLine
      ? shares.reduce((sum, share) => sum.plus(round(share.exact)), ZERO)
      : // The lines' quotients added as quotients and divided once: added as 50-digit values, an inclusive
        // tax of exactly a tie could come out a hair short of it and round the wrong way (exactQuotient.ts).
        round(quotientValue(shares.reduce((sum, share) => addQuotients(sum, share.fraction), ZERO_QUOTIENT)));
    return {
      rate: rate.id,
      name: rate.name,
      percent: toPlainString(rate.percent),
      base: toFixedString(
        shares.reduce((sum, share) => sum.plus(share.base), ZERO),
        currency.minorUnits,
      ),
      amount: toFixedString(amount, currency.minorUnits),
      lines: shares.map((share) => ({
        line: share.line,
        base: toFixedString(share.base, currency.minorUnits),
        exact: toPlainString(share.exact),
        ...(perLine ? { rounded: toFixedString(round(share.exact), currency.minorUnits) } : {}),
        ...(share.inForce !== undefined ? { inForce: share.inForce } : {}),
      })),
      total: amount,
    };
  });
  const total = rates.reduce((sum, rate) => sum.plus(rate.total), ZERO);
  const net = tax.mode === "inclusive" ? subtotal.minus(total) : subtotal;
  return {
    mode: tax.mode,
    rounding: perLine ? "per_line" : "per_invoice",
    rates: rates.map(({ total: _total, ...rate }) => rate),
    total: toFixedString(total, currency.minorUnits),
    net: toFixedString(net, currency.minorUnits),
    notes: [
      ...(tax.exempt ? [`Tax exempt: ${tax.exempt.reason}`] : []),
      ...(tax.reverseCharge ? [`Reverse charge: ${tax.reverseCharge.note}`] : []),
    ],
  };
}

const HUNDRED = new Decimal(100);

const scopes = objectSlot<TaxRateTerms, (chargeId: string) => boolean>("taxScope");

// Each rate's list of charges is read into a set once (a rate of the contract is immutable).
function appliesTo(rate: TaxRateTerms, line: InvoiceLine): boolean {
  let inScope = scopes.get(rate);
  if (inScope === undefined) {
    inScope = chargeScope(rate.charges);
    scopes.set(rate, inScope);
  }
  return inScope(line.chargeId);
}

// Tax is charged on what the line costs after its discounts.

// The parts of each line's period between its rates' dates (one part when no rate is dated), found
// once per line.
function linePartsOf(tax: TaxTerms, calendar: TaxCalendar): (line: InvoiceLine) => TaxPart[] {
  const found = new Map<string, TaxPart[]>();
  return (line) => {
    let parts = found.get(line.id);
    if (parts === undefined) {
      parts = taxParts(
        line,
        tax.rates.filter((rate) => appliesTo(rate, line)),
        calendar,
      );
      found.set(line.id, parts);
    }
    return parts;
  };
}

// One rate's exact tax on one line, part by part of its period (one part, the whole line, unless a
// dated rate cuts it): for inclusive prices every rate in force on a part shares that part's gross. Kept
// as a quotient (base × percent × elapsed ÷ (period × (100 + percents))), divided once by the caller.
function taxOf(
  base: Decimal,
  rate: TaxRateTerms,
  tax: TaxTerms,
  parts: ReadonlyArray<TaxPart>,
): ExactQuotient {
  const taxed = exactProduct(base, rate.percent);
  return parts
    .filter((part) => part.rates.includes(rate))
    .reduce((sum, part) => {
      const divisor =
        tax.mode === "exclusive"
          ? HUNDRED
          : part.rates.reduce((total, other) => total.plus(other.percent), HUNDRED);
      const share =
        part.ratio === undefined
          ? quotient(taxed, divisor)
          : quotient(exactProduct(taxed, part.ratio.elapsed), exactProduct(part.ratio.total, divisor));
      return addQuotients(sum, share);
    }, ZERO_QUOTIENT);
}

/**
 * Steps 9–10: tax on each line's net (after discounts, commitments and pre-tax credits), and the total:
 * net + tax when tax is exclusive, the net itself when it is inclusive or there is no tax.
 */
export function taxStage(draft: InvoiceDraft): InvoiceDraft {
  const { contract, lines } = draft;
  const net = lines.reduce((sum, line) => sum.plus(netOf(line)), ZERO);
  const tax =
    contract.tax === undefined
      ? undefined
      : applyTax(contract.tax, lines, net, contract.currency, contract.rounding, contract);
  const total = tax !== undefined && tax.mode === "exclusive" ? net.plus(tax.total) : net;
  // Without tax, no conditional spread: it made and copied an object per invoice (issue 14).
  return tax === undefined ? { ...draft, total } : { ...draft, total, tax };
}
