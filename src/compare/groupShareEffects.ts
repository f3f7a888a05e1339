import type { InvoiceLine } from "../invoice/index.js";
import { addExactly, Decimal, exactDifference, exactProduct, toPlainString, ZERO } from "../money/index.js";
import { titleOf } from "./comparedTitle.js";
import type { RawEffect } from "./lineEffects.js";

type StepRecord = Readonly<Record<string, unknown>> & { readonly kind: string };

/** A group line's share of its charge (`transform.scope: "charge"`): its weight, and the charge's amount. */
interface Share {
  readonly weight: Decimal;
  readonly totalWeight: Decimal;
  readonly exactTotal: Decimal;
  /** The charge's amount rounded once: what its group lines add up to. */
  readonly total: string;
  readonly measured: string;
  readonly groups: number;
}

/** The line's share of its charge, when it is the group line of a charge rated on its groups' total. */
export function shareOf(line: InvoiceLine): Share | undefined {
  const steps = line.steps as ReadonlyArray<StepRecord>;
  const share = steps.find((step) => step.kind === "group_share");
  const total = steps.find((step) => step.kind === "group_total");
  if (share === undefined || total === undefined) return undefined;
  return {
    weight: new Decimal(String(share.weight)),
    totalWeight: new Decimal(String(share.totalWeight)),
    exactTotal: new Decimal(String(share.before)),
    total: String(share.total),
    measured: String(total.measured),
    groups: Number(total.groups),
  };
}

/**
 * The charge itself, as one line: what a group line of a charge rated on its groups' total
 * (`transform.scope: "charge"`) carries of it (the total's billable quantity, its price steps and
 * exact amount), so its change splits into usage, rate and proration as an ungrouped line's does.
 */
export function chargeLineOf(line: InvoiceLine, share: Share): InvoiceLine {
  const steps = line.steps as ReadonlyArray<StepRecord>;
  const billable = steps.find((step) => step.kind === "billable_quantity")?.billable;
  const rounding = steps.find((step) => step.kind === "rounding");
  const kept = steps
    .filter((step) => step.kind !== "group_share" && step.kind !== "group_total" && step.kind !== "rounding")
    .concat(rounding === undefined ? [] : [{ ...rounding, before: share.exactTotal.toString() }]);
  // The charge's quantity is the total's billable one, in the group_total's unit (the transform's hours),
  // not the line's (its usage's seconds); an invoice whose group_total names none says "units".
  const { group: _group, unit: _unit, unitSingular: _singular, ...rest } = line;
  const total = steps.find((step) => step.kind === "group_total");
  return {
    ...rest,
    ...unitOf(total),
    quantity: typeof billable === "string" ? billable : share.measured,
    amount: share.exactTotal.toString(),
    steps: kept as unknown as InvoiceLine["steps"],
  };
}

function unitOf(total: StepRecord | undefined): { unit?: string; unitSingular?: string } {
  const unit = typeof total?.unit === "string" ? { unit: total.unit } : {};
  return typeof total?.unitSingular === "string" ? { ...unit, unitSingular: total.unitSingular } : unit;
}

/**
 * A group line's change from the charge's (its usage, rate and proration, each taken at the line's new
 * share w₁ of the charge) and the split's: the charge's earlier amount T₀ split anew, (w₁ − w₀) × T₀, a
 * usage effect (the groups' usage moved the shares), so w₁·T₁ − w₀·T₀ is all told; what is left is the
 * line's rounding. R2 at $4.50 a million, 1 million free, rounded up: buckets a 2.5M, b 1M, c 1M (4.5M →
 * 4 million, 18.00: 10.00, 4.00, 4.00), then c 2M (5.5M → 5 million, 22.50: 10.23, 4.09, 8.18). The
 * charge's usage +4.50; a's part: 2.5/5.5 × 4.50 + (2.5/5.5 − 2.5/4.5) × 18.00 = 2.0455 − 1.8182 =
 * +0.2273; c's 2/5.5 × 4.50 + (2/5.5 − 1/4.5) × 18.00 = 1.6364 + 2.5455 = +4.1818.
 */
export function groupShareEffects(
  before: InvoiceLine,
  after: InvoiceLine,
  shares: readonly [Share, Share],
  chargeEffects: ReadonlyArray<RawEffect>,
  titles: { readonly line: string; readonly charge: string },
): RawEffect[] {
  const title = titles.line;
  const [share0, share1] = shares;
  const w0 = share0.totalWeight.isZero() ? ZERO : share0.weight.div(share0.totalWeight);
  const w1 = share1.totalWeight.isZero() ? ZERO : share1.weight.div(share1.totalWeight);
  const split = exactProduct(w1.minus(w0), share0.exactTotal);
  const unit = after.unit ?? "units";
  const [q0, q1] = [toPlainString(new Decimal(before.quantity)), toPlainString(new Decimal(after.quantity))];
  const usageWords =
    `${title}: usage of the charge's groups ${toPlainString(new Decimal(share0.measured))} → ` +
    `${toPlainString(new Decimal(share1.measured))} ${unit} (this group's ${q0} → ${q1}), priced at the earlier ` +
    `marginal rates, the charge's amount split over its groups by usage.`;
  const effects: RawEffect[] = [];
  let told = ZERO;
  for (const effect of chargeEffects) {
    if (effect.cause === "rounding") continue;
    const isUsage = effect.cause === "usage";
    const exact = addExactly(exactProduct(effect.exact, w1), isUsage ? split : ZERO);
    told = addExactly(told, exact);
    // The charge's sentence, after its own title, told of the line's share: "… [bucket a], by its share
    // of the charge (2500000 of 5500000): the rate changed (4.5 → 5), applied to 5 operations."
    const charge = effect.sentence.slice(titles.charge.length + 2);
    const sentence = isUsage
      ? usageWords
      : `${title}, by its share of the charge (${toPlainString(share1.weight)} of ${toPlainString(share1.totalWeight)}): ${charge}`;
    effects.push({ ...effect, ...whereOf(after), exact, sentence });
  }
  if (!effects.some((effect) => effect.cause === "usage")) {
    effects.push({ cause: "usage", ...whereOf(after), exact: split, sentence: usageWords });
    told = addExactly(told, split);
  }
  const change = exactDifference(new Decimal(after.amount), new Decimal(before.amount));
  effects.push({
    cause: "rounding",
    ...whereOf(after),
    exact: exactDifference(change, told),
    sentence: `${title}: rounding to the minor unit.`,
  });
  return effects;
}

function whereOf(line: InvoiceLine): Pick<RawEffect, "name" | "line" | "group"> {
  return { name: titleOf(line), line: line.id, ...(line.group !== undefined ? { group: line.group } : {}) };
}
