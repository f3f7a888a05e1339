/**
 * The number of runs of an expensive fuzzing property (whole contracts, spawned CLIs). `standard` keeps
 * `npm test` fast; `FC_NUM_RUNS` (whose default is 200, see test/_setup/fastCheckSeed.ts) scales it for
 * a deeper run: FC_NUM_RUNS=2000 runs every fuzzing property ten times as often.
 */
export function fuzzRuns(standard: number): number {
  const asked = process.env.FC_NUM_RUNS;
  if (asked === undefined) return standard;
  return Math.max(1, Math.round((standard * Number(asked)) / 200));
}

/**
 * A test timeout that grows with {@link fuzzRuns}: `standard` for `npm test` (one minute unless a file
 * says why its runs need more), ten times it for FC_NUM_RUNS=2000.
 */
export function fuzzTimeout(standard = 60_000): number {
  const asked = process.env.FC_NUM_RUNS;
  return asked === undefined ? standard : Math.max(standard, Math.round((standard * Number(asked)) / 200));
}

/**
 * The fast-check parameters of a fuzzing property: {@link fuzzRuns} runs, and a time limit of three
 * quarters of {@link fuzzTimeout} (of `timeout`, the test's own in `npm test`). A property that fails
 * is shrunk, and each shrink step of a whole contract (or of three spawned CLIs) takes as long as a
 * run: a failing CLI property once spent six minutes shrinking, which vitest's timeout cannot stop in a synchronous property. At the limit,
 * fast-check stops and reports the failure with the smallest counterexample found so far; a property
 * that has not failed but has not finished by then fails as interrupted, as a timeout would.
 */
export function fuzzParameters(standard: number, timeout = 60_000) {
  return {
    numRuns: fuzzRuns(standard),
    interruptAfterTimeLimit: Math.round((fuzzTimeout(timeout) * 3) / 4),
    markInterruptAsFailure: true,
  } as const;
}
