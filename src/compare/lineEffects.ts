import type { InvoiceLine } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, exactProduct, toPlainString, ZERO } from "../money/index.js";
import type { Attribution, DiffCause } from "./attribution.js";
import { titleOf } from "./comparedTitle.js";
import { chargeLineOf, groupShareEffects, shareOf } from "./groupShareEffects.js";
import { billedEarlierEffect, periodSoFarOf } from "./periodSoFar.js";

/** A cause with its exact (unrounded) share of the change, before {@link diff} rounds it. */
export interface RawEffect extends Omit<Attribution, "amount"> {
  readonly exact: Decimal;
}

/**
 * A part of a line priced at one rate: a tier, or the line's single unit price; for a package price,
 * its whole packages at the package price (`size`: the package's size, in which the quantity counts).
 */
interface PricedPiece {
  readonly key: string;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly size?: string;
}

type StepRecord = Readonly<Record<string, unknown>> & { readonly kind: string };

const PRORATION_KINDS = new Set([
  "proration",
  "full_quantity_tiers",
  "unused_time",
  "unused_time_discount",
  "trial",
  "line_limit",
]);

/**
 * The change of one line split into causes, exactly (docs/diff-and-reconcile.md, "Attribution"), in
 * the price/volume variance of management accounting:
 * - volume (usage or quantity) = Σ over the line's tiers of (new − old quantity in the tier) × old
 *   price: the change in quantity at the old, marginal rates (a tier only the new line uses is priced
 *   at its new price and named as crossed);
 * - rate (price, amendment or override) = what remains of the rated amount's change: the new rates'
 *   difference applied to the new quantity;
 * - proration = the change of the exact amount after proration, trial and line limits less the change
 *   of the rated amount;
 * - rounding = the change of the rounded amount less the change of the exact amount.
 */
export function lineEffects(
  before: InvoiceLine | undefined,
  after: InvoiceLine | undefined,
  sameContract: boolean,
  soFar = false,
): RawEffect[] {
  const line = (after ?? before) as InvoiceLine;
  const where = whereOf(line);
  if (before === undefined || after === undefined) {
    const added = before === undefined;
    const amount = new Decimal(line.amount);
    const quantity = new Decimal(line.quantity);
    // "1 unit", "2 units" (a template: a plain "unit" would read as the price model's name, test/architecture)
    const unit = line.unit ?? `unit${quantity.abs().equals(1) ? "" : "s"}`;
    return [
      {
        cause: added ? "line_added" : "line_removed",
        ...where,
        exact: added ? amount : amount.negated(),
        sentence: `${titleOf(line)}: ${presence(added, amount)} (${toPlainString(quantity)} ${unit}).`,
      },
    ];
  }
  if (line.priceKind === "true_up" || line.priceKind === "overage") {
    return [
      {
        cause: "commitment",
        ...where,
        exact: exactDifference(new Decimal(after.amount), new Decimal(before.amount)),
        sentence: `${titleOf(line)}: the commitment's ${line.priceKind === "true_up" ? "true-up" : "overage"} changed.`,
      },
    ];
  }
  // A line after earlier invoices of its period: the period so far compared, then what they billed.
  const [was, now] = [periodSoFarOf(before), periodSoFarOf(after)];
  if (was.earlier !== undefined || now.earlier !== undefined)
    return [
      ...lineEffects(was.line, now.line, sameContract, true),
      billedEarlierEffect(before, after, [was.earlier, now.earlier], where),
    ];
  // A group line of a charge rated on its groups' total: the charge's change, at the line's share.
  const [share0, share1] = [shareOf(before), shareOf(after)];
  if (share0 !== undefined && share1 !== undefined) {
    const chargeLine = chargeLineOf(after, share1);
    const charge = lineEffects(chargeLineOf(before, share0), chargeLine, sameContract, soFar);
    const titles = { line: titleOf(after), charge: titleOf(chargeLine) };
    return groupShareEffects(before, after, [share0, share1], charge, titles);
  }
  const [rated0, rated1] = [ratedAmount(before), ratedAmount(after)];
  const [exact0, exact1] = [exactAmount(before), exactAmount(after)];
  const { volume, crossed } = volumeEffect(before, after, rated0);
  const ratedChange = exactDifference(rated1, rated0);
  const rate = exactDifference(ratedChange, volume);
  const share = exactDifference(exactDifference(exact1, exact0), ratedChange);
  const rounding = exactDifference(
    exactDifference(new Decimal(after.amount), new Decimal(before.amount)),
    exactDifference(exact1, exact0),
  );
  const [q0, q1] = [toPlainString(new Decimal(before.quantity)), toPlainString(new Decimal(after.quantity))];
  // "1 unit", "2 units" (a template: a plain "unit" would read as the price model's name, test/architecture)
  const unit = after.unit ?? `unit${new Decimal(after.quantity).abs().equals(1) ? "" : "s"}`;
  const volumeCause: DiffCause = hasStep(after, "usage") || hasStep(before, "usage") ? "usage" : "quantity";
  const crossing = crossingWords(crossed);
  return [
    {
      cause: volumeCause,
      ...where,
      ...(crossed.length > 0 ? { tiersCrossed: crossed } : {}),
      exact: volume,
      sentence: `${titleOf(after)}: ${volumeCause}${soFar ? " so far this period" : ""} ${q0} → ${q1} ${unit}, priced at the earlier marginal rates${crossing}.`,
    },
    {
      cause: rateCause(before, after, sameContract),
      ...where,
      exact: rate,
      sentence: `${titleOf(after)}: the rate changed (${describeRate(before)} → ${describeRate(after)}), applied to ${q1} ${unit}.`,
    },
    {
      cause: "proration",
      ...where,
      exact: share,
      sentence: `${titleOf(after)}: the share of the period billed (proration, trial, unused time, line limits) changed.`,
    },
    {
      cause: "rounding",
      ...where,
      exact: rounding,
      sentence: `${titleOf(after)}: rounding to the minor unit.`,
    },
  ];
}

