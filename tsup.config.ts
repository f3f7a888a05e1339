import { defineConfig } from "tsup";

// Two entries: the library (pure, no node: imports) and the CLI (the only place with fs/process).
// Both ship as ESM + CJS with .d.ts / .d.cts so `import` and `require` users get types.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  target: "node20",
  platform: "node",
  sourcemap: false,
  clean: true,
  splitting: false,
  treeshake: true,
});
