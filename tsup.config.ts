import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

// The CLI is a thin layer over the library: dist/cli.js loads the library build at run time instead of
// bundling a second copy of it. Every import the CLI makes from the rest of src/ goes through
// ../index.js (the public API); any other would copy library code into cli.js, so the build refuses it.
// The CLI loads the CommonJS bundle (dist/index.cjs) with require: one file, where the ES modules build
// is some 400 (one per source file) that Node resolves and links one by one, and `import` of a CommonJS
// file would have Node scan its 750 KB for export names first. Start-up is a third of the CLI's time
// on a small file (issue 14); the two builds are the same source, so the CLI behaves the same.
const libraryFromCli = {
  name: "cli-requires-the-library-build",
  setup(build: Parameters<NonNullable<Options["esbuildPlugins"]>[number]["setup"]>[0]) {
    build.onResolve({ filter: /^\.\.\// }, (args) => {
      if (!/[\\/]src[\\/]cli[\\/]/.test(args.importer)) return undefined;
      if (args.path === "../index.js") return { path: "library", namespace: LIBRARY };
      if (args.path === "../../package.json") return undefined; // only `version` is inlined
      return {
        errors: [{ text: `src/cli may import the library only through ../index.js, not ${args.path}` }],
      };
    });
    build.onLoad({ filter: /.*/, namespace: LIBRARY }, () => ({
      contents: 'module.exports = require("./index.cjs");',
      loader: "js",
    }));
    build.onResolve({ filter: /^\.\/index\.cjs$/, namespace: LIBRARY }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};
const LIBRARY = "ratecard-library";
// An ES module has no `require`: the CLI's files make one (for dist/index.cjs, beside them).
const REQUIRE =
  'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);';

// The published JSON Schemas, written from the library just built so they can never drift from it.
async function writeJsonSchemas(): Promise<void> {
  // From the CommonJS build, the one this config has just written (the ES modules build in parallel).
  const library = createRequire(import.meta.url)(resolve("dist/index.cjs"));
  await writeFile("dist/invoice.schema.json", `${JSON.stringify(library.invoiceJsonSchema(), null, 2)}\n`);
  await writeFile("dist/contract.schema.json", `${JSON.stringify(library.contractJsonSchema(), null, 2)}\n`);
  await writeFile(
    "dist/expected-figures.schema.json",
    `${JSON.stringify(library.expectedFiguresJsonSchema(), null, 2)}\n`,
  );
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
  // The dependencies the API never hands out are bundled in, tree-shaken, so that `require` opens one
  // file: zod's own CommonJS entry requires all 40-odd of its message locales (some 90 files, none of
  // which ratecard uses), and date-fns, @date-fns/tz and @noble/hashes another 17; that was a fifth of
  // every CLI command's start-up (docs/architecture.md, "Start-up"). The ES modules build still imports
  // the copies the application installs. Schemas from the two zod copies compose (zod 4 reads a schema
  // by its `_zod` internals, not by class). decimal.js stays outside: a Decimal crosses the API.
  {
    entry: { index: "src/index.ts" },
    format: ["cjs"],
    noExternal: ["zod", "date-fns", "@date-fns/tz", "@noble/hashes", "fastest-levenshtein"],
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
    banner: { js: REQUIRE },
    esbuildPlugins: [libraryFromCli],
  },
]);
