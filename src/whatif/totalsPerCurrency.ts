import { addExactly, Decimal, exactDifference, toFixedString, ZERO } from "../money/index.js";
import { percentChange, percentText } from "./percentChange.js";
import type { WhatIfRow } from "./whatIf.js";

/** The sums of one currency's rows: amounts of different currencies are never added together. */
export interface CurrencyTotal {
  readonly currency: { readonly code: string; readonly minorUnits: number };
  /** How many customers are billed in this currency. */
  readonly customers: number;
  /** Σ before over the currency's rows, exact. */
  readonly before: string;
  /** Σ after, exact. */
  readonly after: string;
  /** Σ change = after − before, exact. */
  readonly change: string;
  /** change ÷ before × 100 of the sums (2 decimals, half-even); absent when before sums to 0. */
  readonly percent?: string;
  /** How many customers pay more, less, and the same. */
  readonly increased: number;
  readonly decreased: number;
  readonly unchanged: number;
}

/**
 * One total per currency, in currency-code order. Each sum is exact (the rows are whole minor units),
 * so a total is the sum of its rows to the last digit, and its change is its after less its before.
 */
export function totalsPerCurrency(rows: ReadonlyArray<WhatIfRow>): CurrencyTotal[] {
  const codes = [...new Set(rows.map((row) => row.currency.code))].sort();
  return codes.map((code) => totalOf(rows.filter((row) => row.currency.code === code)));
}

function totalOf(rows: ReadonlyArray<WhatIfRow>): CurrencyTotal {
  const currency = (rows[0] as WhatIfRow).currency;
  const sum = (field: "before" | "after" | "change") =>
    rows.reduce((acc, row) => addExactly(acc, new Decimal(row[field])), ZERO);
  const [before, after] = [sum("before"), sum("after")];
  const change = exactDifference(after, before);
  const percent = percentChange(before.toFixed(), change.toFixed());
  const signs = rows.map((row) => new Decimal(row.change).comparedTo(0));
  return {
    currency: { ...currency },
    customers: rows.length,
    before: toFixedString(before, currency.minorUnits),
    after: toFixedString(after, currency.minorUnits),
    change: toFixedString(change, currency.minorUnits),
    ...(percent === undefined ? {} : { percent: percentText(percent) }),
    increased: signs.filter((sign) => sign > 0).length,
    decreased: signs.filter((sign) => sign < 0).length,
    unchanged: signs.filter((sign) => sign === 0).length,
  };
}
