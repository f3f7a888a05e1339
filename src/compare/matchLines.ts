import { chargeOfLine, pieceDateOf } from "../invoice/index.js";
import { Decimal } from "../money/index.js";
import type { IssuedLine } from "./issuedDocument.js";

/**
 * How two lines were paired: the same id; the same charge and group under other ids (`charge`); the same description; the same amount.
 */
export type MatchedBy = "id" | "charge" | "description" | "amount";

/** A recomputed line and the issued line paired with it (either may be missing). */
export interface LinePair<R> {
  readonly recomputed?: R;
  readonly issued?: IssuedLine;
  readonly matchedBy?: MatchedBy;
}

type Same<R> = (r: R, i: IssuedLine) => boolean;

/**
 * Pairs recomputed lines with issued ones in passes, each over the lines still unpaired: the same id;
 * the same charge and group (another version's ids; a period an amendment cut on one side only), the
 * same piece first; then, for an
 * issued line that names no charge of the recomputation, the same description (ignoring case and
 * surrounding spaces), then the same amount; a ratecard line of a charge renamed since, only with a line
 * of its group. Within a pass, lines pair in document order, those that
 * also agree on the amount and the quantity (when both give one) first: lines that share an id or a
 * description (a matrix charge's regions, "CDN egress" twice) pair with their own, in whatever order
 * the issuer listed them. An issued line that names its charge (a ratecard line, a Stripe line's
 * `ratecard_line`, a CSV id of a recomputed charge) pairs only by id or by charge and group: a group
 * only one side bills is missing or extra, not paired with another group of the charge by its name.
 * Unpaired lines come last: recomputed only, then issued only.
 */
export function matchLines<
  R extends {
    readonly id: string;
    readonly description: string;
    readonly amount: string;
    readonly quantity?: string | undefined;
    readonly chargeId?: string | undefined;
    readonly group?: IssuedLine["group"];
  },
>(recomputed: ReadonlyArray<R>, issued: ReadonlyArray<IssuedLine>): LinePair<R>[] {
  const free = new Set(issued.map((_, index) => index));
  const pairs = new Map<number, LinePair<R>>();
  const charges = new Set(recomputed.map((line) => chargeOf(line)));
  // An issued line of a charge the recomputation bills pairs only by id or by charge and group; any
  // other (a CSV's or Stripe's line, a charge renamed since) by description or amount too, but a
  // ratecard line only with a line of its group.
  const loose = (r: R, i: IssuedLine) =>
    !charges.has(chargeOf(i)) && (i.chargeId === undefined || groupKey(i.group) === groupKey(r.group));
  const described: Same<R> = (r, i) =>
    loose(r, i) && normal(i.description) === normal(r.description) && normal(r.description) !== "";
  const sameId: Same<R> = (r, i) => i.id !== undefined && i.id === r.id;
  const passes: ReadonlyArray<[MatchedBy, Same<R>]> = [
    ["id", (r, i) => sameId(r, i) && sameFigures(r, i)],
    ["id", sameId],
    ["charge", (r, i) => sameChargeAndGroup(r, i) && pieceDateOf(i.id ?? "") === pieceDateOf(r.id)],
    ["charge", sameChargeAndGroup],
    ["description", (r, i) => described(r, i) && sameFigures(r, i)],
    ["description", described],
    ["amount", (r, i) => loose(r, i) && new Decimal(i.amount).equals(r.amount)],
  ];
  for (const [by, same] of passes) {
    recomputed.forEach((line, index) => {
      if (pairs.has(index)) return;
      const found = [...free].find((at) => same(line, issued[at] as IssuedLine));
      if (found === undefined) return;
      free.delete(found);
      pairs.set(index, { recomputed: line, issued: issued[found] as IssuedLine, matchedBy: by });
    });
  }
  return [
    ...recomputed.map((line, index) => pairs.get(index) ?? { recomputed: line }),
    ...[...free].map((at) => ({ issued: issued[at] as IssuedLine })),
  ];
}

// The charge a line bills: a ratecard line's chargeId, else what its id names (a Stripe line's
// `ratecard_line`, a CSV's id column), undefined without either.
function chargeOf(line: { readonly id?: string | undefined; readonly chargeId?: string | undefined }) {
  return line.chargeId ?? (line.id === undefined ? undefined : chargeOfLine(line.id));
}

// Two ratecard lines of one charge and one group, whatever their ids: another version's ids, or a
// period an amendment cut on one side only (the issued month meets the recomputed piece that starts it;
// lines of the same piece, the date its id ends with, meet first).
function sameChargeAndGroup(
  recomputed: {
    readonly id: string;
    readonly chargeId?: string | undefined;
    readonly group?: IssuedLine["group"];
  },
  issued: IssuedLine,
): boolean {
  return (
    issued.chargeId !== undefined &&
    issued.chargeId === recomputed.chargeId &&
    groupKey(issued.group) === groupKey(recomputed.group)
  );
}

// A group as text independent of the order of its properties ({ region, tier } = { tier, region }).
function groupKey(group: IssuedLine["group"]): string {
  if (group === undefined) return "";
  return JSON.stringify(Object.entries(group).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// The same amount, and the same quantity when both lines give one.
function sameFigures(
  recomputed: { readonly amount: string; readonly quantity?: string | undefined },
  issued: IssuedLine,
): boolean {
  if (!new Decimal(issued.amount).equals(recomputed.amount)) return false;
  return (
    issued.quantity === undefined ||
    recomputed.quantity === undefined ||
    new Decimal(issued.quantity).equals(recomputed.quantity)
  );
}

function normal(text: string): string {
  return text.trim().toLowerCase();
}
