import type { Contract } from "../contracts/index.js";
import { InputError, periodMessages } from "../errors/index.js";
import type { MeterQuantity } from "../meters/index.js";
import { toFixedString, toPlainString, ZERO } from "../money/index.js";
import { type UsageEvent, withDigest } from "../schema/index.js";
import { formatInstant, type Period } from "../time/index.js";
import { asOfInstant } from "./asOfInstant.js";
import { buildInvoice } from "./buildInvoice.js";
import type { PeriodUsage } from "./draft.js";
import { requireEvents } from "./entryArguments.js";
import type { Invoice, InvoiceLine } from "./invoiceSchema.js";
import type { InvoicePreview, ProjectionMethod } from "./previewSchema.js";
import { projectsLinearly, projectUsage } from "./projectUsage.js";
import {
  aggregatePeriod,
  commitmentSpendOf,
  creditsOf,
  parseEvents,
  periodInForce,
  type RateInvoiceOptions,
  requireArguments,
  sealOf,
} from "./rateInvoice.js";
import { label } from "./resolveServicePeriod.js";

/**
 * The invoice so far of a period that has not ended: the usage up to `asOf` rated as the period's
 * invoice would be (fees whole, tiers, allowances, commitments, credits and tax as at the close), marked
 * with a `preview` that holds the projection to the period's end. Events at or after `asOf` are
 * excluded with the reason `after_as_of`. The projection is linear in elapsed time: each sum or count
 * meter continues at its rate so far; every other quantity is held; the projected usage is then rated
 * as a whole invoice, so tiers and minimums apply to the projected quantities (docs/preview.md).
 * The projection is never billed: it lives in `preview.projection`, apart from the lines.
 *
 * @param contract - a contract from `parseContract`
 * @param events - usage events as sent, any iterable
 * @param period - the open invoice period, as for {@link rateInvoice}
 * @param asOf - an ISO 8601 instant with an offset, or a local date (`2026-02-08`: its midnight in the
 *   contract's zone), after the period's start and no later than its end
 * @returns the preview invoice (an `Invoice` with `preview`)
 * @throws InputError `invalid_instant` (path `asOf`), `invalid_period` for an `asOf` outside the period;
 *   every error of {@link rateInvoice}
 * @example
 * // 100 GB at 1.00 in the first 7 days of a 28-day February: so far 100.00, projected 400.00
 * previewInvoice(contract, events, "2026-02", "2026-02-08T00:00:00Z").preview?.projection.total // "400.00"
 */
export function previewInvoice(
  contract: Contract,
  events: Iterable<unknown>,
  period: Period | string,
  asOf: string,
  options: RateInvoiceOptions = {},
): Invoice {
  requireEvents(events);
  return previewParsedInvoice(contract, parseEvents(events), period, asOf, options);
}

/** {@link previewInvoice} for events that are already validated (e.g. by `parseUsageEvent`). */
export function previewParsedInvoice(
  contract: Contract,
  events: Iterable<UsageEvent>,
  period: Period | string,
  asOf: string,
  options: RateInvoiceOptions = {},
): Invoice {
  requireArguments(contract, period, options);
  requireEvents(events);
  const inForce = periodInForce(contract, period);
  const cut = asOfWithin(asOf, inForce.service, contract.timeZone);
  const credits = { credits: creditsOf(options), ...commitmentSpendOf(options), ...sealOf(options) };
  const usage = aggregatePeriod(events, contract, inForce, options, cut);
  const soFar = buildInvoice(contract, inForce, usage, credits);
  const projected = buildInvoice(contract, inForce, projectUsage(usage, inForce, cut), credits);
  const seconds = (ms: number) => toPlainString(ZERO.plus(ms).div(1000));
  const preview: InvoicePreview = {
    asOf: formatInstant(cut),
    elapsedSeconds: seconds(cut - inForce.service.start),
    periodSeconds: seconds(inForce.service.end - inForce.service.start),
    projection: {
      method: "linear_in_elapsed_time",
      lines: projectedLines(soFar, projected, usage),
      subtotal: projected.subtotal,
      total: projected.total,
      ...(projected.amountDue !== undefined ? { amountDue: projected.amountDue } : {}),
    },
  };
  // The preview field sits right after the id, so a reader sees at once this is not an invoice to issue.
  const { schemaVersion, id, ...rest } = soFar;
  return withDigest<Invoice>({ schemaVersion, id, preview, ...rest }, options.sha256);
}

// After the period's start and no later than its end: a preview needs some elapsed time to project from.
function asOfWithin(asOf: unknown, service: Period, timeZone: string): number {
  const instant = asOfInstant(asOf, timeZone);
  if (instant > service.start && instant <= service.end) return instant;
  throw InputError.from(
    periodMessages.asOfOutsidePeriod(formatInstant(instant), label(service, timeZone)),
    "asOf",
  );
}

// Every projected line, with what the same line has so far (a line only the projection has, such as
// a tier's flat fee reached later, had 0).
function projectedLines(soFar: Invoice, projected: Invoice, usage: PeriodUsage) {
  const { minorUnits } = soFar.currency;
  const amounts = new Map(soFar.lines.map((line) => [line.id, line.amount]));
  const measured = new Map(usage.whole.meters.map((entry) => [entry.meter.id, entry]));
  return projected.lines.map((line) => ({
    line: line.id,
    method: methodOf(line, measured),
    quantity: line.quantity,
    soFar: amounts.get(line.id) ?? toFixedString(ZERO, minorUnits),
    projected: line.amount,
  }));
}

function methodOf(line: InvoiceLine, measured: ReadonlyMap<string, MeterQuantity>): ProjectionMethod {
  const usageStep = line.steps.find((step) => step.kind === "usage");
  if (usageStep?.kind !== "usage") return "not_metered";
  const entry = measured.get(usageStep.meter);
  return entry !== undefined && projectsLinearly(entry.meter, entry) ? "linear" : "held";
}
