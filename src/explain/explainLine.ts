import type { InvoiceLine, Step } from "../schema/index.js";
import { formatExact, formatQuantity } from "./formatNumber.js";

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
 */
export function explainLine(line: InvoiceLine, style: MoneyStyle): string {
  const money = (plain: string) => `${style.prefix}${formatExact(plain, style.minorUnits)}`;
  const price = (plain: string) => `${style.prefix}${formatExact(plain, style.minorUnits + 2)}`;
  const units = (plain: string) =>
    `${formatQuantity(plain)}${line.unit === undefined ? "" : ` ${line.unit}`}`;

  const usage = line.steps.find((step): step is StepOf<"usage"> => step.kind === "usage");
  const head =
    usage === undefined
      ? `${line.name}:`
      : `${line.name}: ${units(usage.quantity)} from ${formatQuantity(String(usage.events))} event${usage.events === 1 ? "" : "s"}.`;

  const tiers = line.steps.filter((step): step is StepOf<"tier"> => step.kind === "tier");
  const sentences: string[] = [];
  if (tiers.length > 0) sentences.push(describeTiers(tiers, units, price, money));
  for (const step of line.steps) {
    const sentence = describeStep(step, units, price, money);
    if (sentence !== undefined) sentences.push(sentence);
  }
  return [head, ...sentences, `Line total ${money(line.amount)}.`].join(" ");
}

type Formatter = (plain: string) => string;

function describeTiers(
  tiers: ReadonlyArray<StepOf<"tier">>,
  units: Formatter,
  price: Formatter,
  money: Formatter,
) {
  const [first] = tiers;
  if (first !== undefined && first.mode === "volume") {
    const range =
      first.upTo === null ? `over ${formatQuantity(first.from)}` : `up to ${formatQuantity(first.upTo)}`;
    return `All ${units(first.quantity)} at the tier ${first.tier} price (${range}) of ${price(first.unitPrice)} = ${money(first.amount)}.`;
  }
  const parts = tiers.map((step, index) => {
    const lead = index === 0 ? "First" : index === tiers.length - 1 ? "remaining" : "next";
    return `${lead} ${units(step.quantity)} at ${price(step.unitPrice)} = ${money(step.amount)}`;
  });
  return `${parts.join("; ")}.`;
}

function describeStep(step: Step, units: Formatter, price: Formatter, money: Formatter): string | undefined {
  switch (step.kind) {
    case "flat":
      return `Flat fee ${money(step.amount)}.`;
    case "unit":
      return `${units(step.quantity)} at ${price(step.unitPrice)} = ${money(step.amount)}.`;
    case "package":
      return `${units(step.quantity)} in packages of ${formatQuantity(step.packageSize)} = ${formatQuantity(step.packages)} package${step.packages === "1" ? "" : "s"} (a partial package rounded ${step.partialPackage === "round_up" ? "up" : "down"}) at ${price(step.packagePrice)} = ${money(step.amount)}.`;
    case "tier_flat_fee":
      return step.zeroUsage
        ? `Tier ${step.tier} flat fee ${money(step.amount)}, billed even though usage is zero.`
        : `Tier ${step.tier} flat fee ${money(step.amount)}.`;
    case "proration":
      return `Prorated for ${formatQuantity(step.elapsed)} of ${formatQuantity(step.total)} ${step.basis === "day" ? "days" : "seconds"} of the billing period: ${money(step.before)} × ${formatQuantity(step.elapsed)} ÷ ${formatQuantity(step.total)} = ${money(step.amount)}.`;
    case "rounding":
      return step.before === step.amount ||
        formatExact(step.before, step.minorUnits) === formatExact(step.amount, step.minorUnits)
        ? undefined
        : `Rounded ${step.mode.replace("_", "-")} from ${money(step.before)} to ${money(step.amount)}.`;
    case "usage":
    case "tier":
      return undefined;
  }
}
