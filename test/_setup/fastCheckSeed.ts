import fc from "fast-check";

// The seed is random in CI and printed on failure by fast-check ("seed: …, path: …"), so any
// counterexample can be replayed with FC_SEED=<seed>. Set FC_SEED to pin it locally.
const pinned = process.env.FC_SEED;
fc.configureGlobal({
  numRuns: Number(process.env.FC_NUM_RUNS ?? 200),
  ...(pinned !== undefined ? { seed: Number(pinned) } : {}),
});
