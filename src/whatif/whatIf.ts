import { type Attribution, diff } from "../compare/index.js";
import type { Contract } from "../contracts/index.js";
import {
  compareMessages,
  type InputError,
  isRatecardError,
  isRecord,
  requireArgument,
} from "../errors/index.js";
import { type Invoice, type RateInvoiceOptions, rateParsedInvoice, requirePeriod } from "../invoice/index.js";
import type { UsageEvent } from "../schema/index.js";
import type { Period } from "../time/index.js";
import { type ChangeDistribution, distributionOf } from "./distribution.js";
import { percentChange, percentText } from "./percentChange.js";
import { type CurrencyTotal, totalsPerCurrency } from "./totalsPerCurrency.js";

/** One customer of the base: its usage and the two contracts (or price books) to rate it under. */
export interface WhatIfCustomer {
  /** The customer's name in the report (the CLI uses the customer's folder name). */
  readonly name: string;
  /** Today's contract. */
  readonly before: Contract;
  /** The proposed contract, in the same currency. */
  readonly after: Contract;
  /** The customer's usage for the period, rated under both contracts. */
  readonly events: ReadonlyArray<UsageEvent>;
  /**
   * What the customer's previous invoice carried (meter state, credit balances, the spend to date of
   * cumulative commitments), given to both ratings. Without `creditBalances`, every credit grant starts
   * full, as in `ratecard check`. The proposed contract takes the spend of the cumulative commitments
   * it has (same id) and no other: a proposal that drops a commitment carries none of its spend.
   */
  readonly options?: Pick<RateInvoiceOptions, "carried" | "creditBalances" | "commitmentSpendToDate">;
}

/** One customer's row: the amount due before and after, the change, and its largest cause. */
export interface WhatIfRow {
  readonly customer: string;
  readonly currency: { readonly code: string; readonly minorUnits: number };
  /** The amount due (the total when no credit is paid after tax) under today's contract. */
  readonly before: string;
  /** The same under the proposed contract. */
  readonly after: string;
  /** after − before, exact (both are whole minor units). */
  readonly change: string;
  /** change ÷ before × 100, rounded half-even to 2 decimals; absent when before is 0 (no base to compare). */
  readonly percent?: string;
  /** The largest of diff's attributions (by magnitude), absent when nothing changed. */
  readonly topCause?: Attribution;
  /**
   * Present when the two contracts did not count the same events (a proposed contract with another
   * customer id, meter or event type leaves usage out): the change then is not a price change alone.
   */
  readonly warning?: string;
}

/** What {@link whatIf} returns. */
export interface WhatIfResult {
  /** One row per customer, in the order given. */
  readonly rows: ReadonlyArray<WhatIfRow>;
  /** One total per currency, in code order: amounts of different currencies are never added. */
  readonly totals: ReadonlyArray<CurrencyTotal>;
  /** Who is hit hardest: the rows by percent change, quantiles and a histogram. */
  readonly distribution: ChangeDistribution;
}

/**
 * Rates every customer's usage under today's and a proposed contract over one period and reports, per
 * customer and per currency, what the proposal changes: the amounts due, the change, its percent, its
 * largest cause (from {@link diff}), and the distribution of the changes (docs/what-if.md).
 *
 * @param customers - the customer base (see {@link WhatIfCustomer})
 * @param period - the period to rate, as `rateInvoice` takes it (a month such as "2026-03" is read in
 *   each contract's zone)
 * @returns the rows, totals per currency and the distribution of changes
 * @throws InputError `currency_mismatch` (from diff) when a customer's two contracts bill different currencies;
 *   any error of `rateParsedInvoice` (a period outside a contract's term, …)
 * @example
 * // 1,000 GB at 0.10 today and at 0.12 proposed: before "100.00", after "120.00", change "20.00",
 * // percent "20.00", top cause "price".
 * whatIf([{ name: "acme", before: today, after: proposed, events }], "2026-03").rows[0].change // "20.00"
 */
export function whatIf(customers: ReadonlyArray<WhatIfCustomer>, period: Period | string): WhatIfResult {
  requireArgument(
    Array.isArray(customers),
    "customers",
    customers,
    "customers",
    "a list of customers ({ name, before, after, events })",
  );
  customers.forEach((customer, index) => {
    requireCustomer(customer, `customers[${index}]`);
  });
  // Checked here too, not only by each rating: a base of no customers would accept any period.
  // As rateInvoice refuses it (invalid_period, the same sentence): by the same check.
  requirePeriod(period);
  return summarizeWhatIf(customers.map((customer) => whatIfRow(customer, period)));
}

