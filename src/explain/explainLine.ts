import { TERM_STEP_SENTENCES } from "../contracts/index.js";
import { isRecord, requireArgument } from "../errors/index.js";
import type { InvoiceLine, Step } from "../invoice/index.js";
import { unitWord } from "../meters/index.js";
import { Decimal } from "../money/index.js";
import { explainPriceStep, isPriceStep, type PriceStep } from "../pricing/index.js";
import type {
  BillableQuantityStep,
  BilledEarlierStep,
  FullQuantityTiersStep,
  GroupShareStep,
  GroupTotalStep,
  ProrationStep,
  RoundingStep,
  StepContext,
  StepSentences,
  UsageStep,
  WindowPricingStep,
  Words,
} from "../schema/index.js";
import { scaledCount } from "../schema/index.js";
import { describeComputation } from "./computationWords.js";
import { escapeControl } from "./escapeControl.js";
import { count, formatExact, formatQuantity, formatReadable, signed } from "./formatNumber.js";
import { describeGroup, lineTitle } from "./lineTitle.js";
import { localWhen } from "./localWhen.js";
import { prorationUnit } from "./prorationUnit.js";
import { roundingModeWords } from "./roundingModeWords.js";
import { windowPricingSentence } from "./windowPricingSentence.js";

/** How amounts are written: currency prefix and minor-unit decimals. */
export interface MoneyStyle {
  readonly prefix: string;
  readonly minorUnits: number;
}

type StepOf<K extends Step["kind"]> = Extract<Step, { kind: K }>;

/** A line's explanation in parts: the head, each step with its sentence (if it has one), the total. */
export interface LineParts {
  /** "Bandwidth (North America): 61,400 GB from 1,228 events." and how the meter measured it. */
  readonly head: string;
  /** Every step of the line, in order; several tier steps read as one sentence, written at the first. */
  readonly steps: ReadonlyArray<{ readonly step: Step; readonly sentence: string | undefined }>;
  /** "Line total $3,656.00." */
  readonly total: string;
}

/** How the numbers of a line's sentences are written: exactly (text) or rounded for reading. */
export interface LineWording {
  /** The end of the invoice's period, to tell a fee billed in advance from a change of terms. */
  readonly invoiceEnd?: string | undefined;
  /** The start of the invoice's period: a line for part of it (terms that changed inside) says which. */
  readonly invoiceStart?: string | undefined;
  /** A bare quantity; exact digit for digit unless an explanation rounds it for reading. */
  readonly quantity?: (plain: string) => string;
  /**
   * The invoice's time zone: the period a fee billed in advance covers is then written as local dates,
   * as the invoice's own period is ("2026-04-01 to 2026-05-01"), not as UTC instants.
   */
  readonly timeZone?: string | undefined;
  /**
   * What the head counts after the quantity: the events the meter read ("from 1,228 events", the
   * default), values typed by hand ("from 3 values", a quote of --values), or nothing (a quantity typed
   * as such: "Quote: 250.").
   */
  readonly counted?: "events" | "values" | "nothing" | undefined;
  /**
   * The invoice's shared allowance pools (`allowances[]`): a line's draw names its pool by its name
   * ("Drawn from shared allowance Always Free data transfer out (1 TB)"), not its id.
   */
  readonly pools?: ReadonlyArray<{ readonly id: string; readonly name: string }> | undefined;
}

/**
 * One invoice line in plain words, e.g.
 * "Bandwidth (North America): 61,400 GB from 1,228 events. First 10,000 GB at $0.0800 = $800.00;
 * next 40,000 GB at $0.0600 = $2,400.00; remaining 11,400 GB at $0.0400 = $456.00. Line total $3,656.00."
 * Every number comes from the line's steps; nothing is recomputed except the words around them.
 * `wording` is the invoice's end (an ISO instant, to tell a fee billed in advance from a change of
 * terms) or a {@link LineWording}, e.g. `{ counted: "values" }` for quantities typed by hand.
 * @throws InputError `invalid_argument` at `line`, `style` or `wording` for an argument of the wrong kind
 */
