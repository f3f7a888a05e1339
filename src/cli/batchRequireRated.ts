import type { BatchOutcome } from "./batchRating.js";
import { UsageLineError } from "./cliSupport.js";

// An input error in one contract stops the batch with its sentence, naming the contract's file, or, for
// the spend carried to it (`options.commitmentSpendToDate…`: a commitment the contract lacks, negative
// spend), the --commitment-spend file first, for the meter states carried to it (`options.carried…`: a
// meter the contract lacks or that carries another field), the --carry file first, or, for the usage's
// own error (a meter's total too large to price), the --usage file first; a bug keeps its stack.
export function requireRated(
  outcome: BatchOutcome,
  {
    spendFile,
    carryFile,
    notes,
  }: {
    readonly spendFile?: string | undefined;
    readonly carryFile?: string | undefined;
    /** The --commitment-credit-note files given to the contract of a source, in order. */
    readonly notes: (source: string) => ReadonlyArray<string>;
  },
  usageFile: string,
): Extract<BatchOutcome, { ok: true }> {
  if (outcome.ok) return outcome;
  if (outcome.internal) throw new Error(`rating ${outcome.source}: ${outcome.message}`);
  if (outcome.usage)
    throw new UsageLineError(
      `--usage ${usageFile}, for the contract of --contracts ${outcome.source}: ${outcome.message}`,
    );
  if (spendFile !== undefined && /^options\.commitmentSpendToDate(\.|\[|$)/.test(outcome.path))
    throw new UsageLineError(
      `--commitment-spend ${spendFile}, for the contract of --contracts ${outcome.source}: ${outcome.message}`,
    );
  const note = /^options\.commitmentCreditNotes\[(\d+)\]/.exec(outcome.path);
  const noteFile = note === null ? undefined : notes(outcome.source)[Number(note[1])];
  if (noteFile !== undefined)
    throw new UsageLineError(
      `--commitment-credit-note ${noteFile}, for the contract of --contracts ${outcome.source}: ${outcome.message}`,
    );
  if (carryFile !== undefined && /^options\.carried(\.|\[|$)/.test(outcome.path))
    throw new UsageLineError(
      `--carry ${carryFile}, for the contract of --contracts ${outcome.source}: ${outcome.message}`,
    );
  throw new UsageLineError(`--contracts ${outcome.source}: ${outcome.message}`);
}
