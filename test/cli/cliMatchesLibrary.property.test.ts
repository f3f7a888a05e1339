import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Invoice, type RatecardError, rateInvoice } from "../../src/index.js";
import { eventsIn, streamArb } from "../_arbitraries/eventStreams.js";
import { contractScenarioArb, materialize } from "../_arbitraries/wholeContracts.js";
import { expectTypedRefusal } from "../_laws/typedRefusal.js";
import { fuzzParameters, fuzzTimeout } from "../_support/fuzzRuns.js";
import { asCsv, asJsonArray, asNdjson } from "../_support/usageFiles.js";

// Issue 9: the CLI is the library. For generated contracts and event streams, `ratecard invoice
// --format json` prints exactly `rateInvoice`'s invoice (two-space JSON and a newline), whether the
// events come as NDJSON, CSV or a JSON array; and when the library refuses, the CLI exits 2 with the
// library's message and no stack. The period may come after a credit grant started, with no earlier
// invoice, so both rate with grants starting full (`creditsStartFull`, `--credits-start-full`). The CLI
// streams the file twice (a hash pass, then the events); the library rates an array in memory: two
// different paths to the same bytes. Each run spawns the CLI three times, so the run count stays
// modest; FC_NUM_RUNS scales it (test/_support/fuzzRuns.ts).

// Two minutes, where the fuzzing properties have one (fast-check stops at three quarters: 90 s). The
// file's time is its 18 CLI processes (about 0.25 s each, nearly all of it node and the CLI starting:
// 4.9 of the property's 5 s alone, 7 December 2026), each one format's check of one run: fewer would
// check less. On a 2-core host at load 12 the property took 40.9 s of its 45.
const TIMEOUT_MS = 120_000;

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "dist", "cli.js");

let scratch = "";
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error("dist/cli.js is missing: run `npm run build` before the CLI tests");
  scratch = mkdtempSync(join(tmpdir(), "ratecard-cli-library-"));
});

function write(name: string, content: string): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe("the CLI prints what the library rates (fuzzing)", () => {
  it("for any generated contract and stream, as NDJSON, CSV or a JSON array", {
    timeout: fuzzTimeout(TIMEOUT_MS),
  }, () => {
    fc.assert(
      // Term and trial dates are local dates, so every period can be written as --period; properties
      // are text, so the CSV file carries the same events as the JSON ones.
      fc.property(contractScenarioArb({ datesOnly: true }), streamArb(25), (scenario, stream) => {
        const { contract, period, label } = materialize(scenario);
        const events = eventsIn(stream, period, { textOnly: true });
        let invoice: Invoice | undefined;
        let refusal: RatecardError | undefined;
        try {
          invoice = rateInvoice(contract, events, label, { creditsStartFull: true });
        } catch (error) {
          expectTypedRefusal(error); // a crash fails here, with its stack
          refusal = error as RatecardError;
        }
        const contractFile = write("contract.json", JSON.stringify(scenario.json, null, 2));
        const files = [
          write("usage.ndjson", asNdjson(events)),
          write("usage.csv", asCsv(events)),
          write("usage.json", asJsonArray(events)),
        ];
        for (const usage of files) {
          const args = ["invoice", "--contract", contractFile, "--usage", usage, "--period", label];
          const full = "--credits-start-full";
          const result = spawnSync(process.execPath, [CLI, ...args, full, "--format", "json"], {
            cwd: ROOT,
            encoding: "utf8",
          });
          if (refusal !== undefined) {
            // the library's refusal, word for word, on one line: exit 2, no stack
            expect(result.status, result.stderr).toBe(2);
            expect(result.stderr).toBe(`ratecard: ${refusal.message}\n`);
          } else {
            expect(result.stderr, usage).toBe("");
            expect(result.stdout, usage).toBe(`${JSON.stringify(invoice, null, 2)}\n`);
          }
        }
      }),
      fuzzParameters(6, TIMEOUT_MS),
    );
  });
});
