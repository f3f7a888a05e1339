import type { InvoiceLine, Step } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import { explainPriceStep, isPriceStep, type PriceStep } from "../pricing/index.js";
import type { Words } from "../schema/index.js";
import { escapeControl } from "./escapeControl.js";
import { count, formatExact, formatQuantity, formatReadable, signed } from "./formatNumber.js";

/** How amounts are written: currency prefix and minor-unit decimals. */
export interface MoneyStyle {
  readonly prefix: string;
  readonly minorUnits: number;
}

type StepOf<K extends Step["kind"]> = Extract<Step, { kind: K }>;

/**
 * One invoice line in plain words, e.g.
 * "Bandwidth (North America): 61,400 GB from 1,228 events. First 10,000 GB at $0.0800 = $800.00;
 * next 40,000 GB at $0.0600 = $2,400.00; remaining 11,400 GB at $0.0400 = $456.00. Line total $3,656.00."
 * Every number comes from the line's steps; nothing is recomputed except the words around them.
 */
export function explainLine(line: InvoiceLine, style: MoneyStyle, invoiceEnd?: string): string {
  const words: Words = {
    money: (plain) =>
      signed(
        plain,
        (magnitude) => `${style.prefix}${formatReadable(magnitude, style.minorUnits, style.minorUnits + 8)}`,
      ),
    price: (plain) =>
      signed(plain, (magnitude) => `${style.prefix}${formatExact(magnitude, style.minorUnits + 2)}`),
    units: (plain) => `${formatQuantity(plain)}${line.unit === undefined ? "" : ` ${line.unit}`}`,
    quantity: formatQuantity,
    count,
    percent,
  };
  const name = line.group === undefined ? line.name : `${line.name} [${describeGroup(line.group)}]`;
  const usage = line.steps.find((step): step is StepOf<"usage"> => step.kind === "usage");
  const measured =
    usage === undefined
      ? ""
      : ` ${formatQuantity(usage.quantity)}${usage.unit === undefined ? "" : ` ${usage.unit}`} from ${count(usage.events, "event")}.`;
  const how = usage?.computation === undefined ? "" : ` ${describeComputation(usage.computation)}`;
  // A fee billed in advance covers another period than the invoice's (say which), or, on a line that
  // starts inside the invoice's period, the new terms of a change for the rest of it.
  const change = invoiceEnd !== undefined && line.period.start < invoiceEnd;
  const advance =
    line.billed !== "in_advance" || line.steps.some((step) => step.kind === "unused_time")
      ? ""
      : change
        ? ` New terms from ${line.period.start} to ${line.period.end}, the rest of a period whose fee is billed in advance.`
        : ` Billed in advance for ${line.period.start} to ${line.period.end}.`;
  const head = `${name}:${measured}${how}${advance}`;

  const sentences: string[] = [];
  for (const step of line.steps) {
    // A price model's steps read as that model writes them (pricing/models/<name>/explain.ts).
    const sentence = isPriceStep(step)
      ? explainPriceStep(step, { words, steps: line.steps, model: line.model })
      : describeStep(step, words);
    if (sentence !== undefined) sentences.push(sentence);
  }
  // Names, units and group values are the input's text: escaped, so the line stays one line.
  return escapeControl([head, ...sentences, `Line total ${words.money(line.amount)}.`].join(" "));
}

