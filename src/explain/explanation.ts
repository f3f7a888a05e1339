import { TERM_STEP_SENTENCES } from "../contracts/index.js";
import type { Invoice, InvoiceLine, Step } from "../invoice/index.js";
import { unitWord } from "../meters/index.js";
import { Decimal, toPlainString } from "../money/index.js";
import type { ExclusionReason } from "../schema/index.js";
import { belowZeroDueWords } from "./belowZeroDueWords.js";
import { exclusionWords } from "./exclusionReasons.js";
import { explainLineParts, type MoneyStyle } from "./explainLine.js";
import { progressiveHeader } from "./explainProgressive.js";
import { type Figure, moneyFigure, quantityFigure, readableMoney, readableQuantity } from "./figure.js";
import { describeGroup } from "./lineTitle.js";
import { localWhen } from "./localWhen.js";
import { owedWords } from "./owedWords.js";
import { roundingModeWords } from "./roundingModeWords.js";
import { invoiceMoneyStyle, settledMoney } from "./settledMoney.js";
import { stepFacts } from "./stepFacts.js";
import { meterOf, onMeterScale, type TierBound, tierBoundsOf, tierBoundsOffScale } from "./tierBounds.js";
import { type WaterfallStep, waterfallOf } from "./waterfall.js";

/** The version of the explanation document this build writes (docs/explain.md); raised on a breaking change. */
export const EXPLANATION_VERSION = 1;

/** One step of a line: its sentence and the step as data. */
export interface ExplainedStep {
  readonly kind: Step["kind"];
  /** What this step did, on its own (several tiers each get theirs; the line's `text` reads them as one). */
  readonly sentence: string;
  /** The step's `amount`, when it has one. */
  readonly amount: Figure | null;
  /** The step exactly as the invoice holds it. */
  readonly exact: Step;
}

export interface ExplainedLine {
  readonly id: string;
  readonly name: string;
  readonly chargeId: string;
  readonly model: string;
  /** The dimension values of a grouped or matrix line, in words ("region eu"); null otherwise. */
  readonly group: string | null;
  /** The unit as written after the line's quantity: its singular form for a quantity of one. */
  readonly unit: string | null;
  readonly period: { readonly start: string; readonly end: string };
  readonly quantity: Figure;
  readonly amount: Figure;
  /** The whole line in plain words, as the text explanation writes it (numbers rounded for reading). */
  readonly text: string;
  readonly steps: ReadonlyArray<ExplainedStep>;
  /** The contract terms that produced the line, as the invoice records them. */
  readonly terms: ReadonlyArray<string>;
  /**
   * The meter the line's usage came from, and whether that meter's days are the line's own (false for
   * a group, a billable quantity after division or included units, or part of a split period).
   */
  readonly usage: { readonly meter: string; readonly daysAreTheLine: boolean } | null;
  /** Discounts, commitment caps and credits taken off the line after its amount. */
  readonly adjustments: ReadonlyArray<{
    readonly kind: string;
    readonly source: string;
    readonly amount: Figure;
  }>;
}

export interface ExplainedMeter {
  readonly meter: string;
  readonly aggregation: string;
  readonly unit: string | null;
  /** The unit's singular form, for a quantity of one (the contract meter's `unitSingular`). */
  readonly unitSingular: string | null;
  readonly events: number;
  readonly quantity: Figure;
  /** Per local day: the day's quantity and the running total; null when the invoice was rated without daily data. */
  readonly daily: ReadonlyArray<{
    readonly date: string;
    readonly quantity: Figure;
    readonly cumulative: Figure;
  }> | null;
  readonly tierBounds: ReadonlyArray<TierBound>;
  /** Tiered lines on this meter whose tiers price another quantity than its daily sums (not drawn). */
  readonly tiersNotCharted: ReadonlyArray<string>;
}

/**
 * An invoice explained, as data: what the Markdown and HTML explanations lay out, and what
 * `explain(invoice, { format: "json" })` prints for scripts. Every number is a {@link Figure}: rounded
 * for reading, with the invoice's exact text beside it. docs/explain.md documents each field.
 */