export function explainLine(line: InvoiceLine, style: MoneyStyle, wording?: string | LineWording): string {
  requireArgument(
    isRecord(line) && Array.isArray(line.steps),
    "line",
    line,
    "invoice line",
    "a line of an invoice (invoice.lines[i])",
  );
  requireArgument(
    isRecord(style) && typeof style.prefix === "string" && Number.isInteger(style.minorUnits),
    "style",
    style,
    "money style",
    'an object { prefix, minorUnits }, such as { prefix: "$", minorUnits: 2 }',
  );
  requireArgument(
    wording === undefined ||
      typeof wording === "string" ||
      (isRecord(wording) && [undefined, "events", "values", "nothing"].includes(wording.counted as string)),
    "wording",
    wording,
    "line wording",
    'the invoice\'s end (an ISO instant) or an object such as { counted: "values" }',
  );
  // A text is the invoice's end, as the third argument was before the wording options.
  return escapedLine(
    explainLineParts(line, style, typeof wording === "string" ? { invoiceEnd: wording } : wording),
  );
}

/** {@link explainLine} without the checks of its arguments, for the callers that pass an invoice's own lines. */
export function lineInWords(
  line: InvoiceLine,
  style: MoneyStyle,
  invoiceEnd?: string,
  timeZone?: string,
  invoiceStart?: string,
  pools?: LineWording["pools"],
): string {
  return escapedLine(explainLineParts(line, style, { invoiceEnd, timeZone, invoiceStart, pools }));
}

// The parts as one line of text: names, units and group values are the input's text, escaped.
function escapedLine(parts: LineParts): string {
  const sentences = parts.steps.flatMap(({ sentence }) => (sentence === undefined ? [] : [sentence]));
  return escapeControl([parts.head, ...sentences, parts.total].join(" "));
}

/**
 * {@link explainLine} in parts, for the explanations that lay a line out as a table of steps
 * (Markdown, HTML, the explanation JSON). The text is not escaped: each format escapes for its medium.
 */
