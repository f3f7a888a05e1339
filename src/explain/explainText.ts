import type { Invoice } from "../invoice/index.js";
import { Decimal, type RoundingMode, toPlainString } from "../money/index.js";
import type { AppliedDiscount } from "../schema/index.js";
import { belowZeroDueWords } from "./belowZeroDueWords.js";
import { commitmentScheduleWords } from "./commitmentScheduleWords.js";
import { dailyChart } from "./dailyChart.js";
import { escapeControl } from "./escapeControl.js";
import { exclusionWords } from "./exclusionReasons.js";
import { lineInWords, type MoneyStyle } from "./explainLine.js";
import { previewHeader, previewProjection } from "./explainPreview.js";
import { progressiveHeader } from "./explainProgressive.js";
import { count, formatExact, formatQuantity, signed } from "./formatNumber.js";
import { lineTitlesById } from "./lineTitle.js";
import { datesWords, localWhen, periodEnds } from "./localWhen.js";
import { owedWords } from "./owedWords.js";
import { percentExact } from "./percentExact.js";
import { poolWords } from "./poolWords.js";
import { prorationUnit } from "./prorationUnit.js";
import { requireInvoice } from "./requireInvoice.js";
import { roundedFrom, roundedTake, shareOf } from "./roundedWords.js";
import { roundingModeWords } from "./roundingModeWords.js";
import { finerLines, invoiceMoneyStyle, settledMoney } from "./settledMoney.js";
import { explainTax } from "./taxWords.js";

// The keys of each burn order, as docs/contracts.md (step 8) states them.
const BURN_ORDER_WORDS: Readonly<Record<NonNullable<Invoice["creditBurnOrder"]>, string>> = {
  priority: "lower priority number first, then the soonest expiry, then the oldest grant, then the id",
  expiry:
    "grants limited to some charges first, then the soonest expiry, then the lower cost basis, then priority, then the oldest grant, then the id",
  narrowest:
    "lower priority number first, then free grants before paid ones, then the fewest charges covered, then the soonest expiry, then the oldest grant, then the id",
};

/**
 * The invoice in plain words: a header, one paragraph per line showing the arithmetic, the totals,
 * and an account of the usage (what was counted and what was left out, and why).
 * Reads only the invoice: every number comes from its breakdown, nothing is recomputed.
 * @throws InputError `invalid_argument` when `invoice` is not an invoice ratecard issued (path inside it)
 */