export interface Explanation {
  readonly format: "ratecard.explanation";
  readonly version: typeof EXPLANATION_VERSION;
  readonly invoice: {
    readonly id: string;
    readonly kind: "usage" | "opening";
    readonly digest: string;
    readonly contractId: string;
    readonly contractDigest: string;
    readonly customer: { readonly id: string; readonly name: string | null };
    readonly period: Invoice["period"];
    readonly currency: Invoice["currency"];
    readonly rounding: string;
    readonly metadata: Readonly<Record<string, string>>;
    /**
     * A progressive or closing invoice's own account of itself, the text explanation's header sentences
     * ("Closing invoice of a period billed progressively (invoice 2 of the period): … It bills $120.00 so
     * far minus $80.00 already billed on … = $40.00."); absent on any other invoice.
     */
    readonly progressive?: ReadonlyArray<string>;
  };
  readonly lines: ReadonlyArray<ExplainedLine>;
  readonly waterfall: ReadonlyArray<WaterfallStep>;
  readonly total: Figure;
  /** The invoice's amount due, or its total when no credit after tax changed it. */
  readonly amountDue: Figure;
  /**
   * Why a progressive or closing invoice's amount due is not its total less its credits after tax, when
   * a total below zero is the reason: the text's two sentences, the rule with its figures and the walk
   * from the total ("From the total $50.00: … = $25.00, the amount due."); absent on any other invoice.
   */
  readonly amountDueWords?: ReadonlyArray<string>;
  /**
   * What an invoice below zero owes the customer, the text's sentence: on an invoice billed alone "The
   * total is below zero: nothing is due, and $5.00 is owed to the customer, …", on a progressive or
   * closing invoice its `progressive.credit` and of what ("… $25.00 is owed to the customer, to issue as
   * a credit: $15.00, the amount due below zero …, and $10.00, the period's total below zero …");
   * absent when nothing is owed.
   */
  readonly owedWords?: ReadonlyArray<string>;
  readonly usage: {
    readonly eventsRead: number;
    readonly eventsCounted: number;
    readonly excluded: ReadonlyArray<{
      readonly reason: ExclusionReason;
      readonly description: string;
      readonly events: number;
      /** Up to five of the ids, the smallest first, as the invoice's usage report holds them. */
      readonly sampleIds: ReadonlyArray<string>;
    }>;
    readonly meters: ReadonlyArray<ExplainedMeter>;
  };
  readonly warnings: ReadonlyArray<string>;
}

/**
 * The explanation of an invoice as data. Reads only the (already checked) invoice: sentences come
 * from the line steps, numbers from their fields; the only arithmetic is running sums for the
 * waterfall and the usage chart.
 */
export function explanationOf(invoice: Invoice): Explanation {
  const style = invoiceMoneyStyle(invoice);
  const invoiceEnd = invoice.kind === "opening" ? undefined : invoice.period.end;
  return {
    format: "ratecard.explanation",
    version: EXPLANATION_VERSION,
    invoice: {
      id: invoice.id,
      kind: invoice.kind ?? "usage",
      digest: invoice.digest,
      contractId: invoice.contractId,
      contractDigest: invoice.contractDigest,
      customer: { id: invoice.customer.id, name: invoice.customer.name ?? null },
      period: invoice.period,
      currency: invoice.currency,
      rounding: `each line rounded once, ${roundingModeWords(invoice.rounding.mode)}, to ${invoice.currency.minorUnits} decimals`,
      metadata: invoice.metadata ?? {},
      ...(invoice.progressive === undefined
        ? {}
        : { progressive: progressiveHeader(invoice, settledMoney(invoice)) }),
    },
    lines: invoice.lines.map((line) => explainedLine(line, style, invoice, invoiceEnd)),
    waterfall: waterfallOf(invoice, style),
    // In the currency's own decimals when lines are finer (rounding.lineDecimals).
    total: moneyFigure(invoice.total, settledStyle(invoice, style)),
    amountDue: moneyFigure(invoice.amountDue ?? invoice.total, settledStyle(invoice, style)),
    ...amountDueWordsOf(invoice, style),
    ...owedWordsOf(invoice),
    usage: {
      eventsRead: invoice.usage.eventsRead,
      eventsCounted: invoice.usage.eventsCounted,
      excluded: invoice.usage.excluded.map((entry) => ({
        reason: entry.reason,
        description: exclusionWords(entry.reason, invoice),
        events: entry.events,
        sampleIds: entry.sampleIds,
      })),
      meters: invoice.usage.meters.map((meter) => ({
        meter: meter.meter,
        aggregation: meter.aggregation,
        unit: meter.unit ?? null,
        unitSingular: meter.unit === undefined ? null : (meter.unitSingular ?? null),
        events: meter.events,
        quantity: quantityFigure(meter.quantity),
        daily: meter.daily === undefined ? null : withRunningTotal(meter.daily),
        tierBounds: tierBoundsOf(meter, invoice.lines, invoice.period),
        tiersNotCharted: tierBoundsOffScale(meter, invoice.lines, invoice.period),
      })),
    },
    warnings: invoice.warnings,
  };
}