export function explainLineParts(line: InvoiceLine, style: MoneyStyle, wording: LineWording = {}): LineParts {
  const quantity = wording.quantity ?? formatQuantity;
  const words: Words = {
    money: (plain) =>
      signed(
        plain,
        (magnitude) => `${style.prefix}${formatReadable(magnitude, style.minorUnits, style.minorUnits + 8)}`,
      ),
    price: (plain) =>
      signed(plain, (magnitude) => `${style.prefix}${formatExact(magnitude, style.minorUnits + 2)}`),
    units: (plain) => `${quantity(plain)}${unitWord(plain, line.unit, line.unitSingular)}`,
    quantity,
    count,
    percent,
    group: describeGroup,
    instant: (iso) => localWhen(iso, wording.timeZone),
  };
  const name = lineTitle(line);
  const usage = line.steps.find((step): step is StepOf<"usage"> => step.kind === "usage");
  const measured =
    usage === undefined
      ? ""
      : ` ${quantity(usage.quantity)}${unitWord(usage.quantity, usage.unit, usage.unitSingular)}${countedFrom(usage.events, wording.counted)}${exactly(usage, quantity)}.`;
  const how =
    usage?.computation === undefined ? "" : ` ${describeComputation(usage.computation, words.instant)}`;
  // A derived meter says how each event's value was computed (its value expression).
  const value = usage?.value === undefined ? "" : ` Each event's value = ${usage.value}.`;
  // A filter on a computed value says which events it kept (a long-context request's threshold).
  const derived = `${value}${usage?.where === undefined ? "" : ` Counted only the events where ${usage.where}.`}`;
  // A fee billed in advance covers another period than the invoice's (say which), or, on a line that
  // starts inside the invoice's period, the new terms of a change for the rest of it.
  const { invoiceEnd, timeZone } = wording;
  const change = invoiceEnd !== undefined && line.period.start < invoiceEnd;
  // Local dates in the invoice's zone, as its period reads: 2026-03-31T22:00:00.000Z is 1 April in Berlin.
  const span = `${localWhen(line.period.start, timeZone)} to ${localWhen(line.period.end, timeZone)}`;
  const advance =
    line.billed !== "in_advance" || line.steps.some((step) => step.kind === "unused_time")
      ? ""
      : change
        ? ` New terms from ${span}, the rest of a period whose fee is billed in advance.`
        : ` Billed in advance for ${span}.`;
  // Terms that changed inside the period bill a line for each stretch they held: say which stretch, so
  // two lines of one charge ("Bandwidth: … $16.00", "Bandwidth: … $32.00") can be told apart.
  const { invoiceStart } = wording;
  const stretch =
    line.billed === "in_advance" ||
    invoiceStart === undefined ||
    invoiceEnd === undefined ||
    (line.period.start === invoiceStart && line.period.end === invoiceEnd)
      ? ""
      : ` For ${span}, the part of the period these terms were in force.`;
  const wordsAt = totalWords(line.steps, words, quantity);
  const { pools } = wording;
  const poolName = (id: string) => pools?.find((pool) => pool.id === id)?.name ?? id;
  const steps = line.steps.map((step, index) => ({
    step,
    // A price model's steps read as that model writes them (pricing/models/<name>/explain.ts).
    sentence: isPriceStep(step)
      ? explainPriceStep(step, { words: wordsAt(index), steps: line.steps, model: line.model })
      : describeStep(step, { words: wordsAt(index), steps: line.steps, poolName }),
  }));
  // A line a price book priced says which version did: the question after a price change.
  const book =
    line.priceBook === undefined
      ? ""
      : ` Priced by price book ${line.priceBook.id}, version ${line.priceBook.version}.`;
  return {
    head: `${name}:${stretch}${measured}${derived}${how}${advance}${book}`,
    steps,
    total: `Line total ${words.money(line.amount)}.`,
  };
}

// A line rated on its groups' total (transform scope "charge"): the steps between the group_total and the
// group_share rate the total, whose billable quantity is in the group_total's unit (the transform's
// hours), not the line's (its usage's seconds). Every other step reads in the line's unit.
function totalWords(
  steps: ReadonlyArray<Step>,
  words: Words,
  quantity: (plain: string) => string,
): (index: number) => Words {
  const from = steps.findIndex((step) => step.kind === "group_total");
  if (from < 0) return () => words;
  const total = steps[from] as StepOf<"group_total">;
  const to = steps.findIndex((step) => step.kind === "group_share");
  const inTotal: Words = {
    ...words,
    units: (plain) => `${quantity(plain)}${unitWord(plain, total.unit, total.unitSingular)}`,
  };
  return (index) => (index > from && (to < 0 || index < to) ? inTotal : words);
}

// The sentence of each step every line may have, whatever its price and terms; a contract term's steps
// read as its folder writes them (contracts/terms/<term>/explain.ts), a price model's as the model does.
const COMMON_STEP_SENTENCES: StepSentences<
  | UsageStep
  | BillableQuantityStep
  | FullQuantityTiersStep
  | WindowPricingStep
  | ProrationStep
  | RoundingStep
  | BilledEarlierStep
  | GroupTotalStep
  | GroupShareStep