export function explainText(invoice: Invoice): string {
  requireInvoice(invoice);
  const style = invoiceMoneyStyle(invoice);
  const money = (plain: string) =>
    signed(plain, (magnitude) => `${style.prefix}${formatExact(magnitude, style.minorUnits)}`);
  // The total and the amount due are in the currency's own decimals when lines are finer (rounding.lineDecimals).
  const settled = settledMoney(invoice);
  const customer =
    invoice.customer.name === undefined
      ? invoice.customer.id
      : `${invoice.customer.name} (${invoice.customer.id})`;
  const [from, to] = periodEnds(invoice.period);

  const out: string[] = [
    `Invoice ${invoice.id} for ${customer}`,
    ...(invoice.kind === "opening"
      ? ["Opening invoice: the first period's fees, billed in advance when the term starts."]
      : []),
    ...previewHeader(invoice),
    // What the period so far and the earlier invoices billed are totals: in the total's decimals.
    ...progressiveHeader(invoice, settled),
    `Period: ${from} to ${to} (${invoice.period.timeZone}), the end date not included.`,
    ...(invoice.cancellation === undefined
      ? []
      : [cancellationWords(invoice.cancellation, invoice.period.timeZone)]),
    `Currency: ${invoice.currency.code}. Each line is rounded once, ${roundingModeWords(invoice.rounding.mode)}, to ${invoice.currency.minorUnits} decimals${finerLines(invoice)}.`,
    "",
  ];
  // The opening invoice bills its own period in advance; other invoices bill the next one.
  const invoiceEnd = invoice.kind === "opening" ? undefined : invoice.period.end;
  // A progressive or closing invoice keeps the rounding of the period so far (its `rounding.total`);
  // its own figures are differences of rounded figures (docs/progressive-billing.md).
  const soFar = invoice.progressive !== undefined;
  // Lines named as their paragraphs start, so a spread reads "CDN egress [region eu] -€6.50".
  const title = lineTitlesById(invoice.lines, invoice.period.timeZone);
  for (const line of invoice.lines)
    out.push(
      lineInWords(line, style, invoiceEnd, invoice.period.timeZone, invoice.period.start, invoice.allowances),
      "",
    );
  for (const pool of invoice.allowances ?? [])
    out.push(poolWords(pool, invoice.lines, invoice.period.timeZone));
  if ((invoice.allowances ?? []).length > 0) out.push("");
  out.push(
    `Subtotal ${money(invoice.subtotal)} (the sum of the ${invoice.lines.length} line${invoice.lines.length === 1 ? "" : "s"}).`,
  );
  for (const discount of invoice.discounts ?? []) {
    const part =
      discount.inForce === undefined ? "" : inForceWords(discount.inForce, invoice.period.timeZone);
    const covered =
      discount.inForce?.covered === undefined
        ? undefined
        : `${money(discount.inForce.covered)} billed on the days it covers`;
    const what =
      discount.percent !== undefined
        ? covered !== undefined
          ? `${formatQuantity(discount.percent)}% of ${covered} (${datesWords(discount.inForce!, invoice.period.timeZone)}) of ${money(discount.base)}`
          : `${formatQuantity(discount.percent)}% of ${money(discount.base)}${part}`
        : `${fixedWords(discount, money, invoice.period.timeZone, invoice.rounding.mode as RoundingMode, style) ?? `${money(discount.fixed ?? "0")}${part}`} (at most the ${covered ?? `${money(discount.base)} it applies to`})`;
    const spread = discount.allocation
      .map((entry) => `${title(entry.line)} ${money(entry.amount)}`)
      .join(", ");
    const rounded = percentExact(discount);
    // On a progressive or closing invoice a percentage's amount is the period's so far, rounded, less
    // what the earlier invoices took: not its percent of this invoice's base, unless it happens to be.
    // So is a fixed amount's: "$50.00 … = $0.00" read as a discount that took nothing.
    const apart =
      soFar &&
      ((rounded !== undefined && !rounded.abs().equals(new Decimal(discount.amount).abs())) ||
        fixedTakenApart(discount));
    const how = apart
      ? `${what}: the discount on the period so far${rounded === undefined ? "" : ", rounded"}, less what earlier invoices took: `
      : `${what} = ${rounded === undefined ? "" : roundedFrom(rounded, discount.amount, invoice.rounding.mode as RoundingMode, style)}`;
    out.push(
      `${discount.name}: ${how}${money(discount.amount)}${spread === "" ? "" : `, spread over ${spread}`}.`,
    );
  }
  for (const commitment of invoice.commitments ?? []) {
    out.push(
      ...commitmentScheduleWords(commitment, money, {
        timeZone: invoice.period.timeZone,
        mode: invoice.rounding.mode as RoundingMode,
        style,
      }),
    );
    out.push(...cumulativeWords(commitment, money));
    if (commitment.cap === undefined) continue;
    const spread = (commitment.allocation ?? [])
      .map((entry) => `${title(entry.line)} ${money(entry.amount)}`)
      .join(", ");
    const overage =
      commitment.overage === undefined ? "" : ` plus the overage of ${money(commitment.overage)}`;
    const maximum = money(commitment.maximum ?? "0");
    const spreadWords = spread === "" ? "" : `, spread over ${spread}`;
    // After earlier invoices of the period, the cap is the period's excess so far less what they took,
    // not this invoice's spend less the maximum ("spend $2,730.79 is above $1,500.00: -$2,687.81").
    out.push(
      soFar && capTakenApart(commitment)
        ? `${commitment.name}: the spend so far this period${overage} is above the maximum of ${maximum} (this invoice's spend ${money(commitment.spend)}): the excess so far, less what earlier invoices took: ${money(commitment.cap)}${spreadWords}.`
        : `${commitment.name}: spend ${money(commitment.spend)}${overage} is above the maximum of ${maximum}: ${money(commitment.cap)}${spreadWords}.`,
    );
  }
  const creditWords = (credit: NonNullable<Invoice["credits"]>[number]) => {
    const stage = credit.stage === "before_tax" ? "before tax" : "after tax";
    // On a closing or progressive invoice a grant may get back what earlier invoices drew past the
    // period's burn so far: "¥2 of a ¥998,751 balance; ¥998,753 left" read as a draw that adds up wrong.
    if (credit.unit === undefined)
      return new Decimal(credit.applied).greaterThan(0)
        ? `${credit.name} (${stage}): ${money(credit.applied)} given back, earlier invoices of the period having drawn more than its burn so far, to a ${money(credit.balanceBefore)} balance; ${balanceLeft(credit.balanceAfter, money)}`
        : `${credit.name} (${stage}): ${money(credit.applied)} of a ${money(credit.balanceBefore)} balance; ${balanceLeft(credit.balanceAfter, money)}`;
    const units = (plain: string) => `${formatQuantity(plain)} ${credit.unit}`;
    return `${credit.name} (${stage}): ${unitsPaid(credit, units, money, soFar)}, of a ${units(credit.balanceBefore)} balance; ${balanceLeft(credit.balanceAfter, units)}`;
  };
  if (invoice.creditBurnOrder !== undefined)
    out.push(
      `Credits are used in the "${invoice.creditBurnOrder}" burn order: ${BURN_ORDER_WORDS[invoice.creditBurnOrder]}.`,
    );
  for (const credit of invoice.credits ?? [])
    if (credit.stage === "before_tax") out.push(creditWords(credit));
  const { rounding } = invoice;
  if (invoice.tax !== undefined)
    out.push(
      ...explainTax(invoice.tax, money, {
        gross:
          soFar && rounding.total !== undefined
            ? toPlainString(new Decimal(invoice.tax.net).plus(invoice.tax.total))
            : (rounding.total?.before ?? invoice.total),
        rounded: rounding.total !== undefined,
        mode: rounding.mode as RoundingMode,
        style,
        soFar,
      }),
    );
  const mode = roundingModeWords(rounding.mode);
  // Lines finer than the currency (rounding.lineDecimals): the total is rounded to it, the difference said.
  if (rounding.total !== undefined)
    out.push(
      `${soFar ? "So far this period, total" : "Total"} before rounding ${money(rounding.total.before)}, rounded ${mode} to ${rounding.total.minorUnits} decimals: a rounding adjustment of ${money(rounding.total.adjustment)}.`,
    );
  out.push(`Total ${settled(invoice.total)}.`);
  for (const credit of invoice.credits ?? []) if (credit.stage === "after_tax") out.push(creditWords(credit));
  if (rounding.amountDue !== undefined)
    out.push(
      `${soFar ? "So far this period, amount due" : "Amount due"} before rounding ${money(rounding.amountDue.before)}, rounded ${mode}: a rounding adjustment of ${money(rounding.amountDue.adjustment)}.`,
    );
  if (invoice.amountDue !== undefined) out.push(`Amount due ${settled(invoice.amountDue)}.`);
  out.push(...belowZeroDueWords(invoice, style));
  out.push(...owedWords(invoice));
  out.push(...previewProjection(invoice));
  out.push("", ...explainUsage(invoice));
  if (invoice.warnings.length > 0)
    out.push("", "Warnings:", ...invoice.warnings.map((warning) => `- ${warning}`));
  // Each entry is one line of text; names, ids and group values come from the input, so their control
  // characters are shown escaped: a newline in a name cannot add a line such as "Total €0.00".
  return `${out.map(escapeControl).join("\n")}\n`;
}

