import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // builds dist/ once when it is missing or older than src/ (the CLI tests run dist/cli.js)
    globalSetup: ["test/_setup/buildDist.ts"],
    setupFiles: ["test/_setup/failOnConsole.ts", "test/_setup/fastCheckSeed.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