/**
 * The totals and the distribution of rows rated one customer at a time with {@link whatIfRow}: a
 * caller that reads a large base customer by customer keeps only the rows, not every customer's usage.
 * `summarizeWhatIf(customers.map((c) => whatIfRow(c, period)))` is `whatIf(customers, period)`.
 *
 * @param rows - one row per customer, in the order to report them
 * @returns the rows, totals per currency and the distribution of changes
 * @example
 * summarizeWhatIf([whatIfRow(acme, "2026-03")]).totals[0].change // "-25.00"
 */
export function summarizeWhatIf(rows: ReadonlyArray<WhatIfRow>): WhatIfResult {
  return { rows: [...rows], totals: totalsPerCurrency(rows), distribution: distributionOf(rows) };
}

/**
 * One customer's row of {@link whatIf}: its usage rated under both contracts and compared.
 *
 * @param customer - the customer (see {@link WhatIfCustomer})
 * @param period - as for {@link whatIf}
 * @returns the customer's row
 * @throws the errors of {@link whatIf}, led by the customer's name
 * @example
 * whatIfRow({ name: "acme", before: today, after: proposed, events }, "2026-03").percent // "-16.67"
 */
export function whatIfRow(customer: WhatIfCustomer, period: Period | string): WhatIfRow {
  requireCustomer(customer, "customer");
  // A refusal names the customer (its code, path and details kept), so a base of a thousand says which.
  try {
    return compareRatings(customer, period);
  } catch (error) {
    if (!isRatecardError(error) || error.code === "invariant_violated") throw error;
    const Kind = error.constructor as typeof InputError;
    throw Kind.from(
      compareMessages.whatIfCustomerRefused(customer.name, error.code, error.message),
      error.path,
      {
        ...error.details,
        customer: customer.name,
      },
    );
  }
}

function requireCustomer(customer: unknown, path: string): void {
  requireArgument(
    isRecord(customer) && typeof customer.name === "string",
    path,
    customer,
    "customer",
    "an object { name, before, after, events }",
  );
}

function compareRatings(customer: WhatIfCustomer, period: Period | string): WhatIfRow {
  const before = rate(customer.before, customer, period, false);
  const after = rate(customer.after, customer, period, true);
  const result = diff(before, after);
  const top = result.attributions[0];
  const percent = percentChange(result.before.amount, result.change);
  const warning = countedDifferently(before, after);
  return {
    customer: customer.name,
    currency: result.currency,
    before: result.before.amount,
    after: result.after.amount,
    change: result.change,
    ...(percent === undefined ? {} : { percent: percentText(percent) }),
    ...(top === undefined ? {} : { topCause: top }),
    ...(warning === undefined ? {} : { warning }),
  };
}

// The same usage should be counted the same under both contracts; when it is not, say so in the row.
function countedDifferently(before: Invoice, after: Invoice): string | undefined {
  const [then, now] = [before.usage.eventsCounted, after.usage.eventsCounted];
  if (then === now) return undefined;
  return `Today's contract counts ${then} of the customer's events and the proposed one ${now}: the proposal measures other usage (another customer id, meter, event type or filter), so part of the change is not a price change.`;
}

function rate(
  contract: Contract,
  customer: WhatIfCustomer,
  period: Period | string,
  proposed: boolean,
): Invoice {
  const { commitmentSpendToDate: spend, ...options } = customer.options ?? {};
  return rateParsedInvoice(contract, customer.events, period, {
    ...options,
    ...(options.creditBalances === undefined ? { creditsStartFull: true } : {}),
    ...(spend === undefined ? {} : { commitmentSpendToDate: proposed ? spendKept(contract, spend) : spend }),
  });
}

// Today's contract takes the carried spend as it is (an id it does not have is refused, as anywhere); the
// proposed one only the spend of the cumulative commitments it has, under the same id.
function spendKept<T>(contract: Contract, spend: Readonly<Record<string, T>>): Record<string, T> {
  const cumulative = new Set(
    contract.commitments.filter((commitment) => commitment.cumulative !== undefined).map((c) => c.id),
  );
  return Object.fromEntries(Object.entries(spend).filter(([id]) => cumulative.has(id)));
}