// The sentence of a step every line may have, or a contract term's (price steps are the models').
function describeStep(step: Exclude<Step, PriceStep>, words: Words): string | undefined {
  const { money, units } = words;
  switch (step.kind) {
    case "billable_quantity": {
      const parts = [
        step.divideBy === null ? undefined : `divided by ${formatQuantity(step.divideBy)}`,
        step.included === null ? undefined : `minus ${formatQuantity(step.included)} included`,
        step.round === "none" ? undefined : `rounded ${step.round}`,
      ].filter((part) => part !== undefined);
      return `Billable quantity: ${formatQuantity(step.measured)} ${parts.join(", ")} = ${units(step.billable)}.`;
    }
    case "allowance":
      return `Drawn from shared allowance ${step.pool}: ${units(step.drawn)} of the ${units(step.available)} left; ${units(step.quantity)} billable.`;
    case "proration":
      return `Prorated for ${formatQuantity(step.elapsed)} of ${formatQuantity(step.total)} ${step.basis === "day" ? "days" : "seconds"} of the billing period: ${money(step.before)} × ${formatQuantity(step.elapsed)} ÷ ${formatQuantity(step.total)} = ${money(step.amount)}.`;
    case "contract_quantity":
      return `Quantity ${formatQuantity(step.quantity)}, set by the contract (seats or licences), not measured.`;
    case "trial":
      return `Free trial until ${step.ends}: only the time after it is billed.`;
    case "unused_time":
      return `Credit for the unused time from ${step.from} to ${step.to} of the fee billed in advance: ${money(step.amount)}.`;
    case "line_limit":
      if (step.limit === "zero_floor")
        return `The charge came to ${money(step.before)}; it is not a credit, so it bills ${money(step.value)}.`;
      return step.limit === "minimum"
        ? `Raised to the line minimum of ${money(step.value)} (from ${money(step.before)}).`
        : `Capped at the line maximum of ${money(step.value)} (from ${money(step.before)}).`;
    case "rounding":
      return formatExact(step.before, step.minorUnits) === formatExact(step.amount, step.minorUnits)
        ? undefined
        : `Rounded ${step.mode.replace("_", "-")} from ${money(step.before)} to ${money(step.amount)}.`;
    case "override": {
      const scope = step.where === undefined ? "" : ` for ${describeGroup(step.where)}`;
      return step.multiplier !== undefined
        ? `Price changed by override ${step.override}${scope}: every price and fee × ${formatQuantity(step.multiplier)}.`
        : `Price replaced by override ${step.override}${scope}.`;
    }
    case "commitment_overage":
      return `Spend of ${money(step.spend)} is ${money(step.excess)} above the committed minimum of ${money(step.minimum)}; the excess is billed at ${formatQuantity(step.factor)} times its price, so the overage is ${money(step.excess)} × (${formatQuantity(step.factor)} − 1) = ${money(step.amount)}.`;
    case "commitment_true_up":
      return `The committed minimum for the period is ${money(step.minimum)}; spend came to ${money(step.spend)}, so the shortfall of ${money(step.amount)} is billed.`;
    case "usage":
      return undefined;
  }
}

const WINDOW_NAMES: Readonly<Record<string, string>> = { day: "daily", hour: "hourly" };

/** How a meter computed its quantity, in words (windows, percentile, entities, time weighting, carry). */
function describeComputation(computation: NonNullable<StepOf<"usage">["computation"]>): string {
  const windowName = (size: string) => WINDOW_NAMES[size] ?? `${size}`;
  switch (computation.kind) {
    case "windows": {
      const empty =
        computation.emptyWindows === 0
          ? ""
          : `; ${count(computation.emptyWindows, "window")} without events counted as 0 or left out as the meter says`;
      return `Measured as the ${computation.outer} of ${count(computation.windows, `${windowName(computation.size)} window`)}, each the ${computation.inner} of its events${computation.perSecond ? " per second" : ""}${empty}.`;
    }
    case "percentile": {
      const direction =
        computation.direction === undefined
          ? ""
          : computation.direction.combine === "max_per_sample"
            ? " The higher of the directions was taken per sample."
            : ` Each direction was ranked; the higher (${computation.direction.billed}) is billed.`;
      return `The ${formatQuantity(computation.rank)}th percentile of ${count(computation.samples, `${windowName(computation.size)} sample`)} (the ${computation.inner} of each${computation.perSecond ? ", per second" : ""}): the top ${formatQuantity(String(computation.discarded))} discarded (${formatQuantity(new Decimal(100).minus(computation.rank).toFixed())}% of ${formatQuantity(String(computation.samples))}, rounded ${computation.discardRounding === "ceil" ? "up" : computation.discardRounding === "round" ? "to nearest" : "down"}), the highest remaining billed.${direction}`;
    }
    case "entities": {
      const parts = [
        computation.divideBy === null ? undefined : `divided by ${formatQuantity(computation.divideBy)}`,
        computation.round === "none" ? undefined : `rounded ${computation.round}`,
        computation.cap === null
          ? undefined
          : `capped at ${formatQuantity(computation.cap)} (${count(computation.capped, "entity")} capped)`,
      ].filter((part) => part !== undefined);
      return `Summed over ${count(computation.entities, "entity")}${parts.length > 0 ? `, each ${parts.join(", ")}` : ""}.`;
    }
    case "weighted":
      return `Time-weighted over ${count(computation.points, "change")}: level ${formatQuantity(computation.openingLevel)} at the start, ${formatQuantity(computation.closingLevel)} at the end, level × time divided by ${computation.per === "period" ? "the period" : `one ${computation.per}`}.`;
    case "persistent":
      return `Running total since the contract start: ${formatQuantity(computation.carriedIn)} carried in, ${formatQuantity(computation.inPeriod)} added this period; ${formatQuantity(computation.carriedOut)} carried out.`;
  }
}

/** A rate as a percentage: "0.029" → "2.9%". */
function percent(rate: string): string {
  return `${formatQuantity(new Decimal(rate).times(100).toFixed())}%`;
}

function describeGroup(group: Readonly<Record<string, string | number | boolean | null>>): string {
  return Object.entries(group)
    .map(
      ([name, value]) =>
        `${name} ${value === null ? "(not set)" : typeof value === "string" ? value : JSON.stringify(value)}`,
    )
    .join(", ");
}
