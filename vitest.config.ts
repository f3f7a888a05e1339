import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/_setup/failOnConsole.ts", "test/_setup/fastCheckSeed.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
