import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
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
  const url = `${pathToFileURL("dist/index.js").href}?build=${Date.now()}`;
  const library = await import(url);
  await writeFile("dist/invoice.schema.json", `${JSON.stringify(library.invoiceJsonSchema(), null, 2)}\n`);
  await writeFile("dist/contract.schema.json", `${JSON.stringify(library.contractJsonSchema(), null, 2)}\n`);
}

export default defineConfig([
  // The library (pure, no node: imports) as ESM + CJS with .d.ts / .d.cts, so `import` and `require`
  // users get types. It cleans dist/ but leaves cli.js, which the other build writes at the same time.
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: { entry: { index: "src/index.ts" } },
    target: "node20",
    platform: "node",
    sourcemap: false,
    clean: ["!cli.js"],
    splitting: false,
    treeshake: true,
    onSuccess: writeJsonSchemas,
  },
  // The CLI (the only place with fs/process): ESM only, the bin of the package.
  {
    entry: { cli: "src/cli/main.ts" },
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
