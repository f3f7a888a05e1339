import { BaseSequencer, type TestSpecification } from "vitest/node";

// The files that took longest in full runs, slowest first: seconds from vitest's report of the CI run
// of 7 December 2026 (`npm test` on 2 cores, two workers, session 38), and from the files alone
// after they changed. Vitest's own order puts the files that took longest last time first, but CI runs
// on a clean clone without that record and falls back to the largest files first, which left the SQL
// fuzzing (3 KB files, minutes of ClickHouse planning) to start near the end, alone. Longest first, the
// two workers stay busy to the end, the short files filling in beside the long ones. A file missing
// from the list is sorted as vitest would; a name here that no longer exists is ignored.
const SLOWEST = [
  "test/cli/enginesAgree.test.ts", // 162: 258 CLI processes
  // 88: ClickHouse planning the hand-worked cases' queries (less since refused timestamps share a query:
  // ten epoch counts in two, 15.6 s to 7.4 s; six ISO texts in one, 25.5 s to 9.6 s at load 10)
  "test/sql/clickhouse.test.ts",
  // The SQL fuzzing, six files of two cases (42–56 each; ClickHouse plans each case's query for 10–27 s
  // of CPU)
  "test/sql/equivalence3.property.test.ts",
  "test/sql/equivalence5.property.test.ts",
  "test/sql/equivalence2.property.test.ts",
  "test/sql/equivalence6.property.test.ts",
  "test/sql/equivalence4.property.test.ts",
  "test/sql/equivalence.property.test.ts",
  "test/cli/commitmentSpend.test.ts", // 60 with 121 CLI processes (now 64)
  "test/package/packedTarball.test.ts", // 22: npm pack, tsc
  "test/cli/duckdbEngine.test.ts", // 21
  "test/cli/carryFiles.test.ts", // 21
  "test/cli/conventions.test.ts", // 21
  "test/adversarial/cli.test.ts", // 20
  "test/explain/workbook/calc.test.ts", // 20: LibreOffice
  "test/cli/check.test.ts", // 18
  "test/cli/cli.test.ts", // 18
  "test/cli/enginesAgreeRefusedEvents.test.ts", // 18
  "test/cli/batchEngine.test.ts", // 15
  // typedoc: 34 until it left type errors to tsc; 30.7 CPU seconds alone then, 13.8 now (about 15 estimated)
  "test/docs/apiReference.test.ts",
  "test/cli/enginesAgreeCsvQuotes.test.ts", // 15
  "test/cli/batchCarry.test.ts", // 14
  "test/cli/enginesAgreeEpoch.test.ts", // 14
  "test/cli/engineAuto.test.ts", // 13
  "test/docs/disputes.test.ts", // 12
  "test/cli/balancesCreditNote.test.ts", // 12
  "test/cli/batchBadEvents.test.ts", // 12
  "test/cli/batch.test.ts", // 12
  "test/cli/determinism.test.ts", // 12
  "test/adversarial/usage.test.ts", // 12
  "test/cli/diffReconcile.test.ts", // 12
  "test/docs/codeBlocks.test.ts", // 10: tsc
  "test/sql/postgres.test.ts", // 10: PGlite
];

/** Vitest's sequencer, with the files known to be slowest moved to the front in {@link SLOWEST}'s order. */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOWEST.indexOf(file.moduleId.slice(file.project.config.root.length + 1));
      return index === -1 ? SLOWEST.length : index;
    };
    const sorted = await super.sort(files);
    // Array.prototype.sort is stable: the files not listed keep vitest's order, after the listed ones.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
