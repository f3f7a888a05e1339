import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as source from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { asCsv, asJsonArray, asNdjson } from "../_support/usageFiles.js";

// Issue 9: the same input gives byte-identical invoice JSON, whatever the process time zone and locale,
// whichever build (ESM or CJS) rates it, in whatever order the events come and in whichever file format.
// The golden file is fixtures/golden-rich/expected.json, a rich contract whose every figure is worked
// out by hand in fixtures/golden-rich/README.md.

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");
const GOLDEN = join(ROOT, "fixtures", "golden-rich");
const CONTRACT = join(GOLDEN, "contract.json");
const USAGE = join(GOLDEN, "usage.ndjson");
const EXPECTED = readFileSync(join(GOLDEN, "expected.json"), "utf8");

/** Runs the built CLI with exactly `env` (plus PATH), nothing inherited from this process. */
function ratecard(args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const invoiceArgs = (usage: string, format: "json" | "text") => [
  "invoice",
  "--contract",
  CONTRACT,
  "--usage",
  usage,
  "--period",
  "2026-03",
  "--format",
  format,
  // the golden invoice is the first on ratecard: its grants (from the term start) start full
  "--credits-start-full",
];

/** Time zones with odd offsets and DST rules, and locales with other digits, separators and calendars. */
const ENVIRONMENTS: ReadonlyArray<Readonly<Record<string, string>>> = [
  { TZ: "UTC", LANG: "C" },
  { TZ: "Pacific/Chatham", LANG: "de_DE.UTF-8" },
  { TZ: "America/St_Johns", LC_ALL: "ar_EG.UTF-8" },
  { TZ: "Asia/Kathmandu", LANG: "tr_TR.UTF-8" },
  { TZ: "Australia/Lord_Howe", LC_ALL: "th_TH.UTF-8" },
];

let scratch = "";
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-determinism-"));
});

describe("determinism: the golden invoice", () => {
  it("is what the CLI prints, byte for byte, under every process time zone and locale", () => {
    // The environments really reach the process: a date and a number written with the defaults differ.
    const probe = ENVIRONMENTS.map(
      (env) =>
        spawnSync(
          process.execPath,
          ["-e", "process.stdout.write(new Date(0).toString() + (1234.5).toLocaleString())"],
          { encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env } },
        ).stdout,
    );
    expect(new Set(probe).size).toBe(ENVIRONMENTS.length);

    const texts = ENVIRONMENTS.map((env) => {
      const json = ratecard(invoiceArgs(USAGE, "json"), env);
      expect(json.stderr).toBe("");
      expect(json.stdout).toBe(EXPECTED);
      const text = ratecard(invoiceArgs(USAGE, "text"), env);
      expect(text.code).toBe(0);
      return text.stdout;
    });
    // the explanation in words is the same text in every environment too
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0]).toContain("Total €778.27.");
  });

  it("is the same for the events in any order and as NDJSON, CSV or a JSON array", () => {
    const events = readFileSync(USAGE, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Parameters<typeof asCsv>[0][number]);
    // reversed, and every third event first (a fixed shuffle: the test must not depend on a random order)
    const orders = [
      [...events].reverse(),
      [...events.filter((_, i) => i % 3 === 0), ...events.filter((_, i) => i % 3 !== 0)],
    ];
    const files = [
      ...orders.map((order, i) => write(`order${i}.ndjson`, asNdjson(order))),
      write("usage.csv", asCsv(events)),
      write("usage.json", asJsonArray(events)),
      write("reversed.csv", asCsv([...events].reverse())),
    ];
    for (const file of files) expect(ratecard(invoiceArgs(file, "json")).stdout).toBe(EXPECTED);
  });

  it("is what the ESM and the CJS builds rate, the same as the source", async () => {
    const builds = await loadBuilds();
    const events = readFileSync(USAGE, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as unknown);
    const json = JSON.parse(readFileSync(CONTRACT, "utf8")) as unknown;
    for (const build of [source, ...builds]) {
      const invoice = build.rateInvoice(build.parseContract(json), events, "2026-03", {
        creditsStartFull: true,
      });
      expect(`${JSON.stringify(invoice, null, 2)}\n`).toBe(EXPECTED);
    }
  });
});

describe("determinism: generated contracts (fuzzing)", () => {
  it("the ESM build, the CJS build and the source rate every contract and stream alike", {
    timeout: fuzzTimeout(),
  }, async () => {
    const builds = await loadBuilds();
    fc.assert(
      fc.property(contractScenarioArb(), streamArb(), (scenario, stream) => {
        const { period } = materialize(scenario);
        const events = eventsIn(stream, period);
        const outcomes = [source, ...builds].map((build) => {
          try {
            const contract = build.parseContract(scenario.json);
            return JSON.stringify(build.rateInvoice(contract, events, period, { creditsStartFull: true }));
          } catch (error) {
            const { name, code, path, message } = error as source.RatecardError;
            return JSON.stringify({ name, code, path, message });
          }
        });
        expect(outcomes[1]).toBe(outcomes[0]);
        expect(outcomes[2]).toBe(outcomes[0]);
      }),
      fuzzParameters(40),
    );
  });
});

type Build = Pick<typeof source, "parseContract" | "rateInvoice">;

/** The library as published: dist/index.js imported as ESM, dist/index.cjs required as CJS. */
async function loadBuilds(): Promise<[Build, Build]> {
  const esm = (await import(pathToFileURL(join(ROOT, "dist", "index.js")).href)) as Build;
  const cjs = createRequire(import.meta.url)(join(ROOT, "dist", "index.cjs")) as Build;
  return [esm, cjs];
}

function write(name: string, content: string): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}