/**
 * The tiers a line's usage reached or left, in words: `["tier:2"]` → "; tiers crossed: 2",
 * `["-tier:1", "tier:2"]` (a volume price's whole quantity moving up) → "; tiers crossed: 2; tiers left: 1".
 * `tiersCrossed` keeps the keys (`"-tier:3"` for a tier left); the sentence never shows them.
 */
function crossingWords(crossed: ReadonlyArray<string>): string {
  const numbers = (left: boolean) =>
    crossed.filter((key) => key.startsWith("-") === left).map((key) => key.replace(/^-?tier:/, ""));
  const [reached, left] = [numbers(false), numbers(true)];
  return `${reached.length > 0 ? `; tiers crossed: ${reached.join(", ")}` : ""}${left.length > 0 ? `; tiers left: ${left.join(", ")}` : ""}`;
}

function whereOf(line: InvoiceLine): Pick<Attribution, "name" | "line" | "chargeId" | "meter" | "group"> {
  const usage = line.steps.find((step) => step.kind === "usage") as { meter?: string } | undefined;
  return {
    name: titleOf(line),
    line: line.id,
    chargeId: line.chargeId,
    ...(usage?.meter !== undefined ? { meter: usage.meter } : {}),
    ...(line.group !== undefined ? { group: line.group } : {}),
  };
}

function hasStep(line: InvoiceLine, kind: string): boolean {
  return line.steps.some((step) => step.kind === kind);
}

// The amount the price model gave, before proration and limits: the first such step's `before`.
function ratedAmount(line: InvoiceLine): Decimal {
  const step = (line.steps as ReadonlyArray<StepRecord>).find((candidate) =>
    PRORATION_KINDS.has(candidate.kind),
  );
  return step !== undefined && typeof step.before === "string" ? new Decimal(step.before) : exactAmount(line);
}

// The line's exact amount before its one rounding.
function exactAmount(line: InvoiceLine): Decimal {
  const step = line.steps.find((candidate) => candidate.kind === "rounding") as
    | { before?: string }
    | undefined;
  return new Decimal(step?.before ?? line.amount);
}

