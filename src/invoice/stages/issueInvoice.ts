import type { Warning } from "../../errors/index.js";
import type { AggregateUsageResult } from "../../meters/index.js";
import { decimalOfText, toFixedString, toPlainString, ZERO } from "../../money/index.js";
import { INVOICE_SCHEMA_VERSION, type Sha256, sha256Digest } from "../../schema/index.js";
import { formatInstant, formatLocalDate, type Period, toLocalDate } from "../../time/index.js";
import type { InvoiceDraft } from "../draft.js";
import type { Invoice, Notice } from "../invoiceSchema.js";
import { label } from "../resolveServicePeriod.js";
import { totalRoundingRecord } from "./totalRounding.js";

// The service period's local start date and label, worked out once per period and zone rather than per
// invoice: a batch issues thousands of invoices for one period (issue 14: 3.5 % of rating from
// aggregates was this time-zone work). The cache holds texts only, so it cannot change an invoice.
const LOCAL_TEXTS = new Map<string, { readonly startDate: string; readonly label: string }>();
const LOCAL_TEXTS_LIMIT = 1024;

function localTexts(
  service: Period,
  timeZone: string,
): { readonly startDate: string; readonly label: string } {
  const key = `${service.start}|${service.end}|${timeZone}`;
  const known = LOCAL_TEXTS.get(key);
  if (known !== undefined) return known;
  const texts = {
    startDate: formatLocalDate(toLocalDate(service.start, timeZone)),
    label: label(service, timeZone),
  };
  if (LOCAL_TEXTS.size >= LOCAL_TEXTS_LIMIT) LOCAL_TEXTS.clear();
  LOCAL_TEXTS.set(key, texts);
  return texts;
}

/**
 * The last stage: the invoice as issued. The subtotal is the exact sum of the rounded lines (true-up
 * lines included): rounding happened once per line, never again; discounts, caps and credits ride on
 * the lines as adjustments. The usage report says what was counted, excluded and carried; the digest
 * seals it all (a credit note refuses an invoice whose content was changed), with the host's SHA-256
 * when the caller passed one.
 */
