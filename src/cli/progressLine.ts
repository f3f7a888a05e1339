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

const grouped = (value: number) => String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * One line of progress, without colour or cursor control: `pass 2: [#########---------------] 37%
 * 370,000 of 1,000,000 events`, or on a pass of unknown length `pass 1: 370,000 events read`. The bar
 * has BAR_WIDTH cells, filled in proportion and rounded down, so it never shows 100% before the end.
 */
export function progressLine(state: ProgressState): string {
  const label = `usage pass ${state.pass}:`;
  if (state.total === undefined || state.total <= 0) return `${label} ${grouped(state.count)} events read`;
  const done = Math.min(state.count, state.total);
  const filled = Math.floor((done * BAR_WIDTH) / state.total);
  const percent = Math.floor((done * 100) / state.total);
  const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
  return `${label} [${bar}] ${percent}% ${grouped(done)} of ${grouped(state.total)} events`;
}