/**
 * The units a grant in a unit of its own gave for what it paid: "100 TOKENS at $1.50 each = -$150.00";
 * when the money is not a whole number of minor units of the unit, the units are rounded up
 * (docs/contracts.md), so the sentence divides: "-$467.7369 at $2.00 each: $467.7369 ÷ $2.00 =
 * 233.86845 TOKENS, rounded up to 233.869 TOKENS".
 */
// "$130.00 left.", or "nothing left." for a grant drawn to the end, as a shared allowance says it: "0
// CREDIT left" and "$0.00 left" read as a figure to check rather than an empty grant.
function balanceLeft(after: string, written: (plain: string) => string): string {
  return new Decimal(after).isZero() ? "nothing left." : `${written(after)} left.`;
}

function unitsPaid(
  credit: NonNullable<Invoice["credits"]>[number],
  units: (plain: string) => string,
  money: (plain: string) => string,
  soFar: boolean,
): string {
  const used = credit.unitsUsed ?? "0";
  const value = credit.unitValue ?? "0";
  const paid = new Decimal(credit.applied).abs();
  if (new Decimal(used).times(value).equals(paid))
    return `${units(used)} at ${money(value)} each = ${money(credit.applied)}`;
  // On a progressive or closing invoice the units are those used so far (rounded up) less those the
  // earlier invoices used: not this invoice's money ÷ the unit value, rounded up.
  if (soFar)
    return `${money(credit.applied)} at ${money(value)} each; the units used so far this period, rounded up, less those used on earlier invoices: ${units(used)}`;
  const exact = paid.div(value);
  const shown =
    exact.decimalPlaces() > 12
      ? `${formatQuantity(exact.toFixed(12, Decimal.ROUND_DOWN))}…`
      : formatQuantity(exact.toFixed());
  return `${money(credit.applied)} at ${money(value)} each: ${money(paid.toFixed())} ÷ ${money(value)} = ${shown} ${credit.unit}, rounded up to ${units(used)}`;
}

