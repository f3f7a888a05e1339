import type { BadEvent, BadEventSink } from "./badEvents.js";
import { badEventStopsBatch } from "./batchMessages.js";
import { UsageLineError } from "./cliSupport.js";
import { csvRowsAfterNotRead } from "./messages.js";

// The reader's own sentence for a bad event: hold's CSV reader adds, to a row csv-parse cannot read, that
// the rows after it were not read (hold goes on past other bad events); stopping at it, so does every mode.
function readerSentence(bad: BadEvent): BadEvent {
  const after = ` ${csvRowsAfterNotRead()}`;
  return bad.message.endsWith(after) ? { ...bad, message: bad.message.slice(0, -after.length) } : bad;
}

/**
 * The sink of `--bad-events stop` (the default): the first event the reader refuses stops the batch, as
 * the reader alone would, with its sentence and what `--bad-events hold` would do with that event
 * instead. Given to the reader as hold's collector is, so the two modes tell the same events apart: a
 * file that cannot be read as its format at all (no CSV header row, bytes that are not UTF-8) still stops
 * the batch in the reader's own words, where hold would not help either.
 * @throws UsageLineError at the first bad event
 */
export function stopAtBadEvent(billed: ReadonlyArray<string>): BadEventSink {
  const customers = new Set(billed);
  return (bad) => {
    throw new UsageLineError(badEventStopsBatch(readerSentence(bad), customers));
  };
}

/**
 * `run` (a DuckDB batch under `--bad-events stop`), its refusal of a bad event given the hint
 * {@link stopAtBadEvent} gives. DuckDB's reader is not ratecard's, so the event is found afterwards: the
 * file is screened by ratecard's reader (`screen`, only on this error path), and a refusal that is its
 * first bad event's sentence (DuckDB's batch refuses with the in-memory reader's sentence, byte for byte)
 * gains the hint. Any other error, or a screen that fails, leaves the error as it was.
 */
export async function hintedWhenStopped<T>(
  run: () => Promise<T>,
  screen: () => Promise<{ readonly screen: { readonly bad: ReadonlyArray<BadEvent> } }>,
  billed: ReadonlyArray<string>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : undefined;
    const first = await screen().then(
      (found) => (found.screen.bad[0] === undefined ? undefined : readerSentence(found.screen.bad[0])),
      () => undefined,
    );
    if (first === undefined || first.message !== message) throw error;
    throw new UsageLineError(badEventStopsBatch(first, new Set(billed)));
  }
}
