import * as z from "zod/mini";
import type { Invoice } from "../invoice/index.js";
import type { CreditNote } from "../schema/index.js";
import { toInputError, toProblems } from "../schema/index.js";
import { FOCUS_SERVICE_CATEGORIES, type FocusServiceCategory } from "./focusColumns.js";

/** Options of {@link focusRows}: who bills, what service, and for a credit note what it corrects and when. */
export interface FocusOptions {
  /** ProviderName: the entity that made the service available (your company). */
  readonly provider: string;
  /** InvoiceIssuerName; defaults to `provider`. */
  readonly invoiceIssuer?: string;
  /** PublisherName; defaults to `provider`. */
  readonly publisher?: string;
  /** ServiceName; defaults to `provider`. */
  readonly serviceName?: string;
  /** ServiceCategory, one of FOCUS's values; defaults to "Other". */
  readonly serviceCategory?: FocusServiceCategory;
  /** For a credit note: the invoice it corrects (its lines give the rows' charges and charge periods). */
  readonly invoice?: Invoice;
  /**
   * For a credit note: the billing period it is issued in (UTC instants, end exclusive), which FOCUS's
   * BillingPeriodStart/End of a correction name. It must start at or after the corrected period's end.
   */
  readonly correctionPeriod?: { readonly start: string; readonly end: string };
  /**
   * For a late-usage correction that counted credit notes of units (its `unitsCredited`): those notes,
   * as issued. The correction's rows reverse what the invoice and they booked (docs/focus-export.md).
   */
  readonly creditNotes?: ReadonlyArray<CreditNote>;
}

const name = z.string().check(z.trim(), z.minLength(1));

// The options other than the corrected invoice and the notes (parsed documents, read with parseInvoice
// and parseCreditNote), strict: a misspelt option (`servicename`, `serviceCategroy`) is refused, not
// left for its default, as every other input of ratecard's (unknown fields are refused, docs/contracts.md).
const optionsSchema = z.strictObject({
  invoice: z.optional(z.unknown()),
  creditNotes: z.optional(z.unknown()),
  provider: name,
  invoiceIssuer: z.optional(name),
  publisher: z.optional(name),
  serviceName: z.optional(name),
  serviceCategory: z.optional(z.enum(FOCUS_SERVICE_CATEGORIES)),
  correctionPeriod: z.optional(z.strictObject({ start: z.string(), end: z.string() })),
});

/** The names every row carries, with their defaults resolved. */
export interface FocusNames {
  readonly provider: string;
  readonly invoiceIssuer: string;
  readonly publisher: string;
  readonly serviceName: string;
  readonly serviceCategory: FocusServiceCategory;
}

/**
 * Checks the options at the boundary and resolves the defaults.
 * @throws InputError `missing_field`, `invalid_field` at the option's name; `unknown_field` at an option
 *   ratecard does not know (a misspelt one)
 */
export function focusNames(options: FocusOptions): FocusNames {
  const parsed = optionsSchema.safeParse({ ...options, invoice: undefined, creditNotes: undefined });
  if (!parsed.success)
    throw toInputError("input", toProblems(parsed.error.issues, options, [], optionsSchema));
  const { provider } = parsed.data;
  return {
    provider,
    invoiceIssuer: parsed.data.invoiceIssuer ?? provider,
    publisher: parsed.data.publisher ?? provider,
    serviceName: parsed.data.serviceName ?? provider,
    serviceCategory: parsed.data.serviceCategory ?? "Other",
  };
}
