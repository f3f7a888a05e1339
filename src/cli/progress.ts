import type { UsageEvent } from "../index.js";
import { type ProgressState, progressLine } from "./progressLine.js";
import type { UsageSource } from "./readUsage.js";

/** Where and when progress is drawn. */
export interface ProgressOptions {
  /** Writes to the terminal (stderr). */
  readonly write: (text: string) => void;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
  /** Colours the line (or leaves it plain when colour is off). */
  readonly paint: (text: string) => string;
  /** Nothing is drawn before this many milliseconds: work that ends sooner stays silent. */
  readonly delay: number;
  /** The line for a state (default: the usage passes' line, progressLine). */
  readonly line?: (state: ProgressState) => string;
  /** How many ticks between clock readings (default 1024: rating reads millions of events a second). */
  readonly clockEvery?: number;
}

/** Counts events pass by pass and redraws one line of progress, at most ten times a second. */
export interface Progress {
  /** Starts a pass over the usage; returns the function to call per event of it (or per batch, with its size). */
  readonly beginPass: () => (events?: number) => void;
  /** Clears the line, if one was drawn. */
  readonly finish: () => void;
}

const REDRAW_EVERY_MS = 100;
// The clock is read once every so many events, not per event: rating reads millions a second.
const CLOCK_EVERY = 1024;

export function startProgress(options: ProgressOptions): Progress {
  const started = options.now();
  const line = options.line ?? progressLine;
  const clockEvery = options.clockEvery ?? CLOCK_EVERY;
  // Plain counters rather than a fresh state object per event: this runs once per event.
  let pass = 0;
  let count = 0;
  let total: number | undefined;
  let drawnAt: number | undefined;
  const draw = () => {
    const now = options.now();
    if (now - started < options.delay) return;
    if (drawnAt !== undefined && now - drawnAt < REDRAW_EVERY_MS) return;
    drawnAt = now;
    const state: ProgressState = total === undefined ? { pass, count } : { pass, count, total };
    // \r returns to the line start, \u001b[K clears what a longer line left behind.
    options.write(`\r${options.paint(line(state))}\u001b[K`);
  };
  return {
    beginPass: () => {
      // Every pass after the first reads the events the first one counted.
      if (pass === 1) total = count;
      pass += 1;
      count = 0;
      return (events = 1) => {
        const before = count;
        count += events;
        // The clock is read each time the count passes a multiple of clockEvery.
        if (Math.floor(count / clockEvery) !== Math.floor(before / clockEvery)) draw();
      };
    },
    finish: () => {
      if (drawnAt !== undefined) options.write("\r\u001b[K");
    },
  };
}

async function* counted<T>(items: AsyncIterable<T> | Iterable<T>, tick: () => void): AsyncGenerator<T> {
  for await (const item of items) {
    tick();
    yield item;
  }
}

async function* countedBatches<T>(
  batches: AsyncIterable<ReadonlyArray<T>>,
  tick: (events: number) => void,
): AsyncGenerator<ReadonlyArray<T>> {
  for await (const batch of batches) {
    tick(batch.length);
    yield batch;
  }
}

/**
 * The usage source, counted: each call (the ids pass, the events pass) is a pass of the progress. A
 * one-pass stream (a pipe, stdin) is one pass of unknown length.
 */
export function countedSource(
  source: UsageSource | AsyncIterable<UsageEvent>,
  progress: Progress,
): UsageSource | AsyncIterable<UsageEvent> {
  if (typeof source !== "function") return counted(source, progress.beginPass());
  const { ids, batches, idBatches } = source;
  return Object.assign(() => counted(source(), progress.beginPass()), {
    ...(ids === undefined ? {} : { ids: () => counted(ids(), progress.beginPass()) }),
    ...(batches === undefined ? {} : { batches: () => countedBatches(batches(), progress.beginPass()) }),
    ...(idBatches === undefined
      ? {}
      : { idBatches: () => countedBatches(idBatches(), progress.beginPass()) }),
  });
}
