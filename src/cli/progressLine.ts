import { groupedCount } from "./groupedCount.js";

/** Where a pass over the usage stands. */
export interface ProgressState {
  /** 1 for the first pass over the file, 2 for the second. */
  readonly pass: number;
  /** Events read so far in this pass. */
  readonly count: number;
  /** Events this pass will read, when known (the first pass counted them); absent on the first. */
  readonly total?: number;
}

/** Cells in the bar. */
export const BAR_WIDTH = 24;

/**
 * One line of progress, without colour or cursor control: `pass 2: [#########---------------] 37%
 * 370,000 of 1,000,000 events`, or on a pass of unknown length `pass 1: 370,000 events read`. The bar
 * has BAR_WIDTH cells, filled in proportion and rounded down, so it never shows 100% before the end.
 */
export function progressLine(state: ProgressState): string {
  const label = `usage pass ${state.pass}:`;
  if (state.total === undefined || state.total <= 0)
    return `${label} ${groupedCount(state.count)} events read`;
  return barLine(label, state.count, state.total, "events");
}

/**
 * `label [#########---------------] 37% 370 of 1,000 noun`: the bar of a count whose total is known (the
 * usage's second pass, the invoices of a batch).
 */
export function barLine(label: string, count: number, total: number, noun: string): string {
  const done = Math.min(count, total);
  const filled = Math.floor((done * BAR_WIDTH) / total);
  const percent = Math.floor((done * 100) / total);
  const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
  return `${label} [${bar}] ${percent}% ${groupedCount(done)} of ${groupedCount(total)} ${noun}`;
}