function explainedLine(
  line: InvoiceLine,
  style: MoneyStyle,
  invoice: Invoice,
  invoiceEnd: string | undefined,
): ExplainedLine {
  const { period } = invoice;
  const meterId = meterOf(line);
  const meter = invoice.usage.meters.find((candidate) => candidate.meter === meterId);
  const parts = explainLineParts(line, style, {
    invoiceEnd,
    invoiceStart: invoiceEnd === undefined ? undefined : period.start,
    quantity: readableQuantity,
    timeZone: invoice.period.timeZone,
    pools: invoice.allowances,
  });
  const factWords = {
    money: (plain: string) => readableMoney(plain, style),
    price: (plain: string) => readableMoney(plain, { ...style, minorUnits: style.minorUnits + 2 }),
    units: (plain: string) => `${readableQuantity(plain)}${unitWord(plain, line.unit, line.unitSingular)}`,
    quantity: readableQuantity,
    instant: (iso: string) => localWhen(iso, invoice.period.timeZone),
  };
  // A kind that repeats on the line (tiers) reads as one sentence in the prose: each row gets its own.
  const repeated = (kind: string) => line.steps.filter((step) => step.kind === kind).length > 1;
  const sentences = parts.steps.flatMap(({ sentence }) => (sentence === undefined ? [] : [sentence]));
  return {
    id: line.id,
    name: line.name,
    chargeId: line.chargeId,
    model: line.model,
    group: line.group === undefined ? null : describeGroup(line.group),
    unit: line.unit === undefined ? null : unitWord(line.quantity, line.unit, line.unitSingular).trim(),
    period: line.period,
    quantity: quantityFigure(line.quantity),
    amount: moneyFigure(line.amount, style),
    text: [parts.head, ...sentences, parts.total].join(" "),
    steps: parts.steps.map(({ step, sentence }) => ({
      kind: step.kind,
      sentence: sentence === undefined || repeated(step.kind) ? stepFacts(step, factWords) : sentence,
      amount: "amount" in step && typeof step.amount === "string" ? moneyFigure(step.amount, style) : null,
      exact: step,
    })),
    terms: termsOf(line, style, period, parts.steps),
    usage:
      meterId === undefined
        ? null
        : { meter: meterId, daysAreTheLine: meter !== undefined && onMeterScale(line, meter, period) },
    adjustments: (line.adjustments ?? []).map((adjustment) => ({
      kind: adjustment.kind,
      source: adjustment.source,
      amount: moneyFigure(adjustment.amount, style),
    })),
  };
}

// The contract terms behind a line, from what the invoice records: the charge and its price model, the
// meter, the period the terms were in force, each reached tier's bounds and price, and the sentences of
// the steps a contract term wrote (an override, an allowance, a contract quantity, a line limit, …).
function termsOf(
  line: InvoiceLine,
  style: MoneyStyle,
  period: Invoice["period"],
  steps: ReadonlyArray<{ readonly step: Step; readonly sentence: string | undefined }>,
): string[] {
  const terms = [`Charge ${line.chargeId}, priced with the ${line.model} model.`];
  const usage = line.steps.find((step) => step.kind === "usage");
  if (usage?.kind === "usage")
    terms.push(
      `Usage from meter ${usage.meter} (${usage.aggregation})${usage.value === undefined ? "" : `, each event's value = ${usage.value}`}.`,
    );
  // A credit for unused time has the period it credits, after its terms were replaced: they were never
  // in force then, and its unused_time sentence (below) says what it covers.
  const credit = line.steps.some((step) => step.kind === "unused_time");
  if (!credit && (line.period.start !== period.start || line.period.end !== period.end))
    // In local dates of the invoice's zone, as the line's own sentence and the invoice's period read.
    terms.push(
      `Terms in force from ${localWhen(line.period.start, period.timeZone)} to ${localWhen(line.period.end, period.timeZone)}.`,
    );
  if (line.billed === "in_advance") terms.push("Billed in advance.");
  // Bounds in the line's unit, singular after 1, and the price per one of it ("per GB"; "per unit"
  // for a line without a unit).
  const units = (plain: string) =>
    `${readableQuantity(plain)}${unitWord(plain, line.unit, line.unitSingular)}`;
  const per = unitWord("1", line.unit ?? "units", line.unitSingular).trim();
  for (const step of line.steps) {
    if (step.kind !== "tier") continue;
    const upTo = step.upTo === null ? "with no upper bound" : `up to ${units(step.upTo)} inclusive`;
    terms.push(
      `Tier ${step.tier}: above ${units(step.from)} ${upTo}, at ${readableMoney(step.unitPrice, { ...style, minorUnits: style.minorUnits + 2 })} per ${per}.`,
    );
  }
  for (const { step, sentence } of steps)
    if (step.kind in TERM_STEP_SENTENCES && sentence !== undefined) terms.push(sentence);
  return terms;
}

function withRunningTotal(
  daily: ReadonlyArray<{ readonly date: string; readonly quantity: string }>,
): NonNullable<ExplainedMeter["daily"]> {
  let running = new Decimal(0);
  return daily.map((day) => {
    running = running.plus(day.quantity);
    return {
      date: day.date,
      quantity: quantityFigure(day.quantity),
      cumulative: quantityFigure(toPlainString(running)),
    };
  });
}

// The money style of the total and the amount due: the currency's own decimals when lines are finer.
function settledStyle(invoice: Invoice, style: MoneyStyle): MoneyStyle {
  const minorUnits = invoice.rounding.total?.minorUnits;
  return minorUnits === undefined ? style : { ...style, minorUnits };
}

// The sentences only where a total below zero sets the amount due apart, so other documents are as before.
function amountDueWordsOf(invoice: Invoice, style: MoneyStyle): { amountDueWords?: ReadonlyArray<string> } {
  const words = belowZeroDueWords(invoice, style);
  return words.length === 0 ? {} : { amountDueWords: words };
}

// Only on an invoice that owes the customer something, so other documents are as before.
function owedWordsOf(invoice: Invoice): { owedWords?: ReadonlyArray<string> } {
  const words = owedWords(invoice);
  return words.length === 0 ? {} : { owedWords: words };
}
