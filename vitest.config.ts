import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import SlowFilesFirst from "./test/_setup/slowFilesFirst.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // builds dist/ once when it is missing or older than src/ (the CLI tests run dist/cli.js)
    globalSetup: ["test/_setup/buildDist.ts"],
    setupFiles: ["test/_setup/failOnConsole.ts", "test/_setup/fastCheckSeed.ts"],
    testTimeout: 60_000,
    pool: "threads",
    // Vitest's default is one worker fewer than the cores: on CI's 2 cores, one worker ran every file in
    // turn, idle while a test waited for a CLI, LibreOffice or ClickHouse process. One worker per core.
    maxWorkers: availableParallelism(),
    // A worker keeps the modules it has imported from one test file to the next instead of importing
    // src/ afresh for each of ~400 files (that was about a third of the run). The setup files still run
    // for every file, vi.mock stays with the file that calls it, and vitest restores spies between files;
    // no test relies on a module imported afresh.
    isolate: false,
    sequence: { sequencer: SlowFilesFirst },
  },
});
