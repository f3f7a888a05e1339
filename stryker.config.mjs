// Mutation testing of the core's money paths: `npm run mutation:<folder>` (a folder against its own
// tests, see vitest.stryker.config.ts) or `npm run mutation` (all five folders against every core test:
// hours on two cores). Not part of `npm test`.
// How to read the report and what every surviving mutant means: docs/testing-mutation.md.

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "src/money/**/*.ts",
    // Generated from the currency-codes package: a data table, every mutant would be static.
    "!src/money/iso4217.ts",
    "src/pricing/**/*.ts",
    "src/meters/**/*.ts",
    "src/rating/**/*.ts",
    "src/invoice/**/*.ts",
  ],
  // A static mutant (module-level code: tables, schemas, constants) runs against every test, about
  // 85 s each here: half of src/money is static, 92 % of the run. They are left out and counted as
  // ignored (docs/testing-mutation.md says what that leaves untested); STRYKER_INCLUDE_STATIC=1 runs them.
  ignoreStatic: process.env.STRYKER_INCLUDE_STATIC !== "1",
  // Vitest does not type-check, so the sandbox's files need no `// @ts-nocheck` header; with one,
  // test/money/iso4217.test.ts (the generated table's text equals the script's output) fails the dry run.
  disableTypeChecks: false,
  // Only the tests that cover a mutant run against it.
  coverageAnalysis: "perTest",
  // Two cores shared with other work.
  concurrency: 1,
  // A mutant that makes a loop endless times out: a generous factor, since the machine is busy.
  timeoutMS: 20_000,
  timeoutFactor: 2,
  // The initial run of test/invoice with test/schema took more than Stryker's default 5 minutes under a
  // load average of 30 (38 s on a quiet machine): it failed the whole run before any mutant was tested.
  dryRunTimeoutMinutes: 15,
  // Reuse the results of mutants whose code and tests did not change since the last run.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