// "Cancelled: requested 2026-03-02, effective 2026-03-17; nothing is billed from 2026-03-17 on."
// An effective instant other than local midnight keeps its time ("effective 2026-03-14 12:00"): the
// last period was billed up to it, not to the start of that day.
function cancellationWords(cancellation: NonNullable<Invoice["cancellation"]>, timeZone: string): string {
  const when = (instant: string) => localWhen(instant, timeZone);
  return `Cancelled: requested ${when(cancellation.requested)}, effective ${when(cancellation.effective)}; nothing is billed from ${when(cancellation.effective)} on.`;
}

// A fixed amount on an invoice after earlier ones of its period: it took something else than its
// amount, at most what it applies to (the period's so far, less what the earlier invoices took).
function fixedTakenApart(discount: AppliedDiscount): boolean {
  if (discount.fixed === undefined) return false;
  const most = new Decimal(discount.inForce?.covered ?? discount.base);
  const fixed = new Decimal(discount.fixed);
  return !Decimal.min(fixed, most).equals(new Decimal(discount.amount).abs());
}

// A cap on an invoice after earlier ones of its period that is not this invoice's spend (and overage)
// less the maximum.
function capTakenApart(commitment: NonNullable<Invoice["commitments"]>[number]): boolean {
  const billed = new Decimal(commitment.spend).plus(commitment.overage ?? 0);
  const own = billed.minus(commitment.maximum ?? 0);
  return !own.equals(new Decimal(commitment.cap ?? 0).negated());
}

