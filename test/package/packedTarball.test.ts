import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceJsonSchema } from "../../src/invoice/index.js";

// The package as an integrator gets it: `npm pack` of the built dist/, installed with npm into a scratch
// project, then used from ESM, from CommonJS, from TypeScript (node16 and bundler resolution, with
// skipLibCheck off so ratecard's own .d.ts files are checked) and through its bin. npm test builds dist/
// first. Cost: about 10 s to pack and install (dependencies from the npm cache when it has them,
// --prefer-offline) and 20–25 s for the two tsc runs, which run side by side.
const ROOT = join(import.meta.dirname, "..", "..");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const VERSION: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
const run = promisify(execFile);

let scratch = "";
let project = "";
let packedFiles: string[] = [];

// One event of the cdn-basic contract: 12,000 GB in North America, 10,000 × 0.08 + 2,000 × 0.06 =
// 920.00, plus the 500.00 platform fee = 1,420.00 (the other lines bill 0.00).
const USE = `
  const contract = parseContract(${readFileSync(join(ROOT, "fixtures", "cdn-basic", "contract.json"), "utf8")});
  const events = [{ id: "e1", type: "cdn.bandwidth", customer: "cus_northwind",
    timestamp: "2026-02-03T10:00:00Z", properties: { region: "na", gb: "12000" } }];
  const invoice = rateInvoice(contract, events, "2026-02");
  let typed = "no error";
  try { parseContract({}); } catch (error) { typed = isRatecardError(error) ? error.code : "untyped"; }
  process.stdout.write(JSON.stringify({ total: invoice.total, digest: invoice.digest.slice(0, 7), typed }));
`;

function npm(args: ReadonlyArray<string>, cwd: string): string {
  const result = spawnSync("npm", [...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_loglevel: "error" },
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

function node(args: ReadonlyArray<string>): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...args], { cwd: project, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "index.js")))
    throw new Error("dist/ is missing: run `npm run build` before the package tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-pack-"));
  const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", scratch], ROOT));
  packedFiles = packed[0].files.map((file: { path: string }) => file.path).sort();
  project = join(scratch, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
  npm(
    [
      "install",
      join(scratch, packed[0].filename),
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--no-package-lock",
    ],
    project,
  );
}, 180_000);

// Removing the scratch install (thousands of files) can take a while on a busy machine.
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
}, 120_000);

