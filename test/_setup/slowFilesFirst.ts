import { BaseSequencer, type TestSpecification } from "vitest/node";

// The files that took longest in full runs (`npx vitest run --reporter=json`, December 2026, seconds
// on 2 cores, one worker), slowest first. Vitest's own order puts the files that took longest last
// time first, but CI runs on a clean clone without that record and falls back to the largest files
// first, which left the SQL fuzzing (a 3 KB file, minutes of ClickHouse planning) to start near the
// end, alone. Started first, the long files run beside the short ones and both workers stay busy to the
// end. A file missing from the list is sorted as vitest would; a name here that no longer exists is
// ignored.
const SLOWEST = [
  // The SQL fuzzing, six files of two cases (ClickHouse plans each case's query for 11–21 s of CPU)
  "test/sql/equivalence.property.test.ts",
  "test/sql/equivalence2.property.test.ts",
  "test/sql/equivalence3.property.test.ts",
  "test/sql/equivalence4.property.test.ts",
  "test/sql/equivalence5.property.test.ts",
  "test/sql/equivalence6.property.test.ts",
  "test/cli/enginesAgree.test.ts", // 95–150: 258 CLI processes
  "test/sql/clickhouse.test.ts", // 40–45
  "test/docs/apiReference.test.ts", // 25–45: typedoc
  "test/package/packedTarball.test.ts", // 14–23: npm pack, tsc
  "test/docs/codeBlocks.test.ts", // 18–20: tsc
  "test/cli/commitmentSpend.test.ts", // 17–30
  "test/cli/duckdbEngine.test.ts", // 18–23
  "test/cli/conventions.test.ts", // 12–27
  "test/adversarial/cli.test.ts", // 14–20
  "test/explain/workbook/calc.test.ts", // 13–16: LibreOffice
  "test/cli/cli.test.ts", // 10–17
  "test/docs/disputes.test.ts", // 10–13
  "test/cli/cliMatchesLibrary.property.test.ts", // 9–11
  "test/cli/determinism.test.ts", // 9–11
  "test/cli/batchEngine.test.ts", // 10
  "test/cli/engineAuto.test.ts", // 10
  "test/explain/workbook/calc.property.test.ts", // 8–9: LibreOffice
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