// A fixed amount prorated from the contract's: "$100.00 a billing period × 15 ÷ 31 days = $48.39, in force
// 2026-03-17 to 2026-04-01" (the dates when its own cut the period). Undefined when it was not prorated.
// "$10.00 a billing period × 1,036,800 ÷ 2,419,200 seconds = $4.2857142857…, rounded half-even: $4.29":
// the exact share and its rounding, so the product can be redone (it read "= $4.29", not what it is).
function fixedWords(
  discount: AppliedDiscount,
  money: (plain: string) => string,
  timeZone: string,
  mode: RoundingMode,
  style: MoneyStyle,
) {
  const { prorated, inForce } = discount;
  if (prorated === undefined) return undefined;
  const share = `${formatQuantity(prorated.elapsed)} ÷ ${formatQuantity(prorated.total)} ${prorationUnit(prorated.basis)}`;
  const dates = inForce === undefined ? "" : `, in force ${datesWords(inForce, timeZone)}`;
  const fixed = discount.fixed ?? "0";
  const exact = shareOf(new Decimal(prorated.amount), prorated.elapsed, prorated.total);
  return `${money(prorated.amount)} a billing period × ${share} = ${roundedTake(exact, fixed, mode, style)}${money(fixed)}${dates}`;
}

// ", in force for 15 of 31 days (2026-03-17 to 2026-04-01)": the share of the period that scaled a discount.
function inForceWords(inForce: NonNullable<AppliedDiscount["inForce"]>, timeZone: string): string {
  return `, in force for ${formatQuantity(inForce.elapsed)} of ${formatQuantity(inForce.total)} ${prorationUnit(inForce.basis)} (${datesWords(inForce, timeZone)})`;
}

function explainUsage(invoice: Invoice): string[] {
  const { usage } = invoice;
  const charts = usage.meters.flatMap((meter) =>
    meter.daily === undefined
      ? []
      : [
          `Daily ${meter.meter}${meter.unit === undefined ? "" : ` (${meter.unit})`}: ${dailyChart(meter.daily)}`,
        ],
  );
  const lines = [
    ...charts,
    `Usage: ${count(usage.eventsRead, "event")} read, ${count(usage.eventsCounted, "event")} counted, ${count(usage.eventsRead - usage.eventsCounted, "event")} left out.`,
  ];
  for (const entry of usage.excluded) {
    const samples = entry.sampleIds.length > 0 ? ` (e.g. ${entry.sampleIds.join(", ")})` : "";
    lines.push(`- ${count(entry.events, "event")}: ${exclusionWords(entry.reason, invoice)}${samples}.`);
  }
  return lines;
}

// "Annual commitment: 1,200.00 owed from 2026-01-01 until 2027-01-01 by all its invoices together; …"
function cumulativeWords(
  commitment: NonNullable<Invoice["commitments"]>[number],
  money: (plain: string) => string,
): string[] {
  const period = commitment.cumulative;
  if (period === undefined) return [];
  const excess = new Decimal(period.excess).isZero()
    ? ""
    : `, and ${money(period.excess)} beyond it (billed at the overage factor)`;
  // Lines finer than the currency: the spend is carried as billed, rounded as the total is.
  const asBilled = new Decimal(period.spendBefore).plus(commitment.spend).equals(period.spendAfter)
    ? ""
    : ` as billed (this invoice's ${money(commitment.spend)} rounded to the currency, as its total is)`;
  const closing = period.closes
    ? "This invoice closes the commitment period."
    : `Spend to date ${money(period.spendAfter)}${asBilled}: the next invoice carries it.`;
  // Credit notes taken: "(after 100.00 of units credited by ctr:2026-01-01:credit-note:1)".
  const units = (period.creditNotes ?? []).filter((note) => note.kind === "units");
  const credited = units.reduce((sum, note) => sum.plus(note.spend), new Decimal(0));
  const notes =
    units.length === 0
      ? ""
      : ` (after ${money(credited.toFixed())} of units credited by ${units.map((note) => note.id).join(", ")})`;
  return [
    `${commitment.name}: ${money(commitment.minimum ?? "0")} owed from ${period.from} until ${period.until} by all its invoices together. The earlier invoices spent ${money(period.spendBefore)}${notes}, leaving ${money(period.remaining)}; this invoice spent ${money(commitment.spend)}: ${money(period.within)} within the commitment${excess}. ${closing}`,
  ];
}
