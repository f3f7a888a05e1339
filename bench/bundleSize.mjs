// What a browser or edge bundle of ratecard weighs: each entry below is bundled with esbuild (the bundler
// tsup runs on) for the browser, minified and tree-shaken, from the published build (dist/index.js, what
// an application imports) and reported in minified and gzipped bytes, with the part that is zod's.
// Sizes are bytes, not timings, so they are the same on every machine for the same code and versions.
// `node bench/bundleSize.mjs [--json FILE]` (after a build); `npm run bench` runs it too.
import { writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Each entry: a name, and the imports an application would write. */
export const ENTRIES = [
  { name: "whole library", source: `export * from "./dist/index.js";` },
  {
    name: "rating core (rateInvoice, parseContract)",
    source: `export { rateInvoice, parseContract } from "./dist/index.js";`,
  },
  { name: "explainText", source: `export { explainText } from "./dist/index.js";` },
  {
    name: "money (toDecimal, roundTo, allocate)",
    source: `export { toDecimal, roundTo, allocate } from "./dist/index.js";`,
  },
];

const sizeOf = (bytes) => ({ minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length });

/** Bundles one entry and returns its minified and gzipped bytes and how many of the minified are zod's. */
export async function bundleSize(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const bytesFrom = (pattern) =>
    Object.entries(inputs)
      .filter(([path]) => pattern.test(path))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return {
    ...sizeOf(output.contents),
    zodMinified: bytesFrom(/node_modules[\\/]zod[\\/]/),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);

/** Measures every entry, prints a table, and returns the figures by name. */
export async function benchBundleSize() {
  console.log("\nbundle size (esbuild --bundle --minify, browser, from dist/index.js)");
  console.log(
    `  ${"entry".padEnd(50)} ${"minified".padStart(9)} ${"gzipped".padStart(9)} ${"of it zod".padStart(9)}`,
  );
  const figures = {};
  for (const entry of ENTRIES) {
    const size = await bundleSize(entry.source);
    figures[entry.name] = size;
    console.log(
      `  ${entry.name.padEnd(50)} ${kb(size.minified)} ${kb(size.gzipped)} ${kb(size.zodMinified)}`,
    );
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchBundleSize();
  const jsonAt = process.argv.indexOf("--json");
  if (jsonAt !== -1) {
    const file = process.argv[jsonAt + 1];
    if (file === undefined) throw new Error("--json needs a file name");
    await writeFile(file, `${JSON.stringify(figures, null, 2)}\n`);
  }
}
