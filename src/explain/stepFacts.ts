import type { Step } from "../invoice/index.js";
import { unitWord } from "../meters/index.js";
import { describeComputation } from "./computationWords.js";
import { count } from "./formatNumber.js";
import { roundingModeWords } from "./roundingModeWords.js";

/** The formatters the facts are written with (the explanation's own: rounded for reading). */
interface FactWords {
  readonly money: (plain: string) => string;
  readonly price: (plain: string) => string;
  readonly units: (plain: string) => string;
  /** A quantity without a unit: the usage step names its meter's own (a transform may change the line's). */
  readonly quantity: (plain: string) => string;
  /** An instant as the invoice's reader dates it (a window's start, in the invoice's zone). */
  readonly instant: (iso: string) => string;
}

/**
 * The sentence of one step on its own, for the rows of a line's step table, where the line's prose
 * has none for it: a step whose kind repeats on the line (several tiers read as one sentence in the
 * prose, so each row gets its own: "Tier 2: 40,000 GB at $0.0600 = $2,400.00"), the usage step (the
 * prose's head, with how the meter computed its quantity: "Summed over 4 entities, each divided by 60,
 * rounded up."), and a rounding step that changed nothing.
 */
export function stepFacts(step: Step, words: FactWords): string {
  const fields = step as unknown as Readonly<Record<string, unknown>>;
  const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
  const [quantity, unitPrice, amount] = [text("quantity"), text("unitPrice"), text("amount")];
  if (step.kind === "usage") {
    // The meter's unit, not the line's: 2,344,321 requests are measured, 2,245 "1k requests" billed.
    const measured = `${words.quantity(step.quantity)}${unitWord(step.quantity, step.unit, step.unitSingular)}`;
    // A meter that computed more than a sum (entities rounded each, windows, a percentile) says how, as
    // the line's prose does: "(sum)" alone hid that each job was rounded up to a minute.
    const how =
      step.computation === undefined ? "" : ` ${describeComputation(step.computation, words.instant)}`;
    // A windowed meter's sentence names its aggregation ("The quantity is the avg of 31 daily windows"):
    // "(avg)" before it said it twice.
    const aggregation = step.computation?.kind === "windows" ? "" : ` (${step.aggregation})`;
    return `Measured ${measured} from ${count(step.events, "event")} on meter ${step.meter}${aggregation}.${how}`;
  }
  if (step.kind === "rounding")
    return `Rounded ${roundingModeWords(step.mode)} to ${step.minorUnits} decimals: ${words.money(step.amount)}, nothing to round.`;
  const tier = typeof fields.tier === "number" ? `Tier ${fields.tier}: ` : "";
  if (quantity !== undefined && unitPrice !== undefined && amount !== undefined)
    return `${tier}${words.units(quantity)} at ${words.price(unitPrice)} = ${words.money(amount)}.`;
  if (amount !== undefined) return `${tier}${step.kind.replaceAll("_", " ")}: ${words.money(amount)}.`;
  return `${step.kind.replaceAll("_", " ")} (see the line's explanation).`;
}