> = {
  // The usage step is the line's head ("61,400 GB from 1,228 events."), not a sentence of its own.
  usage: () => undefined,
  billable_quantity: (step, { words: { units, quantity } }) => {
    const allowances = [
      step.includedMeasured === undefined
        ? undefined
        : `the first ${scaledCount(step.includedMeasured) ?? formatQuantity(step.includedMeasured)} included`,
      step.included === null ? undefined : `${formatQuantity(step.included)} included`,
    ];
    // A quantity below zero (corrections larger than the usage) has nothing for an allowance to take
    // off: the sentence says so rather than "−7 minus 5 included = −7".
    const belowZero = step.measured.startsWith("-");
    const untouched = allowances.filter((part) => part !== undefined);
    const afterwards =
      belowZero && untouched.length > 0
        ? `: ${untouched.join(" and ")} take nothing off a quantity below zero`
        : "";
    const [firstAllowance, secondAllowance] = belowZero ? [undefined, undefined] : allowances;
    const parts = [
      firstAllowance === undefined ? undefined : `minus ${firstAllowance}`,
      step.divideBy === null ? undefined : `divided by ${formatQuantity(step.divideBy)}`,
      secondAllowance === undefined ? undefined : `minus ${secondAllowance}`,
      step.round === "none"
        ? undefined
        : step.roundIncrement === undefined
          ? `rounded ${step.round}`
          : `rounded ${roundingModeWords(step.round)} to a multiple of ${formatQuantity(step.roundIncrement)}`,
    ].filter((part) => part !== undefined);
    // A transform that only names the unit changes nothing in the quantity: no empty list of changes.
    if (parts.length === 0) return `Billable quantity: ${units(step.billable)}, as measured${afterwards}.`;
    return `Billable quantity: ${quantity(step.measured)} ${parts.join(", ")} = ${units(step.billable)}${afterwards}.`;
  },
  full_quantity_tiers: (step, { words: { money, price } }) => {
    const reached = `Tiers reached by the full quantity, ${formatQuantity(step.full)}, and the prorated ${formatQuantity(step.quantity)} priced (Lago's prorated charges): the flat fees ${money(step.flatFees)} stay whole`;
    if (step.unitPrice === undefined)
      return `${reached}, the rest is scaled: ${money(step.flatFees)} + (${money(step.before)} − ${money(step.flatFees)}) × ${formatQuantity(step.quantity)} ÷ ${formatQuantity(step.full)} = ${money(step.amount)}.`;
    // A full quantity of 0 reaches the first tier only: nothing to scale by, the units at its first unit's price.
    const units = new Decimal(step.amount).minus(step.flatFees).toFixed();
    return `${reached}, and a full quantity of 0 prices them at the first unit's price: ${formatQuantity(step.quantity)} at ${price(step.unitPrice)} = ${money(units)}; ${money(step.flatFees)} + ${money(units)} = ${money(step.amount)}.`;
  },
  window_pricing: (step, { words }) => windowPricingSentence(step, words),
  proration: (step, { words: { money } }) =>
    `Prorated for ${formatQuantity(step.elapsed)} of ${formatQuantity(step.total)} ${prorationUnit(step.basis)}: ${money(step.before)} × ${formatQuantity(step.elapsed)} ÷ ${formatQuantity(step.total)} = ${money(step.amount)}.`,
  rounding: (step, { words: { money } }) =>
    formatExact(step.before, step.minorUnits) === formatExact(step.amount, step.minorUnits)
      ? undefined
      : `Rounded ${roundingModeWords(step.mode)} from ${money(step.before)} to ${money(step.amount)}.`,
  // A progressive or closing invoice bills the line as rated on the usage so far, less what the
  // earlier invoices of the period billed for it (docs/progressive-billing.md).
  // A grouped charge rated on its groups' total (transform scope "charge"): the total, then the share.
  // The groups' measured total is in the meter's unit, as the line's usage is.
  group_total: (step, { words: { quantity, count }, steps }) => {
    const usage = steps.find((one): one is StepOf<"usage"> => one.kind === "usage");
    const measured = `${quantity(step.measured)}${unitWord(step.measured, usage?.unit, usage?.unitSingular)}`;
    return `Rated as one with the charge's other groups: the ${count(step.groups, "group")} measured ${measured} from ${count(step.events, "event")} in all.`;
  },
  group_share: (step, context) => groupShareSentence(step, context),
  billed_earlier: (step, { words: { money, units } }) =>
    `So far this period: ${units(step.cumulativeQuantity)} for ${money(step.cumulativeAmount)}; already billed on ${step.invoices.join(", ")}: ${units(step.quantity)} for ${money(signedNegation(step.amount))}, taken off.`,
};

