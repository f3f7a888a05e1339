import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// The CLI is a thin layer over the library: dist/cli.js imports the library build (./index.js) at run
// time instead of bundling a second copy of it. Every import the CLI makes from the rest of src/ goes
// through ../index.js (the public API); any other would copy library code into cli.js, so the build
// refuses it.
const libraryFromCli = {
  name: "cli-imports-the-library-build",
  setup(build: Parameters<NonNullable<Options["esbuildPlugins"]>[number]["setup"]>[0]) {
    build.onResolve({ filter: /^\.\.\// }, (args) => {
      if (!/[\\/]src[\\/]cli[\\/]/.test(args.importer)) return undefined;
      if (args.path === "../index.js") return { path: "./index.js", external: true };
      if (args.path === "../../package.json") return undefined; // only `version` is inlined
      return {
        errors: [{ text: `src/cli may import the library only through ../index.js, not ${args.path}` }],
      };
    });
  },
};

// The published JSON Schemas, written from the library just built so they can never drift from it.
async function writeJsonSchemas(): Promise<void> {
  // From the CommonJS build, the one this config has just written (the ES modules build in parallel).
  const library = createRequire(import.meta.url)(resolve("dist/index.cjs"));
  await writeFile("dist/invoice.schema.json", `${JSON.stringify(library.invoiceJsonSchema(), null, 2)}\n`);
  await writeFile("dist/contract.schema.json", `${JSON.stringify(library.contractJsonSchema(), null, 2)}\n`);
}

export default defineConfig([
  // The library (pure, no node: imports) for `import`: one ES module per source file (dist/index.js and
  // dist/<folder>/*.js), not one bundle. With `"sideEffects": false` an application's bundler then drops
  // every module it does not reach, schemas included; in a single bundle every schema is a top-level
  // call a bundler must keep (see bench/bundleSize.mjs and docs/architecture.md, "Size"). It cleans dist/
  // but leaves cli.js, which the CLI build writes at the same time.
  {
    entry: ["src/**/*.ts", "!src/cli/**"],
    format: ["esm"],
    bundle: false,
    dts: { entry: { index: "src/index.ts" } },
    target: "node20",
    platform: "node",
    sourcemap: false,
    clean: ["!cli.js", "!batchWorker.js", "!index.cjs", "!index.d.ts", "!index.d.cts"],
    splitting: false,
  },
  // The library for `require` as one CommonJS bundle (require has no tree-shaking to serve) with its
  // types (.d.cts), and the JSON Schemas written from the ESM build.
  {
    entry: { index: "src/index.ts" },
    format: ["cjs"],
    dts: { entry: { index: "src/index.ts" } },
    target: "node20",
    platform: "node",
    sourcemap: false,
    clean: false,
    splitting: false,
    treeshake: true,
    onSuccess: writeJsonSchemas,
  },
  // The CLI (the only place with fs/process): ESM only, the bin of the package.
  {
    // batchWorker: the worker thread of `ratecard batch`, a file of its own beside cli.js.
    entry: { cli: "src/cli/main.ts", batchWorker: "src/cli/batchWorker.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: false,
    clean: false,
    splitting: false,
    treeshake: true,
    esbuildPlugins: [libraryFromCli],
  },
]);