describe("the packed package", () => {
  it("ships the builds, the JSON Schemas, the licence and the readme, and no CommonJS CLI", () => {
    // The ES modules build is one module per source file, in a folder per layer (so that a bundler
    // drops what an application does not import); beside them, the files a package always has.
    const modules = packedFiles.filter((path) => /^dist\/[a-z]+\//.test(path));
    expect(modules).toContain("dist/money/parseDecimal.js");
    expect(modules.every((path) => path.endsWith(".js") && !path.startsWith("dist/cli/"))).toBe(true);
    expect(packedFiles.filter((path) => !modules.includes(path))).toEqual([
      "LICENSE",
      "README.md",
      "dist/batchWorker.js", // `ratecard batch`'s worker thread (a file of its own: a Worker loads a file)
      "dist/cli.js",
      "dist/contract.schema.json",
      "dist/expected-figures.schema.json",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "dist/invoice.schema.json",
      "package.json",
    ]);
  });

  it("has a CLI that requires the library build instead of carrying a second copy of it", () => {
    // The one-file CommonJS build: it loads in half the time of the ES modules' 400 files (issue 14).
    const cli = readFileSync(join(project, "node_modules", "ratecard", "dist", "cli.js"), "utf8");
    expect(cli).toMatch(/\b__require\("\.\/index\.cjs"\)/);
    expect(cli).toMatch(/\bissueCreditNote\)/);
    // the library's own code (its error class, its decimal setup) lives in index.js only
    expect(cli).not.toMatch(/RatecardError = class|Decimal\$1\.clone|toJSONSchema/);
    // so does `ratecard batch`'s worker thread
    const worker = readFileSync(join(project, "node_modules", "ratecard", "dist", "batchWorker.js"), "utf8");
    expect(worker).toMatch(/\b__require\("\.\/index\.cjs"\)/);
    expect(worker).not.toMatch(/RatecardError = class|Decimal\$1\.clone|toJSONSchema/);
  });

  it("rates an invoice when imported from ESM", () => {
    const result = node([
      "--input-type=module",
      "-e",
      `import { isRatecardError, parseContract, rateInvoice } from "ratecard";${USE}`,
    ]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      total: "1420.00",
      digest: "sha256:",
      typed: "missing_field",
    });
  });

  it("rates the same invoice when required from CommonJS", () => {
    const result = node([
      "--input-type=commonjs",
      "-e",
      `const { isRatecardError, parseContract, rateInvoice } = require("ratecard");${USE}`,
    ]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({
      total: "1420.00",
      digest: "sha256:",
      typed: "missing_field",
    });
  });

  it("opens no dependency's files but decimal.js when required from CommonJS (docs/architecture.md, Start-up)", () => {
    // zod's CommonJS entry alone required some 90 files (its message locales among them), date-fns,
    // @date-fns/tz and @noble/hashes 17 more: each a lookup, a read and a compile before a command starts.
    const result = node([
      "--input-type=commonjs",
      "-e",
      `const Module = require("node:module");
       const opened = new Set();
       const resolve = Module._resolveFilename;
       Module._resolveFilename = function (...args) {
         const file = resolve.apply(this, args);
         const parts = file.split(require("node:path").sep);
         const at = parts.lastIndexOf("node_modules");
         if (at >= 0) opened.add(parts[at + 1].startsWith("@") ? parts[at + 1] + "/" + parts[at + 2] : parts[at + 1]);
         return file;
       };
       require("ratecard");
       process.stdout.write(JSON.stringify([...opened].sort()));`,
    ]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(["decimal.js", "ratecard"]);
  });

  it("gives CommonJS schemas that compose with the application's own zod 4", () => {
    // The CommonJS build carries its own copy of zod; zod 4 reads a schema by its internals, so a
    // contract schema nests in an object schema of the application's zod, with the path through it.
    const result = node([
      "--input-type=commonjs",
      "-e",
      `const { contractSchema } = require("ratecard");
       const { z } = require("zod");
       const contract = ${readFileSync(join(ROOT, "fixtures", "cdn-basic", "contract.json"), "utf8")};
       const wrapped = z.object({ contract: contractSchema, note: z.string() });
       const good = wrapped.safeParse({ contract, note: "x" });
       const bad = wrapped.safeParse({ contract: { ...contract, currency: 5 }, note: "x" });
       process.stdout.write(JSON.stringify([good.success, bad.success, bad.error.issues[0].path]));`,
    ]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([true, false, ["contract", "currency"]]);
  });

  it("recognises an error of the CommonJS build with the ESM build's isRatecardError, and back", () => {
    const result = node([
      "--input-type=module",
      "-e",
      `import { createRequire } from "node:module";
       import * as esm from "ratecard";
       const cjs = createRequire(process.cwd() + "/")("ratecard");
       const fromCjs = new cjs.ContractError("invalid_field", "id", "x");
       const fromEsm = new esm.UsageError("invalid_event", "[0]", "x");
       process.stdout.write(JSON.stringify([esm.RatecardError === cjs.RatecardError,
         esm.isRatecardError(fromCjs), cjs.isRatecardError(fromEsm), esm.isRatecardError(new Error("x"))]));`,
    ]);
    expect(result.stderr).toBe("");
    // two copies of the class (so instanceof cannot tell), one mark
    expect(JSON.parse(result.stdout)).toEqual([false, true, true, false]);
  });

  it("type-checks in TypeScript with node16 and with bundler resolution, skipLibCheck off", async () => {
    const consumer = `import { type Decimal, type Invoice, isRatecardError, toDecimal } from "ratecard";
export const price: Decimal = toDecimal("0.08", "price");
export const total = (invoice: Invoice): string => invoice.total;
export const typed = (error: unknown): boolean => isRatecardError(error);
`;
    const options = { target: "ES2022", strict: true, skipLibCheck: false, noEmit: true, types: [] };
    const projects = [
      { dir: "node16", file: "use.mts", module: "node16", moduleResolution: "node16" },
      { dir: "bundler", file: "use.ts", module: "esnext", moduleResolution: "bundler" },
    ];
    for (const { dir, file, module, moduleResolution } of projects) {
      mkdirSync(join(project, dir));
      writeFileSync(join(project, dir, file), consumer);
      writeFileSync(
        join(project, dir, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { ...options, module, moduleResolution }, include: [file] }),
      );
    }
    // A CommonJS consumer under node16 too: `import x = require()` resolves the .d.cts types.
    writeFileSync(
      join(project, "node16", "use.cts"),
      'import ratecard = require("ratecard");\nexport const price: ratecard.Decimal = ratecard.toDecimal("1", "p");\n',
    );
    writeFileSync(
      join(project, "node16", "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { ...options, module: "node16", moduleResolution: "node16" },
        include: ["use.mts", "use.cts"],
      }),
    );
    const results = await Promise.allSettled(
      projects.map(({ dir }) => run(process.execPath, [TSC, "-p", join(project, dir)], { cwd: project })),
    );
    const failures = results.flatMap((result, index) =>
      result.status === "rejected"
        ? [
            `${projects[index]!.dir}: ${(result.reason as { stdout?: string }).stdout ?? String(result.reason)}`,
          ]
        : [],
    );
    expect(failures).toEqual([]);
  }, 120_000);

  it("runs `npx ratecard --version` from the installed bin, printing the package version", () => {
    const result = spawnSync("npx", ["--no-install", "ratecard", "--version"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect([result.status, result.stdout]).toEqual([0, `${VERSION}\n`]);
  });

  it("ships the invoice's JSON Schema, equal to invoiceJsonSchema()", () => {
    const result = node([
      "--input-type=commonjs",
      "-e",
      'process.stdout.write(JSON.stringify(require("ratecard/invoice.schema.json")))',
    ]);
    expect(JSON.parse(result.stdout)).toEqual(invoiceJsonSchema());
  });
});
