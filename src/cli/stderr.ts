import { escapeControl, type UsageEvent } from "../index.js";
import { countedSource, startProgress } from "./progress.js";
import { barLine } from "./progressLine.js";
import type { UsageSource } from "./readUsage.js";
import { paintFor, progressBesideOutput, terminalPolicy } from "./terminal.js";

// Decided once for the run: whether stderr is a terminal, NO_COLOR, CI, TERM (terminal.ts).
const policy = terminalPolicy(process.stderr.isTTY === true, process.env);
const paint = paintFor(policy);

/** Work shorter than this shows no progress at all. */
const PROGRESS_DELAY_MS = 1000;

/**
 * Reports a problem on stderr, on one line: any control character the message quotes (from a file
 * name, an id, a value) is shown escaped, so no input can forge a second line or colour the terminal.
 */
export function reportProblem(message: string): void {
  process.stderr.write(`${paint.error("ratecard:")} ${escapeControl(message)}\n`);
}

/** One more problem of the same input, under the first reportProblem wrote: `- ` and its sentence. */
export function reportMoreProblem(message: string): void {
  process.stderr.write(`- ${escapeControl(message)}\n`);
}

/** A warning on stderr, so that stdout keeps the document alone. */
export function reportWarning(message: string): void {
  process.stderr.write(`${paint.warning("ratecard: warning:")} ${escapeControl(message)}\n`);
}

/**
 * A report of several lines on stderr (the batch's summary), each line's control characters shown
 * escaped as reportProblem shows them: the customer ids it quotes come from the usage, where a
 * `customer` holding `\r` or `\n` rewrote or forged a line of the summary.
 */
export function reportLines(text: string): void {
  process.stderr.write(text.split("\n").map(escapeControl).join("\n"));
}

/** A note on stderr: what ratecard chose for the user (the engine that aggregated the usage). */
export function reportNote(message: string): void {
  process.stderr.write(`${paint.accent("ratecard: note:")} ${escapeControl(message)}\n`);
}

/**
 * Runs `work` over the usage source, drawing a progress bar on stderr when it is a terminal (not
 * under CI) and the work takes more than a second; the bar is cleared when the work ends, however it
 * ends.
 */
export async function withUsageProgress<T>(
  source: UsageSource | AsyncIterable<UsageEvent>,
  work: (source: UsageSource | AsyncIterable<UsageEvent>) => Promise<T>,
): Promise<T> {
  if (!policy.progress) return work(source);
  const progress = startProgress({
    write: (text) => process.stderr.write(text),
    now: () => performance.now(),
    paint: paint.accent,
    delay: PROGRESS_DELAY_MS,
  });
  try {
    return await work(countedSource(source, progress));
  } finally {
    progress.finish();
  }
}

/**
 * Runs `work`, which calls `tick` once per invoice rated, drawing `rating: [###---] 37% 370 of 1,000
 * invoices` on stderr under the same conditions as the usage's progress, except while the invoices are
 * written to a terminal (`outputIsTerminal`), where the bar would be drawn inside them.
 */
export async function withRatingProgress<T>(
  total: number,
  outputIsTerminal: boolean,
  work: (tick: () => void) => Promise<T>,
): Promise<T> {
  if (!progressBesideOutput(policy, outputIsTerminal) || total === 0) return work(() => {});
  const progress = startProgress({
    write: (text) => process.stderr.write(text),
    now: () => performance.now(),
    paint: paint.accent,
    delay: PROGRESS_DELAY_MS,
    line: (state) => barLine("rating:", state.count, total, "invoices"),
    clockEvery: 16,
  });
  try {
    return await work(progress.beginPass());
  } finally {
    progress.finish();
  }
}
