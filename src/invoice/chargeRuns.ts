import type { Contract } from "../contracts/index.js";
import type { Period } from "../time/index.js";
import { chargeAt, chargeKey, chargesAt } from "./termsAt.js";

/**
 * A stretch of consecutive pieces of the period in which a charge's terms stay the same: pieces
 * `first` to `last` (indices into the period's pieces), over `period`.
 */
export interface ChargeRun {
  readonly first: number;
  readonly last: number;
  readonly period: Period;
}

/**
 * The runs of charge `id` over the pieces of a split period: consecutive pieces where the same terms
 * are in force form one run, a change of terms starts the next, and a piece where the charge is not in
 * force belongs to none. The period is cut wherever any term of the contract changes (another charge's
 * amendment, an override, a discount on the days it covers); a charge is rated once per run, not once
 * per piece, so a cut that does not change its terms does not restart its tiers.
 * @example bandwidth amended on 10 March, requests on 17 March: bandwidth's runs are 1–10 and 10–31
 */
export function chargeRuns(contract: Contract, pieces: ReadonlyArray<Period>, id: string): ChargeRun[] {
  const runs: ChargeRun[] = [];
  let previous: string | undefined;
  pieces.forEach((piece, at) => {
    const charge = chargeAt(contract, piece.start, id);
    const key = charge === undefined ? undefined : chargeKey(charge);
    // The piece before had these same terms, so the last run ends there: it goes on to this piece.
    if (key !== undefined && key === previous) {
      const open = runs.pop()!;
      runs.push({ first: open.first, last: at, period: { start: open.period.start, end: piece.end } });
    } else if (key !== undefined) runs.push({ first: at, last: at, period: piece });
    previous = key;
  });
  return runs;
}

/**
 * The stretches of the period that some charge rated per run needs usage for beyond its pieces: every
 * run of two or more pieces of a charge whose terms change inside the period, once each, in time order.
 * Empty when the period is not split or no charge's run spans a cut.
 */
export function spansOf(contract: Contract, pieces: ReadonlyArray<Period>): Period[] {
  // A span needs three pieces at least (two or more of them, not all); the shortcut spares an unsplit
  // period listing every charge's runs (7 ms of a 10,000-charge invoice's 180 ms).
  if (pieces.length < 3) return [];
  const ids = new Set(pieces.flatMap((piece) => chargesAt(contract, piece.start).map((charge) => charge.id)));
  const spans = new Map<string, Period>();
  // Each run of two pieces or more, but not of every piece: a run over every piece is a charge whose
  // terms never change, rated over the whole period from the whole period's usage.
  for (const id of ids)
    for (const run of chargeRuns(contract, pieces, id))
      if (run.last > run.first && run.last - run.first < pieces.length - 1)
        spans.set(`${run.period.start}/${run.period.end}`, run.period);
  return [...spans.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
