import { Decimal } from "../money/index.js";
import type { IssuedLine } from "./issuedDocument.js";

/** How two lines were paired. */
export type MatchedBy = "id" | "description" | "amount";

/** A recomputed line and the issued line paired with it (either may be missing). */
export interface LinePair<R> {
  readonly recomputed?: R;
  readonly issued?: IssuedLine;
  readonly matchedBy?: MatchedBy;
}

/**
 * Pairs recomputed lines with issued ones in three passes, each over the lines still unpaired: the same
 * id, then the same description (ignoring case and surrounding spaces), then the same amount. Within a
 * pass, lines pair in document order. The description pass first pairs the lines that also agree on the
 * amount and the quantity (when both give one): lines that share a description (a matrix charge's
 * regions, "CDN egress" twice) pair with their own, in whatever order the issuer listed them. Unpaired
 * lines come last: recomputed only, then issued only.
 */
export function matchLines<
  R extends {
    readonly id: string;
    readonly description: string;
    readonly amount: string;
    readonly quantity?: string | undefined;
  },
>(recomputed: ReadonlyArray<R>, issued: ReadonlyArray<IssuedLine>): LinePair<R>[] {
  const free = new Set(issued.map((_, index) => index));
  const pairs = new Map<number, LinePair<R>>();
  const described = (r: R, i: IssuedLine) =>
    normal(i.description) === normal(r.description) && normal(r.description) !== "";
  const passes: ReadonlyArray<[MatchedBy, (r: R, i: IssuedLine) => boolean]> = [
    ["id", (r, i) => i.id !== undefined && i.id === r.id],
    ["description", (r, i) => described(r, i) && sameFigures(r, i)],
    ["description", described],
    ["amount", (r, i) => new Decimal(i.amount).equals(r.amount)],
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