export function issueInvoice(draft: InvoiceDraft, usage: AggregateUsageResult, sha256?: Sha256): Invoice {
  const { contract, lines } = draft;
  const resolved = draft.period;
  const opening = draft.kind === "opening";
  const { minorUnits } = contract.currency;
  // The total and the amount due are in the currency's own decimals when lines are finer (step 12).
  const totalMinorUnits = draft.totalRounding?.minorUnits ?? minorUnits;
  const subtotal = lines.reduce((sum, line) => sum.plus(decimalOfText(line.amount)), ZERO);
  const texts = localTexts(resolved.service, contract.timeZone);
  // Optional fields are set one by one, in the invoice's order of fields: the same JSON text as
  // conditional spreads, without an object made and copied for each (issue 14).
  const content: Mutable<Omit<Invoice, "digest">> = {
    schemaVersion: INVOICE_SCHEMA_VERSION,
    id: `${contract.id}:${texts.startDate}${opening ? ":opening" : ""}`,
  };
  if (opening) content.kind = "opening";
  content.contractId = contract.id;
  content.contractDigest = contract.digest;
  content.customer = contract.customer;
  content.currency = { code: contract.currency.code, minorUnits };
  content.period = {
    start: formatInstant(resolved.service.start),
    end: formatInstant(resolved.service.end),
    timeZone: contract.timeZone,
    label: texts.label,
  };
  // The last invoice says why the billing stops where it does (an additive field).
  if (contract.cancellation !== undefined && resolved.service.end === contract.cancellation.effective)
    content.cancellation = {
      requested: formatInstant(contract.cancellation.requested),
      effective: formatInstant(contract.cancellation.effective),
    };
  content.rounding =
    draft.totalRounding === undefined
      ? { mode: contract.rounding, point: "line" }
      : { mode: contract.rounding, point: "line", ...totalRoundingRecord(draft.totalRounding, minorUnits) };
  content.lines = [...lines];
  if (draft.allowances !== undefined) content.allowances = [...draft.allowances];
  content.subtotal = toFixedString(subtotal, minorUnits);
  if (draft.discounts.length > 0) content.discounts = [...draft.discounts];
  if (draft.commitments.length > 0) content.commitments = [...draft.commitments];
  if (draft.credits.length > 0) {
    content.creditBurnOrder = contract.creditBurnOrder;
    content.credits = [...draft.credits];
  }
  if (draft.tax !== undefined) content.tax = draft.tax;
  content.total = toFixedString(draft.total ?? ZERO, totalMinorUnits);
  if (draft.amountDue !== undefined) content.amountDue = toFixedString(draft.amountDue, totalMinorUnits);
  content.usage = usageReport(usage);
  // The sentences, as before; the same warnings as data when there are any (an additive field).
  content.warnings = draft.warnings.map((warning) => warning.message);
  if (draft.warnings.length > 0) content.notices = draft.warnings.map(toNotice);
  if (Object.keys(contract.metadata).length > 0) content.metadata = { ...contract.metadata };
  // The digest seals the invoice as issued: a credit note refuses an invoice whose content was changed.
  // The content is this function's own, with no digest yet: the digest is added as its last field
  // rather than by copying it with withDigest (the same invoice, one object copy less: issue 14).
  const sealed = content as Mutable<Invoice>;
  sealed.digest = sha256Digest(content, sha256);
  return sealed as Invoice;
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

// What the invoice says was counted, excluded and carried.
// Optional fields are set one by one in their order, as in the invoice above (issue 14: two objects
// made and copied per meter and invoice by conditional spreads).
function usageReport(usage: AggregateUsageResult): Invoice["usage"] {
  const report: Mutable<Invoice["usage"]> = {
    eventsRead: usage.eventsRead,
    eventsCounted: usage.eventsCounted,
    excluded: usage.excluded.map((entry) => ({ ...entry, sampleIds: [...entry.sampleIds] })),
    meters: usage.meters.map(meterReport),
  };
  if (Object.keys(usage.carryOut).length > 0) report.carryOut = structuredCarry(usage.carryOut);
  return report as Invoice["usage"];
}

function meterReport(entry: AggregateUsageResult["meters"][number]): Invoice["usage"]["meters"][number] {
  const report: Mutable<Invoice["usage"]["meters"][number]> = {
    meter: entry.meter.id,
    aggregation: entry.meter.aggregation,
    events: entry.events,
    quantity: toPlainString(entry.quantity),
  };
  if (entry.meter.unit !== undefined) report.unit = entry.meter.unit;
  if (entry.meter.unit !== undefined && entry.meter.unitSingular !== undefined)
    report.unitSingular = entry.meter.unitSingular;
  if (entry.daily)
    report.daily = entry.daily.map((day) => ({ date: day.date, quantity: toPlainString(day.quantity) }));
  return report as Invoice["usage"]["meters"][number];
}

// Plain JSON in meter order of keys as produced (deterministic: meters are visited in contract order).
function structuredCarry(carry: AggregateUsageResult["carryOut"]) {
  return Object.fromEntries(
    Object.entries(carry).map(([meter, state]) => [
      meter,
      {
        ...(state.total !== undefined ? { total: state.total } : {}),
        ...(state.level !== undefined ? { level: state.level } : {}),
        ...(state.active !== undefined ? { active: [...state.active] } : {}),
      },
    ]),
  );
}

// A warning as the invoice holds it: plain JSON, the charge id only when there is one. The catalogue
// (errors/messages/warnings.ts) writes each code's details as noticeSchema declares them.
function toNotice(warning: Warning): Notice {
  const details = Object.fromEntries(
    Object.entries(warning.details).map(([key, value]) => [
      key,
      typeof value === "object" ? [...value] : value,
    ]),
  );
  return {
    code: warning.code,
    path: warning.path,
    ...(warning.chargeId !== undefined ? { chargeId: warning.chargeId } : {}),
    details,
    message: warning.message,
  } as Notice;
}
