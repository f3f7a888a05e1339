import type { Invoice } from "../invoice/index.js";
import { FOCUS_COLUMNS, type FocusColumn, type FocusRow } from "./focusColumns.js";
import type { FocusNames } from "./focusOptions.js";

/** What every row of one document shares: who bills whom, in what currency, for which billing period. */
export interface RowFacts {
  readonly names: FocusNames;
  readonly documentId: string;
  readonly contractId: string;
  readonly customer: Invoice["customer"];
  readonly currency: Invoice["currency"];
  /** FOCUS date/times of the billing period the document is issued for. */
  readonly billingPeriod: { readonly start: string; readonly end: string };
  /** "Correction" on every row of a credit note; null on an invoice's. */
  readonly chargeClass: "Correction" | null;
}

/** A writable row, filled column by column before it is handed out read-only. */
export type RowDraft = { -readonly [C in FocusColumn]: string | null };

/** A row with the columns every row of the document shares, every other column null. */
export function rowOf(facts: RowFacts): RowDraft {
  const row = Object.fromEntries(FOCUS_COLUMNS.map((column) => [column, null])) as RowDraft;
  row.BillingAccountId = facts.customer.id;
  // FOCUS wants a display name; a customer without one is shown by its id.
  row.BillingAccountName = facts.customer.name ?? facts.customer.id;
  row.BillingCurrency = facts.currency.code;
  row.BillingPeriodStart = facts.billingPeriod.start;
  row.BillingPeriodEnd = facts.billingPeriod.end;
  row.ChargeClass = facts.chargeClass;
  row.InvoiceId = facts.documentId;
  row.InvoiceIssuerName = facts.names.invoiceIssuer;
  row.ProviderName = facts.names.provider;
  row.PublisherName = facts.names.publisher;
  row.ServiceName = facts.names.serviceName;
  row.ServiceCategory = facts.names.serviceCategory;
  row.x_ContractId = facts.contractId;
  return row;
}

/** Fills the four cost columns with one amount: a charge whose every cost is what was billed. */
export function withAllCosts(row: RowDraft, amount: string): RowDraft {
  row.BilledCost = amount;
  row.EffectiveCost = amount;
  row.ListCost = amount;
  row.ContractedCost = amount;
  return row;
}

/** The row, frozen. */
export function finished(row: RowDraft): FocusRow {
  return Object.freeze(row);
}
