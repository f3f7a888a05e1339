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
 * pass, lines pair in document order. Unpaired lines come last: recomputed only, then issued only.
 */
export function matchLines<
  R extends { readonly id: string; readonly description: string; readonly amount: string },
>(recomputed: ReadonlyArray<R>, issued: ReadonlyArray<IssuedLine>): LinePair<R>[] {
  const free = new Set(issued.map((_, index) => index));
  const pairs = new Map<number, LinePair<R>>();
  const passes: ReadonlyArray<[MatchedBy, (r: R, i: IssuedLine) => boolean]> = [
    ["id", (r, i) => i.id !== undefined && i.id === r.id],
    [
      "description",
      (r, i) => normal(i.description) === normal(r.description) && normal(r.description) !== "",
    ],
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

function normal(text: string): string {
  return text.trim().toLowerCase();
}