// The line's share of the charge. The charge is split over the groups on the side of zero its total is
// on: a group below zero (a correction larger than its usage) lowers a total above zero and takes no
// share; a total below zero (a credit) goes to the groups below zero by their size, none to a group above
// zero. Groups that all measured 0 weigh 1 each (an equal split).
function groupShareSentence(
  step: GroupShareStep,
  { words: { money, quantity }, steps }: StepContext,
): string {
  const charge = `the charge's ${money(step.total)}${new Decimal(step.total).equals(step.before) ? "" : ` (${money(step.before)} rounded)`}`;
  const usage = steps.find((one): one is StepOf<"usage"> => one.kind === "usage");
  const total = steps.find((one): one is StepOf<"group_total"> => one.kind === "group_total");
  const measured = new Decimal(usage?.quantity ?? step.weight);
  const below = total !== undefined && new Decimal(total.measured).isNegative();
  const [side, by] = below ? ["below zero", "size"] : ["above zero", "usage"];
  const share = `this group's ${quantity(step.weight)} of ${quantity(step.totalWeight)} is ${money(step.amount)}`;
  if (measured.isZero() && !new Decimal(step.weight).isZero())
    return `No group measured above zero, so ${charge} is split over its ${total?.groups ?? step.totalWeight} groups equally, what rounding leaves over going to the earliest lines: ${share}.`;
  if (usage !== undefined && !measured.isZero() && measured.isNegative() !== below) {
    const own = `${quantity(usage.quantity)}${unitWord(usage.quantity, usage.unit, usage.unitSingular)}`;
    const why = below
      ? `This group measured above zero (${own}) where the groups' total is below zero: it`
      : `This group measured below zero (${own}): that lowers the groups' total, and it`;
    return `${why} takes no share of ${charge}, which is split over the groups ${side} in proportion to their ${by}: ${money(step.amount)}.`;
  }
  // "above zero" only where it tells: some group below zero left the weights apart from the total.
  const named = below || (total !== undefined && !new Decimal(total.measured).equals(step.totalWeight));
  return `${capitalised(charge)} is split over its groups${named ? ` ${side}` : ""} in proportion to their ${by}, what rounding leaves over going to the largest remainders: ${share}.`;
}

function capitalised(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

// "-12.50" → "12.50": what earlier invoices billed, written as billed (the step holds it negated).
function signedNegation(amount: string): string {
  return amount.startsWith("-")
    ? amount.slice(1)
    : amount === "0" || /^0(\.0*)?$/.test(amount)
      ? amount
      : `-${amount}`;
}

// Every step kind that is not a price model's, by kind: the common ones and the contract terms'. The type
// asks for every kind, so a new step kind without a sentence does not compile.
const STEP_SENTENCES: StepSentences<Exclude<Step, PriceStep>> = {
  ...COMMON_STEP_SENTENCES,
  ...TERM_STEP_SENTENCES,
};

function describeStep(step: Exclude<Step, PriceStep>, context: StepContext): string | undefined {
  const sentence = STEP_SENTENCES[step.kind] as (step: Step, context: StepContext) => string | undefined;
  return sentence(step, context);
}

/** A rate as a percentage: "0.029" → "2.9%". */
function percent(rate: string): string {
  return `${formatQuantity(new Decimal(rate).times(100).toFixed())}%`;
}

// " from 1,228 events" after the quantity, or the values typed by hand, or nothing for a quantity typed.
function countedFrom(events: number, counted: LineWording["counted"]): string {
  if (counted === "nothing") return "";
  return ` from ${count(events, counted === "values" ? "value" : "event")}`;
}

// A quantity that is a fraction which does not end, said as the division it is: "(exactly 1 ÷ 3)".
function exactly(usage: StepOf<"usage">, quantity: (plain: string) => string): string {
  const { fraction } = usage;
  return fraction === undefined
    ? ""
    : ` (exactly ${quantity(fraction.numerator)} ÷ ${quantity(fraction.denominator)})`;
}
