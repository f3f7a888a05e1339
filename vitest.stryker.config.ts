import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant (see stryker.config.mjs and docs/testing-mutation.md).
// Only in-process tests of the core: a test that spawns the CLI or installs the package runs the build
// in dist/, which Stryker never mutates, so it cannot kill a mutant and only costs time.
//
// STRYKER_TEST_FOLDERS (e.g. "money" or "pricing,schema,explain") narrows the tests to those folders of
// test/: `npm run mutation:<folder>` measures a folder by the tests written for it. A surviving mutant
// then runs every test that reaches its line, and the whole-invoice properties reach every line of
// src/money: a survivor cost up to a minute each, and src/money alone would have taken two hours.
const CORE_TEST_FOLDERS = [
  "money",
  "time",
  "schema",
  "meters",
  "pricing",
  "rating",
  "invoice",
  "explain",
  "fixtures",
];
const folders = process.env.STRYKER_TEST_FOLDERS?.split(",") ?? CORE_TEST_FOLDERS;

export default defineConfig({
  test: {
    include: folders.map((folder) => `test/${folder.trim()}/**/*.test.ts`),
    // Millions of additions: under a second in `npm test`, past the test timeout once instrumented.
    // A browser test (test/explain/*.browser.test.ts) renders a page in a browser and the fixture
    // generators test spawns the seeded scripts under fixtures/_generators: neither runs src/ in
    // process, so neither can kill a mutant and both only cost time. The workbook's Calc tests
    // (test/explain/workbook/calc*.test.ts) recalculate an exported workbook in LibreOffice and compare
    // it with the invoice it came from: a mutant changes both sides alike (and the formulas they check
    // are src/explain's, which is not mutated), while each costs a LibreOffice start.
    exclude: [
      "test/money/exactSumLongRuns.test.ts",
      "test/**/*.browser.test.ts",
      "test/fixtures/generators.test.ts",
      "test/explain/workbook/calc*.test.ts",
    ],
    // No globalSetup: nothing here reads dist/, so it is never built in Stryker's sandbox.
    setupFiles: ["test/_setup/failOnConsole.ts", "test/_setup/fastCheckSeed.ts"],
    // Fewer property runs (20 instead of 200; the fuzzing properties scale down with it, see
    // test/_support/fuzzRuns.ts) and a pinned seed, so a mutant meets the same cases on every run and
    // an incremental run can trust the results it reuses. Either can be set from the environment.
    env: {
      FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? "20",
      FC_SEED: process.env.FC_SEED ?? "20260301",
    },
    testTimeout: 60_000,
    pool: "threads",
    // One module graph for every test file: the initial run takes 38 s instead of 144 s. Mutants are
    // switched on at run time (a global), so a module loaded once serves every mutant.
    isolate: false,
  },
});