// Every step that prices a quantity at one rate (a tier, a unit price, whole packages at a package
// price), keyed so the same tier of both lines meets.
function pricedPieces(line: InvoiceLine): PricedPiece[] {
  const pieces: PricedPiece[] = [];
  (line.steps as ReadonlyArray<StepRecord>).forEach((step, index) => {
    const key = typeof step.tier === "number" ? `tier:${step.tier}` : `${step.kind}:${index}`;
    if (typeof step.quantity === "string" && typeof step.unitPrice === "string")
      pieces.push({ key, quantity: new Decimal(step.quantity), unitPrice: new Decimal(step.unitPrice) });
    // A package price's marginal rate is per package: 87,654,321 requests are 8,766 packages of 10,000.
    else if (typeof step.packages === "string" && typeof step.packagePrice === "string")
      pieces.push({
        key,
        quantity: new Decimal(step.packages),
        unitPrice: new Decimal(step.packagePrice),
        size: String(step.packageSize),
      });
  });
  return pieces;
}

// Whether a piece both lines have counts in packages of another size: their counts do not compare.
function resized(old: ReadonlyMap<string, PricedPiece>, now: ReadonlyMap<string, PricedPiece>): boolean {
  return [...old].some(([key, piece]) => now.has(key) && now.get(key)?.size !== piece.size);
}

// The change in quantity at the earlier rates, tier by tier when both lines say which rate priced what;
// otherwise at the earlier line's average rate (its rated amount ÷ its quantity).
function volumeEffect(
  before: InvoiceLine,
  after: InvoiceLine,
  rated0: Decimal,
): { volume: Decimal; crossed: string[] } {
  const [q0, q1] = [new Decimal(before.quantity), new Decimal(after.quantity)];
  // The same quantity is no change of volume, whatever the prices: under two contracts whose tiers (or
  // models) differ, the tier-by-tier walk would price the old tiers' units out and the new tiers' in,
  // and call a pure price change "usage" (500 GB at 0.10 a unit against 500 GB in a first tier at 0.07).
  if (q0.equals(q1)) return { volume: ZERO, crossed: [] };
  const [pieces0, pieces1] = [pricedPieces(before), pricedPieces(after)];
  const old = new Map(pieces0.map((piece) => [piece.key, piece]));
  const now = new Map(pieces1.map((piece) => [piece.key, piece]));
  if ((pieces0.length > 0 || pieces1.length > 0) && !resized(old, now)) {
    let volume = ZERO;
    const crossed: string[] = [];
    for (const key of new Set([...old.keys(), ...now.keys()])) {
      const [then, current] = [old.get(key), now.get(key)];
      const price = (then ?? current)?.unitPrice ?? ZERO;
      const change = exactDifference(current?.quantity ?? ZERO, then?.quantity ?? ZERO);
      volume = addExactly(volume, exactProduct(change, price));
      if (then === undefined && key.startsWith("tier:")) crossed.push(key);
      if (current === undefined && key.startsWith("tier:")) crossed.push(`-${key}`);
    }
    return { volume, crossed };
  }
  // No earlier quantity, no earlier rate: the whole rated amount is the new quantity's.
  if (q0.isZero()) return { volume: exactDifference(ratedAmount(after), rated0), crossed: [] };
  return { volume: exactProduct(exactDifference(q1, q0), rated0).div(q0), crossed: [] };
}

function rateCause(before: InvoiceLine, after: InvoiceLine, sameContract: boolean): DiffCause {
  const overrides = (line: InvoiceLine) =>
    JSON.stringify(line.steps.filter((step) => step.kind === "override"));
  if (overrides(before) !== overrides(after)) return "override";
  return sameContract ? "amendment" : "price";
}

function describeRate(line: InvoiceLine): string {
  if (line.unitPrice !== undefined) return `${toPlainString(new Decimal(line.unitPrice))} a unit`;
  const pieces = pricedPieces(line);
  if (pieces.length > 0)
    return pieces
      .map(
        (piece) => `${toPlainString(piece.unitPrice)}${piece.size === undefined ? "" : ` per ${piece.size}`}`,
      )
      .join(" / ");
  // A price with no rate of its own (a flat fee): what it came to, so the sentence says what changed.
  return `${line.model} price of ${toPlainString(ratedAmount(line))}`;
}

// Whether a line is only in the later invoice or only in the earlier one; a line of a negative amount
// (a credit for unused time, a line a discount took below zero) was credited, not billed.
function presence(added: boolean, amount: Decimal): string {
  const verb = amount.isNegative() ? "credited" : "billed";
  return added ? `${verb} now, not before` : `${verb} before, not now`;
}
